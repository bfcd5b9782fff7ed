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

  @TX4
  Scenario: rollback() reverts a modified attribute to the database value
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    When I roll back the session
    Then Alice's name is "Alice"

  @TX2
  Scenario: commit() makes new rows permanent and visible to a new session
    Given I add a new user Dave
    When I commit the session
    Then a new session finds Dave

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

  @TX6
  Scenario: After a failed flush the session refuses work until rollback()
    Given I add a new user Alicia with email "alice@example.com"
    And I try to flush the session
    When I try to load Bob
    Then a PendingRollbackError was raised

  @TX7
  Scenario: After rollback() the session works again
    Given I add a new user Alicia with email "alice@example.com"
    And I try to flush the session
    When I roll back the session
    And I load Bob
    Then Bob's email is "bob@example.com"
    And Alicia is transient

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
