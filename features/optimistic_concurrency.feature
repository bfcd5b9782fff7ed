Feature: Optimistic concurrency with a version counter
  With version_id_col, every UPDATE checks the version the session loaded and bumps it, and every
  DELETE checks it (a DELETE has nothing to bump). A session working from a stale copy of the row
  then fails with StaleDataError instead of silently overwriting another user's change: the
  "lost update" made visible.

  Background:
    Given the model variant "users with a version counter"
    And the user Alice exists

  @VR1
  Scenario: Every UPDATE increments the version
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    When I flush the session
    Then Alice's version_id is 2
    And the UPDATE of users set only name and version_id
    And the UPDATE of users contained "AND users_versioned.version_id = "

  @VR1
  Scenario: The first INSERT sets the version to 1, each later UPDATE adds one
    Given I add a new user Dave
    And I flush the session
    And I set Dave's name to "David"
    And I flush the session
    When I set Dave's name to "Davey"
    And I flush the session
    Then Dave's version_id is 3

  @VR3
  Scenario: A DELETE checks the version without changing it
    Given Alice is loaded
    And I delete Alice
    When I flush the session
    Then the DELETE of users contained "AND users_versioned.version_id = "
    And no UPDATE was emitted

  @VR2 @fact:readers_block_writers @fact:stale_row_write_error
  Scenario Outline: Updating a row another session changed since it was loaded
    With real SQLite transactions the other session cannot commit while this one holds its read,
    so there is no stale copy to detect. MariaDB from 11.6.2 (innodb_snapshot_isolation on by
    default) refuses the UPDATE itself, error 1020, before the ORM's version check can count
    the rows: code that catches StaleDataError misses it.

    Given Alice is loaded
    When another session tries to set Alice's name to "Ally" and commit
    And I set Alice's name to "Alicia"
    And I try to flush the session
    Then the other session's commit <commit>
    And <flush>

    Examples:
      | readers_block_writers | stale_row_write_error | commit                                                   | flush                                                                      |
      | no                    | none                  | went through                                             | a StaleDataError was raised                                                |
      | yes                   | none                  | failed with OperationalError saying "database is locked" | nothing was raised                                                         |
      | no                    | OperationalError      | went through                                             | an OperationalError was raised saying "Record has changed since last read" |

  @VR3 @fact:readers_block_writers @fact:stale_row_write_error
  Scenario Outline: Deleting a row another session changed since it was loaded
    Given Alice is loaded
    When another session tries to set Alice's name to "Ally" and commit
    And I delete Alice
    And I try to flush the session
    Then the other session's commit <commit>
    And <flush>

    Examples:
      | readers_block_writers | stale_row_write_error | commit                                                   | flush                                                                      |
      | no                    | none                  | went through                                             | a StaleDataError was raised                                                |
      | yes                   | none                  | failed with OperationalError saying "database is locked" | nothing was raised                                                         |
      | no                    | OperationalError      | went through                                             | an OperationalError was raised saying "Record has changed since last read" |
