Feature: Expiry on commit
  By default commit() expires every object in the session: the next attribute access reloads it
  with a SELECT, so you see what the database holds now, including other sessions' changes.
  With expire_on_commit=False nothing is reloaded and values can be stale, but objects stay
  readable after the session is closed. It bites when a committed object is used after its
  session closed: an expired attribute cannot be loaded any more.

  Background:
    Given the users Alice and Bob exist

  @EX1
  Scenario: After commit every attribute is expired
    Given a session
    And Alice is loaded
    When I commit the session
    Then every attribute of Alice is expired

  @EX1 @api:sync
  Scenario: The first access after commit emits one SELECT and returns the database value
    Given a session
    And Alice is loaded
    And I commit the session
    And another session sets Alice's name to "Alicia" and commits
    When I read Alice's name
    Then exactly 1 SELECT of users was emitted
    And the value read is "Alicia"

  @EX1 @api:sync
  Scenario: An object the commit inserted is expired too: the first read emits a SELECT
    Given a session
    And I add a new user Dave
    And I commit the session
    When I read Dave's name
    Then exactly 1 SELECT of users was emitted
    And the value read is "Dave"

  @EX1 @AS2 @api:async
  Scenario: Under AsyncSession an attribute read after commit raises instead of reloading
    The most common AsyncSession surprise: after "await session.commit()" every attribute is
    expired, and reading one needs IO that an attribute access cannot await.

    Given a session
    And Alice is loaded
    And I commit the session
    When I try to read Alice's name
    Then the implicit IO was refused with MissingGreenlet
    And every attribute of Alice is expired
    And Alice's name is "Alice"

  @EX1 @AS2 @api:async
  Scenario: Under AsyncSession an object the commit inserted cannot be read after it either
    Given a session
    And I add a new user Dave
    And I commit the session
    When I try to read Dave's name
    Then the implicit IO was refused with MissingGreenlet
    And every attribute of Dave is expired
    And Dave's name is "Dave"

  @EX1
  Scenario: Every object in the session is expired by commit, not only the changed ones
    Given a session
    And Alice is loaded
    And Bob is loaded
    And I set Alice's name to "Alicia"
    When I commit the session
    Then every attribute of Bob is expired
    And every attribute of Alice is expired

  @EX2 @AS2
  Scenario: With expire_on_commit=False values stay loaded, even when stale, and no SQL is emitted
    Given a session with expire_on_commit=False
    And Alice is loaded
    And I commit the session
    And another session sets Alice's name to "Alicia" and commits
    When I read Alice's name
    Then no SQL was emitted
    And the value read is "Alice"
    And no attribute of Alice is expired

  @EX3
  Scenario: An expired object of a closed session raises DetachedInstanceError
    Given a session
    And Alice is loaded
    And I commit the session
    And I close the session
    When I try to read Alice's name
    Then a DetachedInstanceError was raised
    And no SQL was emitted

  @EX4
  Scenario: An object kept loaded stays readable after its session closed
    Given a session with expire_on_commit=False
    And Alice is loaded
    And I commit the session
    And I close the session
    When I read Alice's name
    Then no SQL was emitted
    And the value read is "Alice"
    And Alice is detached
