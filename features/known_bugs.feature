Feature: Behaviours SQLAlchemy releases broke
  Each scenario states a Session behaviour that a SQLAlchemy release got wrong and a later one
  restored, tagged with the ticket (@sqla:<ticket>) of orm_spec/known_bugs.toml. On a release
  that has the bug the scenario is a strict expected failure, "SQLAlchemy bug #<ticket>, fixed in
  <release>": it must fail there, and a pass says the table is wrong. The answer stated is always
  the fixed one: the spec never restates a bug as the answer for a release. A bug of a subject
  that has a feature of its own is stated there (#13643 in mutation_tracking.feature, KB2).

  @KB1 @sqla:13176
  Scenario: get() with with_for_update=False of a loaded primary key emits no SQL
    with_for_update=False asks for no lock, like leaving it out: the identity map answers.
    Given the users Alice and Bob exist
    And Alice is loaded
    When I get Alice by primary key with with_for_update=False
    Then no SQL was emitted
    And the object returned is Alice

  @KB3 @sqla:12338 @api:async
  Scenario: scalar_one() of an AsyncSession.stream() result gives the one value
    Given the users Alice and Bob exist
    When I stream the id of the user named "Alice" and take scalar_one()
    Then the value read is 1
    And exactly 1 SELECT of users was emitted

  @KB6 @sqla:13675 @sqlalchemy:>=2.0.36
  Scenario: An ORM UPDATE expires the server-onupdate column on every loaded object it matched
    The database sets revision on every UPDATE (server_onupdate=FetchedValue()): the ORM cannot
    know the new value, so each object the UPDATE matched reads it again when next used.
    Before 2.0.36 an ORM UPDATE expired no server-onupdate column at all (#11917).

    Given the model variant "users with a revision the database sets on UPDATE"
    And the users Alice and Bob exist
    And Alice is loaded
    And Bob is loaded
    When I bulk update the users named Alice or Bob setting is_active to False
    Then the expired attributes of Alice are revision
    And the expired attributes of Bob are revision

  @KB7 @sqla:12326
  Scenario: insert().returning(User) of a model with a column_property subquery hands back the new rows
    The blog's user.post_count is a column_property over a correlated subquery counting the
    user's posts: RETURNING hands back the new rows as objects all the same.

    Given the model variant "the blog"
    When I bulk insert the users Dave and Erin returning the users
    Then the users returned are Dave and Erin
    And Dave's post_count is 0

  @KB77 @sqla:9273 @sqla:12326 @fact:update_returning
  Scenario Outline: update().returning(User) of a model with a column_property subquery hands back the updated object
    The blog's user.post_count is a column_property over a correlated subquery, as in KB7.
    MariaDB has no UPDATE ... RETURNING (see DM23): the server refuses it, the session stays usable.

    Given the model variant "the blog"
    And the user Alice exists with a first post
    And Alice is loaded
    When I try to bulk update the users named Alice setting name to "Alicia" returning the users
    Then <outcome>
    And <returned>
    And Alice's name is <name>
    And Alice's post_count is 1

    Examples:
      | update_returning | outcome                       | returned                                | name     |
      | yes              | nothing was raised            | the users returned include Alice itself | "Alicia" |
      | no               | a ProgrammingError was raised | the session is active                   | "Alice"  |

  @KB12 @sqla:13711
  Scenario: A flush whose new row takes the key of an object a rollback expired emits no SELECT for it
    Dave's row was inserted and rolled back: the Dave loaded before stays in the identity map,
    expired. A new user Dave gets the same key from the INSERT; the flush replaces the expired
    object in the identity map without loading it.

    Given the model variant "users whose id a Python-side default derives from the name"
    And the users Alice and Bob exist
    And I bulk insert the users Dave
    And Dave is loaded
    And I roll back the session
    When I add a new user Dave
    And I flush the session
    Then no SELECT was emitted
    And Dave is persistent

  @KB54 @sqla:11997 @fact:update_returning
  Scenario Outline: "fetch" with update().returning() of a column updates the loaded object when id is not the table's first column
    "fetch" adds the primary key to the RETURNING asked for and finds the loaded objects by it,
    wherever id stands in the table. MariaDB has no UPDATE ... RETURNING: the server refuses the
    statement (orm_dml.feature, DM23).

    Given the model variant "users whose id is the last column of their table"
    And the users Alice and Bob exist
    And Alice is loaded
    And Bob is loaded
    When I try to bulk update the users named Bob setting name to "Robert" returning their name with synchronize_session=fetch
    Then <outcome>
    And Bob's name is <name>
    And Bob is not modified
    And Alice's name is "Alice"

    Examples:
      | update_returning | outcome                                    | name     |
      | yes              | the name returned by RETURNING is "Robert" | "Robert" |
      | no               | a ProgrammingError was raised              | "Bob"    |

  @KB55 @sqla:12692
  Scenario: An UPDATE of the users table whose WHERE names the Post class sets only the users' columns
    Users and posts record who changed them last (updated_by); a post also records when, with a
    Python-side onupdate (edited_at). An UPDATE of the users table (update() of the Table, its
    WHERE through the Post class: UPDATE ... FROM posts) applies the users table's own onupdate
    defaults only, not those of the class its WHERE names, though both have an updated_by.

    Given the model variant "users and posts that record who changed them, posts also when"
    And the users Alice and Bob exist, each with a first post
    When I try to bulk update the users' Table, not the user class, setting updated_by to "admin" where the user wrote "Alice's First Post"
    Then nothing was raised
    When I commit the session
    Then a new session reads Alice's updated_by as "admin"
    And a new session reads Bob's updated_by as None
    And a new session reads "Alice's First Post"'s updated_by as None
    And a new session reads "Alice's First Post"'s edited_at as None

  @KB83 @sqla:10453
  Scenario: New users of a table with implicit_returning=False are flushed, each with a key of its own
    Given the model variant "users without implicit RETURNING"
    And I add the new users Dave, Erin and Frank
    When I commit the session
    Then the database holds the users Dave, Erin and Frank
