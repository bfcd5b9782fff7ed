Feature: What only AsyncSession has, and what its entry points share with Session
  AsyncSession runs the Session's identity map, unit of work and transactions (every other
  feature runs on the async backends too, through the async API), but no attribute access may
  do IO: a lazy load, an expired attribute, a deferred column must be loaded with an await, an
  eager loader or inside run_sync. The @api:async scenarios state the async tools and their
  pitfalls, with the SQL each emits, on SQLite (aiosqlite), PostgreSQL (asyncpg) and MariaDB
  (asyncmy). The untagged ones run on Session and AsyncSession alike: each AsyncSession method
  hands its options (loader options, execution options, with_for_update) to its Session twin,
  and an option lost on the way shows only under AsyncSession.

  Background:
    Given the users Alice and Bob exist, each with a first post
    And Alice has also written the post "Alice's Second Post"

  @AS3 @api:async
  Scenario: awaitable_attrs loads a lazy relationship with an await
    Given the model variant "with AsyncAttrs"
    And Alice is loaded
    When I await Alice's posts through awaitable_attrs
    Then exactly 1 SELECT of posts was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @AS3 @api:async
  Scenario: awaitable_attrs of an attribute already loaded emits no SQL
    Given the model variant "with AsyncAttrs"
    And Alice is loaded
    When I await Alice's name through awaitable_attrs
    Then no SQL was emitted
    And the value read is "Alice"

  @AS3 @AS2 @api:async
  Scenario: awaitable_attrs reloads an attribute expired by commit
    Given the model variant "with AsyncAttrs"
    And Alice is loaded
    And I commit the session
    When I await Alice's name through awaitable_attrs
    Then exactly 1 SELECT of users was emitted
    And the value read is "Alice"

  @AS4 @api:async
  Scenario: With selectinload the posts are read later with no IO
    Given Alice is loaded with selectinload on posts
    When I read Alice's posts
    Then no SQL was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @AS5 @api:async
  Scenario: run_sync runs a lazy load that an attribute access cannot
    Given Alice is loaded
    When I read Alice's posts inside run_sync
    Then exactly 1 SELECT of posts was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @AS7 @api:async
  Scenario: refresh() with the relationship named loads it explicitly
    Given Alice is loaded
    And I refresh Alice's posts
    When I read Alice's posts
    Then no SQL was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @AS7 @api:async
  Scenario: refresh() with the relationship named emits the SELECT of posts
    Before the posts, refresh() selects the user's key alone, to find that the row still exists.

    Given Alice is loaded
    When I refresh Alice's posts
    Then exactly 1 SELECT of posts was emitted
    And the SELECT of users contained "SELECT users.id FROM users WHERE"

  @AS8 @api:async
  Scenario: stream_scalars() yields the rows through async iteration
    When I stream all users ordered by name
    Then the users returned are Alice and Bob, in that order
    And exactly 1 SELECT of users was emitted

  @AS9 @api:async
  Scenario: A new user's posts, never assigned, cannot be read after the flush
    Reading posts before the flush returns an empty list but does not keep it: after the flush
    the collection is unloaded, and reading it is a lazy load.

    Given I add a new user Dave
    And I flush the session
    When I try to read Dave's posts
    Then the implicit IO was refused with MissingGreenlet
    And Dave's posts are still unloaded
    And Dave's posts are empty

  @AS9 @api:async
  Scenario: A new user given an empty posts list reads it after the flush with no IO
    Given I add a new user Erin with an empty posts list
    And I flush the session
    When I read Erin's posts
    Then no SQL was emitted
    And the posts read are none

  @AS10 @LD9 @api:async
  Scenario: A write_only collection is added to and selected from with no implicit IO
    Given the model variant "write_only posts"
    And Alice is loaded
    When I add a new post "Hello" through Alice's write-only posts
    And I flush the session
    And I select Alice's posts through the write-only collection
    Then exactly 1 INSERT of posts was emitted
    And the posts returned are "Alice's First Post", "Alice's Second Post" and "Hello"

  @AS11 @api:async
  Scenario: async_scoped_session keyed by task gives each task its own session
    Given an async_scoped_session keyed by task
    When I call the registry twice in one task and once in another task
    Then the two calls in one task returned the same session, the other task another one

  @AS12 @api:async
  Scenario: Two tasks querying one AsyncSession that already holds its connection
    SQLAlchemy's documentation says one AsyncSession is not safe for concurrent tasks. Once the
    session holds its connection (here: Alice's load began its transaction), two
    asyncio.gather()ed SELECTs both come back whole with aiosqlite, asyncpg, asyncmy and
    psycopg's async mode: SQLAlchemy's adapter of each driver holds a lock per connection, so the
    second statement waits for the first, and nothing refuses the misuse or warns of it.

    Given Alice is loaded
    When I try to run two queries on the session at once
    Then nothing was raised
    And each of the two queries returned the users Alice and Bob, in that order

  @AS12 @AS15 @api:async
  Scenario: Two tasks querying a new AsyncSession while its pool must open a connection
    The usual start of a request is a session with no connection yet. While the first task
    awaits the pool opening a new connection, the session is "provisioning" it, and the second
    task's query is refused (SQLAlchemy's error page, code "isce"); the first task's query runs.

    Given I dispose of the engine
    When I try to run two queries on the session at once
    Then an InvalidRequestError was raised with code "isce" saying "This session is provisioning a new connection; concurrent operations are not permitted"
    And the second task raised an InvalidRequestError with code "isce"
    And the first task's query returned the users Alice and Bob, in that order

  @AS12 @AS15 @api:async @fact:pool_keeps_returned_connections
  Scenario Outline: Two tasks querying a new AsyncSession while its pool holds an idle connection
    The refusal needs the first task to wait while the session takes its connection. Taking an
    idle connection from the pool awaits nothing, so the second task finds the connection there
    and both queries run; a pool that keeps no connection (aiosqlite's NullPool before
    SQLAlchemy 2.0.38) opens one every time, and the second task is refused.

    When I try to run two queries on the session at once
    Then the first task's query returned the users Alice and Bob, in that order
    And the second task <second>

    Examples:
      | pool_keeps_returned_connections | second                                          |
      | yes                             | raised nothing                                  |
      | no                              | raised an InvalidRequestError with code "isce"  |

  @AS16 @api:async
  Scenario: Two tasks committing one AsyncSession at once both fail, and the flush is half done
    The second commit() is refused while the first one's flush awaits the INSERT
    (IllegalStateChangeError, code "isce"), and the first, going on, finds its transaction
    closed (ResourceClosedError). The INSERT was sent, but the flush never finished: Dave is
    still pending, with the key the INSERT gave him (the next flush sends the INSERT again and
    fails on the duplicate key), and nothing was committed. The same with aiosqlite, asyncpg,
    asyncmy and psycopg's async mode.

    Given Alice is loaded
    And I add a new user Dave
    When I try to commit the session in two tasks at once
    Then the first task raised a ResourceClosedError saying "This transaction is closed"
    And the second task raised an IllegalStateChangeError with code "isce" saying "Method 'commit()' can't be called here; method '_prepare_impl()' is already in progress"
    And exactly 1 INSERT of users was emitted
    And Dave is pending
    And Dave's id is 3
    And a new session does not find Dave

  @AS16 @api:async
  Scenario: Two tasks flushing one AsyncSession at once: the second is refused, the first flushes
    Given Alice is loaded
    And I add a new user Dave
    When I try to flush the session in two tasks at once
    Then the first task raised nothing
    And the second task raised an InvalidRequestError saying "Session is already flushing"
    And exactly 1 INSERT of users was emitted
    And Dave is persistent

  @AS13 @EP3 @api:async
  Scenario: await session.close() gives the connection back to the pool
    Given Alice is loaded
    When I close the session
    Then no connection is checked out of the pool

  @AS13 @api:async
  Scenario: await engine.dispose() closes every pooled connection
    Given Alice is loaded
    And I close the session
    When I dispose of the engine
    Then the pool keeps no idle connections and none checked out

  @AS14 @api:async
  Scenario: refresh() of a user expires its loaded posts (cascade "all") without reloading them
    Given Alice is loaded
    And Alice's posts are loaded
    When I refresh Alice
    Then every attribute of "Alice's First Post" is expired
    And exactly 1 SELECT of users was emitted
    And no SELECT of posts was emitted

  @AS14 @api:async
  Scenario: After that refresh() a post's title cannot be read
    Given Alice is loaded
    And Alice's posts are loaded
    And I refresh Alice
    When I try to read "Alice's First Post"'s title
    Then the implicit IO was refused with MissingGreenlet

  @AS14 @AS4 @api:async
  Scenario: refresh() of a user loaded with selectinload runs the selectinload again
    The loader options of the query that loaded Alice are kept with her and applied again by
    refresh(): the posts are reloaded, not left expired.

    Given Alice is loaded with selectinload on posts
    When I refresh Alice
    Then exactly 1 SELECT of users was emitted
    And exactly 1 SELECT of posts was emitted
    And "Alice's First Post"'s title is "Alice's First Post"

  @AS17
  Scenario: get() with options=[selectinload(posts)] loads the posts with the user
    When I get Alice by primary key with options=[selectinload(posts)]
    Then exactly 1 SELECT of users was emitted
    And exactly 1 SELECT of posts was emitted
    And Alice's posts are loaded

  @AS17 @IM6
  Scenario Outline: get() with execution_options={"populate_existing": True} overwrites a change in memory since 2.1
    SQLAlchemy 2.0's get() finds Alice in the identity map and returns her without a SELECT:
    populate_existing counts there only as get()'s own argument, not among the execution options
    (SQLAlchemy issue 10610); 2.1 honours it in either place.

    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I get Alice by primary key with execution_options={"populate_existing": True}
    Then the object returned is Alice
    And Alice's name is <name>

    Examples:
      | sqlalchemy | name     |
      | 2.0        | "Alicia" |
      | 2.1        | "Alice"  |

  @AS18 @IM6
  Scenario Outline: session.<method>() with execution_options={"populate_existing": True} overwrites a change in memory
    The option is the method's argument, not the statement's: the same effect as
    statement.execution_options(populate_existing=True).

    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I load Alice with session.<method>(statement, execution_options={"populate_existing": True})
    Then the object returned is Alice
    And Alice's name is "Alice"
    And Alice is not modified

    Examples:
      | method  |
      | execute |
      | scalars |
      | scalar  |

  @AS19 @AS8 @CL37 @api:async
  Scenario Outline: <method>() with execution_options={"yield_per": 2} hands the users over in partitions of 2
    Given the user Charlie exists
    When I stream all users by id with session.<method>(statement, execution_options={"yield_per": 2}), partition by partition
    Then exactly 1 SELECT of users was emitted
    And the users returned came in partitions of 2 and 1
    And the users returned are Alice, Bob and Charlie, in that order

    Examples:
      | method         |
      | stream         |
      | stream_scalars |

  @AS19 @IM6 @api:async
  Scenario Outline: <method>() with execution_options={"populate_existing": True} overwrites a change in memory
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I stream Alice with session.<method>(statement, execution_options={"populate_existing": True})
    Then the object returned is Alice
    And Alice's name is "Alice"
    And Alice is not modified

    Examples:
      | method         |
      | stream         |
      | stream_scalars |

  @AS19 @AS4 @api:async
  Scenario: stream_scalars() of a statement with selectinload(posts) loads the posts as well
    When I stream all users ordered by name with selectinload(posts)
    Then exactly 1 SELECT of users was emitted
    And exactly 1 SELECT of posts was emitted
    And Alice's posts are loaded
    And the users returned are Alice and Bob, in that order

  @AS20 @fact:has_row_locks
  Scenario Outline: refresh() with with_for_update=True reads the row again with a lock
    SQLite has no row locks, and its SELECT carries no FOR UPDATE.

    Given Alice is loaded
    When I refresh Alice with with_for_update=True
    Then exactly 1 SELECT of users was emitted
    And the SELECT of users <verdict> "FOR UPDATE"

    Examples:
      | has_row_locks | verdict         |
      | yes           | contained       |
      | no            | did not contain |

  @AS20 @MG3
  Scenario: merge() with options=[selectinload(posts)] loads the posts of the object it merges into
    Given Alice is loaded
    When I merge Alice into the second session with options=[selectinload(posts)]
    Then exactly 1 SELECT of users was emitted
    And exactly 1 SELECT of posts was emitted
    And Alice's posts are loaded in the second session

  @AS20 @AS5 @api:async
  Scenario: run_sync passes its further arguments on to the function, after the Session
    Given Alice is loaded
    When I call run_sync(read, Alice, "posts") where read(session, obj, name) returns getattr(obj, name)
    Then exactly 1 SELECT of posts was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @KB21 @sqla:13688 @api:async
  Scenario Outline: <chain> of a streamed result reads through the filter before it
    unique() and columns() return the result filtered; the scalars() or mappings() taken after
    them reads the filtered rows. Alice wrote two of the three posts.

    When I stream the name and id of each post's author, by post title, and take <chain>.all()
    Then the values read are <values>

    Examples:
      | chain                | values                                                  |
      | unique().scalars()   | ["Alice", "Bob"]                                        |
      | unique().mappings()  | [{"name": "Alice", "id": 1}, {"name": "Bob", "id": 2}] |
      | columns("id").scalars() | [1, 1, 2]                                            |

  @KB22 @sqla:13689 @api:async
  Scenario: freeze() of a streamed ORM result replays its objects each time it is called
    When I stream all users by id, freeze the result and replay it twice
    Then the users returned are Alice, Bob, Alice and Bob, in that order
    And exactly 1 SELECT of users was emitted

  @KB23 @sqla:12471 @api:async
  Scenario: get_transaction() answers after the object begin() returned is gone
    AsyncSession keeps its transaction proxies weakly: get_transaction() makes a new one for the
    Session's transaction when the one begin() returned was garbage collected.

    Given the session's transaction was begun with begin(), the object it returned not kept
    When I ask the session for its transaction with get_transaction()
    Then the transaction read is the proxy of the session's root transaction

  @KB23 @sqla:12471 @api:async
  Scenario: get_nested_transaction() answers after the object begin_nested() returned is gone
    Given the session's transaction was begun with begin(), the object it returned not kept
    And I begin a nested transaction, the object it returned not kept
    When I ask the session for its nested transaction with get_nested_transaction()
    Then the transaction read is the proxy of the session's nested transaction

  @KB64 @sqla:10421 @api:async
  Scenario: AsyncSession.close_all() closes every open AsyncSession, and warns that it is deprecated
    It closes each AsyncSession of the process, as close_all_sessions() does, and has been
    deprecated for it since 2.0.23, the release that made it work; 2.1 warns the same. Releases
    before 2.0.23 (SQLAlchemy bug #10421) raised AttributeError and closed nothing: the
    classmethod looked for a sync_session on the class.

    Given Alice is loaded
    And Bob is loaded in the second session
    And I add a new user Dave
    When I try to close every AsyncSession with AsyncSession.close_all()
    Then nothing was raised
    And SQLAlchemy warned "The AsyncSession.close_all() method is deprecated and will be removed in a future release."
    And SQLAlchemy warned "Please refer to close_all_sessions()."
    And Alice is detached
    And Dave is transient
    And Bob is detached in the second session
    And the session is not in a transaction
    And no connection is checked out of the pool
