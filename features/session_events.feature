Feature: Session events
  Listeners on a session see its life as it happens: before_flush sees the pending changes and can
  add to them; after_transaction_create, after_begin, after_commit and after_rollback mark the
  transaction's edges; the state-transition events follow each object; do_orm_execute sees every
  statement run through the session and can rewrite it. They bite when they fire more or less
  often than assumed, or at another moment: after_begin is not "the transaction started".

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
    And the before_flush listener saw dirty Alice
    And the before_flush listener saw deleted Bob

  @EV1
  Scenario: A change made in before_flush is flushed too
    Given a before_flush listener that upper-cases the email of each new user
    And I add a new user Dave
    When I commit the session
    Then exactly 1 INSERT of users was emitted
    And no UPDATE was emitted
    And a new session reads Dave's email as "DAVE@EXAMPLE.COM"

  @EV2
  Scenario: Autobegin fires after_transaction_create, not after_begin
    The session begins its transaction object on first use (here: add()); after_begin waits
    until that transaction first needs a connection.

    Given listeners that record the session's transaction events
    When I add a new user Dave
    Then the events recorded were after_transaction_create
    And no SQL was emitted

  @EV2
  Scenario: after_begin fires when the transaction first gets a connection
    Given listeners that record the session's transaction events
    And I add a new user Dave
    When I flush the session
    Then the events recorded were after_transaction_create, after_begin

  @EV2
  Scenario: Rolling back a transaction that never used a connection fires after_rollback anyway
    SQLAlchemy's documentation says after_rollback runs "after a real DBAPI rollback"; here no
    connection was ever taken, nothing is rolled back in the database, and it still fires.

    Given listeners that record the session's transaction events
    And I add a new user Dave
    When I roll back the session
    Then the events recorded were after_transaction_create, after_rollback, after_transaction_end
    And no SQL was emitted

  @EV2
  Scenario: after_commit fires once per commit, after_rollback once per rollback
    Given listeners that record the session's transaction events
    When I load Alice
    And I commit the session
    And I load Bob
    And I roll back the session
    Then the events recorded were after_transaction_create, after_begin, after_commit, after_transaction_end, after_transaction_create, after_begin, after_rollback, after_transaction_end

  @EV3
  Scenario: State-transition events fire in order through add, flush, close
    Given listeners that record the session's state-transition events
    When I add a new user Dave
    And I flush the session
    And I close the session
    Then the events recorded were transient_to_pending, pending_to_persistent, persistent_to_detached

  @EV3
  Scenario: delete() itself fires no state-transition event
    Given listeners that record the session's state-transition events
    And Alice is loaded
    When I delete Alice
    Then no events were recorded
    And Alice is persistent

  @EV3
  Scenario: persistent_to_deleted fires at flush
    Given listeners that record the session's state-transition events
    And Alice is loaded
    And I delete Alice
    When I flush the session
    Then the events recorded were persistent_to_deleted
    And Alice is deleted

  @EV3
  Scenario: deleted_to_detached fires at commit
    Given listeners that record the session's state-transition events
    And Alice is loaded
    And I delete Alice
    And I flush the session
    When I commit the session
    Then the events recorded were persistent_to_deleted, deleted_to_detached
    And Alice is detached

  @EV3
  Scenario: A rolled-back INSERT fires persistent_to_transient
    Given listeners that record the session's state-transition events
    And I add a new user Dave
    And I flush the session
    When I roll back the session
    Then the events recorded were transient_to_pending, pending_to_persistent, persistent_to_transient
    And Dave is transient

  @EV3
  Scenario: Adding a detached object again fires detached_to_persistent
    Given Alice is loaded
    And I expunge Alice
    And listeners that record the session's state-transition events
    When I add Alice
    Then the events recorded were detached_to_persistent
    And Alice is persistent

  @EV4
  Scenario: do_orm_execute can add a global filter to every SELECT
    Given another session sets Bob's is_active to False and commits
    And a do_orm_execute listener that hides inactive users from every SELECT
    When I select all users ordered by name
    Then the users returned are Alice
    And the events recorded were do_orm_execute
    And the SELECT of users contained "WHERE users.is_active IS"

  @KB73 @sqla:11220
  Scenario: do_orm_execute sees select(User).from_statement() of a Core SELECT as a SELECT
    Given a do_orm_execute listener that notes ORMExecuteState.is_select of each statement
    When I load the users of select(User).from_statement(a Core select() of the users table)
    Then the users returned are Alice and Bob
    And the do_orm_execute listener noted is_select True

  @EV4 @api:sync
  Scenario: do_orm_execute sees a lazy load too, and the filter applies to it
    Given the user Carol exists with a first post
    And another session sets Carol's is_active to False and commits
    And "Carol's First Post" is loaded
    And a do_orm_execute listener that hides inactive users from every SELECT
    When I read "Carol's First Post"'s author
    Then the value read is None
    And the events recorded were do_orm_execute
    And exactly 1 SELECT of users was emitted

  @KB61 @sqla:12216 @api:sync
  Scenario: One listener on two sessionmakers is removed from each of them on its own
    A listener on a sessionmaker listens on the Session class it makes; event.remove() takes it
    off the sessionmaker named only. Releases before 2.0.37 (SQLAlchemy bug #12216) kept the
    function's registrations as one, and removing it from the second sessionmaker raised
    KeyError. An async_sessionmaker takes no session events (its sync_session_class does).

    Given two sessionmakers, first and second, with one after_begin listener on both
    When I remove the after_begin listener from the first sessionmaker
    And I begin a session of each sessionmaker
    Then the after_begin listener ran for the session of the second sessionmaker only
    When I try to remove the after_begin listener from the second sessionmaker
    Then nothing was raised
    When I begin a session of each sessionmaker
    Then the after_begin listener ran for no session
