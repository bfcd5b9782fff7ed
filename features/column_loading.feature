Feature: Column loading options
  A SELECT of an entity need not fetch every column. load_only() names the columns to fetch,
  defer() the ones to leave out, and a mapping can defer a column for every query, alone or in a
  group; what was left out is fetched on first access with a SELECT of its own, or refused with
  raiseload. It bites when a list page that read three columns quietly runs one more query per
  row, when a deferred column is read after the session is gone, or under AsyncSession, where
  that first access cannot do IO at all.

  Background:
    Given the users Alice and Bob exist, each with a first post

  @CL1
  Scenario: load_only() selects the named columns and the primary key, nothing else
    When I load "Alice's First Post" with load_only(title)
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title FROM posts WHERE posts.id = ?
      """
    And the unloaded columns of "Alice's First Post" are content, published_at and user_id

  @CL2 @api:sync
  Scenario: A column load_only() left out is loaded on first access by a SELECT of that column alone
    Given I load "Alice's First Post" with load_only(title)
    When I read "Alice's First Post"'s content
    Then the SQL emitted was:
      """
      SELECT posts.content FROM posts WHERE posts.id = ?
      """
    And the value read is "This is Alice's first post."
    And the unloaded columns of "Alice's First Post" are published_at and user_id

  @CL2 @AS1 @api:async
  Scenario: Under AsyncSession the first access to a column load_only() left out raises
    Given I load "Alice's First Post" with load_only(title)
    When I try to read "Alice's First Post"'s content
    Then the implicit IO was refused with MissingGreenlet
    And "Alice's First Post"'s content is still unloaded
    And "Alice's First Post"'s content is "This is Alice's first post."

  @CL3
  Scenario: defer() leaves out the named column and loads every other one
    When I load "Alice's First Post" with defer(content)
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title, posts.user_id, posts.published_at FROM posts WHERE posts.id = ?
      """
    And the unloaded columns of "Alice's First Post" are content

  @CL4
  Scenario: With load_only(..., raiseload=True) reading a column left out raises without SQL
    Given I load "Alice's First Post" with load_only(title, raiseload=True)
    When I try to read "Alice's First Post"'s content
    Then an InvalidRequestError was raised saying "'Post.content' is not available due to raiseload=True"
    And no SQL was emitted

  @CL4
  Scenario: With defer(..., raiseload=True) reading the deferred column raises without SQL
    Given I load "Alice's First Post" with defer(content, raiseload=True)
    When I try to read "Alice's First Post"'s content
    Then an InvalidRequestError was raised saying "'Post.content' is not available due to raiseload=True"
    And no SQL was emitted

  @CL4
  Scenario: load_only(..., raiseload=True) leaves the columns it names readable without SQL
    Given I load "Alice's First Post" with load_only(title, raiseload=True)
    When I read "Alice's First Post"'s title
    Then no SQL was emitted
    And the value read is "Alice's First Post"

  @CL5
  Scenario: A load leaves out every column of a deferred group
    Given the model variant "post content and published_at deferred as a group"
    When I load "Alice's First Post"
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title, posts.user_id FROM posts WHERE posts.id = ?
      """
    And the unloaded columns of "Alice's First Post" are content and published_at

  @CL5 @api:sync
  Scenario: Reading one column of a deferred group loads the whole group with one SELECT
    Given the model variant "post content and published_at deferred as a group"
    And "Alice's First Post" is loaded
    When I read "Alice's First Post"'s content
    Then the SQL emitted was:
      """
      SELECT posts.content, posts.published_at FROM posts WHERE posts.id = ?
      """
    And the value read is "This is Alice's first post."
    And the unloaded columns of "Alice's First Post" are none

  @CL5 @AS5 @api:async
  Scenario: Under AsyncSession run_sync loads a deferred group with the same single SELECT
    Given the model variant "post content and published_at deferred as a group"
    And "Alice's First Post" is loaded
    When I read "Alice's First Post"'s content inside run_sync
    Then the SQL emitted was:
      """
      SELECT posts.content, posts.published_at FROM posts WHERE posts.id = ?
      """
    And the value read is "This is Alice's first post."
    And the unloaded columns of "Alice's First Post" are none

  @CL5
  Scenario: undefer_group() loads the whole group up front
    Given the model variant "post content and published_at deferred as a group"
    When I load "Alice's First Post" with undefer_group("body")
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title, posts.content, posts.user_id, posts.published_at
        FROM posts WHERE posts.id = ?
      """
    And the unloaded columns of "Alice's First Post" are none

  @CL5 @KB45 @sqla:9870
  Scenario: undefer_group() works together with selectinload() of another relationship
    Given the model variant "post content and published_at deferred as a group"
    When I try to load "Alice's First Post" with undefer_group("body"), selectinload(author)
    Then nothing was raised
    And the SQL emitted was:
      """
      SELECT posts.id, posts.title, posts.content, posts.user_id, posts.published_at
        FROM posts WHERE posts.id = ?
      SELECT users.id, users.name, users.email, users.is_active, users.created_at
        FROM users WHERE users.id IN (?)
      """
    And the unloaded columns of "Alice's First Post" are none
    And Alice's name is "Alice"

  @CL6
  Scenario: undefer("*") loads every deferred column, whatever its group
    Given the model variant "post content and published_at deferred as a group"
    When I load "Alice's First Post" with undefer("*")
    Then the SQL emitted was:
      """
      SELECT posts.id, posts.title, posts.content, posts.user_id, posts.published_at
        FROM posts WHERE posts.id = ?
      """
    And the unloaded columns of "Alice's First Post" are none

  @CL7
  Scenario: A column mapped with deferred(raiseload=True) raises on access instead of loading
    Given the model variant "post content deferred with raiseload"
    And "Alice's First Post" is loaded
    When I try to read "Alice's First Post"'s content
    Then an InvalidRequestError was raised saying "'PostDeferredRaiseload.content' is not available due to raiseload=True"
    And no SQL was emitted

  @CL7
  Scenario: undefer() in the query loads a column mapped with deferred(raiseload=True)
    Given the model variant "post content deferred with raiseload"
    And I load "Alice's First Post" with undefer(content)
    When I read "Alice's First Post"'s content
    Then no SQL was emitted
    And the value read is "This is Alice's first post."

  @CL8
  Scenario: A later query fills the columns an object left unloaded and keeps the ones it changed
    SQLAlchemy's "Populate Existing" section says that a row matched to an object already in
    the identity map "is not applied to the object". It is applied to the attributes the object
    has not loaded: the content that load_only() left out (and refused with raiseload) arrives
    with the second SELECT, while the title changed in memory is kept. (Autoflush is off, so
    the change is not written first.)

    Given the session factory is sessionmaker(autoflush=False)
    And I load "Alice's First Post" with load_only(title, raiseload=True)
    And I set "Alice's First Post"'s title to "Changed in memory"
    When I load "Alice's First Post" again
    Then exactly 1 SELECT of posts was emitted
    And no UPDATE was emitted
    And the unloaded columns of "Alice's First Post" are none
    And "Alice's First Post"'s content is "This is Alice's first post."
    And "Alice's First Post"'s title is "Changed in memory"
