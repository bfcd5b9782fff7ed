Feature: Loading strategies and deferred columns
  Beyond the lazy default, a relationship can be loaded eagerly (joinedload, selectinload), never
  (noload), only on request (write_only), or refuse to load (raise); a column can be deferred to a
  SELECT of its own. Each choice trades statements for rows and memory, and each has its own trap:
  a joined collection repeats parent rows, a write_only collection cannot be iterated.

  Background:
    Given the users Alice and Bob exist, each with a first post

  @LD4
  Scenario: joinedload of a collection without unique() raises InvalidRequestError
    When I try to load all users with joinedload on posts without unique()
    Then an InvalidRequestError was raised saying "unique()"

  @LD4
  Scenario: joinedload with unique() returns each user once
    Given Alice has also written the post "Alice's Second Post"
    When I load all users with joinedload and read each user's posts
    Then the users returned are Alice and Bob, in that order
    And exactly 1 statement was emitted

  @LD6
  Scenario: A many-to-one lazy load of an author already in the identity map emits no SQL
    Given Alice is loaded
    And "Alice's First Post" is loaded
    When I read "Alice's First Post"'s author
    Then no SQL was emitted
    And the value read is Alice itself

  @LD8
  Scenario Outline: noload gives an empty collection without SQL
    lazy="noload" returns an empty collection even when rows exist, which is exactly what this
    scenario shows. SQLAlchemy 2.1 deprecates it and says so when the mapping is configured.

    Given the model variant "noload posts"
    And Alice is loaded
    When I read Alice's posts
    Then no SQL was emitted
    And the posts read are none
    And SQLAlchemy <warned>

    Examples:
      | sqlalchemy | warned                                                |
      | 2.0        | did not warn                                          |
      | 2.1        | warned "The ``noload`` loader strategy is deprecated" |

  @LD5
  Scenario: lazy="raise" on the relationship raises on access without SQL
    Given the model variant "raise on posts"
    And Alice is loaded
    When I try to read Alice's posts
    Then an InvalidRequestError was raised saying "is not available due to lazy='raise'"
    And no SQL was emitted

  @LD5
  Scenario: lazy="raise" gives way to an eager loader option
    Given the model variant "raise on posts"
    And Alice is loaded with selectinload on posts
    When I read Alice's posts
    Then no SQL was emitted
    And the posts read are "Alice's First Post"

  @LD9
  Scenario: A write_only collection never loads: reading it emits no SQL and it cannot be iterated
    Given the model variant "write_only posts"
    And Alice is loaded
    When I read Alice's posts
    And I try to iterate over the value read
    Then no SQL was emitted
    And the value read is a WriteOnlyCollection
    And a TypeError was raised

  @LD9
  Scenario: Rows are added to a write_only collection with add() and written at flush
    Given the model variant "write_only posts"
    And Alice is loaded
    When I add a new post "Hello" through Alice's write-only posts
    And I flush the session
    Then exactly 1 INSERT of posts was emitted
    And no SELECT of posts was emitted

  @LD9
  Scenario: A write_only collection is read with a select()
    Given the model variant "write_only posts"
    And Alice is loaded
    When I select Alice's posts through the write-only collection
    Then exactly 1 SELECT of posts was emitted
    And the posts returned are "Alice's First Post"

  @LD10
  Scenario: The load of an object with a deferred column leaves the column out
    Given the model variant "deferred post content"
    When I load "Alice's First Post"
    Then the SELECT of posts did not contain "posts.content"

  @LD10 @api:sync
  Scenario: A deferred column is loaded by its own SELECT on first access
    Given the model variant "deferred post content"
    And "Alice's First Post" is loaded
    When I read "Alice's First Post"'s content
    Then exactly 1 SELECT of posts was emitted
    And the value read is "This is Alice's first post."

  @LD10 @AS1 @api:async
  Scenario: Under AsyncSession a deferred column raises on first access
    Given the model variant "deferred post content"
    And "Alice's First Post" is loaded
    When I try to read "Alice's First Post"'s content
    Then the implicit IO was refused with MissingGreenlet
    And "Alice's First Post"'s content is still unloaded
    And "Alice's First Post"'s content is "This is Alice's first post."

  @LD10
  Scenario: undefer() loads a deferred column up front
    Given the model variant "deferred post content"
    And "Alice's First Post" is loaded with undefer on content
    When I read "Alice's First Post"'s content
    Then no SQL was emitted
    And the value read is "This is Alice's first post."
