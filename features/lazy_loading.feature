Feature: Lazy loading of relationships
  user.posts is loaded the first time you touch it, with a SELECT of its own, and kept after
  that. Harmless for one user, it becomes the N+1 problem in a loop over N users: one SELECT for
  the users, then one per user. Eager loader options replace those with a fixed number of
  statements, however many users there are; raiseload makes an accidental lazy load an error;
  and a lazy load needs the session, so on a detached object it fails.

  Background:
    Given the users Alice, Bob and Charlie exist, each with a first post
    And Alice has also written the post "Alice's Second Post"
    And a session

  @LD1 @api:sync
  Scenario: The first access to user.posts emits one SELECT on posts
    Given Alice is loaded
    When I read Alice's posts
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title, posts.content, posts.user_id, posts.published_at
        FROM posts WHERE ? = posts.user_id
      """
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @LD1 @AS1 @VD4 @api:async @fact:implicit_io_error
  Scenario Outline: Under AsyncSession the first access to user.posts raises instead of loading
    An attribute access cannot await, so the lazy load fails before any SQL is sent
    ("greenlet_spawn has not been called"). Whether the MissingGreenlet comes wrapped in a
    StatementError depends on the driver and the release: aiosqlite, asyncmy and psycopg's
    async mode fail opening the cursor, which SQLAlchemy wraps (for all but asyncmy only since
    2.1); asyncpg fails executing, unwrapped.

    Given Alice is loaded
    When I try to read Alice's posts
    Then <error>
    And Alice's posts are still unloaded
    And Alice's posts are "Alice's First Post" and "Alice's Second Post"

    Examples:
      | implicit_io_error                       | error                                                  |
      | MissingGreenlet                         | a MissingGreenlet was raised                           |
      | StatementError wrapping MissingGreenlet | a StatementError was raised wrapping a MissingGreenlet |

  @LD1
  Scenario: Once loaded, user.posts is read again with no SQL
    Given Alice is loaded
    And Alice's posts are loaded
    When I read Alice's posts
    Then no SQL was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @LD1 @LD6 @api:sync
  Scenario: A many-to-one lazy load of an author not in the identity map emits one SELECT
    Given "Bob's First Post" is loaded
    When I read "Bob's First Post"'s author
    Then exactly 1 SELECT of users was emitted
    And the value read is Bob itself

  @LD1 @LD6 @AS1 @api:async
  Scenario: Under AsyncSession a many-to-one lazy load raises too
    Given "Bob's First Post" is loaded
    When I try to read "Bob's First Post"'s author
    Then the implicit IO was refused with MissingGreenlet
    And "Bob's First Post"'s author is still unloaded

  @LD2 @api:sync
  Scenario: Touching each of N users' posts emits N+1 statements
    When I load all users and read each user's posts
    Then exactly 4 statements were emitted
    And exactly 1 SELECT of users was emitted
    And exactly 3 SELECTs of posts were emitted

  @LD2 @LD3
  Scenario Outline: With twice as many users the lazy default grows and eager options do not
    The lazy default grows with the number of users (N+1); the eager options do not. (Under
    AsyncSession only the eager options load at all: the lazy row is the sync API's.)

    Given the users Dave, Erin and Frank exist, each with a first post
    When I load all users with <option> and read each user's posts
    Then exactly <statements> statements were emitted

    Examples:
      | api  | option       | statements |
      | sync | lazyload     | 7          |
      |      | selectinload | 2          |
      |      | subqueryload | 2          |
      |      | joinedload   | 1          |

  @LD3
  Scenario Outline: An eager loader option brings N+1 down to a fixed number of statements
    When I load all users with <option> and read each user's posts
    Then exactly <statements> statements were emitted
    And exactly <selects on posts> SELECTs of posts were emitted

    Examples:
      | api  | option       | statements | selects on posts |
      | sync | lazyload     | 4          | 3                |
      |      | selectinload | 2          | 1                |
      |      | subqueryload | 2          | 1                |
      |      | joinedload   | 1          | 0                |

  @LD3
  Scenario: selectinload loads the posts of every user with one IN query
    When I load all users with selectinload and read each user's posts
    Then the SELECT of posts contained "WHERE posts.user_id IN"

  @LD5
  Scenario: raiseload turns a lazy load into an error without emitting SQL
    Given Alice is loaded with raiseload on posts
    When I try to read Alice's posts
    Then an InvalidRequestError was raised saying "'User.posts' is not available due to lazy='raise'"
    And no SQL was emitted

  @LD5
  Scenario: raiseload on posts leaves the rest of the object loaded
    Given Alice is loaded with raiseload on posts
    When I read Alice's email
    Then no SQL was emitted
    And the value read is "alice@example.com"
