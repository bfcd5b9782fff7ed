Feature: passive_deletes: who deletes, or orphans, a deleted user's posts
  Deleting a user leaves its posts to someone: the ORM, which must first know them, or the
  database's ON DELETE rule, which the ORM must then leave alone. relationship()'s
  passive_deletes says which. False (the default): the ORM loads the posts not yet loaded and
  deletes them (delete cascade) or sets their user_id to NULL. True: the ORM loads nothing and
  leaves the posts it has not loaded to the database, but still deletes or nulls the ones it has
  loaded. 'all': the ORM neither loads nor nulls any post of a deleted user, loaded or not (it
  refuses a delete cascade); a post taken out of the collection is nulled only by the other
  side, post.author, where back_populates keeps it in step. It bites twice: a default mapping
  without a delete cascade nulls the posts before the database's ON DELETE CASCADE can delete
  them, and passive_deletes without an ON DELETE rule (or on SQLite, which enforces foreign keys
  only with PRAGMA foreign_keys=ON) leaves the posts to a database with no rule for them: the
  DELETE of the user is refused, or the posts stay behind pointing at no user.
  passive_deletes=True with the delete cascade, the posts not loaded: cascades.feature (CS8).

  Rule: passive_deletes=False (the default): the ORM loads every post and handles it itself

    @RL36
    Scenario: By default, without a delete cascade, deleting a user loads its posts and sets their user_id to NULL
      The ORM nulls the posts' key before it deletes the user, so the foreign key's ON DELETE
      CASCADE finds no post to delete, on every backend.

      Given the model variant "posts with ON DELETE CASCADE and a nullable user_id, without delete cascade"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded
      When I delete Alice
      And I commit the session
      Then exactly 1 SELECT of posts was emitted
      And the UPDATE of posts set only user_id
      And the UPDATE of posts came before the DELETE of users
      And the database holds the posts "Alice's First Post" and "Bob's First Post"
      And a new session reads "Alice's First Post"'s user_id as None

  Rule: passive_deletes=True: the posts not loaded are the database's, the loaded ones still the ORM's

    @RL37
    Scenario: With passive_deletes, a post already loaded is still deleted by the ORM, before its user
      Given the model variant "posts with passive_deletes and ON DELETE CASCADE"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded with selectinload on posts
      When I delete Alice
      And I commit the session
      Then no SELECT was emitted
      And exactly 1 DELETE of posts was emitted
      And the DELETE of posts came before the DELETE of users
      And the database holds the posts "Bob's First Post"

    @RL37 @fact:foreign_keys_enforced @fact:constraint_violation_error
    Scenario Outline: With passive_deletes but no ON DELETE rule, the posts not loaded make the database refuse the user's DELETE
      The ORM deletes only the user; a database that enforces foreign keys refuses to leave the
      posts pointing at no user, SQLite (foreign keys not enforced) keeps them so.

      Given the model variant "posts with passive_deletes but no ON DELETE CASCADE"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded
      When I delete Alice
      And I try to commit the session
      Then <outcome>
      And no SELECT of posts was emitted
      And no DELETE of posts was emitted
      And the database holds <users>
      And a new session reads "Alice's First Post"'s user_id as 1

      Examples:
        | constraint_violation_error | foreign_keys_enforced | outcome                       | users                   |
        | IntegrityError             | no                    | nothing was raised            | the users Bob           |
        | IntegrityError             | yes                   | an IntegrityError was raised  | the users Alice and Bob |
        | ProgrammingError           | yes                   | a ProgrammingError was raised | the users Alice and Bob |

    @RL37
    Scenario: On a connection that enforces foreign keys, ON DELETE CASCADE deletes the posts left to it, on every backend
      SQLite too, once PRAGMA foreign_keys=ON is sent on the connection.

      Given the model variant "posts with passive_deletes and ON DELETE CASCADE"
      And the users Alice and Bob exist, each with a first post
      And a session whose connection enforces foreign keys
      And Alice is loaded
      When I delete Alice
      And I commit the session
      Then no SELECT of posts was emitted
      And the database holds the posts "Bob's First Post"

    @RL37 @fact:foreign_keys_enforced
    Scenario Outline: With passive_deletes and no delete cascade, the posts not loaded are neither loaded nor nulled
      Given the model variant "posts with ON DELETE CASCADE and a nullable user_id, without delete cascade, passive_deletes=True"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded
      When I delete Alice
      And I commit the session
      Then no SELECT of posts was emitted
      And no UPDATE was emitted
      And the database holds the posts <posts left>

      Examples:
        | foreign_keys_enforced | posts left                                  |
        | no                    | "Alice's First Post" and "Bob's First Post" |
        | yes                   | "Bob's First Post"                          |

    @RL37
    Scenario: With passive_deletes and no delete cascade, a post already loaded still has its user_id set to NULL
      The ORM nulls the loaded post before it deletes the user: ON DELETE CASCADE finds nothing.

      Given the model variant "posts with ON DELETE CASCADE and a nullable user_id, without delete cascade, passive_deletes=True"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded with selectinload on posts
      When I delete Alice
      And I commit the session
      Then no SELECT was emitted
      And the UPDATE of posts set only user_id
      And the database holds the posts "Alice's First Post" and "Bob's First Post"
      And a new session reads "Alice's First Post"'s user_id as None

  Rule: passive_deletes='all': the ORM never loads nor nulls a post, loaded or not

    @RL38
    Scenario: With passive_deletes='all', the flush deletes only the user, and a loaded post keeps its user_id
      Given the model variant "posts with ON DELETE CASCADE and a nullable user_id, without delete cascade, passive_deletes='all'"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded with selectinload on posts
      When I delete Alice
      And I flush the session
      Then the statements emitted were a DELETE of users
      And "Alice's First Post"'s user_id is 1

    @RL38 @fact:foreign_keys_enforced
    Scenario Outline: With passive_deletes='all', a loaded post is left to the database's ON DELETE CASCADE
      Given the model variant "posts with ON DELETE CASCADE and a nullable user_id, without delete cascade, passive_deletes='all'"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded with selectinload on posts
      When I delete Alice
      And I commit the session
      Then no UPDATE was emitted
      And the database holds the posts <posts left>

      Examples:
        | foreign_keys_enforced | posts left                                  |
        | no                    | "Alice's First Post" and "Bob's First Post" |
        | yes                   | "Bob's First Post"                          |

    @RL38 @fact:foreign_keys_enforced @fact:constraint_violation_error
    Scenario Outline: With passive_deletes='all' but no ON DELETE rule, even a loaded post makes the database refuse the user's DELETE
      Given the model variant "posts with passive_deletes='all' but no ON DELETE CASCADE, without delete cascade"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded with selectinload on posts
      When I delete Alice
      And I try to commit the session
      Then <outcome>
      And no UPDATE was emitted
      And the database holds <users>
      And a new session reads "Alice's First Post"'s user_id as 1

      Examples:
        | constraint_violation_error | foreign_keys_enforced | outcome                       | users                   |
        | IntegrityError             | no                    | nothing was raised            | the users Bob           |
        | IntegrityError             | yes                   | an IntegrityError was raised  | the users Alice and Bob |
        | ProgrammingError           | yes                   | a ProgrammingError was raised | the users Alice and Bob |

    @RL38
    Scenario: With passive_deletes='all', a post removed from its user's posts has its user_id set to NULL by post.author
      The docstring of passive_deletes: 'Additionally, the "nulling out" will still occur if the
      child object is de-associated with the parent.' It is the other side, post.author
      (back_populates), that nulls it: see the next scenario.

      Given the model variant "posts with ON DELETE CASCADE and a nullable user_id, without delete cascade, passive_deletes='all'"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded with selectinload on posts
      When I remove "Alice's First Post" from Alice's posts
      And I commit the session
      Then the UPDATE of posts set only user_id
      And no DELETE was emitted
      And a new session reads "Alice's First Post"'s user_id as None

    @RL38
    Scenario: With passive_deletes='all' and no back_populates, a post removed from its user's posts keeps its user_id
      user.posts alone does not null a removed post under 'all', and post.author, not told of
      the removal, still names Alice: the flush writes nothing.

      Given the model variant "posts with ON DELETE CASCADE and a nullable user_id, without delete cascade, passive_deletes='all', without back_populates"
      And the users Alice and Bob exist, each with a first post
      And Alice is loaded with selectinload on posts
      When I remove "Alice's First Post" from Alice's posts
      And I commit the session
      Then no SQL was emitted
      And a new session reads "Alice's First Post"'s user_id as 1
      And a new session reads Alice's posts as the list "Alice's First Post"

    @RL38
    Scenario: passive_deletes='all' with a delete cascade is refused when the mappers are configured
      When I try to map user.posts with cascade "all, delete-orphan" and passive_deletes='all'
      Then an ArgumentError was raised saying "can't set passive_deletes='all' in conjunction with 'delete' or 'delete-orphan' cascade"

    @RL38
    Scenario: passive_deletes='all' without a delete cascade is accepted
      When I try to map user.posts with cascade "save-update, merge" and passive_deletes='all'
      Then nothing was raised
