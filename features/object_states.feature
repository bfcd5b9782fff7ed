Feature: Object states
  Every mapped object is in one of five states that sqlalchemy.inspect() reports: transient (just
  constructed), pending (added, not yet flushed), persistent (has a row and a session), deleted
  (its DELETE flushed, not yet committed) and detached (has a row, no session). The state decides
  what an attribute access, a flush or a close will do, which is why "it was saved" and "it is in
  the session" are not the same question.

  Background:
    Given the users Alice and Bob exist

  @ST1
  Scenario: A new object is transient: no session and no identity key
    When I create a new user Dave
    Then Dave is transient
    And Dave has no identity key
    And Dave belongs to no session

  @ST2 @UW1
  Scenario: add() makes an object pending without emitting SQL
    Given a new user Dave
    When I add Dave
    Then Dave is pending
    And session.new holds Dave
    And Dave has no identity key
    And no SQL was emitted

  @ST3 @DF3
  Scenario: flush() makes a pending object persistent with a primary key from the INSERT
    Given I add a new user Dave
    When I flush the session
    Then Dave is persistent
    And Dave has an identity key
    And Dave's id is 3
    And exactly 1 INSERT of users was emitted

  @ST3 @CS1
  Scenario: The flush makes a cascaded post persistent too, with its author's key
    Given a new user Dave and a new post "Dave's Post"
    And I add Dave
    When I flush the session
    Then "Dave's Post" is persistent
    And "Dave's Post"'s user_id is 3
    And exactly 1 INSERT of posts was emitted

  @ST4
  Scenario: A deleted and flushed object is in the deleted state
    Given Alice is loaded
    When I delete Alice
    And I flush the session
    Then Alice is deleted
    And exactly 1 DELETE of users was emitted

  @ST4 @CS4
  Scenario: A deleted object stays persistent until the flush
    delete() only marks the object; it does load the posts the delete cascade will remove.

    Given Alice is loaded
    When I delete Alice
    Then Alice is persistent
    And session.deleted holds Alice
    And no DELETE was emitted
    And exactly 1 SELECT of posts was emitted

  @ST4
  Scenario: After commit a deleted object is detached and was_deleted
    Given Alice is loaded
    And I delete Alice
    When I commit the session
    Then Alice is detached
    And Alice was deleted

  @ST4 @TX4
  Scenario: Rolling back a flushed delete makes the object persistent again
    Given Alice is loaded
    And I delete Alice
    And I flush the session
    When I roll back the session
    Then Alice is persistent
    And Alice was not deleted
    And a new session finds Alice

  @ST5
  Scenario: close() detaches persistent objects and makes pending ones transient again
    Given Alice is loaded
    And I add a new user Dave
    When I close the session
    Then Alice is detached
    And Dave is transient

  @ST5
  Scenario: close() after a flush detaches the new object, yet its row was never committed
    close() rolls the transaction back, so Dave's row is gone, but Dave keeps the identity key
    of a row that does not exist: he is detached, not transient.

    Given I add a new user Dave
    And I flush the session
    When I close the session
    Then Dave is detached
    And Dave has an identity key
    And a new session does not find Dave

  @ST6
  Scenario: expunge() of a pending object makes it transient
    Given I add a new user Dave
    When I expunge Dave
    Then Dave is transient
    And session.new is empty

  @ST6
  Scenario: expunge() of a persistent object makes it detached
    Given Alice is loaded
    When I expunge Alice
    Then Alice is detached
    And Alice is not in the session

  @ST7
  Scenario: A detached object added again is persistent without a SELECT
    Given Alice is loaded
    And I close the session
    When I add Alice
    Then Alice is persistent
    And no SQL was emitted

  @ST7 @EP1
  Scenario: A change made while detached is flushed once the object is added again
    Given Alice is loaded
    And I close the session
    And I set Alice's name to "Alicia"
    And I add Alice
    When I commit the session
    Then the UPDATE of users set only name
    And a new session reads Alice's name as "Alicia"

  @ST8
  Scenario: object_session() is the session for pending and persistent objects
    Given Alice is loaded
    When I add a new user Dave
    Then Alice belongs to the session
    And Dave belongs to the session

  @ST8
  Scenario: object_session() is None for a detached object
    Given Alice is loaded
    When I close the session
    Then Alice belongs to no session
