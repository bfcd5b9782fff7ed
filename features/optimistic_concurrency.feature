Feature: Optimistic concurrency with a version counter
  With version_id_col, every UPDATE and DELETE checks the version the session loaded and bumps it.
  A session working from a stale copy of the row then fails with StaleDataError instead of
  silently overwriting another user's change: the "lost update" made visible.

  Background:
    Given the model variant "users with a version counter"
    And the users Alice exist

  @VR1
  Scenario: Every UPDATE increments the version
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    When I flush the session
    Then Alice's version_id is 2
    And the UPDATE of users set only name and version_id

  @VR2
  Scenario: Updating a row another session changed since it was loaded raises StaleDataError
    Given Alice is loaded
    And another session sets Alice's name to "Ally" and commits
    And I set Alice's name to "Alicia"
    When I try to flush the session
    Then a StaleDataError was raised

  @VR3
  Scenario: Deleting a row another session changed since it was loaded raises StaleDataError
    Given Alice is loaded
    And another session sets Alice's name to "Ally" and commits
    And I delete Alice
    When I try to flush the session
    Then a StaleDataError was raised
