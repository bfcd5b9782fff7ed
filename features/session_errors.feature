Feature: The errors the Session raises, and what they say
  Most Session errors are InvalidRequestError: the class says little, the message says which
  rule was broken (the object belongs to another session, is not in this one, was deleted, is
  detached). The messages are what a developer searches for, so the spec states them. A refused
  call (add(), delete(), expunge() or refresh() of the wrong object, a load on a detached one)
  emits no SQL and changes no state: the session and the object are as they were, and the code
  can go on after fixing the call. A failed flush is different: its SQL reached the database,
  and the session refuses every further query or flush with PendingRollbackError (quoting the
  flush's error) until rollback().

  Background:
    Given the users Alice and Bob exist, each with a first post

  Rule: An object belongs to one session at a time

    @SN34
    Scenario: add() of a persistent object of another session is refused
      Given a second session
      And Alice is loaded
      When I try to add Alice in the second session
      Then an InvalidRequestError was raised saying "is already attached to session"
      And Alice belongs to the session
      And Alice is not in the second session
      And no SQL was emitted

    @SN34
    Scenario: add() of a pending object of another session is refused
      Given a second session
      And I add a new user Dave
      When I try to add Dave in the second session
      Then an InvalidRequestError was raised saying "is already attached to session"
      And Dave is pending
      And Dave belongs to the session

    @SN34
    Scenario: delete() of an object of another session is refused
      Given a second session
      And Alice is loaded
      When I try to delete Alice in the second session
      Then an InvalidRequestError was raised saying "is already attached to session"
      And Alice is persistent
      And no SQL was emitted

  Rule: Operations on objects the session does not hold

    @SN35
    Scenario: delete() of a transient object is refused
      Given a new user Dave
      When I try to delete Dave
      Then an InvalidRequestError was raised saying "is not persisted"
      And Dave is transient
      And no SQL was emitted

    @SN35
    Scenario: expunge() of an object not in the session is refused
      Given a new user Dave
      When I try to expunge Dave
      Then an InvalidRequestError was raised saying "is not present in this Session"
      And Dave is transient

    @SN35
    Scenario: expunge() of an object already expunged is refused
      Given Alice is loaded
      And I expunge Alice
      When I try to expunge Alice
      Then an InvalidRequestError was raised saying "is not present in this Session"
      And Alice is detached

    @SN36 @EX7
    Scenario: refresh() of a detached object is refused
      Given Alice is loaded
      And I close the session
      When I try to refresh Alice
      Then an InvalidRequestError was raised saying "is not persistent within this Session"
      And no SQL was emitted
      And Alice is detached

  Rule: A detached object cannot load anything

    @SN37 @LD7
    Scenario: A lazy load on a detached object names the attribute it could not load
      Given Alice is loaded
      And I close the session
      When I try to read Alice's posts
      Then a DetachedInstanceError was raised saying "is not bound to a Session; lazy load operation of attribute 'posts' cannot proceed"
      And no SQL was emitted

    @SN37 @EX3
    Scenario: An expired attribute on a detached object says the refresh cannot proceed
      Given Alice is loaded
      And I commit the session
      And I close the session
      When I try to read Alice's name
      Then a DetachedInstanceError was raised saying "is not bound to a Session; attribute refresh operation cannot proceed"
      And no SQL was emitted

  Rule: After a failed flush

    @SN38 @TX6
    Scenario: PendingRollbackError says why the session refuses work, and quotes the flush's error
      Given I add a new user Alicia with email "alice@example.com"
      And I try to flush the session
      When I try to load Bob
      Then a PendingRollbackError was raised saying "This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback(). Original exception was: "
      And the PendingRollbackError raised quotes the IntegrityError raised before it
      And no SQL was emitted

  Rule: A result outlives its session only when it was buffered

    @SN39 @api:sync
    Scenario: A result read after its session closed cannot make its objects persistent
      Given I execute a select of all users ordered by name and keep its result unread
      And I close the session
      When I try to read the users from the kept result
      Then an InvalidRequestError was raised saying "cannot be converted to 'persistent' state, as this identity map is no longer valid.  Has the owning Session been closed?"

    @SN39
    Scenario: A result executed with prebuffer_rows=True gives detached objects after its session closed
      Given I execute a select of all users ordered by name with prebuffer_rows=True and keep its result unread
      And I close the session
      When I read the users from the kept result
      Then the users returned are Alice and Bob, in that order
      And Alice is detached
      And no SQL was emitted

    @SN39 @api:async
    Scenario: Under AsyncSession every result is buffered: read after close it gives detached objects
      Given I execute a select of all users ordered by name and keep its result unread
      And I close the session
      When I read the users from the kept result
      Then the users returned are Alice and Bob, in that order
      And Alice is detached
      And no SQL was emitted
