Feature: Cascades beyond delete-orphan
  A relationship's cascade decides which operations on a user travel to its posts: save-update
  (add), merge, expunge, delete, delete-orphan. What the cascade does not do matters as much:
  a backref no longer cascades into the session (SQLAlchemy 2.0), and without the delete cascade
  deleting a user tries to orphan its posts. With passive_deletes the database does the deleting,
  if it enforces foreign keys at all.

  @CS2
  Scenario: Appending a new post to a persistent user's posts puts the post in the session
    Given the user Alice exists
    And Alice is loaded with selectinload on posts
    When I append a new post "Hello" to Alice's posts
    Then "Hello" is pending
    And "Hello" is in the session

  @CS2
  Scenario: The appended post is inserted with its author's key at the next flush
    Given the user Alice exists
    And Alice is loaded with selectinload on posts
    And I append a new post "Hello" to Alice's posts
    When I flush the session
    Then exactly 1 INSERT of posts was emitted
    And "Hello"'s user_id is 1

  @CS3 @VD2
  Scenario: A post given only author=persistent_user is not added to the session
    Given the user Alice exists
    And Alice is loaded
    And Alice's posts are loaded
    When I create a new post "Hello" with author Alice
    Then "Hello" is transient
    And "Hello" is not in the session

  @CS3 @VD2
  Scenario: The next flush does not save a post given only author=persistent_user, and warns
    Given the user Alice exists
    And Alice is loaded
    And Alice's posts are loaded
    And I create a new post "Hello" with author Alice
    When I flush the session
    Then no INSERT of posts was emitted
    And SQLAlchemy warned "not in session, add operation along 'User.posts' will not proceed"

  @CS2 @KB56 @sqla:10089
  Scenario: Assigning the posts a list that holds a post the backref put there cascades it into the session
    Creating "Hello" with author Alice puts it in her loaded posts but not in the session
    (CS3); assigning her posts a list holding it is a save-update cascade like an append.

    Given the user Alice exists
    And Alice is loaded
    And Alice's posts are loaded
    And I create a new post "Hello" with author Alice
    When I set Alice's posts to a list holding "Hello"
    Then "Hello" is pending
    When I commit the session
    Then the database holds the post "Hello"

  @RL42
  Scenario: Without save-update, a new post appended to a persistent user's posts stays out of the session
    Given the model variant "posts cascade without save-update"
    And the user Alice exists
    And Alice is loaded with selectinload on posts
    When I append a new post "Hello" to Alice's posts
    Then "Hello" is transient
    And "Hello" is not in the session
    And no SQL was emitted

  @RL42
  Scenario: Without save-update, the flush does not insert a post appended to a user's posts, and warns
    Given the model variant "posts cascade without save-update"
    And the user Alice exists
    And Alice is loaded with selectinload on posts
    And I append a new post "Hello" to Alice's posts
    When I flush the session
    Then no INSERT of posts was emitted
    And SQLAlchemy warned "not in session, add operation along"
    And "Hello" is transient

  @RL42
  Scenario: Without save-update, adding a new user leaves its new posts out of the session
    Given the model variant "posts cascade without save-update"
    And a new user Dave and a new post "Dave's First Post"
    When I add Dave
    Then Dave is pending
    And "Dave's First Post" is transient
    And "Dave's First Post" is not in the session

  @CS6
  Scenario: Without delete-orphan, a post removed from its user's posts whose user_id may be NULL is kept, with user_id NULL
    Given the model variant "posts with ON DELETE CASCADE and a nullable user_id, without delete cascade"
    And the users Alice and Bob exist, each with a first post
    And Alice is loaded with selectinload on posts
    When I remove "Alice's First Post" from Alice's posts
    And I commit the session
    Then the UPDATE of posts set only user_id
    And no DELETE was emitted
    And the database holds the posts "Alice's First Post" and "Bob's First Post"
    And a new session reads "Alice's First Post"'s user_id as None

  @CS7 @fact:constraint_violation_error
  Scenario Outline: Without the delete cascade, deleting a user nulls its posts' user_id and the flush fails
    pg8000 raises its ProgrammingError for every server error but a duplicate key, and SQLAlchemy
    keeps the driver's class.

    Given the model variant "without delete cascade"
    And the user Alice exists with a first post
    And Alice is loaded
    When I delete Alice
    And I try to flush the session
    Then <error> was raised
    And the UPDATE of posts set only user_id

    Examples:
      | constraint_violation_error | error              |
      | IntegrityError             | an IntegrityError  |
      | ProgrammingError           | a ProgrammingError |

  @CS8 @fact:foreign_keys_enforced
  Scenario Outline: With passive_deletes the database's ON DELETE CASCADE deletes the posts
    The ORM neither loads nor deletes the posts: it leaves them to ON DELETE CASCADE. SQLite
    does not enforce foreign keys unless PRAGMA foreign_keys=ON, so there the posts stay behind.

    Given the model variant "posts with passive_deletes and ON DELETE CASCADE"
    And the users Alice and Bob exist, each with a first post
    And Alice is loaded
    When I delete Alice
    And I commit the session
    Then no SELECT of posts was emitted
    And the database holds the posts <posts left>

    Examples:
      | foreign_keys_enforced | posts left                                  |
      | no                    | "Alice's First Post" and "Bob's First Post" |
      | yes                   | "Bob's First Post"                          |

  @CS9
  Scenario: Deleting a post never deletes its user
    Given the user Alice exists with a first post
    And "Alice's First Post" is loaded
    When I delete "Alice's First Post"
    And I commit the session
    Then the database holds no posts
    And the database holds the users Alice

  @CS10
  Scenario: Moving a post to another user updates user_id; delete-orphan does not delete it
    Given the users Alice and Bob exist, each with a first post
    And Alice is loaded
    And Bob is loaded with selectinload on posts
    And "Alice's First Post" is loaded
    When I move "Alice's First Post" to Bob's posts
    And I flush the session
    Then no DELETE was emitted
    And the UPDATE of posts set only user_id
