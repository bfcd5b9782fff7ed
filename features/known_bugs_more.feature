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
