Feature: Questions users ask about the Session
  The questions that come back in SQLAlchemy's FAQ, its issue tracker and on Stack Overflow,
  each answered by what the Session does, in the words of the question or of the message the
  user sees: is the Session thread-safe ("Session is already flushing", "This session is
  provisioning a new connection; concurrent operations are not permitted",
  IllegalStateChangeError), why SQLite says "database is locked" when two sessions write, why a
  flush raises StaleDataError "expected to update 1 row(s); 0 were matched" without a version
  column, why setting post.user_id does not change post.author, why __init__ is not called when
  an object loads, what inspect() says of an attribute's history, what becomes of an attribute
  set to a SQL expression, and the execution options a whole Session can carry. Answers already
  stated elsewhere are not repeated: a reader in another session ("database is locked" on
  commit) is in transaction_blocks.feature (TX14) and expire_and_refresh.feature (EX9),
  StaleDataError with a version counter in optimistic_concurrency.feature, tasks sharing one
  AsyncSession in async_session.feature.

  Background:
    Given the users Alice and Bob exist

  Rule: Is the Session thread-safe? No: one session belongs to one thread at a time
    A Session is not meant to be shared by threads working at once. SQLAlchemy detects some
    overlaps and refuses them: which error depends on what the first thread is doing. The
    first thread is held inside the session's own work (in its before_flush or after_begin
    event) while the second acts, so each answer is the same on every run. Sync only:
    AsyncSession tasks are async_session.feature's.

    @FQ1 @api:sync
    Scenario: "Session is already flushing": flush() while another thread's flush is in progress
      Given I add a new user Dave
      When I try to flush the session while another thread is flushing it
      Then an InvalidRequestError was raised saying "Session is already flushing"
      And the other thread's flush went through

    @FQ1 @api:sync
    Scenario: "This session is provisioning a new connection; concurrent operations are not permitted": commit() while another thread's query takes the session's connection
      When I try to commit the session while another thread is procuring its connection
      Then an InvalidRequestError was raised saying "This session is provisioning a new connection; concurrent operations are not permitted"
      And the other thread's query went through

    @FQ1 @api:sync
    Scenario: IllegalStateChangeError "Method 'close()' can't be called here": close() while another thread's query takes the session's connection
      When I try to close the session while another thread is procuring its connection
      Then an IllegalStateChangeError was raised saying "Method 'close()' can't be called here; method '_connection_for_bind()' is already in progress"
      And the other thread's query went through

    @FQ2 @api:sync
    Scenario: commit() while another thread flushes commits without waiting for that flush, whose rows are left in a new transaction
      No error: the commit skips the flush another thread has begun, and that flush then begins
      a new transaction of its own.

      Given I add a new user Dave
      When I try to commit the session while another thread is flushing it
      Then nothing was raised
      And the other thread's flush went through
      And Dave is persistent
      And a new session does not find Dave
      And the session is in a transaction

    @FQ3 @api:sync
    Scenario: A session used by another thread, one thread at a time, works on every backend
      SQLAlchemy opens SQLite files with check_same_thread=False, so pysqlite lets a connection
      made in one thread run a query in another.

      Given Alice is loaded
      When I select all users ordered by name in another thread
      Then the users returned are Alice and Bob, in that order

  Rule: "database is locked": two sessions writing at once
    SQLite lets one transaction write at a time: its first write takes a lock on the whole
    database until it ends, and the next writer waits its busy timeout, then fails with
    "database is locked". pysqlite's legacy mode (the sqlite backend) does the same, since it
    sends BEGIN before every INSERT, UPDATE and DELETE. PostgreSQL and MariaDB lock only the
    rows written: another row goes through, the same row waits for the lock. The second
    session waits at most a moment (10 ms; 1 s on MariaDB, InnoDB's least), so nothing hangs.

    @FQ4 @fact:writer_locks_database
    Scenario Outline: "database is locked": a second session writes another row while the first session's write is not committed
      Given a second session that waits at most a moment for a lock
      And Bob is loaded in the second session
      And Alice is loaded
      And I set Alice's name to "Alicia"
      And I flush the session
      When I set Bob's name to "Robert" in the second session
      And I try to flush the second session
      Then <outcome>

      Examples:
        | writer_locks_database | outcome                                                    |
        | yes                   | an OperationalError was raised saying "database is locked" |
        | no                    | nothing was raised                                         |

    @FQ4 @fact:lock_not_available_error @fact:nowait_refusal
    Scenario Outline: "Lock wait timeout exceeded", "canceling statement due to lock timeout": a second session writes the row the first session's uncommitted write holds
      PostgreSQL reports its lock_timeout with lock_not_available (55P03), the error of NOWAIT;
      MariaDB its innodb_lock_wait_timeout with error 1205.

      Given a second session that waits at most a moment for a lock
      And Alice is loaded in the second session
      And Alice is loaded
      And I set Alice's name to "Alicia"
      And I flush the session
      When I set Alice's name to "Ally" in the second session
      And I try to flush the second session
      Then <outcome>

      Examples:
        | lock_not_available_error | nowait_refusal             | outcome                                                                                   |
        | none                     | none                       | an OperationalError was raised saying "database is locked"                                |
        | OperationalError         | lock_not_available (55P03) | an OperationalError was raised saying "canceling statement due to lock timeout"           |
        | DBAPIError               | lock_not_available (55P03) | a DBAPIError was raised saying "canceling statement due to lock timeout"                  |
        | ProgrammingError         | lock_not_available (55P03) | a ProgrammingError was raised saying "canceling statement due to lock timeout"            |
        | OperationalError         | lock wait timeout (1205)   | an OperationalError was raised saying "Lock wait timeout exceeded"                        |

    @FQ5
    Scenario: After "database is locked", the second session rolls back and the first one commits
      Given a second session that waits at most a moment for a lock
      And Bob is loaded in the second session
      And Alice is loaded
      And I set Alice's name to "Alicia"
      And I flush the session
      And I set Bob's name to "Robert" in the second session
      And I try to flush the second session
      When I roll back the second session
      And I commit the session
      Then a new session reads Alice's name as "Alicia"

  Rule: StaleDataError without a version counter
    Without version_id_col the ORM still counts the rows its UPDATE matched: a row another
    session deleted matches none. With real SQLite transactions the other session cannot
    commit while this one holds its read, so there is nothing stale to find. MariaDB from
    11.6.2 (innodb_snapshot_isolation on by default) refuses the statement itself, error 1020,
    before the ORM can count the rows.

    @FQ6 @fact:readers_block_writers @fact:stale_row_write_error
    Scenario Outline: StaleDataError "expected to update 1 row(s); 0 were matched": another session deleted the row
      Given Alice is loaded
      When another session tries to delete Alice and commit
      And I set Alice's name to "Alicia"
      And I try to flush the session
      Then the other session's commit <commit>
      And <flush>

      Examples:
        | readers_block_writers | stale_row_write_error | commit                                                   | flush                                                                                                                |
        | no                    | none                  | went through                                             | a StaleDataError was raised saying "UPDATE statement on table 'users' expected to update 1 row(s); 0 were matched." |
        | yes                   | none                  | failed with OperationalError saying "database is locked" | nothing was raised                                                                                                   |
        | no                    | OperationalError      | went through                                             | an OperationalError was raised saying "Record has changed since last read"                                          |

    @FQ6 @fact:readers_block_writers @fact:stale_row_write_error
    Scenario Outline: Deleting a row another session already deleted only warns "expected to delete 1 row(s); 0 were matched"
      Without a version counter a DELETE that matches no row is a warning (confirm_deleted_rows),
      not a StaleDataError.

      Given Alice is loaded
      When another session tries to delete Alice and commit
      And I delete Alice
      And I try to flush the session
      Then the other session's commit <commit>
      And <flush>
      And <warning>

      Examples:
        | readers_block_writers | stale_row_write_error | commit                                                   | flush                                                                      | warning                                                                                           |
        | no                    | none                  | went through                                             | nothing was raised                                                         | SQLAlchemy warned "DELETE statement on table 'users' expected to delete 1 row(s); 0 were matched" |
        | yes                   | none                  | failed with OperationalError saying "database is locked" | nothing was raised                                                         | SQLAlchemy did not warn                                                                           |
        | no                    | OperationalError      | went through                                             | an OperationalError was raised saying "Record has changed since last read" | SQLAlchemy did not warn                                                                           |

  Rule: I set post.user_id, why does post.author still show the old user?
    The foreign key column and the relationship are two attributes. A relationship already
    loaded is not reloaded when the column changes, not even by the flush; only expiring it
    (a commit, expire()) makes it follow the column. When both are changed, the relationship
    wins at flush; a relationship set to the object it already held is no change, and the
    column wins.

    @FQ7
    Scenario: A loaded post.author still shows the old user after post.user_id was changed and flushed
      Given Alice has written the post "Draft"
      And Bob is loaded
      And "Draft" is loaded with its author
      When I set "Draft"'s user_id to Bob's id
      And I flush the session
      Then the UPDATE of posts set only user_id
      And "Draft"'s author is Alice itself

    @FQ7
    Scenario: Once expired, post.author follows post.user_id
      Given Alice has written the post "Draft"
      And Bob is loaded
      And "Draft" is loaded with its author
      And I set "Draft"'s user_id to Bob's id
      And I flush the session
      When I expire "Draft"'s author
      Then "Draft"'s author is Bob itself

    @FQ7
    Scenario: A post.author never loaded follows post.user_id at once, before any flush
      Given Alice has written the post "Draft"
      And Bob is loaded
      And "Draft" is loaded
      When I set "Draft"'s user_id to Bob's id
      Then "Draft"'s author is Bob itself

    @FQ8
    Scenario: post.user_id and post.author both changed: the relationship wins at flush
      Given Alice has written the post "Draft"
      And the user Charlie exists
      And Bob is loaded
      And Charlie is loaded
      And "Draft" is loaded with its author
      When I set "Draft"'s user_id to Bob's id
      And I make Charlie the author of "Draft"
      And I flush the session
      Then "Draft"'s user_id is Charlie's id

    @FQ8
    Scenario: post.author set to the user it already held is no change: post.user_id wins, and post.author is stale
      Given Alice has written the post "Draft"
      And Bob is loaded
      And "Draft" is loaded with its author
      When I set "Draft"'s user_id to Bob's id
      And I make Alice the author of "Draft"
      And I flush the session
      Then "Draft"'s user_id is Bob's id
      And "Draft"'s author is Alice itself

  Rule: Why is __init__ not called when my object loads?
    The ORM builds a loaded object without calling its __init__ (it restores the row's state,
    as unpickling does); a method decorated with @reconstructor, and listeners of the load
    event, run instead, once per object: not when a later query returns it from the identity
    map, not when it is refreshed.

    @FQ9
    Scenario: Loading a user runs the reconstructor and the load event, never __init__
      Given the model variant "users with an __init__, a reconstructor and a load listener"
      When I load Alice
      Then what ran to build Alice was the reconstructor then the load event

    @FQ9
    Scenario: Creating a user runs __init__ only, and flushing, committing and refreshing it run nothing more
      Given the model variant "users with an __init__, a reconstructor and a load listener"
      When I add a new user Dave
      And I commit the session
      And I refresh Dave
      Then what ran to build Dave was __init__

    @FQ9
    Scenario: Loading a user again, or refreshing it, runs neither the reconstructor nor the load event again
      Given the model variant "users with an __init__, a reconstructor and a load listener"
      And Alice is loaded
      When I load Alice again
      And I refresh Alice
      Then what ran to build Alice was the reconstructor then the load event

  Rule: An attribute's history through inspect()
    inspect(obj).attrs.name.history is what the flush will write: (added, unchanged, deleted).
    Reading it never loads anything.

    @FQ10
    Scenario: A loaded attribute's history holds its value as unchanged
      When I load Alice
      Then the history of Alice's name is added nothing, unchanged "Alice", deleted nothing

    @FQ10
    Scenario: A changed attribute's history holds the new value as added and the loaded one as deleted
      Given Alice is loaded
      When I set Alice's name to "Alicia"
      Then the history of Alice's name is added "Alicia", unchanged nothing, deleted "Alice"

    @FQ10
    Scenario: After the flush, the new value is the unchanged one
      Given Alice is loaded
      And I set Alice's name to "Alicia"
      When I flush the session
      Then the history of Alice's name is added nothing, unchanged "Alicia", deleted nothing

    @FQ10
    Scenario: An expired attribute has no history, and setting it does not load the old value
      Given Alice is loaded
      And I expire Alice
      When I set Alice's name to "Ally"
      Then no SQL was emitted
      And the history of Alice's name is added "Ally", unchanged nothing, deleted nothing

  Rule: user.name = func.upper(User.name): assigning a SQL expression to an attribute
    The flush puts the expression in the UPDATE's SET clause, so the database computes the
    value; the attribute is then expired, since only the database knows it, and the next read
    loads it.

    @FQ11
    Scenario: The UPDATE carries the SQL expression, and the attribute is expired after the flush
      Given Alice is loaded
      When I set Alice's name to the SQL expression upper(name)
      And I flush the session
      Then the UPDATE of users contained "SET name=upper(users.name)"
      And the expired attributes of Alice are name
      And Alice's name is "ALICE"

    @FQ11 @fact:string_concatenation
    Scenario Outline: A concatenation assigned to an attribute is computed by the database, in each dialect's words
      || on SQLite and PostgreSQL (which casts the parameter to VARCHAR), concat() on MariaDB.

      Given Alice is loaded
      When I set Alice's name to the SQL expression name + "!"
      And I flush the session
      Then the UPDATE of users contained "<set>"
      And Alice's name is "Alice!"

      Examples:
        | string_concatenation | set                          |
        | \|\|                 | SET name=(users.name \|\|    |
        | concat()             | SET name=(concat(users.name, |

    @FQ11 @api:sync
    Scenario: Reading the attribute after the flush loads the computed value with a SELECT
      Given Alice is loaded
      And I set Alice's name to the SQL expression upper(name)
      And I flush the session
      When I read Alice's name
      Then the value read is "ALICE"
      And exactly 1 SELECT of users was emitted

  Rule: Execution options for a whole Session (SQLAlchemy 2.1)
    Session(execution_options=...), and sessionmaker(execution_options=...), apply them to the
    connection each transaction procures and to every statement the session executes; a
    statement's own options win. New in 2.1: in 2.0 the Session refuses the argument.

    @FQ12
    Scenario Outline: sessionmaker(execution_options=...) is accepted from SQLAlchemy 2.1
      Given the session factory is sessionmaker(execution_options={"isolation_level": "SERIALIZABLE"})
      When I try to load Alice
      Then <outcome>

      Examples:
        | sqlalchemy | outcome                                                                           |
        | 2.0        | a TypeError was raised saying "unexpected keyword argument 'execution_options'"   |
        | 2.1        | nothing was raised                                                                |

    @FQ12 @sqlalchemy:>=2.1
    Scenario: An isolation_level among a session's execution options begins its every transaction at that level
      SERIALIZABLE, which every backend accepts (SQLite's default).

      Given the session factory is sessionmaker(execution_options={"isolation_level": "SERIALIZABLE"})
      And Alice is loaded
      And I commit the session
      When I load Bob
      Then the session's isolation level is SERIALIZABLE

    @FQ12 @sqlalchemy:>=2.1
    Scenario: A session's autoflush=False execution option skips the autoflush of every query
      Given the session factory is sessionmaker(execution_options={"autoflush": False})
      And I add a new user Dave
      When I select all users ordered by name
      Then no INSERT was emitted
      And the users returned are Alice and Bob, in that order

    @FQ12 @sqlalchemy:>=2.1
    Scenario: A statement's own execution option wins over the session's
      Given the session factory is sessionmaker(execution_options={"autoflush": False})
      And I add a new user Dave
      When I select all users ordered by name with execution_options(autoflush=True)
      Then exactly 1 INSERT of users was emitted
      And the users returned are Alice, Bob and Dave, in that order

