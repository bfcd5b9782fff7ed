Feature: Transactions, rollback and savepoints
  A session works inside a transaction: nothing it writes is permanent, or visible to anyone
  else, until commit(). rollback() throws the transaction away and puts the session's objects
  back as they were. It bites after an error: a failed flush leaves the session refusing all
  work until you roll back, and a savepoint lets you undo part of a transaction instead of all.

  Background:
    Given the users Alice and Bob exist
    And a session

  @TX4
  Scenario: rollback() discards a pending object
    Given I add a new user Dave
    When I roll back the session
    Then Dave is transient
    And Dave is not in the session

  @TX4 @EX12 @api:sync
  Scenario: rollback() reverts a modified attribute to the database value, read on next access
    rollback() emits no SELECT: it expires Alice, and reading her name reloads it.

    Given Alice is loaded
    And I set Alice's name to "Alicia"
    And I roll back the session
    When I read Alice's name
    Then the value read is "Alice"
    And exactly 1 SELECT of users was emitted

  @TX4 @EX12 @AS2 @api:async
  Scenario: Under AsyncSession the reverted attribute cannot be read until it is refreshed
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    And I roll back the session
    When I try to read Alice's name
    Then the implicit IO was refused with MissingGreenlet
    And every attribute of Alice is expired
    And Alice's name is "Alice"

  @TX4
  Scenario: rollback() emits no SQL of its own
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    When I roll back the session
    Then no SQL was emitted
    And every attribute of Alice is expired

  @TX4
  Scenario: rollback() takes back a delete() that was not flushed
    Given Alice is loaded
    And I delete Alice
    When I roll back the session
    Then Alice is persistent
    And session.deleted is empty

  @TX2
  Scenario: commit() makes new rows permanent and visible to a new session
    Given I add a new user Dave
    When I commit the session
    Then a new session finds Dave
    And Dave is persistent

  @TX3 @UW8
  Scenario: Another session does not see flushed but uncommitted rows
    Given I add a new user Dave
    When I flush the session
    Then a new session does not find Dave
    And Dave is persistent

  @TX6
  Scenario: A duplicate email fails the flush with IntegrityError
    Given I add a new user Alicia with email "alice@example.com"
    When I try to flush the session
    Then an IntegrityError was raised
    And the session is not active

  @TX6
  Scenario: After a failed flush the session refuses work until rollback()
    Given I add a new user Alicia with email "alice@example.com"
    And I try to flush the session
    When I try to load Bob
    Then a PendingRollbackError was raised
    And no SQL was emitted

  @TX6
  Scenario: After a failed flush commit() is refused too
    Given I add a new user Alicia with email "alice@example.com"
    And I try to flush the session
    When I try to commit the session
    Then a PendingRollbackError was raised
    And a new session does not find Alicia

  @TX7
  Scenario: After rollback() the session works again
    Given I add a new user Alicia with email "alice@example.com"
    And I try to flush the session
    When I roll back the session
    And I load Bob
    Then Bob's email is "bob@example.com"
    And Alicia is transient
    And the session is active

  @TX8
  Scenario: Rolling back a savepoint undoes only what was flushed inside it
    Given I add a new user Dave
    And I flush the session
    When I begin a savepoint
    And I add a new user Erin
    And I flush the session
    And I roll back the savepoint
    Then Erin is transient
    And Dave is persistent
    And exactly 1 SAVEPOINT was emitted
    And exactly 1 ROLLBACK TO SAVEPOINT was emitted

  @TX8
  Scenario: A savepoint that is never used emits no SAVEPOINT
    SQLAlchemy 2.1 emits SAVEPOINT when the nested transaction first needs the connection.

    Given I load Alice
    When I begin a savepoint
    And I roll back the savepoint
    Then no SQL was emitted
    And the session is in a transaction

  @TX8
  Scenario: Releasing a savepoint keeps its rows for the outer transaction to decide
    Given I add a new user Dave
    And I flush the session
    And I begin a savepoint
    And I add a new user Erin
    And I commit the savepoint
    When I roll back the session
    Then a new session does not find Erin
    And a new session does not find Dave
    And Erin is transient

  @TX8 @fact:transaction_begins_with_any_statement
  Scenario Outline: A savepoint as the transaction's first statement, released, then the outer rollback
    With pysqlite's default transaction handling nothing sends BEGIN before the SAVEPOINT, so
    SQLite treats the SAVEPOINT as the transaction itself: releasing it commits Erin for good
    and the outer rollback has nothing to undo. SQLAlchemy's own test suite treats savepoints
    as unsupported on pysqlite in that mode; with real transactions SQLite behaves as the
    servers do.

    Given I begin a savepoint
    And I add a new user Erin
    And I commit the savepoint
    When I roll back the session
    Then a new session <verdict> Erin

    Examples:
      | transaction_begins_with_any_statement | verdict       |
      | no                                    | finds         |
      | yes                                   | does not find |
