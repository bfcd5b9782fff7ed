Feature: One-to-one: a user's profile
  user.profile is a one-to-many turned scalar (uselist=False, cascade "all, delete-orphan"), and
  profiles.user_id is unique, as SQLAlchemy's documentation recommends, so the database keeps a
  second profile of the same user out. The attribute holds one Profile or None, never a list.
  It bites when you replace a profile in one go: the unit of work inserts the new profile before
  it deletes the orphaned old one, and the unique user_id refuses the INSERT on every backend;
  flush the removal first. Without delete-orphan a replaced or removed child is not deleted but
  has its key set to NULL, which a NOT NULL key refuses. Where no constraint keeps a second row
  out, loading the scalar finds two rows, keeps the first and warns.

  Rule: The blog's profile: one row per user at most

    Background:
      Given the model variant "the blog"
      And the users Alice and Bob exist

    @RL21
    Scenario: A user without a profile row has None for a profile, not an empty list
      Given Alice is loaded with her profile
      When I read Alice's profile
      Then the value read is None
      And no SQL was emitted

    @RL21
    Scenario: A user's profile is the one Profile object
      Given Alice has profile "Writes about ORMs"
      And Alice is loaded with her profile
      When I read Alice's profile
      Then the value read is a Profile
      And the value read is profile "Writes about ORMs" itself
      And no SQL was emitted

    @RL21 @api:sync
    Scenario: Reading a user's profile lazily emits one SELECT of profiles by user_id
      Given Alice is loaded
      When I read Alice's profile
      Then the SQL emitted was:
        """
        SELECT profiles.id, profiles.user_id, profiles.bio FROM profiles WHERE ? = profiles.user_id
        """
      And the value read is None

    @RL21 @AS1 @api:async
    Scenario: Under AsyncSession reading a user's profile lazily is refused
      Given Alice is loaded
      When I try to read Alice's profile
      Then the implicit IO was refused with MissingGreenlet
      And Alice's profile is still unloaded

    @RL21
    Scenario: A profile's user is the user already in the session, read without SQL
      Given Alice has profile "Writes about ORMs"
      And Alice is loaded with her profile
      When I read profile "Writes about ORMs"'s user
      Then the value read is Alice itself
      And no SQL was emitted

    @RL22
    Scenario: Giving a user a profile makes it pending, with the user set on it, without SQL
      Given Alice is loaded with her profile
      When I give Alice a new profile "Writes about ORMs"
      Then profile "Writes about ORMs" is pending
      And profile "Writes about ORMs"'s user is Alice itself
      And no SQL was emitted

    @RL22
    Scenario: Giving a user a profile inserts one profiles row with her key
      Given Alice is loaded with her profile
      And I give Alice a new profile "Writes about ORMs"
      When I commit the session
      Then exactly 1 INSERT of profiles was emitted
      And a new session reads profile "Writes about ORMs"'s user_id as 1

    @RL23
    Scenario: Replacing a profile in one flush inserts the new one first, and the unique user_id refuses it
      The old profile, orphaned, is deleted by the same flush, but the unit of work emits a
      mapper's INSERTs before its DELETEs: the new row meets the old one's user_id.

      Given Alice has profile "Writes about ORMs"
      And Alice is loaded with her profile
      And I give Alice a new profile "Writes about SQL"
      When I try to flush the session
      Then an IntegrityError was raised
      And exactly 1 INSERT of profiles was emitted
      And no DELETE of profiles was emitted
      And a new session reads profile "Writes about ORMs"'s user_id as 1
      And a new session does not find profile "Writes about SQL"

    @RL23
    Scenario: Replacing a profile in two flushes deletes the old row, then inserts the new one
      Given Alice has profile "Writes about ORMs"
      And Alice is loaded with her profile
      When I set Alice's profile to None
      And I flush the session
      And I give Alice a new profile "Writes about SQL"
      And I commit the session
      Then the DELETE of profiles came before the INSERT of profiles
      And the database holds the profile profile "Writes about SQL"
      And a new session reads profile "Writes about SQL"'s user_id as 1

    @RL24
    Scenario: Setting a user's profile to None deletes the profile row
      Given Alice has profile "Writes about ORMs"
      And Alice is loaded with her profile
      And I set Alice's profile to None
      When I commit the session
      Then the SQL emitted was:
        """
        DELETE FROM profiles WHERE profiles.id = ?
        """
      And the database holds no profiles
      And the database holds the users Alice and Bob

  Rule: uselist=False without a unique constraint: two rows for one scalar
    The variant maps user.posts with uselist=False, ordered by id; nothing keeps a second post
    of Alice's out, so loading finds two rows for one attribute. (The second post is written by
    its foreign key: appending it through the scalar would replace the first, an orphan the
    delete-orphan cascade deletes.)

    Background:
      Given the model variant "a user's posts as one object (uselist=False)"
      And the user Alice exists with a first post
      And I add a new post "Alice's Second Post" whose user_id is Alice's id
      And I commit the session

    @RL25
    Scenario: uselist=False over two rows keeps the first row loaded eagerly and warns
      Given "Alice's First Post" is loaded
      When I load Alice with selectinload on posts
      Then SQLAlchemy warned "Multiple rows returned with uselist=False for eagerly-loaded attribute"
      And Alice's posts is "Alice's First Post" itself

    @RL25 @api:sync
    Scenario: uselist=False over two rows keeps the first row loaded lazily and warns
      Given "Alice's First Post" is loaded
      And Alice is loaded
      When I read Alice's posts
      Then SQLAlchemy warned "Multiple rows returned with uselist=False for lazily-loaded attribute"
      And the value read is "Alice's First Post" itself
      And exactly 1 SELECT of posts was emitted

    @RL25 @AS1 @api:async
    Scenario: Under AsyncSession reading the scalar uselist=False relationship lazily is refused
      Given Alice is loaded
      When I try to read Alice's posts
      Then the implicit IO was refused with MissingGreenlet
      And Alice's posts are still unloaded

  Rule: Replacing, removing and taking the one post of a user (uselist=False, no unique key)
    user.posts is mapped with uselist=False over the seed's posts, whose user_id is not unique:
    with delete-orphan ("a user's posts as one object (uselist=False)") and without it (cascade
    "all"), over a NOT NULL user_id or a nullable one. With a unique key, RL23.

    @RL39
    Scenario: With delete-orphan, replacing the one post inserts the new post, then deletes the old one
      Given the model variant "a user's posts as one object (uselist=False)"
      And the user Alice exists with a first post
      And Alice is loaded with selectinload on posts
      When I set Alice's posts to a new post "Hello"
      And I commit the session
      Then the INSERT of posts came before the DELETE of posts
      And no UPDATE was emitted
      And the database holds the post "Hello"
      And a new session reads "Hello"'s user_id as 1

    @RL39 @fact:constraint_violation_error
    Scenario Outline: Without delete-orphan, replacing the one post sets the old one's user_id to NULL, which NOT NULL refuses
      pg8000 raises its ProgrammingError for every server error but a duplicate key, and SQLAlchemy
      keeps the driver's class.

      Given the model variant "a user's posts as one object (uselist=False) without delete-orphan"
      And the user Alice exists with a first post
      And Alice is loaded with selectinload on posts
      When I set Alice's posts to a new post "Hello"
      And I try to flush the session
      Then <error> was raised
      And the UPDATE of posts set only user_id
      And no DELETE was emitted
      And a new session reads "Alice's First Post"'s user_id as 1
      And a new session does not find "Hello"

      Examples:
        | constraint_violation_error | error              |
        | IntegrityError             | an IntegrityError  |
        | ProgrammingError           | a ProgrammingError |

    @RL39
    Scenario: Without delete-orphan, a replaced post whose user_id may be NULL is kept, with user_id NULL
      Given the model variant "a user's posts as one object (uselist=False) without delete-orphan, user_id nullable"
      And the user Alice exists with a first post
      And Alice is loaded with selectinload on posts
      When I set Alice's posts to a new post "Hello"
      And I commit the session
      Then the UPDATE of posts came before the INSERT of posts
      And no DELETE was emitted
      And the database holds the posts "Alice's First Post" and "Hello"
      And a new session reads "Alice's First Post"'s user_id as None
      And a new session reads "Hello"'s user_id as 1

    @RL40
    Scenario: Without delete-orphan, setting the one post to None keeps the row, with user_id NULL
      With delete-orphan the row is deleted (RL24).

      Given the model variant "a user's posts as one object (uselist=False) without delete-orphan, user_id nullable"
      And the user Alice exists with a first post
      And Alice is loaded with selectinload on posts
      When I set Alice's posts to None
      And I commit the session
      Then the UPDATE of posts set only user_id
      And no DELETE was emitted
      And a new session reads "Alice's First Post"'s user_id as None

    @RL40 @fact:constraint_violation_error
    Scenario Outline: Without delete-orphan, setting the one post to None sets a NOT NULL user_id to NULL, which is refused
      Given the model variant "a user's posts as one object (uselist=False) without delete-orphan"
      And the user Alice exists with a first post
      And Alice is loaded with selectinload on posts
      When I set Alice's posts to None
      And I try to flush the session
      Then <error> was raised
      And the UPDATE of posts set only user_id
      And no DELETE was emitted
      And a new session reads "Alice's First Post"'s user_id as 1

      Examples:
        | constraint_violation_error | error              |
        | IntegrityError             | an IntegrityError  |
        | ProgrammingError           | a ProgrammingError |

    @RL41
    Scenario: Making another user the author of the one post takes it from its first user, without SQL
      Given the model variant "a user's posts as one object (uselist=False)"
      And the user Alice exists with a first post
      And the user Bob exists
      And Alice is loaded with selectinload on posts
      And Bob is loaded with selectinload on posts
      When I make Bob the author of "Alice's First Post"
      Then Alice's posts is None
      And Bob's posts is "Alice's First Post" itself
      And no SQL was emitted

    @RL41
    Scenario: The post taken is moved, not deleted as an orphan, and its first user finds none once reloaded
      The commit expires Alice: her posts are loaded again.

      Given the model variant "a user's posts as one object (uselist=False)"
      And the user Alice exists with a first post
      And the user Bob exists
      And Alice is loaded with selectinload on posts
      And Bob is loaded with selectinload on posts
      When I make Bob the author of "Alice's First Post"
      And I commit the session
      Then the UPDATE of posts set only user_id
      And no DELETE was emitted
      And Alice's posts is None
      And a new session reads "Alice's First Post"'s user_id as 2

    @RL41
    Scenario: Taking a post for a user who has one replaces that one, which delete-orphan deletes
      Given the model variant "a user's posts as one object (uselist=False)"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded with selectinload on posts
      And Bob is loaded with selectinload on posts
      When I make Bob the author of "Alice's First Post"
      And I commit the session
      Then exactly 1 DELETE of posts was emitted
      And the UPDATE of posts set only user_id
      And the database holds the post "Alice's First Post"
      And a new session reads "Alice's First Post"'s user_id as 2
