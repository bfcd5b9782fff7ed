Feature: SQL expressions as mapped attributes
  An attribute can be a SQL expression instead of a column: a column_property (a user's number of
  posts, a correlated subquery loaded with the user), a hybrid (a user's signature, computed in
  Python on an object and rendered as SQL in a query), or a query_expression filled per query by
  with_expression(). None of them is a column the flush writes, and each keeps its value in
  memory by rules of its own: a count that is stale after a new post, an expression that is lost
  when the object is expired, or that a second query does not replace.

  @CL9
  Scenario: A column_property is loaded in the same SELECT as the user, as a correlated subquery
    Given the model variant "the blog"
    And the user Alice exists with a first post
    And Alice has also written the post "Alice's Second Post"
    When I load Alice
    Then the SQL emitted was:
      """
      SELECT (SELECT count(posts.id) AS count_1 FROM posts WHERE posts.user_id = users.id) AS anon_1,
        users.id, users.name, users.email, users.is_active, users.created_at
        FROM users WHERE users.id = ?
      """
    And Alice's post_count is 2

  @CL9
  Scenario: A column_property can filter a query: its subquery is repeated in the WHERE clause
    Given the model variant "the blog"
    And the users Alice and Bob exist, each with a first post
    And Alice has also written the post "Alice's Second Post"
    When I select the users whose post_count is at least 2
    Then the SQL emitted was:
      """
      SELECT (SELECT count(posts.id) AS count_1 FROM posts WHERE posts.user_id = users.id) AS anon_1,
        users.id, users.name, users.email, users.is_active, users.created_at
        FROM users WHERE (SELECT count(posts.id) AS count_1 FROM posts WHERE posts.user_id = users.id) >= ?
        ORDER BY users.id
      """
    And the users returned are Alice

  @CL10
  Scenario: A flush that includes the user expires its column_property
    column_property(expire_on_flush=True), the default: the user takes part in the flush because
    its posts collection changed, so the count it loaded is expired, to be read again.

    Given the model variant "the blog"
    And the user Alice exists with a first post
    And Alice is loaded with selectinload on posts
    And I append a new post "Alice's Second Post" to Alice's posts
    When I flush the session
    Then exactly 1 INSERT of posts was emitted
    And the expired attributes of Alice are post_count

  @CL10 @api:sync
  Scenario: After that flush the column_property is read again with a SELECT of the expression alone
    Given the model variant "the blog"
    And the user Alice exists with a first post
    And Alice is loaded with selectinload on posts
    And I append a new post "Alice's Second Post" to Alice's posts
    And I flush the session
    When I read Alice's post_count
    Then the SQL emitted was:
      """
      SELECT (SELECT count(posts.id) AS count_1 FROM posts WHERE posts.user_id = users.id) AS anon_1
        FROM users WHERE users.id = ?
      """
    And the value read is 2

  @CL10 @AS2 @api:async
  Scenario: Under AsyncSession the column_property expired by the flush raises when read
    Given the model variant "the blog"
    And the user Alice exists with a first post
    And Alice is loaded with selectinload on posts
    And I append a new post "Alice's Second Post" to Alice's posts
    And I flush the session
    When I try to read Alice's post_count
    Then the implicit IO was refused with MissingGreenlet
    And Alice's post_count is still unloaded
    And Alice's post_count is 2

  @CL11
  Scenario: A post added by its foreign key alone leaves the user's column_property stale
    The user is not part of that flush (nothing of it changed), so its count is neither expired
    nor updated: the object says 1 while the database says 2.

    Given the model variant "the blog"
    And the user Alice exists with a first post
    And Alice is loaded
    And I add a new post "Alice's Second Post" whose user_id is Alice's id
    When I flush the session
    Then exactly 1 INSERT of posts was emitted
    And no attribute of Alice is expired
    And Alice's post_count is 1

  @CL11
  Scenario: refresh() brings the stale column_property up to date
    Given the model variant "the blog"
    And the user Alice exists with a first post
    And Alice is loaded
    And I add a new post "Alice's Second Post" whose user_id is Alice's id
    And I flush the session
    When I refresh Alice
    Then exactly 1 SELECT of users was emitted
    And Alice's post_count is 2

  @CL12
  Scenario: A value assigned to a column_property stays in memory and is never written
    Given the model variant "the blog"
    And the user Alice exists with a first post
    And Alice is loaded
    When I set Alice's post_count to 10
    And I flush the session
    Then no SQL was emitted
    And Alice's post_count is 10

  @CL12
  Scenario: refresh() replaces a value assigned to a column_property with the database's
    Given the model variant "the blog"
    And the user Alice exists with a first post
    And Alice is loaded
    And I set Alice's post_count to 10
    When I refresh Alice
    Then Alice's post_count is 1

  @CL13
  Scenario: A hybrid read on an object is computed in Python with no SQL
    Given the model variant "the blog"
    And the user Alice exists
    And Alice is loaded
    When I read Alice's signature
    Then no SQL was emitted
    And the value read is "Alice <alice@example.com>"

  @CL13 @fact:string_concatenation
  Scenario Outline: A hybrid in a WHERE clause renders its SQL expression, in each dialect's words
    The string concatenation the hybrid's expression builds with + is || on SQLite and
    PostgreSQL, concat() on MariaDB (where || means OR unless the server's sql_mode says
    PIPES_AS_CONCAT).

    Given the model variant "the blog"
    And the users Alice and Bob exist
    When I select the users whose signature is "Alice <alice@example.com>"
    Then the SQL emitted was:
      """
      SELECT (SELECT count(posts.id) AS count_1 FROM posts WHERE posts.user_id = users.id) AS anon_1,
        users.id, users.name, users.email, users.is_active, users.created_at
        FROM users WHERE <signature> = ? ORDER BY users.id
      """
    And the users returned are Alice

    Examples:
      | string_concatenation | signature                                   |
      | \|\|                 | (users.name \|\| ? \|\| users.email \|\| ?) |
      | concat()             | (concat(users.name, ?, users.email, ?))     |

  @CL14
  Scenario: with_expression() loads a SQL expression into a query_expression attribute, in the same SELECT
    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    When I load "Alice's First Post" with with_expression(title_length, length(title))
    Then the SQL emitted was:
      """
      SELECT length(posts.title) AS length_1, posts.id, posts.title, posts.content, posts.user_id,
        posts.published_at FROM posts WHERE posts.id = ?
      """
    And "Alice's First Post"'s title_length is 18

  @KB85 @sqla:10990
  Scenario: with_expression() given an expression SQLAlchemy cannot cache loads its value too
    uncached_length(title) renders length(posts.title) from a function construct with
    inherit_cache=False, as an application's own construct without a cache key is.

    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    When I load "Alice's First Post" with with_expression(title_length, uncached_length(title))
    Then "Alice's First Post"'s title_length is 18

  @CL14
  Scenario: Without with_expression() a query_expression attribute reads None, with no SQL
    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    And "Alice's First Post" is loaded
    When I read "Alice's First Post"'s title_length
    Then no SQL was emitted
    And the value read is None

  @CL15
  Scenario: with_expression() fills the attribute of an object already loaded without it
    SQLAlchemy's column loading guide says the with_expression() value "does not populate on an
    object that is already loaded" unless populate_existing is used, and shows loading the
    object first without the option as the example that does not work. It works: the attribute
    was never populated, and a later row fills what an object has not loaded.

    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    And "Alice's First Post" is loaded
    When I load "Alice's First Post" again with with_expression(title_length, length(title))
    Then the object returned is "Alice's First Post"
    And "Alice's First Post"'s title_length is 18

  @CL15
  Scenario: A second with_expression() does not replace a value the object already holds
    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    And I load "Alice's First Post" with with_expression(title_length, length(title))
    When I load "Alice's First Post" again with with_expression(title_length, length(content))
    Then exactly 1 SELECT of posts was emitted
    And "Alice's First Post"'s title_length is 18

  @CL15
  Scenario: With populate_existing a second with_expression() replaces the value
    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    And I load "Alice's First Post" with with_expression(title_length, length(title))
    When I load "Alice's First Post" again with with_expression(title_length, length(content)) and populate_existing
    Then "Alice's First Post"'s title_length is 27

  @CL16
  Scenario: After commit expires the object, the with_expression() attribute reads None without loading
    A query_expression attribute has no loader of its own: reading it while the object is
    expired returns None at once, with no SQL (and so no IO error under AsyncSession either).

    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    And I load "Alice's First Post" with with_expression(title_length, length(title))
    And I commit the session
    When I read "Alice's First Post"'s title_length
    Then no SQL was emitted
    And the value read is None

  @CL16 @api:sync
  Scenario: The expired object reloads with its with_expression(), and the value comes back
    SQLAlchemy's column loading guide says the expression "is lost when the object is expired"
    and the attribute "will return None on subsequent access". Only until the object reloads:
    the load of any other expired attribute runs the loader options the object was loaded
    with, the with_expression() among them.

    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    And I load "Alice's First Post" with with_expression(title_length, length(title))
    And I expire "Alice's First Post"
    When I read "Alice's First Post"'s title
    Then the SQL emitted was:
      """
      SELECT length(posts.title) AS anon_1, posts.id, posts.title, posts.content, posts.user_id,
        posts.published_at FROM posts WHERE posts.id = ?
      """
    And "Alice's First Post"'s title_length is 18

  @CL16 @AS5 @api:async
  Scenario: Under AsyncSession run_sync reloads the expired object with its with_expression() too
    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    And I load "Alice's First Post" with with_expression(title_length, length(title))
    And I expire "Alice's First Post"
    When I read "Alice's First Post"'s title inside run_sync
    Then the SQL emitted was:
      """
      SELECT length(posts.title) AS anon_1, posts.id, posts.title, posts.content, posts.user_id,
        posts.published_at FROM posts WHERE posts.id = ?
      """
    And "Alice's First Post"'s title_length is 18

  @CL16 @KB25 @sqla:13560
  Scenario: refresh() keeps a with_expression() value: it runs the expression again
    Refreshing the expired post's title runs and caches a SELECT by primary key with the
    expression: the refresh() after the next load runs that SELECT again, and applies its value.

    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    And I load "Alice's First Post" with with_expression(title_length, length(title))
    And I expire "Alice's First Post"
    And I refresh "Alice's First Post"'s title
    And I expunge all objects from the session
    And I load "Alice's First Post" with with_expression(title_length, length(title))
    When I refresh "Alice's First Post"
    Then the SELECT of posts contained "SELECT length(posts.title) AS"
    And "Alice's First Post"'s title_length is 18

  @KB42 @sqla:10570
  Scenario: with_expression() under selectinload() applies the value each query binds
    Both loads run the same statement but for the value added to the title's length: the second
    comes from the compiled cache, and its posts' SELECT adds the 2 it binds, not the first 1.

    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    And I load Alice with selectinload(posts).with_expression(title_length, length(title) + 1)
    And I expunge all objects from the session
    When I load Alice with selectinload(posts).with_expression(title_length, length(title) + 2)
    Then "Alice's First Post"'s title_length is 20

  @CL17
  Scenario: A query_expression attribute in a WHERE clause renders NULL, so nothing matches
    Given the model variant "posts with a query_expression title_length"
    And the user Alice exists with a first post
    When I select the posts whose title_length is at least 1 with with_expression(title_length, length(title))
    Then the SQL emitted was:
      """
      SELECT length(posts.title) AS length_1, posts.id, posts.title, posts.content, posts.user_id,
        posts.published_at FROM posts WHERE NULL >= ? ORDER BY posts.id
      """
    And the posts returned are none
