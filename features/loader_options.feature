Feature: Loader options beyond the basic strategies
  A loader option tells one query how to load what it returns: from a JOIN the query already has
  (contains_eager), with an inner join, with an IN query for a many-to-one, with fewer columns on
  the related rows, with extra criteria, or not at all (raiseload, also for every relationship at
  once). Options chain along relationships and stick to the objects they loaded, so the same
  object loaded again by another query may keep what the first one did. ORM execution options
  change the execution instead: populate_existing, autoflush, yield_per, identity_token.

  Background:
    Given the users Alice and Bob exist, each with a first post
    And Alice has also written the post "Alice's Second Post"

  @CL25
  Scenario: contains_eager() fills user.posts from the query's own JOIN, with only the rows it matched
    When I select the users who wrote a post titled like "%Second%", with contains_eager on posts
    And I read Alice's posts
    Then exactly 1 statement was emitted
    And the SELECT of users contained "JOIN posts ON users.id = posts.user_id WHERE posts.title LIKE"
    And the SELECT of users did not contain "posts_1"
    And the users returned are Alice
    And the posts read are "Alice's Second Post"

  @CL26
  Scenario: contains_eager() leaves a collection that is already loaded as it was
    Given Alice is loaded with selectinload on posts
    When I select the users who wrote a post titled like "%Second%", with contains_eager on posts
    And I read Alice's posts
    Then exactly 1 statement was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @CL26
  Scenario: With populate_existing, contains_eager() replaces a loaded collection with the rows it matched
    Given Alice is loaded with selectinload on posts
    When I select the users who wrote a post titled like "%Second%", with contains_eager on posts and populate_existing
    And I read Alice's posts
    Then exactly 1 statement was emitted
    And the posts read are "Alice's Second Post"

  @CL27
  Scenario: raiseload("*") makes every lazy relationship raise, even a many-to-one already in the identity map
    Without it, the author of a post whose user is loaded comes from the identity map with no
    SQL (LD6); the wildcard reaches the posts loaded by joinedload() as well.

    Given I load Alice with joinedload(posts), raiseload("*")
    When I try to read "Alice's First Post"'s author
    Then an InvalidRequestError was raised saying "'Post.author' is not available due to lazy='raise'"
    And no SQL was emitted

  @CL27
  Scenario: Load(User).raiseload("*") reaches the user's relationships only, not those of its posts
    Given I load Alice with joinedload(posts), Load(User).raiseload("*")
    When I read "Alice's First Post"'s author
    Then no SQL was emitted
    And the value read is Alice itself

  @CL27
  Scenario: Load(User).raiseload("*") makes the user's own relationships raise
    Given I load Alice with Load(User).raiseload("*")
    When I try to read Alice's posts
    Then an InvalidRequestError was raised saying "'User.posts' is not available due to lazy='raise'"
    And no SQL was emitted

  @CL28
  Scenario: raiseload(sql_only=True) lets a many-to-one come from the identity map
    Given Bob is loaded
    And I load "Bob's First Post" with raiseload(author, sql_only=True)
    When I read "Bob's First Post"'s author
    Then no SQL was emitted
    And the value read is Bob itself

  @CL28
  Scenario: raiseload(sql_only=True) raises where the load would need SQL
    Given I load "Bob's First Post" with raiseload(author, sql_only=True)
    When I try to read "Bob's First Post"'s author
    Then an InvalidRequestError was raised saying "'Post.author' is not available due to lazy='raise_on_sql'"
    And no SQL was emitted

  @CL29
  Scenario: selectinload() of a many-to-one loads the authors by primary key with IN, without a JOIN
    When I select all posts with selectinload(author)
    And I read "Bob's First Post"'s author
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title, posts.content, posts.user_id, posts.published_at
        FROM posts ORDER BY posts.id
      SELECT users.id, users.name, users.email, users.is_active, users.created_at
        FROM users WHERE users.id IN (?, ?)
      """
    And the value read is Bob itself

  @CL30 @fact:inner_join_keyword
  Scenario: joinedload() of a many-to-one uses a LEFT OUTER JOIN by default
    When I select all posts with joinedload(author)
    Then exactly 1 statement was emitted
    And the SELECT of posts contained "FROM posts LEFT OUTER JOIN users AS users_1 ON users_1.id = posts.user_id"

  @CL30
  Scenario Outline: joinedload(..., innerjoin=True) uses an inner JOIN
    The MySQL dialect spells it INNER JOIN, the others JOIN.

    When I select all posts with joinedload(author, innerjoin=True)
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title, posts.content, posts.user_id, posts.published_at,
        users_1.id AS id_1, users_1.name, users_1.email, users_1.is_active, users_1.created_at
        FROM posts <join> users AS users_1 ON users_1.id = posts.user_id ORDER BY posts.id
      """
    And the posts returned are "Alice's First Post", "Alice's Second Post" and "Bob's First Post"

    Examples:
      | inner_join_keyword | join       |
      | JOIN               | JOIN       |
      | INNER JOIN         | INNER JOIN |

  @CL31
  Scenario: selectinload(...).load_only() selects only the named columns of the related rows
    When I select all users with selectinload(posts).load_only(title)
    Then the SQL emitted was:
      """
      SELECT users.id, users.name, users.email, users.is_active, users.created_at
        FROM users ORDER BY users.id
      SELECT posts.user_id, posts.id, posts.title FROM posts WHERE posts.user_id IN (?, ?)
      """

  @CL31 @api:sync
  Scenario: defaultload(...).load_only() keeps the lazy load and narrows its columns
    Given I load Alice with defaultload(posts).load_only(title)
    When I read Alice's posts
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title FROM posts WHERE ? = posts.user_id
      """
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @CL31 @AS5 @api:async
  Scenario: Under AsyncSession run_sync lazy loads with the narrowed columns of defaultload(...).load_only()
    Given I load Alice with defaultload(posts).load_only(title)
    When I read Alice's posts inside run_sync
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title FROM posts WHERE ? = posts.user_id
      """
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @CL32 @api:sync
  Scenario: A lazy load's options stick to the object: the reload after expiry narrows the columns again
    Given I load Alice with defaultload(posts).load_only(title)
    And Alice's posts are loaded
    And I expire Alice
    When I read Alice's posts
    Then the SQL emitted was:
      """
      SELECT users.id, users.name, users.email, users.is_active, users.created_at
        FROM users WHERE users.id = ?
      SELECT posts.id, posts.title FROM posts WHERE ? = posts.user_id
      """

  @CL32 @AS5 @api:async
  Scenario: Under AsyncSession too the reload inside run_sync narrows the columns again
    Given I load Alice with defaultload(posts).load_only(title)
    And Alice's posts are loaded
    And I expire Alice
    When I read Alice's posts inside run_sync
    Then the SQL emitted was:
      """
      SELECT users.id, users.name, users.email, users.is_active, users.created_at
        FROM users WHERE users.id = ?
      SELECT posts.id, posts.title FROM posts WHERE ? = posts.user_id
      """

  @CL33
  Scenario: Criteria added to a loader option with and_() load only the matching posts
    When I load Alice with selectinload on posts titled like "%Second%"
    And I read Alice's posts
    Then the SELECT of posts contained "AND posts.title LIKE"
    And the posts read are "Alice's Second Post"

  @CL33
  Scenario: A collection already loaded keeps its posts when loaded again with other criteria
    The SELECT of posts still runs; its rows are not applied to the collection already loaded.

    Given I load Alice with selectinload on posts titled like "%Second%"
    When I load Alice again with selectinload on posts titled like "%First%"
    And I read Alice's posts
    Then exactly 1 SELECT of posts was emitted
    And the posts read are "Alice's Second Post"

  @CL33
  Scenario: With populate_existing the new criteria replace the loaded collection
    Given I load Alice with selectinload on posts titled like "%Second%"
    When I load Alice again with selectinload on posts titled like "%First%" and populate_existing
    And I read Alice's posts
    Then the posts read are "Alice's First Post"

  @CL34 @api:sync
  Scenario: with_loader_criteria() in a query reaches the lazy loads of the objects it loaded
    Given I select all users with with_loader_criteria on posts titled like "%Second%"
    When I read Alice's posts
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title, posts.content, posts.user_id, posts.published_at
        FROM posts WHERE ? = posts.user_id AND posts.title LIKE ?
      """
    And the posts read are "Alice's Second Post"

  @CL34 @AS5 @api:async
  Scenario: Under AsyncSession run_sync's lazy load carries the with_loader_criteria() too
    Given I select all users with with_loader_criteria on posts titled like "%Second%"
    When I read Alice's posts inside run_sync
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title, posts.content, posts.user_id, posts.published_at
        FROM posts WHERE ? = posts.user_id AND posts.title LIKE ?
      """
    And the posts read are "Alice's Second Post"

  @CL35
  Scenario: populate_existing on a statement with selectinload() refreshes the related posts too
    Given the session factory is sessionmaker(autoflush=False)
    And Alice is loaded with selectinload on posts
    And I set "Alice's First Post"'s title to "Changed in memory"
    When I select all users with selectinload(posts) and populate_existing
    Then no UPDATE was emitted
    And exactly 1 SELECT of posts was emitted
    And "Alice's First Post"'s title is "Alice's First Post"

  @CL35
  Scenario: Without populate_existing the same query keeps the related post's change in memory
    Given the session factory is sessionmaker(autoflush=False)
    And Alice is loaded with selectinload on posts
    And I set "Alice's First Post"'s title to "Changed in memory"
    When I select all users with selectinload(posts)
    Then no UPDATE was emitted
    And "Alice's First Post"'s title is "Changed in memory"

  @CL36
  Scenario: The autoflush=False execution option skips the autoflush of one statement
    Given I add a new user Dave
    When I select all users ordered by name with execution_options(autoflush=False)
    Then no INSERT was emitted
    And the users returned are Alice and Bob, in that order
    And Dave is pending

  @CL37
  Scenario: yield_per hands the objects over in partitions of that size, from one SELECT
    Given the user Charlie exists
    When I iterate over all users in partitions with yield_per=2
    Then exactly 1 SELECT of users was emitted
    And the users returned came in partitions of 2 and 1
    And the users returned are Alice, Bob and Charlie, in that order

  @CL37
  Scenario: yield_per cannot be combined with unique()
    When I try to iterate over all users in partitions with yield_per=1, uniquing the result
    Then an InvalidRequestError was raised saying "Can't use the ORM yield_per feature in conjunction with unique()"

  @CL37
  Scenario: yield_per refuses joinedload() of a collection
    When I try to iterate over all users in partitions with yield_per=1 and joinedload(posts)
    Then an InvalidRequestError was raised saying "Can't use yield_per with eager loaders that require uniquing or row buffering"

  @CL37 @fact:yield_per_survives_another_query @fact:commands_out_of_sync_error
  Scenario Outline: With yield_per, selectinload() loads each partition's posts with a SELECT of its own
    SQLAlchemy's guide calls this combination "potentially compatible ... provided the database
    driver supports multiple, independent cursors", without saying what happens otherwise.
    PyMySQL and asyncmy stream yield_per rows through an unbuffered cursor: the first
    partition's SELECT of posts makes the driver discard the rest of the users, and the
    iteration ends early with no error, only the driver's UserWarning. mysqlclient refuses the
    SELECT of posts instead ("Commands out of sync") before the first partition is handed over,
    each with the exception class it maps that error to.

    When I try to iterate over all users in partitions with yield_per=1 and selectinload(posts)
    Then <outcome>
    And the users returned are <users>
    And the users returned came in <partitions>
    And exactly <selects> emitted
    And the driver <warned> during the iteration

    Examples:
      | yield_per_survives_another_query         | outcome                                                                  | users                        | partitions            | selects                 | warned                                                  |
      | it goes on                               | nothing was raised                                                       | Alice and Bob, in that order | partitions of 1 and 1 | 2 SELECTs of posts were | did not warn                                            |
      | the driver drops its rest with a warning | nothing was raised                                                       | Alice                        | partitions of 1       | 1 SELECT of posts was   | warned "Previous unbuffered result was left incomplete" |
      | the driver refuses the other query       | the driver refused the other query with its "Commands out of sync" error | none                         | no partition at all   | 1 SELECT of posts was   | did not warn                                            |

  @CL37 @KB24 @sqla:13301
  Scenario: With a do_orm_execute listener, yield_per with selectinload() still loads the posts
    yield_per is an option of the query it is given: selectinload's SELECT of posts is a query of
    its own, with no yield_per, whatever listens to do_orm_execute.

    Given listeners that record do_orm_execute, before_flush and the user mapper's events
    And I iterate over all users in partitions with yield_per=10 and selectinload(posts)
    When I read Alice's posts
    Then no SQL was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @KB43 @sqla:10231
  Scenario: Execution options given to Session.execute() reach the query selectinload() runs
    selectinload's SELECT of posts is a query of its own: it runs with the execution options of
    the statement that loads the users, also those given to execute() rather than to the
    statement (a do_orm_execute listener that routes by them sees them there too).

    Given a do_orm_execute listener that records each statement's execution options
    When I select all users with selectinload(posts), passing execution_options={"tenant": "acme"} to Session.execute()
    Then the do_orm_execute listener saw the query loading posts carry the execution options {"tenant": "acme"}
    And the users returned are Alice and Bob

  @KB44 @sqla:10834
  Scenario: Query.enable_eagerloads(False) lets yield_per() load users whose posts the mapping loads joined
    user.posts is mapped lazy="joined", which yield_per alone refuses (a joined collection needs
    the whole result to unique its rows). enable_eagerloads(False) turns that eager load off for
    this query: the users come without a JOIN, their posts left to a lazy load.

    Given the model variant "joined posts"
    When I try to query all users with session.query(User).enable_eagerloads(False).yield_per(10).all()
    Then nothing was raised
    And the users returned are Alice and Bob
    And Alice's posts are still unloaded
    And the SELECT of users did not contain "JOIN"

  @KB27 @sqla:13753
  Scenario: lazyload(posts.and_(or_(...))) keeps the OR inside the user's posts, also from a cached SELECT
    The first load finds no user: its SELECT of users is cached while no lazy load runs. The
    second load runs that cached SELECT, and its lazy load of Alice's posts joins the OR to the
    relationship's own condition in parentheses: only Alice's posts can match.

    Given I load the user named "Nobody" with lazyload(posts.and_(or_(title == "Alice's Second Post", title == "Bob's First Post"))) and read the posts
    When I load the user named "Alice" with lazyload(posts.and_(or_(title == "Alice's Second Post", title == "Bob's First Post"))) and read her posts
    Then the posts read are "Alice's Second Post"
    And exactly 1 SELECT of posts was emitted

  @KB36 @sqla:11173
  Scenario: subqueryload(posts.and_(...)) loads with each load's own criteria, also from a cached SELECT
    The statement is built anew each time with another pattern: the first load compiles it, the
    next ones take it from the compiled cache, and each load's subquery of posts binds its own
    pattern.

    Given I load Alice with subqueryload on posts titled like "%Second%"
    And I load Alice again with subqueryload on posts titled like "%Second%" and populate_existing
    When I load Alice again with subqueryload on posts titled like "%First%" and populate_existing
    And I read Alice's posts
    Then the posts read are "Alice's First Post"
    And exactly 1 SELECT of posts was emitted

  @KB38 @sqla:12905 @sqla:9635
  Scenario: with_loader_criteria() on a union() limits the rows with each execution's own values, also from a cached union
    The second union() is the first one built anew with another user: it comes from the
    compiled cache, and its criteria bind Bob's id, not Alice's.

    Given I read the titles of a union() of the posts titled like "%First%" and those titled like "%Second%", with with_loader_criteria on posts written by Alice
    When I read the titles of a union() of the posts titled like "%First%" and those titled like "%Second%", with with_loader_criteria on posts written by Bob
    Then the values read are ["Bob's First Post"]

  @KB78 @sqla:10365
  Scenario: with_loader_criteria() limits the posts of a join() whose ON clause is a plain comparison
    When I read the titles of the posts joined to the users ON a plain comparison (join(Post, Post.user_id == User.id)), with with_loader_criteria on posts titled like "%First%"
    Then the values read are ["Alice's First Post", "Bob's First Post"]

  @KB39 @sqla:13766
  Scenario: selectinload(alias.posts.and_(...)) over an aliased subquery loads the posts with each execution's own values
    The user is aliased(User, select(User).where(User.name == ...).subquery()), and the criteria
    name the alias, so the SELECT of posts holds that subquery again. Loading Bob that way after
    Alice takes the statement from the compiled cache; the SELECT of posts must bind "Bob".

    Given I load the user named "Alice" from an aliased subquery with selectinload(alias.posts.and_(Post.user_id == alias.id)) and read her posts
    When I load the user named "Bob" from an aliased subquery with selectinload(alias.posts.and_(Post.user_id == alias.id)) and read his posts
    Then the posts read are "Bob's First Post"
    And exactly 1 SELECT of posts was emitted

  @KB40 @sqla:13701
  Scenario: Two with_loader_criteria() for users, each a correlated EXISTS on the user, both apply
    Alice has a first and a second post, Bob only a first one, Charlie none: only Bob has a post
    titled like "%First%" and none titled like "%Second%".

    Given the user Charlie exists
    When I try to select all users with two with_loader_criteria on users, each a correlated EXISTS: they have a post titled like "%First%", and none titled like "%Second%"
    Then nothing was raised
    And the users returned are Bob

  @KB41 @sqla:13714 @sqlalchemy:>=2.1
  Scenario: with_loader_criteria() for users and for posts, each referring to the other, apply inside each other
    SQLAlchemy 2.1 applies a loader criteria also inside another criteria's subquery (2.0 does
    not): the users must have a post, and only posts whose author is not Alice count. Charlie
    has no post, Alice's posts are excluded, so Bob remains.

    Given the user Charlie exists
    When I try to select all users with with_loader_criteria(User, User.posts.any()) and with_loader_criteria(Post, Post.author.has(User.name != "Alice"))
    Then nothing was raised
    And the users returned are Bob

  @KB34 @sqla:13779
  Scenario: undefer(content) nested under subqueryload(posts.of_type(aliased(Post))) applies on every run of the cached statement
    Each load builds a new aliased(Post), as a function building its statement does: the second
    load finds the first one's compiled form in the cache, and the option nested under the alias
    still undefers the content of the posts it loads.

    Given the model variant "deferred post content"
    And I load Alice with subqueryload(posts.of_type(aliased(Post))).options(undefer(content))
    And I close the session
    When I load Alice again with subqueryload(posts.of_type(aliased(Post))).options(undefer(content))
    Then the unloaded columns of "Alice's First Post" are none
    And the unloaded columns of "Alice's Second Post" are none

  @CL38
  Scenario: The same row loaded with an identity_token becomes a second, distinct object
    Given Alice is loaded
    When I load Alice again with the identity token "replica"
    Then the last two loads returned different objects
    And the object returned has the identity token "replica"
    And the identity map holds 2 objects

  @CL38
  Scenario: An object loaded without an identity_token has none in its identity key
    When I load Alice
    Then the object returned has no identity token

  @CL39 @api:sync
  Scenario: lazyload("*") in a query overrides lazy="raise" of the mapping
    Given the model variant "raise on posts"
    And I load Alice with lazyload("*")
    When I read Alice's posts
    Then exactly 1 SELECT of posts was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"

  @CL39 @AS5 @api:async
  Scenario: Under AsyncSession run_sync lazy loads where lazyload("*") overrode lazy="raise"
    Given the model variant "raise on posts"
    And I load Alice with lazyload("*")
    When I read Alice's posts inside run_sync
    Then exactly 1 SELECT of posts was emitted
    And the posts read are "Alice's First Post" and "Alice's Second Post"
