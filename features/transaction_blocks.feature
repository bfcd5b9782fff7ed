Feature: Transaction blocks and autobegin
  A session begins a transaction by itself on first use and keeps it until commit() or
  rollback(). The context managers decide the ending for you: session.begin() commits, or rolls
  back and re-raises; begin_nested() does the same for a SAVEPOINT; "with Session()" only closes,
  and so throws uncommitted work away. It bites as work that silently never reached the database.

  Background:
    Given the users Alice and Bob exist

  @TX1
  Scenario: A new session is not in a transaction
    When I open a session
    Then the session is not in a transaction
    And no SQL was emitted

  @TX1
  Scenario: The first use of a session begins a transaction
    When I load Alice
    Then the session is in a transaction

  @TX1
  Scenario: After commit() the session is out of a transaction until it is used again
    Given Alice is loaded
    And I commit the session
    When I load Bob
    Then the session is in a transaction

  @TX1
  Scenario: commit() ends the transaction
    Given Alice is loaded
    When I commit the session
    Then the session is not in a transaction

  @TX5
  Scenario: Rows flushed before rollback() are gone and their objects transient
    Given I add a new user Dave
    And I flush the session
    When I roll back the session
    Then Dave is transient
    And a new session does not find Dave

  @TX5
  Scenario: A flushed UPDATE rolled back leaves the row and the object as they were
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    And I flush the session
    When I roll back the session
    Then Alice's name is "Alice"
    And a new session reads Alice's name as "Alice"

  @TX9
  Scenario: A failed INSERT inside "with session.begin_nested()" undoes only the savepoint
    Given I add a new user Dave
    And I flush the session
    When I try to add a new user Alicia with email "alice@example.com" inside "with session.begin_nested()"
    Then an IntegrityError was raised
    And exactly 1 ROLLBACK TO SAVEPOINT was emitted
    And Dave is persistent
    And the session is in a transaction

  @TX9
  Scenario: After the failed savepoint the outer transaction can still commit
    Given I add a new user Dave
    And I flush the session
    And I try to add a new user Alicia with email "alice@example.com" inside "with session.begin_nested()"
    When I commit the session
    Then a new session finds Dave
    And a new session does not find Alicia

  @TX10 @AS6
  Scenario: "with session.begin()" commits at the end of the block
    When I add a new user Dave inside "with session.begin()"
    Then a new session finds Dave
    And the session is not in a transaction
    And Dave is persistent

  @TX10 @AS6
  Scenario: "with session.begin()" rolls back and re-raises on an exception
    When I try to add a new user Dave inside "with session.begin()" and raise ValueError in it
    Then a ValueError was raised
    And a new session does not find Dave
    And Dave is transient

  @TX11
  Scenario: "with Session() as session" closes without committing
    When I add a new user Dave inside "with Session() as session"
    Then a new session does not find Dave
    And Dave is transient

  @TX12 @AS6
  Scenario: "with sessionmaker.begin() as session" commits and closes at the end of the block
    When I add a new user Dave inside "with sessionmaker.begin() as session"
    Then a new session finds Dave
    And Dave is detached

  @TX12
  Scenario: "with sessionmaker.begin() as session" rolls back on an exception
    When I try to add a new user Dave inside "with sessionmaker.begin() as session" and raise ValueError in it
    Then a ValueError was raised
    And a new session does not find Dave
    And Dave is transient

  @TX11
  Scenario: "with Session() as session" discards even what it flushed
    When I add a new user Dave inside "with Session() as session" and flush in it
    Then exactly 1 INSERT of users was emitted
    And a new session does not find Dave

  @TX13 @fact:transaction_begins_with_any_statement
  Scenario Outline: Rolling back the outer transaction a session joined, after the session committed
    The test-isolation recipe: a test's session joins a connection's transaction with
    join_transaction_mode="create_savepoint", so the session's commit() releases a SAVEPOINT and
    rolling back the outer transaction discards everything. With pysqlite's default transaction
    handling no BEGIN reaches SQLite for the outer transaction before the SAVEPOINT, so the
    SAVEPOINT is the outermost transaction and releasing it commits Dave for good: the recipe
    needs SQLite's real transactions.

    Given a connection with a transaction begun on it
    And a session bound to that connection with join_transaction_mode="create_savepoint"
    And I add a new user Dave
    And I commit the session
    When I roll back the connection's transaction
    Then a new session <verdict> Dave

    Examples:
      | transaction_begins_with_any_statement | verdict       |
      | no                                    | finds         |
      | yes                                   | does not find |

  @TX13
  Scenario: A session joined with create_savepoint commits by releasing a SAVEPOINT
    Given a connection with a transaction begun on it
    And a session bound to that connection with join_transaction_mode="create_savepoint"
    And I add a new user Dave
    When I commit the session
    Then exactly 1 SAVEPOINT was emitted
    And exactly 1 RELEASE was emitted
    And the session is not in a transaction

  @TX14 @DV7 @fact:default_isolation_level
  Scenario Outline: Each backend's default isolation level
    When I load Alice
    Then the session's isolation level is <level>

    Examples:
      | default_isolation_level | level           |
      | SERIALIZABLE            | SERIALIZABLE    |
      | READ COMMITTED          | READ COMMITTED  |
      | REPEATABLE READ         | REPEATABLE READ |

  @TX14 @DV7 @fact:transaction_reads_a_snapshot @fact:transaction_begins_with_any_statement @fact:readers_block_writers
  Scenario Outline: Whether a query in an open transaction sees another session's later commit
    Under READ COMMITTED every statement sees what was committed before it began. Under
    MariaDB's default REPEATABLE READ the transaction keeps the snapshot of its first read
    (frameworks that switch MariaDB to READ COMMITTED, as Django does, get PostgreSQL's answer).
    SQLite reports SERIALIZABLE: with pysqlite's default handling the SELECT opened no
    transaction, so the next SELECT sees the commit; with real transactions the first session's
    read holds a lock, and the other session cannot commit at all.

    Given Alice is loaded
    When another session tries to set Alice's name to "Alicia" and commit
    And I load Alice again with populate_existing
    Then the other session's commit <commit>
    And Alice's name is <name>

    Examples:
      | readers_block_writers | transaction_reads_a_snapshot | commit                                                   | name     |
      | no                    | no                           | went through                                             | "Alicia" |
      | yes                   | no                           | failed with OperationalError saying "database is locked" | "Alice"  |
      | no                    | yes                          | went through                                             | "Alice"  |

  @KB11 @sqla:13744 @sqlalchemy:>=2.1
  Scenario: A savepoint in a session with an isolation_level execution option runs at that level
    The session's execution options were applied when its transaction took its connection: the
    SAVEPOINT is inside that transaction, at the level it already has, with nothing to apply.

    Given the session factory is sessionmaker(execution_options={"isolation_level": "SERIALIZABLE"})
    And Alice is loaded
    When I begin a savepoint
    And I load Bob
    Then the session's isolation level is SERIALIZABLE
