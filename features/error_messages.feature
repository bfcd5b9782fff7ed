Feature: Error messages a Session user meets: DetachedInstanceError, PendingRollbackError, QueuePool limit, MissingGreenlet, ObjectDeletedError, StaleDataError
  A user arrives here with an exception in hand. SQLAlchemy's "Error Messages" page
  (https://docs.sqlalchemy.org/en/21/errors.html) explains the common ones, and each such error
  names its page section with a short code (e.code, the end of "Background on this error at:
  https://sqlalche.me/e/21/bhk3"). Each error below is reproduced as a Session user meets it,
  with its exact class, the words of its message a user searches for, and its code where
  SQLAlchemy gives one; the scenario after it shows what the documented way out does. They bite
  at run time, far from the code that caused them: a session closed too early (bhk3), a flush
  that failed earlier (7s2a), sessions left open until the pool runs dry (3o7r), a connection
  the database dropped (8s2b), a lazy load under AsyncSession (xd2s), a result read after its
  session closed (lkrp), a row another session deleted (ObjectDeletedError, StaleDataError), a
  database error whose class and code depend on the driver (gkpj, 9h9h, e3q8, f405, 2j85,
  dbapi), a listener calling back into the session (isce), a bound parameter left without a
  value (cd3x).

  Background:
    Given the users Alice and Bob exist, each with a first post

  Rule: DetachedInstanceError (bhk3): an object whose session is closed cannot load anything

    @ER1
    Scenario: DetachedInstanceError "Parent instance is not bound to a Session; lazy load operation of attribute cannot proceed"
      Given Alice is loaded
      And I close the session
      When I try to read Alice's posts
      Then a DetachedInstanceError was raised with code "bhk3" saying "is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed"
      And no SQL was emitted

    @ER1
    Scenario: The way out of "Parent instance is not bound to a Session": load the posts eagerly before the session closes
      Given Alice is loaded with selectinload on posts
      And I close the session
      When I read Alice's posts
      Then no SQL was emitted
      And the posts read are "Alice's First Post"
      And Alice is detached

    @ER2
    Scenario: DetachedInstanceError "Instance is not bound to a Session; attribute refresh operation cannot proceed" after commit and close
      Given Alice is loaded
      And I commit the session
      And I close the session
      When I try to read Alice's name
      Then a DetachedInstanceError was raised with code "bhk3" saying "is not bound to a Session; attribute refresh operation cannot proceed"
      And no SQL was emitted

    @ER2
    Scenario: The way out of "attribute refresh operation cannot proceed": expire_on_commit=False keeps the values loaded
      Given a session with expire_on_commit=False
      And Alice is loaded
      And I commit the session
      And I close the session
      When I read Alice's name
      Then no SQL was emitted
      And the value read is "Alice"
      And Alice is detached

  Rule: PendingRollbackError (7s2a): after a failed flush the session refuses work until rollback()

    @ER3
    Scenario: IntegrityError at flush carries the code of the DBAPI class
      When I add a new user Alicia with email "alice@example.com"
      And I try to flush the session
      Then an IntegrityError was raised with code "gkpj"
      And Alicia is transient
      And the session is not active

    @ER3
    Scenario: The way out of an IntegrityError that must not end the transaction: flush inside a savepoint
      Given I add a new user Dave
      And I flush the session
      When I try to add a new user Alicia with email "alice@example.com" inside "with session.begin_nested()"
      Then an IntegrityError was raised with code "gkpj"
      And the session is active
      And Dave is persistent

    @ER4
    Scenario: PendingRollbackError "This Session's transaction has been rolled back due to a previous exception during flush"
      Given I add a new user Alicia with email "alice@example.com"
      And I try to flush the session
      When I try to load Bob
      Then a PendingRollbackError was raised with code "7s2a" saying "This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback()."
      And no SQL was emitted

    @ER4
    Scenario: The way out of "rolled back due to a previous exception during flush": rollback() and the session works again
      Given I add a new user Alicia with email "alice@example.com"
      And I try to flush the session
      And I roll back the session
      When I load Bob
      Then the object returned is Bob
      And exactly 1 SELECT of users was emitted
      And Alicia is transient

  Rule: TimeoutError (3o7r): sessions left open hold their connections until the pool runs dry

    @ER5
    Scenario: TimeoutError "QueuePool limit of size 1 overflow 0 reached, connection timed out" while another session stays open
      A session holds its connection from its first statement until it commits, rolls back or
      closes. With a pool of one connection, a second session waits pool_timeout seconds for
      it, then gives up (also with AsyncAdaptedQueuePool, whose message says QueuePool too).

      Given every session of the scenario uses an engine whose queue pool has pool_size=1, max_overflow=0, pool_timeout=0.01
      And Alice is loaded
      When I try to load Bob in the second session
      Then a TimeoutError was raised with code "3o7r" saying "QueuePool limit of size 1 overflow 0 reached, connection timed out, timeout 0.01"
      And no SQL was emitted

    @ER5
    Scenario: The way out of "QueuePool limit reached": close the session when its work is done, and the next session gets its connection
      Given every session of the scenario uses an engine whose queue pool has pool_size=1, max_overflow=0, pool_timeout=0.01
      And Alice is loaded
      And I close the session
      When I load Bob in the second session
      Then the object returned is Bob in the second session
      And exactly 1 SELECT of users was emitted

  Rule: PendingRollbackError (8s2b): a connection lost inside a transaction must be rolled back

    @ER6
    Scenario: PendingRollbackError "Can't reconnect until invalid transaction is rolled back" after the connection was lost
      Given Alice is loaded
      And the pool's invalidations are counted
      And I invalidate the session's connection, as a dropped connection does
      When I try to load Bob
      Then a PendingRollbackError was raised with code "8s2b" saying "Can't reconnect until invalid transaction is rolled back.  Please rollback() fully before proceeding"
      And no SQL was emitted
      And the pool saw exactly 1 invalidation

    @ER6
    Scenario: The way out of "Can't reconnect until invalid transaction is rolled back": rollback() and the next statement gets a new connection
      Given Alice is loaded
      And I invalidate the session's connection, as a dropped connection does
      And I roll back the session
      When I load Bob
      Then the object returned is Bob
      And exactly 1 SELECT of users was emitted

  Rule: MissingGreenlet (xd2s): under AsyncSession an attribute access cannot load

    @ER7 @fact:implicit_io_error
    Scenario Outline: MissingGreenlet "greenlet_spawn has not been called" on a lazy load under AsyncSession
      The code is the MissingGreenlet's; the StatementError some async drivers wrap it in
      carries none of its own.

      Given Alice is loaded
      When I try to read Alice's posts
      Then <outcome>

      Examples:
        | implicit_io_error                       | outcome                                                                                                                  |
        | none                                    | nothing was raised                                                                                                       |
        | MissingGreenlet                         | a MissingGreenlet was raised with code "xd2s" saying "greenlet_spawn has not been called" |
        | StatementError wrapping MissingGreenlet | a StatementError was raised wrapping a MissingGreenlet saying "greenlet_spawn has not been called" |

    @ER7
    Scenario: The way out of MissingGreenlet: load the posts eagerly with selectinload
      Given Alice is loaded with selectinload on posts
      When I read Alice's posts
      Then no SQL was emitted
      And the posts read are "Alice's First Post"

  Rule: InvalidRequestError (lkrp): a result read after its session closed

    @ER8
    Scenario Outline: InvalidRequestError "cannot be converted to 'persistent' state, as this identity map is no longer valid"
      AsyncSession buffers every ORM result when it executes, so there the objects arrive
      detached.

      Given I execute a select of all users ordered by name and keep its result unread
      And I close the session
      When I try to read the users from the kept result
      Then <outcome>

      Examples:
        | api   | outcome                                                                                                                                          |
        | sync  | an InvalidRequestError was raised with code "lkrp" saying "cannot be converted to 'persistent' state, as this identity map is no longer valid" |
        | async | nothing was raised                                                                                                                               |

    @ER8
    Scenario: The way out of "this identity map is no longer valid": execute with prebuffer_rows=True
      Given I execute a select of all users ordered by name with prebuffer_rows=True and keep its result unread
      And I close the session
      When I read the users from the kept result
      Then the users returned are Alice and Bob, in that order
      And Alice is detached
      And no SQL was emitted

  Rule: InvalidRequestError (bupq): a bulk UPDATE by primary key needs the primary keys

    @ER9
    Scenario: InvalidRequestError "per-row ORM Bulk UPDATE by Primary Key requires that records contain primary key values"
      When I try to bulk update by primary key a row without an id setting name to "Nobody"
      Then an InvalidRequestError was raised with code "bupq" saying "No primary key value supplied for column(s) users.id"
      And no SQL was emitted

    @ER9
    Scenario: The way out of "requires that records contain primary key values": give each row its id
      When I bulk update by primary key: Alice's name to "Alicia" and Bob's name to "Robert"
      Then exactly 1 UPDATE of users was emitted
      And the UPDATE of users was sent once with 2 parameter sets

  Rule: ObjectDeletedError and StaleDataError: the row went away under the session

    @ER10
    Scenario Outline: ObjectDeletedError "has been deleted, or its row is otherwise not present" on an expired object
      The commit expired Alice; another session deleted her row; reading an attribute loads
      the row and finds none. Under AsyncSession the load must run inside run_sync.

      Given Alice is loaded
      And I commit the session
      And another session deletes Alice and commits
      When I try to <read>
      Then an ObjectDeletedError was raised saying "has been deleted, or its row is otherwise not present."
      And exactly 1 SELECT of users was emitted

      Examples:
        | api   | read                              |
        | sync  | read Alice's name                 |
        | async | read Alice's name inside run_sync |

    @ER10
    Scenario: The way out of ObjectDeletedError: get() by primary key returns None for the deleted row
      Given Alice is loaded
      And I commit the session
      And another session deletes Alice and commits
      When I get Alice by primary key
      Then the object returned is None
      And exactly 2 SELECTs of users were emitted
      And Alice is not in the session

    @ER11
    Scenario: StaleDataError "UPDATE statement on table 'users' expected to update 1 row(s); 0 were matched" without a version column
      The session kept Alice's values over the commit (expire_on_commit=False); another session
      deleted her row; the UPDATE of the change matches no row.

      Given a session with expire_on_commit=False
      And Alice is loaded
      And I commit the session
      And another session deletes Alice and commits
      And I set Alice's name to "Alicia"
      When I try to flush the session
      Then a StaleDataError was raised saying "UPDATE statement on table 'users' expected to update 1 row(s); 0 were matched."
      And exactly 1 UPDATE of users was emitted
      And the session is not active

    @ER11 @ER10
    Scenario: ObjectDeletedError, not StaleDataError, when the changed object was expired: the flush loads it first
      After the commit expired Alice the flush first loads her other columns (one SELECT) and
      finds no row, so the UPDATE is never sent.

      Given Alice is loaded
      And I commit the session
      And another session deletes Alice and commits
      And I set Alice's name to "Alicia"
      When I try to flush the session
      Then an ObjectDeletedError was raised saying "has been deleted, or its row is otherwise not present."
      And exactly 1 SELECT of users was emitted
      And no UPDATE was emitted

    @ER11
    Scenario: The way out of StaleDataError: roll back, and the row is gone for the session too
      Given a session with expire_on_commit=False
      And Alice is loaded
      And I commit the session
      And another session deletes Alice and commits
      And I set Alice's name to "Alicia"
      And I try to flush the session
      And I roll back the session
      When I get Alice by primary key
      Then the object returned is None

  Rule: FlushError, UnmappedInstanceError: what the Session cannot write

    @ER12
    Scenario: FlushError "Can't flush None value found in collection User.posts"
      Given Alice is loaded with selectinload on posts
      And I append None to Alice's posts
      When I try to flush the session
      Then a FlushError was raised saying "Can't flush None value found in collection User.posts"
      And no SQL was emitted

    @ER12
    Scenario: After the FlushError the session refuses work with PendingRollbackError until rollback()
      Given Alice is loaded with selectinload on posts
      And I append None to Alice's posts
      And I try to flush the session
      When I try to load Bob
      Then a PendingRollbackError was raised with code "7s2a" saying "Original exception was: Can't flush None value found in collection User.posts"

    @ER13
    Scenario: UnmappedInstanceError "Class 'builtins.list' is not mapped" when add() is given a list
      When I try to pass the new users Dave and Erin to add() as one list
      Then an UnmappedInstanceError was raised saying "Class 'builtins.list' is not mapped"
      And Dave is transient

    @ER13
    Scenario: The way out of "Class 'builtins.list' is not mapped": add_all() takes the list
      When I add the new users Dave and Erin
      Then Dave is pending
      And Erin is pending

    @ER14
    Scenario: New instance conflicts with persistent instance: a warning, then the database's IntegrityError, not a FlushError
      Given Alice is loaded
      And a new user Alice carrying the id of the existing row
      And I add Alice
      When I try to flush the session
      Then SQLAlchemy warned "conflicts with persistent instance"
      And an IntegrityError was raised with code "gkpj"

    @ER14
    Scenario: The way out of "conflicts with persistent instance": merge() the new object onto the persistent one
      Given Alice is loaded
      And a new user Alice carrying the id of the existing row
      When I merge Alice into the session
      And I flush the session
      Then no INSERT was emitted
      And Alice is persistent

  Rule: NoResultFound and MultipleResultsFound: one() and scalar_one() want exactly one row

    @ER15
    Scenario: NoResultFound "No row was found when one was required" from scalar_one()
      When I try to select the user named "Zoe" with scalar_one
      Then a NoResultFound was raised saying "No row was found when one was required"

    @ER15
    Scenario: The way out of "No row was found when one was required": scalar_one_or_none() returns None
      When I select the user named "Zoe" with scalar_one_or_none
      Then the object returned is None

    @ER15
    Scenario: MultipleResultsFound "Multiple rows were found when exactly one was required" from scalar_one()
      When I try to select the users whose name is like "%" with scalar_one
      Then a MultipleResultsFound was raised saying "Multiple rows were found when exactly one was required"

  Rule: DBAPI errors (gkpj, 9h9h, e3q8, f405, 2j85, dbapi): the driver's class decides the code

    SQLAlchemy wraps what the driver raises in the DBAPI class of the same name and gives each
    class its own code, so one database error has a different class and code per driver: the
    backend facts state which. After such an error in a flush the way out is rollback() (ER4).

    @ER16 @fact:value_too_long_error
    Scenario Outline: DataError "value too long" at flush, or another class, by driver
      Given Alice is loaded
      And I set Alice's name to a string of 60 characters
      When I try to flush the session
      Then <outcome>

      Examples:
        | value_too_long_error | outcome                                             |
        | none                 | nothing was raised                                  |
        | DataError            | a DataError was raised with code "9h9h"             |
        | DBAPIError           | a DBAPIError was raised with code "dbapi"           |
        | ProgrammingError     | a ProgrammingError was raised with code "f405"      |

    @ER17 @fact:missing_table_error
    Scenario Outline: OperationalError "no such table" on SQLite, ProgrammingError elsewhere
      When I try to execute the textual SQL "SELECT * FROM no_such_table"
      Then <outcome>
      And the session is active

      Examples:
        | missing_table_error | outcome                                            |
        | OperationalError    | an OperationalError was raised with code "e3q8"   |
        | ProgrammingError    | a ProgrammingError was raised with code "f405"    |

    @ER18 @fact:aborted_transaction_error
    Scenario Outline: InternalError "current transaction is aborted, commands ignored until end of transaction block" on PostgreSQL
      Given I try to execute the textual SQL "SELECT * FROM no_such_table"
      When I try to execute the textual SQL "SELECT 1"
      Then <outcome>

      Examples:
        | aborted_transaction_error | outcome                                                                                 |
        | none                      | nothing was raised                                                                      |
        | InternalError             | an InternalError was raised with code "2j85" saying "current transaction is aborted"   |
        | DBAPIError                | a DBAPIError was raised with code "dbapi" saying "current transaction is aborted"      |
        | ProgrammingError          | a ProgrammingError was raised with code "f405" saying "current transaction is aborted" |

    @ER18
    Scenario: The way out of "current transaction is aborted": rollback() and the next statement runs
      Given I try to execute the textual SQL "SELECT * FROM no_such_table"
      And I roll back the session
      When I execute the textual SQL "SELECT 1"
      Then the value read is 1

  Rule: IllegalStateChangeError (isce) without any concurrency: a listener calling back into the session

    @ER19
    Scenario: IllegalStateChangeError "Method 'close()' can't be called here; method '_connection_for_bind()' is already in progress"
      errors.rst explains the code by concurrent use of one session; one thread meets it too,
      when an event listener calls a session method while the session is inside another.

      Given an after_begin listener that closes the session
      When I try to load Bob
      Then an IllegalStateChangeError was raised with code "isce" saying "Method 'close()' can't be called here; method '_connection_for_bind()' is already in progress"
      And no SQL was emitted

  Rule: StatementError (cd3x): a statement's bound parameter needs a value at execute()

    @ER20
    Scenario: StatementError "A value is required for bind parameter" from session.execute()
      When I try to select the users whose name equals the bound parameter "name"
      Then a StatementError was raised wrapping an InvalidRequestError with code "cd3x" saying "A value is required for bind parameter 'name'"
      And no SQL was emitted

    @ER20
    Scenario: The way out of "A value is required for bind parameter": pass the value with the statement
      When I select the users whose name equals the bound parameter "name" passing it "Bob"
      Then the users returned are Bob
      And exactly 1 SELECT of users was emitted
