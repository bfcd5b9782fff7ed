Feature: More behaviours SQLAlchemy releases broke
  Like known_bugs.feature: each scenario states a Session behaviour that a SQLAlchemy release got
  wrong and a later one restored, tagged with the ticket (@sqla:<ticket>) of
  orm_spec/known_bugs.toml, and is a strict expected failure on the releases that have the bug.
  The answer stated is always the fixed one. These are the bugs of subjects with no feature of
  their own.

  @KB26 @sqla:13709
  Scenario: from_statement() of a textual SELECT binds the values given to .params(), with the compiled cache off
    Given the users Alice and Bob exist
    And a session on the engine with execution_options(compiled_cache=None)
    When I load the users of the textual SELECT "SELECT * FROM users WHERE name = :name" with select(User).from_statement(...).params(name="Bob")
    Then the users returned are Bob

  @KB49 @sqla:12364
  Scenario: An aliased() user over a CTE can be used in both SELECTs of a UNION ALL
    The CTE is one object, rendered once in the WITH clause, whichever of the two SELECTs
    reaches it first.

    Given the users Alice, Bob and Charlie exist, each with a first post
    When I try to select, sorted, the union_all() of the names of aliased(User, cte) and the titles of the posts joined to it, for the CTE of the users not named "Bob"
    Then nothing was raised
    And the values read are ["Alice", "Alice's First Post", "Charlie", "Charlie's First Post"]

  @KB50 @sqla:13583
  Scenario: aliased() of an aliased() over a CTE still selects from the CTE
    Given the users Alice, Bob and Charlie exist
    When I select aliased(aliased(User, cte)) for the CTE of the users not named "Bob"
    Then the users returned are Alice and Charlie

  @KB47 @sqla:11995
  Scenario: A many-to-one whose composite foreign key is partly NULL reads None without a SELECT when the user mapper refuses partial keys
    Users are keyed by (account, id) and mapped with allow_partial_pks=False: a key with a NULL
    in it names no user. A post of account 1 with no user_id has no author to load, so reading
    its author needs no SQL (and no IO under AsyncSession).

    Given the model variant "posts whose author is keyed by (account, user_id), users refusing partial keys"
    And the post "Account Notice" exists with account=1, user_id=None
    And "Account Notice" is loaded
    When I try to read "Account Notice"'s author
    Then nothing was raised
    And no SQL was emitted
    And the value read is None

  @KB76 @sqla:10167
  Scenario: A CTE added to an ORM select() only through add_cte() is rendered in its WITH clause
    Given the users Alice and Bob exist
    When I select all users ordered by name with add_cte() of a CTE "extra" the query does not otherwise reference
    Then the users returned are Alice and Bob, in that order
    And the SELECT of users contained "WITH extra AS"

  @KB80 @sqla:11347
  Scenario: A Bundle in select() keeps its columns' own keys when two of them share a name
    Given the user Alice exists with a first post
    When I select Bundle("b", User.id, User.name, Post.id, Post.title) of each post joined to its author and read the bundle's keys
    Then the values read are ["id", "name", "id", "title"]

  @KB81 @sqla:9217
  Scenario: from_statement() of a SELECT whose column is an expression labelled name fills User.name from that label
    Given the users Alice and Bob exist
    When I read the names of the users of select(User).from_statement(a select() of the users table whose name column is replaced by name + " Jr" labelled name)
    Then the values read are ["Alice Jr", "Bob Jr"]

  @KB88 @sqla:10139
  Scenario: With lazy="immediate" both ways, a loaded reply's parent and replies are the comments themselves
    Given the model variant "the blog, comments whose parent and replies load immediately"
    And the users Alice and Bob exist, each with a first post
    And "Alice's First Post" has comment "Nice post!"
    And comment "Nice post!" has the reply comment "Thanks!"
    And comment "Thanks!" has the reply comment "You're welcome!"
    And comment "Thanks!" is loaded
    And comment "Nice post!" is loaded
    Then comment "Thanks!"'s parent is comment "Nice post!" itself
    And comment "Thanks!"'s replies are comment "You're welcome!"
    And comment "Nice post!"'s replies are comment "Thanks!"
