@api:async
Feature: What only AsyncSession has
  AsyncSession runs the Session's identity map, unit of work and transactions (every other
  feature runs on the async backends too, through the async API), but no attribute access may
  do IO: a lazy load, an expired attribute, a deferred column must be loaded with an await, an
  eager loader or inside run_sync. These scenarios state the async tools and their pitfalls, with
  the SQL each emits, on SQLite (aiosqlite), PostgreSQL (asyncpg) and MariaDB (asyncmy).

  Background:
    Given the users Alice and Bob exist, each with a first post
    And Alice has also written the post "Alice's Second Post"

  @AS3
  Scenario: awaitable_attrs loads a lazy relationship with an await
    Given the model variant "with AsyncAttrs"
    And Alice is loaded
    When I await Alice's posts through awaitable_attrs
    Then exactly 1 SELECT of posts was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @AS3
  Scenario: awaitable_attrs of an attribute already loaded emits no SQL
    Given the model variant "with AsyncAttrs"
    And Alice is loaded
    When I await Alice's name through awaitable_attrs
    Then no SQL was emitted
    And the value read is "Alice"

  @AS3 @AS2
  Scenario: awaitable_attrs reloads an attribute expired by commit
    Given the model variant "with AsyncAttrs"
    And Alice is loaded
    And I commit the session
    When I await Alice's name through awaitable_attrs
    Then exactly 1 SELECT of users was emitted
    And the value read is "Alice"

  @AS4
  Scenario: With selectinload the posts are read later with no IO
    Given Alice is loaded with selectinload on posts
    When I read Alice's posts
    Then no SQL was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @AS5
  Scenario: run_sync runs a lazy load that an attribute access cannot
    Given Alice is loaded
    When I read Alice's posts inside run_sync
    Then exactly 1 SELECT of posts was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @AS7
  Scenario: refresh() with the relationship named loads it explicitly
    Given Alice is loaded
    And I refresh Alice's posts
    When I read Alice's posts
    Then no SQL was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @AS7
  Scenario: refresh() with the relationship named emits the SELECT of posts
    Before the posts, refresh() selects the user's key alone, to find that the row still exists.

    Given Alice is loaded
    When I refresh Alice's posts
    Then exactly 1 SELECT of posts was emitted
    And the SELECT of users contained "SELECT users.id FROM users WHERE"

  @AS8
  Scenario: stream_scalars() yields the rows through async iteration
    When I stream all users ordered by name
    Then the users returned are Alice and Bob, in that order
    And exactly 1 SELECT of users was emitted

  @AS9
  Scenario: A new user's posts, never assigned, cannot be read after the flush
    Reading posts before the flush returns an empty list but does not keep it: after the flush
    the collection is unloaded, and reading it is a lazy load.

    Given I add a new user Dave
    And I flush the session
    When I try to read Dave's posts
    Then the implicit IO was refused with MissingGreenlet
    And no SQL was emitted

  @AS9
  Scenario: A new user given an empty posts list reads it after the flush with no IO
    Given I add a new user Erin with an empty posts list
    And I flush the session
    When I read Erin's posts
    Then no SQL was emitted
    And the posts read are none

  @AS10 @LD9
  Scenario: A write_only collection is added to and selected from with no implicit IO
    Given the model variant "write_only posts"
    And Alice is loaded
    When I add a new post "Hello" through Alice's write-only posts
    And I flush the session
    And I select Alice's posts through the write-only collection
    Then exactly 1 INSERT of posts was emitted
    And the posts returned are "Alice's First Post", "Alice's Second Post" and "Hello"

  @AS11
  Scenario: async_scoped_session keyed by task gives each task its own session
    Given an async_scoped_session keyed by task
    When I call the registry twice in one task and once in another task
    Then the two calls in one task returned the same session, the other task another one

  @AS12
  Scenario: Two tasks querying one AsyncSession at once
    SQLAlchemy's documentation says one AsyncSession is not safe for concurrent tasks, without
    saying what happens. With these three drivers, two asyncio.gather()ed SELECTs on one
    session both come back whole: nothing refuses the misuse, so nothing warns you of it.

    Given Alice is loaded
    When I try to run two queries on the session at once
    Then nothing was raised
    And each of the two queries returned the users Alice and Bob, in that order

  @AS13 @EP3
  Scenario: await session.close() gives the connection back to the pool
    Given Alice is loaded
    When I close the session
    Then no connection is checked out of the pool

  @AS13
  Scenario: await engine.dispose() closes every pooled connection
    Given Alice is loaded
    And I close the session
    When I dispose of the engine
    Then the pool keeps no idle connections and none checked out

  @AS14
  Scenario: refresh() of a user expires its loaded posts (cascade "all") without reloading them
    Given Alice is loaded
    And Alice's posts are loaded
    When I refresh Alice
    Then every attribute of "Alice's First Post" is expired
    And exactly 1 SELECT of users was emitted
    And no SELECT of posts was emitted

  @AS14
  Scenario: After that refresh() a post's title cannot be read
    Given Alice is loaded
    And Alice's posts are loaded
    And I refresh Alice
    When I try to read "Alice's First Post"'s title
    Then the implicit IO was refused with MissingGreenlet

  @AS14 @AS4
  Scenario: refresh() of a user loaded with selectinload runs the selectinload again
    The loader options of the query that loaded Alice are kept with her and applied again by
    refresh(): the posts are reloaded, not left expired.

    Given Alice is loaded with selectinload on posts
    When I refresh Alice
    Then exactly 1 SELECT of users was emitted
    And exactly 1 SELECT of posts was emitted
    And "Alice's First Post"'s title is "Alice's First Post"
