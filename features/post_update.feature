Feature: post_update: a user who pins one of her posts
  A user row points at her pinned post (users.pinned_post_id) and the post row points back at its
  author (posts.user_id): neither row can be inserted first with both keys filled in. With
  post_update=True on user.pinned_post the unit of work inserts the user without the pin, then
  the post, then fills the pin in with a second UPDATE of the user; before a user is deleted it
  clears the pin with an UPDATE. It bites when the pinned post is deleted on its own: no
  relationship leads from the post to the users who pinned it, so nothing clears the pin, and a
  database that enforces foreign keys refuses the DELETE.

  Background:
    Given the model variant "users who pin a post"

  @RL26
  Scenario: Pinning a new post of a new user inserts both rows, then updates the user
    Given a new user Alice and a new post "Pinned"
    And I pin "Pinned" for Alice
    And I add Alice
    When I commit the session
    Then the INSERT of users came before the INSERT of posts
    And the INSERT of posts came before the UPDATE of users
    And exactly 1 INSERT of users was emitted
    And exactly 1 UPDATE of users was emitted
    And the UPDATE of users set only pinned_post_id
    And a new session reads Alice's pinned_post_id as 1

  @RL26
  Scenario: The user's INSERT carries the pin as NULL, filled in by the UPDATE
    Given a new user Alice and a new post "Pinned"
    And I pin "Pinned" for Alice
    And I add Alice
    When I flush the session
    Then the INSERT of users contained "pinned_post_id"
    And Alice's pinned_post_id is 1
    And Alice's pinned_post is "Pinned" itself

  @RL27
  Scenario: Pinning an existing post emits one UPDATE of the user
    Given the user Alice exists with a first post
    And Alice is loaded
    And "Alice's First Post" is loaded
    And I pin "Alice's First Post" for Alice
    When I commit the session
    Then the SQL emitted was:
      """
      UPDATE users_pinning SET pinned_post_id=? WHERE users_pinning.id = ?
      """
    And a new session reads Alice's pinned_post_id as 1

  @RL27
  Scenario: Unpinning emits one UPDATE that clears the pin and leaves the post
    Given the user Alice exists with a first post
    And Alice has pinned "Alice's First Post"
    And Alice is loaded
    And I set Alice's pinned_post to None
    When I commit the session
    Then the SQL emitted was:
      """
      UPDATE users_pinning SET pinned_post_id=? WHERE users_pinning.id = ?
      """
    And a new session reads Alice's pinned_post_id as None
    And the database holds the post "Alice's First Post"

  @RL28
  Scenario: Deleting a user who pinned a post clears the pin before deleting the rows
    Given the user Alice exists with a first post
    And Alice has pinned "Alice's First Post"
    And Alice is loaded
    When I delete Alice
    And I commit the session
    Then the UPDATE of users came before the DELETE of posts
    And the DELETE of posts came before the DELETE of users
    And the UPDATE of users set only pinned_post_id
    And the database holds no users
    And the database holds no posts

  @RL29 @fact:foreign_keys_enforced @fact:constraint_violation_error
  Scenario Outline: Deleting a pinned post on its own leaves the pin, which only SQLite lets through
    No relationship leads from a post to the users who pinned it, so the flush deletes the post
    without clearing users.pinned_post_id. PostgreSQL and MariaDB refuse the DELETE; SQLite,
    which does not enforce foreign keys, keeps a pin to a post that no longer exists.

    Given the user Alice exists with a first post
    And Alice has pinned "Alice's First Post"
    And "Alice's First Post" is loaded
    When I delete "Alice's First Post"
    And I try to commit the session
    Then <outcome>
    And no UPDATE of users was emitted
    And a new session reads Alice's pinned_post_id as 1
    And the database holds <posts>

    Examples:
      | constraint_violation_error | foreign_keys_enforced | outcome                       | posts                         |
      | IntegrityError             | no                    | nothing was raised            | no posts                      |
      | IntegrityError             | yes                   | an IntegrityError was raised  | the post "Alice's First Post" |
      | ProgrammingError           | yes                   | a ProgrammingError was raised | the post "Alice's First Post" |

  @RL28 @KB28 @sqla:10936
  Scenario: Deleting a post that knows who pinned it clears their pins with one UPDATE first
    pinned_by, the other side of pinned_post and a post_update relationship too, leads from the
    post to the users who pinned it: the flush clears their pins before the DELETE with one
    UPDATE of users, the post-update, not a second time as a plain one-to-many would.

    Given the model variant "users who pin a post, each post knowing who pinned it"
    And the users Alice and Bob exist, each with a first post
    And Alice has pinned "Alice's First Post"
    And Bob has pinned "Alice's First Post"
    And "Alice's First Post" is loaded with its pinned_by
    When I delete "Alice's First Post"
    And I commit the session
    Then exactly 1 UPDATE of users was emitted
    And the UPDATE of users came before the DELETE of posts
    And a new session reads Alice's pinned_post_id as None
    And a new session reads Bob's pinned_post_id as None

  @RL28 @KB29 @sqla:12748
  Scenario: Deleting a user whose posts are written by post_update and carry random versions deletes every row
    user.posts has post_update=True, and each post a version the application draws at random:
    the UPDATE that clears each post's user_id gives that post a new version, and the DELETE of
    the posts expects each post's own new version.

    Given the model variant "posts written by post_update, with random versions"
    And the user Alice exists with a first post
    And Alice has also written the post "Alice's Second Post"
    And Alice has also written the post "Alice's Third Post"
    And Alice is loaded
    When I delete Alice
    And I commit the session
    Then the UPDATE of posts came before the DELETE of posts
    And the database holds no users
    And the database holds no posts

  @RL27 @KB57 @sqla:10800
  Scenario: Merging a versioned user with a new name and a new pin writes both, the pin with the version the name's UPDATE set
    merge() copies every column of the detached Alice onto the one loaded in the second session,
    her version_id too. The flush's UPDATE of her name bumps the version; the post-update that
    writes the pin then expects the bumped version.

    Given the model variant "users who pin a post, with a version counter"
    And the user Alice exists with a first post
    And Alice has also written the post "Alice's Second Post"
    And Alice has pinned "Alice's First Post"
    And Alice is loaded
    And I close the session
    And Alice is loaded with her pinned_post in the second session
    And I set Alice's name to "Alicia"
    And I set Alice's pinned_post_id to "Alice's Second Post"'s id
    When I merge Alice into the second session
    And I try to commit the second session
    Then nothing was raised
    And exactly 2 UPDATEs of users were emitted
    And a new session reads Alice's name as "Alicia"
    And a new session reads Alice's pinned_post_id as 2
    And a new session reads Alice's version_id as 4

  @RL28 @KB58 @sqla:10967
  Scenario: Deleting a versioned user who pinned a post clears the pin, then deletes the row at its new version
    The post-update that clears the pin before the DELETE bumps Alice's version; the DELETE
    expects the bumped version.

    Given the model variant "users who pin a post, with a version counter"
    And the user Alice exists with a first post
    And Alice has pinned "Alice's First Post"
    And Alice is loaded
    When I delete Alice
    And I try to commit the session
    Then nothing was raised
    And the UPDATE of users came before the DELETE of users
    And the database holds no users
    And the database holds no posts
