Feature: Connections and binds: Session.connection(), execution options, binds and join_transaction_mode
  A session talks to the database through one connection per engine for the length of a
  transaction. Session.connection() hands that connection out (and is where a transaction's
  isolation level is chosen), binds send each mapped class to an engine of its own, and a
  session bound to a connection that is already in a transaction joins it in one of four
  ways. It bites when an option arrives after the connection was procured and is ignored, when
  a textual statement goes to another database than the mapped class it names, or when a
  test's outer transaction is committed or rolled back by the session it lent its connection
  to.

  Background:
    Given the users Alice and Bob exist, each with a first post

  Rule: Session.connection() is the transaction's connection

    @SN21
    Scenario: Session.connection() begins the transaction and returns its connection, without SQL
      When I call session.connection()
      Then the session is in a transaction
      And the connection returned is in a transaction
      And no SQL was emitted

    @SN21
    Scenario: A second call of Session.connection() returns the same connection
      Given I call session.connection()
      When I call session.connection() again
      Then the last two connections returned are the same object

    @SN21
    Scenario: Session.connection() after a query returns the connection the query's transaction holds
      Given I load Alice
      And I call session.connection()
      When I load Bob
      And I call session.connection() again
      Then the last two connections returned are the same object
      And the connection returned is in a transaction

    @SN21
    Scenario: After commit() Session.connection() returns a new connection
      Given I call session.connection()
      And I commit the session
      When I call session.connection() again
      Then the last two connections returned are different objects

    @SN22 @fact:default_isolation_level
    Scenario Outline: execution_options given to the first Session.connection() set the transaction's isolation level
      The level chosen is one the backend's driver accepts and that is not its default
      (SQLite knows only SERIALIZABLE and READ UNCOMMITTED; asyncpg no READ UNCOMMITTED).

      When I call session.connection() with execution_options isolation_level="<level>"
      Then the session's isolation level is <level>

      Examples:
        | default_isolation_level | level            |
        | SERIALIZABLE            | READ UNCOMMITTED |
        | READ COMMITTED          | SERIALIZABLE     |
        | REPEATABLE READ         | SERIALIZABLE     |

    @SN22 @fact:default_isolation_level
    Scenario Outline: After commit() the next transaction has the default isolation level again
      Given I call session.connection() with execution_options isolation_level="<level>"
      And I commit the session
      When I load Alice
      Then the session's isolation level is <default>

      Examples:
        | default_isolation_level | level            | default         |
        | SERIALIZABLE            | READ UNCOMMITTED | SERIALIZABLE    |
        | READ COMMITTED          | SERIALIZABLE     | READ COMMITTED  |
        | REPEATABLE READ         | SERIALIZABLE     | REPEATABLE READ |

    @SN23 @fact:default_isolation_level
    Scenario Outline: execution_options given to Session.connection() once the connection is in use are ignored, with a warning
      Given I load Alice
      When I call session.connection() with execution_options isolation_level="<level>"
      Then SQLAlchemy warned "Connection is already established for the given bind; execution_options ignored"
      And the session's isolation level is <default>

      Examples:
        | default_isolation_level | level            | default         |
        | SERIALIZABLE            | READ UNCOMMITTED | SERIALIZABLE    |
        | READ COMMITTED          | SERIALIZABLE     | READ COMMITTED  |
        | REPEATABLE READ         | SERIALIZABLE     | REPEATABLE READ |

  Rule: execution_options given to session.execute() apply to that execution

    @SN24
    Scenario: autoflush=False given to session.execute() skips the autoflush of that query
      Given I add a new user Dave
      When I select all users ordered by name passing autoflush=False to session.execute()
      Then the users returned are Alice and Bob, in that order
      And no INSERT was emitted
      And Dave is pending

    @SN24
    Scenario: The next query without the option autoflushes again
      Given I add a new user Dave
      And I select all users ordered by name passing autoflush=False to session.execute()
      When I select all users ordered by name
      Then the users returned are Alice, Bob and Dave, in that order
      And exactly 1 INSERT of users was emitted

    @SN24
    Scenario: execution_options given to session.execute() override the statement's own
      Given I add a new user Dave
      When I select all users ordered by name from a statement carrying autoflush=False, passing autoflush=True to session.execute()
      Then the users returned are Alice, Bob and Dave, in that order
      And exactly 1 INSERT of users was emitted

    @SN24 @IM6
    Scenario: populate_existing=True given to session.execute() overwrites an unflushed change
      Given a session with autoflush=False
      And Alice is loaded
      And I set Alice's name to "Alicia"
      When I select all users ordered by name passing populate_existing=True to session.execute()
      Then Alice's name is "Alice"
      And Alice is not modified

  Rule: binds send each mapped class to its own engine

    @SN25
    Scenario: A query of a class bound to a second engine runs on that engine
      Given a session whose posts are bound to a second engine
      When I load "Alice's First Post"
      Then exactly 1 SELECT of posts was emitted
      And the second engine received exactly 1 SELECT of posts

    @SN25
    Scenario: A query of a class without a bind of its own runs on the session's engine
      Given a session whose posts are bound to a second engine
      When I load Alice
      Then exactly 1 SELECT of users was emitted
      And the second engine received no SQL

    @SN25
    Scenario: An eager loader's SELECT of the bound class runs on the second engine
      Given a session whose posts are bound to a second engine
      When I load all users with selectinload and read each user's posts
      Then exactly 1 SELECT of users was emitted
      And exactly 1 SELECT of posts was emitted
      And the second engine received exactly 1 SELECT of posts
      And the second engine received no SELECT of users

    @SN25
    Scenario: A flush writes the bound class's rows through the second engine, and commit commits them
      Given a session whose posts are bound to a second engine
      And I add a new post "Bound" whose user_id is Alice's id
      When I commit the session
      Then exactly 1 INSERT of posts was emitted
      And the second engine received exactly 1 INSERT of posts
      And the database holds the posts "Alice's First Post", "Bob's First Post" and "Bound"

    @SN25
    Scenario: A bind given for the declarative base applies to every class mapped under it
      Given a session whose mapped classes are bound to a second engine through their declarative base
      When I load Alice
      Then exactly 1 SELECT of users was emitted
      And the second engine received exactly 1 SELECT of users

    @SN26
    Scenario: get_bind() of a bound class is its engine
      Given a session whose posts are bound to a second engine
      When I ask the session for the bind of the post class
      Then the bind returned is the second engine
      And no SQL was emitted

    @SN26
    Scenario: get_bind() of a class without a bind of its own is the session's engine
      Given a session whose posts are bound to a second engine
      When I ask the session for the bind of the user class
      Then the bind returned is the session's own engine

    @SN26
    Scenario: get_bind() without a class is the session's engine
      Given a session whose posts are bound to a second engine
      When I ask the session for the bind of no class
      Then the bind returned is the session's own engine

    @SN27
    Scenario: A textual statement runs on the session's engine even when it names a bound table
      A text() construct carries no table the binds could be looked up by.

      Given a session whose posts are bound to a second engine
      When I execute the textual SQL "SELECT count(*) FROM posts"
      Then the value read is 2
      And the second engine received no SQL

    @SN28
    Scenario: Without a default bind a textual statement finds no engine
      Given a session with no default bind, whose users are bound to its engine and posts to a second engine
      When I try to execute the textual SQL "SELECT count(*) FROM posts"
      Then an UnboundExecutionError was raised saying "Could not locate a bind configured on SQL expression or this Session."
      And no SQL was emitted

    @SN28
    Scenario: Without a default bind Session.connection() finds no engine
      Given a session with no default bind, whose users are bound to its engine and posts to a second engine
      When I try to call session.connection()
      Then an UnboundExecutionError was raised saying "This session is not bound to a single Engine or Connection, and no context was provided to locate a binding."

    @SN28 @SN25
    Scenario: Without a default bind each mapped class still runs on its own engine
      Given a session with no default bind, whose users are bound to its engine and posts to a second engine
      When I load "Alice's First Post"
      And I load Alice
      Then exactly 1 SELECT of posts was emitted
      And exactly 1 SELECT of users was emitted
      And the second engine received exactly 1 SELECT of posts
      And the second engine received no SELECT of users

  Rule: join_transaction_mode: how a session joins a connection's transaction

    @SN29
    Scenario: By default a session joined to a plain transaction commits nothing
      The default, "conditional_savepoint", acts as "rollback_only" when the connection is in a
      transaction without a SAVEPOINT: the session's commit() leaves the connection's
      transaction open.

      Given a connection with a transaction begun on it
      And a session bound to that connection with the default join_transaction_mode
      And I add a new user Dave
      When I commit the session
      Then exactly 1 INSERT of users was emitted
      And no SAVEPOINT was emitted
      And the connection is in a transaction
      And a new session does not find Dave

    @SN29
    Scenario: By default a session's rollback() rolls back the plain transaction it joined
      Given a connection with a transaction begun on it
      And the connection has inserted a new user Zed
      And a session bound to that connection with the default join_transaction_mode
      And I add a new user Dave
      And I flush the session
      When I roll back the session
      Then no ROLLBACK TO SAVEPOINT was emitted
      And the connection is not in a transaction
      And the connection does not find Zed

    @SN29
    Scenario: By default a session joined to a connection inside a SAVEPOINT works in a SAVEPOINT of its own
      The default acts as "create_savepoint" when the connection is already inside a SAVEPOINT.

      Given a connection with a transaction and a SAVEPOINT begun on it
      And a session bound to that connection with the default join_transaction_mode
      And I add a new user Dave
      When I commit the session
      Then exactly 1 SAVEPOINT was emitted
      And exactly 1 RELEASE was emitted
      And the connection is in a transaction

    @SN30
    Scenario: "conservative_savepoint" is not a join_transaction_mode
      When I try to open a session with join_transaction_mode="conservative_savepoint"
      Then an ArgumentError was raised saying "invalid selection for join_transaction_mode"

    @SN31
    Scenario: With "rollback_only" the session's commit() leaves the connection's transaction open
      Given a connection with a transaction begun on it
      And a session bound to that connection with join_transaction_mode="rollback_only"
      And I add a new user Dave
      When I commit the session
      Then exactly 1 INSERT of users was emitted
      And no SAVEPOINT was emitted
      And the connection is in a transaction
      And the connection finds Dave
      And a new session does not find Dave

    @SN31
    Scenario: With "rollback_only" the session's rollback() rolls back the connection's transaction
      Given a connection with a transaction begun on it
      And the connection has inserted a new user Zed
      And a session bound to that connection with join_transaction_mode="rollback_only"
      And I add a new user Dave
      And I flush the session
      When I roll back the session
      Then no ROLLBACK TO SAVEPOINT was emitted
      And the connection is not in a transaction
      And the connection does not find Zed
      And the connection does not find Dave

    @SN32
    Scenario: With "control_fully" the session's commit() commits the connection's transaction
      What the connection wrote before the session joined is committed with it.

      Given a connection with a transaction begun on it
      And the connection has inserted a new user Zed
      And a session bound to that connection with join_transaction_mode="control_fully"
      And I add a new user Dave
      When I commit the session
      Then no SAVEPOINT was emitted
      And the connection is not in a transaction
      And a new session finds Dave
      And a new session finds Zed

    @SN32
    Scenario: With "control_fully" the session's rollback() rolls back the connection's transaction
      Given a connection with a transaction begun on it
      And the connection has inserted a new user Zed
      And a session bound to that connection with join_transaction_mode="control_fully"
      And I add a new user Dave
      And I flush the session
      When I roll back the session
      Then no ROLLBACK TO SAVEPOINT was emitted
      And the connection is not in a transaction
      And the connection does not find Zed

    @SN33
    Scenario: With "create_savepoint" the session's rollback() rolls back only its SAVEPOINT
      Given a connection with a transaction begun on it
      And the connection has inserted a new user Zed
      And a session bound to that connection with join_transaction_mode="create_savepoint"
      And I add a new user Dave
      And I flush the session
      When I roll back the session
      Then exactly 1 ROLLBACK TO SAVEPOINT was emitted
      And the connection is in a transaction
      And the connection finds Zed
      And the connection does not find Dave
