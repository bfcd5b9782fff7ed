Feature: merge()
  merge() copies the state of an object into the session and returns the session's own copy:
  the object you pass in is never attached. It is how detached objects (from a cache, from a closed
  session, from a request body) get back into a session. It bites when code keeps using the
  argument instead of the return value, and as a SELECT per merged object.

  Background:
    Given the users Alice and Bob exist, each with a first post
    And Alice is loaded
    And Alice's posts are loaded
    And I close the session

  @MG1
  Scenario: merge() of a detached object returns a different, persistent object
    When I merge Alice into the second session
    Then Alice is persistent in the second session
    And the object returned is not Alice
    And Alice is detached

  @MG1
  Scenario: merge() of an object the session already holds returns that object, with no SQL
    Given Alice is loaded in the second session
    When I merge Alice into the second session
    Then the object returned is Alice in the second session
    And no SELECT of users was emitted

  @MG2
  Scenario: Merging unchanged state emits no UPDATE
    When I merge Alice into the second session
    And I flush the second session
    Then no UPDATE was emitted

  @MG2
  Scenario: The merged state is flushed as an UPDATE
    Given I set Alice's name to "Alicia"
    When I merge Alice into the second session
    And I flush the second session
    Then exactly 1 UPDATE of users was emitted
    And the UPDATE of users set only name

  @MG3
  Scenario: merge() emits a SELECT to load the row it merges into
    When I merge Alice into the second session
    Then exactly 1 SELECT of users was emitted

  @MG3
  Scenario: merge() emits no SELECT on users when the user is already in the identity map
    The one SELECT left is on posts: merge cascades into the loaded posts, so the target's
    posts collection is loaded to merge them into.

    Given Alice is loaded in the second session
    When I merge Alice into the second session
    Then no SELECT of users was emitted
    And exactly 1 SELECT of posts was emitted

  @MG3
  Scenario: merge() with load=False emits no SQL
    When I merge Alice into the second session with load=False
    Then no SQL was emitted
    And Alice is persistent in the second session

  @MG4
  Scenario: merge() of a transient object with an unknown key becomes an INSERT
    Given a new user Dave
    And I set Dave's id to 99
    When I merge Dave into the second session
    And I flush the second session
    Then exactly 1 SELECT of users was emitted
    And exactly 1 INSERT of users was emitted

  @MG4
  Scenario: merge() of a transient object with an existing key becomes an UPDATE of that row
    Given a new user Alicia with email "alicia@example.com"
    And I set Alicia's id to 1
    When I merge Alicia into the second session
    And I flush the second session
    Then exactly 1 SELECT of users was emitted
    And no INSERT was emitted
    And the UPDATE of users set only name and email

  @MG5
  Scenario: merge() cascades along posts ("all" includes merge)
    When I merge Alice into the second session
    Then "Alice's First Post" is persistent in the second session
    And "Alice's First Post" is detached

  @KB10 @sqla:13715 @sqlalchemy:>=2.1
  Scenario: merge_all() merges a new post and its author without flushing the half-merged post
    Like merge(), merge_all() loads the author by its id with autoflush held back: the new post,
    not yet given its author, is not flushed while the cascade runs (its user_id is still NULL).

    When I merge_all() a new post "Bob's Draft" whose author is Bob given by its id alone
    And I commit the session
    Then a new session reads Bob's posts as the list "Bob's First Post" and "Bob's Draft"
