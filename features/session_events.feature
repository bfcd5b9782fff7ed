Feature: Session events
  Listeners on a session see its life as it happens: before_flush sees the pending changes and can
  add to them; after_begin, after_commit and after_rollback mark the transaction's edges; the
  state-transition events follow each object; do_orm_execute sees every ORM statement and can
  rewrite it. They bite when they fire more or less often than assumed.

  Background:
    Given the users Alice and Bob exist

  @EV1
  Scenario: before_flush sees session.new, dirty and deleted
    Given a before_flush listener that records session.new, dirty and deleted
    And Alice is loaded
    And Bob is loaded
    When I delete Bob
    And I set Alice's name to "Alicia"
    And I add a new user Dave
    And I flush the session
    Then the before_flush listener saw new Dave
    And the before_flush listener saw dirty Alicia
    And the before_flush listener saw deleted Bob

  @EV1
  Scenario: A change made in before_flush is flushed too
    Given a before_flush listener that upper-cases the email of each new user
    And I add a new user Dave
    When I commit the session
    Then a new session reads Dave's email as "DAVE@EXAMPLE.COM"

  @EV2
  Scenario: after_begin fires on autobegin, after_commit once per commit, after_rollback once per rollback
    Given listeners that record the session's transaction events
    When I load Alice
    And I commit the session
    And I load Bob
    And I roll back the session
    Then the events recorded were after_begin, after_commit, after_begin, after_rollback

  @EV3
  Scenario: State-transition events fire in order through add, flush, close
    Given listeners that record the session's state-transition events
    When I add a new user Dave
    And I flush the session
    And I close the session
    Then the events recorded were transient_to_pending, pending_to_persistent, persistent_to_detached

  @EV3
  Scenario: Deleting fires persistent_to_deleted at flush and deleted_to_detached at commit
    Given listeners that record the session's state-transition events
    And Alice is loaded
    When I delete Alice
    And I flush the session
    And I commit the session
    Then the events recorded were persistent_to_deleted, deleted_to_detached

  @EV4
  Scenario: do_orm_execute can add a global filter to every SELECT
    Given another session sets Bob's is_active to False and commits
    And a do_orm_execute listener that hides inactive users from every SELECT
    When I select all users ordered by name
    Then the users returned are Alice
    And the events recorded were do_orm_execute
