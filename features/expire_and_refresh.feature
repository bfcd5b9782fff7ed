Feature: Expire and refresh
  An expired attribute is reloaded from the database the next time it is read; refresh() reloads
  at once. Both throw away changes not yet flushed. What the reload sees depends on the backend's
  isolation level and on whether the row still exists. It bites as "my change disappeared" and as
  ObjectDeletedError far from the code that deleted the row.

  Background:
    Given the users Alice and Bob exist

  @EX5
  Scenario: expire(obj) expires every attribute without emitting SQL
    Given Alice is loaded
    When I expire Alice
    Then every attribute of Alice is expired
    And no SQL was emitted

  @EX5
  Scenario: expire(obj, ["name"]) expires only that attribute
    Given Alice is loaded
    When I expire Alice's name
    Then the expired attributes of Alice are name

  @EX5 @api:sync
  Scenario: Reading an expired attribute emits one SELECT that reloads every expired attribute
    Given Alice is loaded
    And I expire Alice
    When I read Alice's name
    Then exactly 1 SELECT of users was emitted
    And the value read is "Alice"
    And no attribute of Alice is expired

  @EX5 @AS2 @api:async
  Scenario: Under AsyncSession reading an expired attribute raises instead of reloading it
    Given Alice is loaded
    And I expire Alice
    When I try to read Alice's name
    Then the implicit IO was refused with MissingGreenlet
    And every attribute of Alice is expired
    And Alice's name is "Alice"

  @EX5
  Scenario: Reading an attribute that was not expired emits no SQL
    Given Alice is loaded
    And I expire Alice's name
    When I read Alice's email
    Then no SQL was emitted
    And the value read is "alice@example.com"

  @EX6 @api:sync
  Scenario: expire() discards an unflushed change: the next read loads the database value
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I expire Alice
    And I read Alice's name
    Then the value read is "Alice"
    And exactly 1 SELECT of users was emitted
    And no UPDATE was emitted

  @EX6 @AS2
  Scenario: expire() discards an unflushed change: refresh() shows the database value
    The way to read it again under AsyncSession too: refresh() is awaited, a read is not.

    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I expire Alice
    And I refresh Alice
    Then Alice's name is "Alice"
    And exactly 1 SELECT of users was emitted
    And no UPDATE was emitted

  @EX7
  Scenario: refresh() emits a SELECT at once and overwrites an in-memory change
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I refresh Alice
    Then exactly 1 SELECT of users was emitted
    And Alice's name is "Alice"
    And Alice is not modified

  @EX7
  Scenario: refresh() of a pending object raises InvalidRequestError
    Given I add a new user Dave
    When I try to refresh Dave
    Then an InvalidRequestError was raised saying "is not persistent within this Session"
    And no SQL was emitted

  @EX8
  Scenario: refresh(obj, ["name"]) refreshes only that attribute
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    And I set Alice's email to "alicia@example.com"
    When I refresh Alice's name
    Then Alice's name is "Alice"
    And Alice's email is "alicia@example.com"
    And the SQL emitted was:
      """
      SELECT users.name FROM users WHERE users.id = ?
      """

  @EX9 @DV7 @fact:transaction_reads_a_snapshot @fact:transaction_begins_with_any_statement @fact:readers_block_writers
  Scenario Outline: refresh() inside one transaction after another session tried to commit an update
    PostgreSQL's READ COMMITTED refresh sees the commit; MariaDB's default REPEATABLE READ keeps
    the snapshot of the transaction's first read (READ COMMITTED, as Django configures it, would
    see it). With pysqlite's default handling the first SELECT opened no transaction, so refresh
    sees the commit; with real SQLite transactions the first session's read blocks the commit.

    Given Alice is loaded
    When another session tries to set Alice's name to "Alicia" and commit
    And I refresh Alice
    Then the other session's commit <commit>
    And Alice's name is <name>

    Examples:
      | readers_block_writers | transaction_reads_a_snapshot | commit                                                   | name     |
      | no                    | no                           | went through                                             | "Alicia" |
      | yes                   | no                           | failed with OperationalError saying "database is locked" | "Alice"  |
      | no                    | yes                          | went through                                             | "Alice"  |

  @EX10 @api:sync
  Scenario: An expired object whose row another session deleted raises ObjectDeletedError
    Given Alice is loaded
    And I commit the session
    And another session deletes Alice and commits
    When I try to read Alice's name
    Then an ObjectDeletedError was raised
    And exactly 1 SELECT of users was emitted

  @EX10 @IM8
  Scenario: get() of an expired object whose row another session deleted returns None
    get() finds Alice in the identity map, expired: reloading her finds no row, and get() then
    looks the key up once more, so two identical SELECTs are emitted.

    Given Alice is loaded
    And I commit the session
    And another session deletes Alice and commits
    When I get Alice by primary key
    Then the object returned is None
    And exactly 2 SELECTs of users were emitted

  @EX11
  Scenario: expire_all() expires every object in the session
    Given Alice is loaded
    And Bob is loaded
    When I expire all objects in the session
    Then every attribute of Alice is expired
    And every attribute of Bob is expired
    And no SQL was emitted

  @EX11 @api:sync
  Scenario: After expire_all() each object reloads on its own first access
    Given Alice is loaded
    And Bob is loaded
    And I expire all objects in the session
    When I read Alice's name
    And I read Bob's name
    Then exactly 2 SELECTs of users were emitted

  @EX12
  Scenario: rollback() expires loaded objects as commit() does
    Given Alice is loaded
    When I roll back the session
    Then every attribute of Alice is expired
    And no SQL was emitted
