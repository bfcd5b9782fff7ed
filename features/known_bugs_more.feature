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
