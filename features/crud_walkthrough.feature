@walkthrough
Feature: The tutorial's CRUD walkthrough
  The ORM sessions tutorial creates Alice, Bob and Charlie with a post each, reads them back,
  updates Bob, Alice's post and Charlie, and deletes Charlie. These scenarios replay each step
  with the tutorial's own session factory and state what the database really holds afterwards,
  including the one surprise in it: the posts are saved by the first commit, not the second.

  Background:
    Given the session factory is sessionmaker(autoflush=False, expire_on_commit=True)

  @CS1 @UW2
  Scenario: Posts given an author are saved with the users, before they are added themselves
    Given a session
    And a new user Alice and a new post "Alice's First Post"
    And a new user Bob and a new post "Bob's First Post"
    When I add Alice
    And I add Bob
    And I commit the session
    Then the database holds the users Alice and Bob
    And the database holds the posts "Alice's First Post" and "Bob's First Post"
    And the INSERT of users came before the INSERT of posts

  Scenario: All users, ordered by name
    Given the users Charlie, Alice and Bob exist, each with a first post
    And a session
    When I select all users ordered by name
    Then the users returned are Alice, Bob and Charlie, in that order

  Scenario: One user by name with scalar_one
    Given the users Alice, Bob and Charlie exist, each with a first post
    And a session
    When I select the user named "Alice" with scalar_one
    Then Alice's email is "alice@example.com"

  Scenario: scalar_one raises when no user has that name
    Given the users Alice, Bob and Charlie exist, each with a first post
    And a session
    When I try to select the user named "Zoe" with scalar_one
    Then a NoResultFound was raised

  Scenario: Before anyone is deactivated, the active users are all of them
    Given the users Alice, Bob and Charlie exist, each with a first post
    And a session
    When I select the active users
    Then the users returned are Alice, Bob and Charlie

  Scenario: Alice's posts, by comparing Post.author with a loaded user
    Given the users Alice, Bob and Charlie exist, each with a first post
    And a session
    And Alice is loaded
    When I select the posts written by Alice
    Then the posts returned are "Alice's First Post"

  @TX2 @UW7
  Scenario Outline: An update committed in one session is what the next session reads
    Given the users Alice, Bob and Charlie exist, each with a first post
    And a session
    And <object> is loaded
    When I set <object>'s <attribute> to <value>
    And I commit the session
    Then a new session reads <object>'s <attribute> as <value>

    Examples:
      | object               | attribute | value                                     |
      | Bob                  | name      | "Robert"                                  |
      | "Alice's First Post" | content   | "Updated content for Alice's first post." |
      | Charlie              | is_active | False                                     |

  Scenario: A deactivated user is no longer active
    Given the users Alice, Bob and Charlie exist, each with a first post
    And a session
    And Charlie is loaded
    And I set Charlie's is_active to False
    And I commit the session
    When I select the active users
    Then the users returned are Alice and Bob

  Scenario: Deleting Charlie deletes his post with him
    Given the users Alice, Bob and Charlie exist, each with a first post
    And a session
    And Charlie is loaded
    When I delete Charlie
    And I commit the session
    Then the database holds the users Alice and Bob
    And the database holds the posts "Alice's First Post" and "Bob's First Post"
