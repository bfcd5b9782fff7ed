Feature: Cascades: save-update, delete and delete-orphan
  The tutorial's User.posts relationship has cascade="all, delete-orphan": whatever you do to a
  user the session also does to its posts (add, delete), and a post taken out of user.posts is
  deleted because a post cannot live without its user. It bites when the cascade is not there:
  without delete-orphan, removing a post tries to keep the row with no user, and the NOT NULL
  user_id column refuses it at flush.

  Background:
    Given the users Alice and Bob exist, each with a first post
    And a session

  @CS1
  Scenario: Adding a user also adds its new posts (save-update)
    Given a new user Dave and a new post "Dave's First Post"
    When I add Dave
    Then "Dave's First Post" is pending
    And "Dave's First Post" is in the session
    And no SQL was emitted

  @CS4 @UW3
  Scenario: Deleting a user loads its posts and deletes them first (delete)
    Given Alice has also written the post "Alice's Second Post"
    And Alice is loaded
    When I delete Alice
    And I commit the session
    Then exactly 1 SELECT of posts was emitted
    And the DELETE of posts came before the DELETE of users
    And the database holds the posts "Bob's First Post"

  @KB75 @sqla:9549
  Scenario: Deleting a user whose posts relationship is lazy="raise" still loads its posts for the delete cascade
    Given the model variant "raise on posts"
    And Alice is loaded
    When I delete Alice
    And I commit the session
    Then exactly 1 SELECT of posts was emitted
    And the database holds the posts "Bob's First Post"

  @CS4
  Scenario: Deleting a user whose posts are loaded emits no SELECT of them
    Given Alice is loaded
    And Alice's posts are loaded
    When I delete Alice
    And I flush the session
    Then no SELECT was emitted
    And exactly 1 DELETE of posts was emitted

  @CS5
  Scenario: Removing a post from user.posts deletes the row (delete-orphan)
    Given Alice is loaded with selectinload on posts
    When I remove "Alice's First Post" from Alice's posts
    And I flush the session
    Then exactly 1 DELETE of posts was emitted
    And no UPDATE was emitted
    And "Alice's First Post" is deleted

  @CS5
  Scenario: The orphan's row is gone after commit; the other user's post stays
    Given Alice is loaded with selectinload on posts
    And I remove "Alice's First Post" from Alice's posts
    When I commit the session
    Then the database holds the post "Bob's First Post"

  @CS5
  Scenario: Removing a post that was never flushed makes it transient, with no SQL
    Given Alice is loaded with selectinload on posts
    And I append a new post "Draft" to Alice's posts
    When I remove "Draft" from Alice's posts
    And I flush the session
    Then "Draft" is transient
    And no INSERT was emitted
    And no DELETE was emitted

  @CS6 @fact:constraint_violation_error
  Scenario Outline: Without delete-orphan the removal nulls user_id and the NOT NULL constraint fails
    pg8000 raises its ProgrammingError for every server error but a duplicate key, and SQLAlchemy
    keeps the driver's class.

    Given the posts relationship has cascade "all"
    And Alice is loaded with selectinload on posts
    When I remove "Alice's First Post" from Alice's posts
    And I try to flush the session
    Then <error> was raised
    And exactly 1 UPDATE of posts was emitted
    And no DELETE was emitted

    Examples:
      | constraint_violation_error | error              |
      | IntegrityError             | an IntegrityError  |
      | ProgrammingError           | a ProgrammingError |
