Feature: The adjacency list: comments replying to comments
  A reply is a comment whose parent_id points at another comment of the same table. Two
  relationships on one class express the tree: comment.replies (one-to-many, cascade
  "all, delete-orphan", ordered by id) and comment.parent (many-to-one, remote_side=comments.id),
  linked by back_populates. The unit of work orders the rows of one table by their dependency:
  a parent is inserted before its replies and deleted after them. It bites when you read a
  parent: a root comment's parent is None without any SQL, and a reply's parent already in the
  session comes from the identity map, but comment.replies is a query of its own.

  Background:
    Given the model variant "the blog"
    And the users Alice and Bob exist, each with a first post

  @RL15
  Scenario: A new reply is inserted after its new parent and gets the parent's key
    Given "Alice's First Post" is loaded
    And I add a new comment "Nice post!" to "Alice's First Post"
    And I add a new reply comment "Thanks!" to comment "Nice post!"
    When I flush the session
    Then exactly 2 INSERTs of comments were emitted
    And comment "Nice post!"'s id is 1
    And comment "Thanks!"'s id is 2
    And comment "Thanks!"'s parent_id is 1
    And comment "Nice post!"'s parent_id is None

  @RL15
  Scenario: A reply to a persistent comment is inserted with its parent_id
    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" is loaded with its replies
    And I add a new reply comment "Thanks!" to comment "Nice post!"
    When I commit the session
    Then exactly 1 INSERT of comments was emitted
    And a new session reads comment "Thanks!"'s parent_id as 1
    And a new session reads comment "Nice post!"'s replies as the list comment "Thanks!"

  @RL15
  Scenario: A new reply is in its parent's loaded replies at once, without SQL
    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" is loaded with its replies
    When I add a new reply comment "Thanks!" to comment "Nice post!"
    Then comment "Nice post!"'s replies are comment "Thanks!"
    And comment "Thanks!" is pending
    And no SQL was emitted

  @RL16
  Scenario: A reply's parent already in the session is that very object, read without SQL
    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" has the reply comment "Thanks!"
    And comment "Nice post!" is loaded
    And comment "Thanks!" is loaded
    When I read comment "Thanks!"'s parent
    Then the value read is comment "Nice post!" itself
    And no SQL was emitted

  @RL16
  Scenario: The replies loaded with a comment point back at it, the same object
    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" has the replies comment "Thanks!" and comment "Agreed."
    When I load comment "Nice post!" with selectinload on replies
    Then comment "Thanks!"'s parent is comment "Nice post!" itself
    And comment "Agreed."'s parent is comment "Nice post!" itself

  @RL17 @api:sync
  Scenario: Reading a comment's replies emits one SELECT of comments by parent_id, in id order
    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" has the replies comment "Thanks!" and comment "Agreed."
    And comment "Nice post!" is loaded
    When I read comment "Nice post!"'s replies
    Then the SQL emitted was:
      """
      SELECT comments.id, comments.post_id, comments.parent_id, comments.text FROM comments
        WHERE ? = comments.parent_id ORDER BY comments.id
      """
    And comment "Nice post!"'s replies are comment "Thanks!" and comment "Agreed.", in that order

  @RL17 @AS1 @api:async
  Scenario: Under AsyncSession reading a comment's replies lazily is refused
    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" has the replies comment "Thanks!" and comment "Agreed."
    And comment "Nice post!" is loaded
    When I try to read comment "Nice post!"'s replies
    Then the implicit IO was refused with MissingGreenlet
    And comment "Nice post!"'s replies are still unloaded
    And comment "Nice post!"'s replies are comment "Thanks!" and comment "Agreed.", in that order

  @RL17
  Scenario: selectinload loads the replies with one SELECT of comments by parent_id
    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" has the replies comment "Thanks!" and comment "Agreed."
    When I load comment "Nice post!" with selectinload on replies
    Then exactly 2 SELECTs of comments were emitted
    And comment "Nice post!"'s replies are comment "Thanks!" and comment "Agreed.", in that order

  @RL18
  Scenario: A root comment's parent is None, read without SQL
    Its parent_id is NULL, so there is nothing to load.

    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" is loaded
    When I read comment "Nice post!"'s parent
    Then the value read is None
    And no SQL was emitted

  @RL19
  Scenario: Deleting a comment deletes its replies first, deepest first
    The delete cascade loads the replies of each comment it deletes, one SELECT per comment.

    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" has the reply comment "Thanks!"
    And comment "Thanks!" has the reply comment "You're welcome!"
    And comment "Nice post!" is loaded
    When I delete comment "Nice post!"
    And I commit the session
    Then comment "You're welcome!" was deleted before comment "Thanks!"
    And comment "Thanks!" was deleted before comment "Nice post!"
    And exactly 3 DELETEs of comments were emitted
    And exactly 3 SELECTs of comments were emitted
    And the database holds no comments

  @RL19
  Scenario: Deleting a reply leaves its parent
    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" has the reply comment "Thanks!"
    And comment "Thanks!" is loaded
    When I delete comment "Thanks!"
    And I commit the session
    Then exactly 1 DELETE of comments was emitted
    And the database holds the comment comment "Nice post!"

  @RL20
  Scenario: Moving a reply to another parent updates only its parent_id
    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" has the reply comment "Thanks!"
    And "Alice's First Post" has comment "Great read!"
    And comment "Nice post!" is loaded with its replies
    And comment "Great read!" is loaded with its replies
    And I move comment "Thanks!" under comment "Great read!"
    When I commit the session
    Then the SQL emitted was:
      """
      UPDATE comments SET parent_id=? WHERE comments.id = ?
      """
    And a new session reads comment "Thanks!"'s parent_id as 3
    And a new session reads comment "Nice post!"'s replies as an empty list

  @RL20
  Scenario: Moving a reply updates both parents' loaded replies at once, without SQL
    Given "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" has the reply comment "Thanks!"
    And "Alice's First Post" has comment "Great read!"
    And comment "Nice post!" is loaded with its replies
    And comment "Great read!" is loaded with its replies
    When I move comment "Thanks!" under comment "Great read!"
    Then comment "Nice post!"'s replies are empty
    And comment "Great read!"'s replies are comment "Thanks!"
    And no SQL was emitted
