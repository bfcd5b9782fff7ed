Feature: Expire and refresh
  An expired attribute is reloaded from the database the next time it is read; refresh() reloads
  at once. Both throw away changes not yet flushed. What the reload sees depends on the backend's
  isolation level and on whether the row still exists. It bites as "my change disappeared" and as
  ObjectDeletedError far from the code that deleted the row.

  Background:
    Given the users Alice and Bob exist

  @EX5
  Scenario: expire(obj) expires every attribute
    Given Alice is loaded
    When I expire Alice
    Then every attribute of Alice is expired

  @EX5
  Scenario: expire(obj, ["name"]) expires only that attribute
    Given Alice is loaded
    When I expire Alice's name
    Then the expired attributes of Alice are name

  @EX5
  Scenario: Reading an expired attribute emits one SELECT
    Given Alice is loaded
    And I expire Alice
    When I read Alice's name
    Then exactly 1 SELECT of users was emitted
    And the value read is "Alice"

  @EX6
  Scenario: expire() discards an unflushed change
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I expire Alice
    And I read Alice's name
    Then the value read is "Alice"

  @EX7
  Scenario: refresh() emits a SELECT at once and overwrites an in-memory change
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I refresh Alice
    Then exactly 1 SELECT of users was emitted
    And Alice's name is "Alice"

  @EX8
  Scenario: refresh(obj, ["name"]) refreshes only that attribute
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    And I set Alice's email to "alicia@example.com"
    When I refresh Alice's name
    Then Alice's name is "Alice"
    And Alice's email is "alicia@example.com"

  @EX9 @DV7 @fact:transaction_reads_a_snapshot @fact:transaction_begins_with_any_statement
  Scenario Outline: refresh() inside one transaction after another session committed an update
    Given Alice is loaded
    And another session sets Alice's name to "Alicia" and commits
    When I refresh Alice
    Then Alice's name is <name>

    Examples:
      | backend    | name     |
      | sqlite     | "Alicia" |
      | postgresql | "Alicia" |
      | mariadb    | "Alice"  |

  @EX10
  Scenario: An expired object whose row another session deleted raises ObjectDeletedError
    Given Alice is loaded
    And I commit the session
    And another session deletes Alice and commits
    When I try to read Alice's name
    Then an ObjectDeletedError was raised

  @EX11
  Scenario: expire_all() expires every object in the session
    Given Alice is loaded
    And Bob is loaded
    When I expire all objects in the session
    Then every attribute of Alice is expired
    And every attribute of Bob is expired

  @EX12
  Scenario: rollback() expires loaded objects as commit() does
    Given Alice is loaded
    When I roll back the session
    Then every attribute of Alice is expired
