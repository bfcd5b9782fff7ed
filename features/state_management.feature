Feature: Moving objects between states by hand: make_transient() and make_transient_to_detached()
  Two functions change an object's state without the session's usual paths. make_transient()
  cuts an object loose from its row (to copy it, or to save a deleted one again);
  make_transient_to_detached() turns a hand-built object into one that looks loaded, so it can
  be attached without a SELECT. Neither emits SQL, and neither loads anything: what was not
  loaded when they run is simply missing afterwards. It bites when a "copy" keeps the primary
  key of its original, or reads None where the database holds a value.

  Background:
    Given the users Alice and Bob exist
    And Alice has written the post "Alice's First Post"

  Rule: make_transient() cuts an object loose from its row and its session

    @SN14
    Scenario: make_transient() of a persistent object makes it transient without SQL
      Given Alice is loaded
      When I call make_transient() on Alice
      Then Alice is transient
      And Alice has no identity key
      And Alice is not in the session
      And Alice belongs to no session
      And the identity map is empty
      And no SQL was emitted

    @SN14
    Scenario: make_transient() keeps the attributes that were loaded
      Given Alice is loaded
      And I call make_transient() on Alice
      When I read Alice's email
      Then the value read is "alice@example.com"
      And no SQL was emitted

    @SN14
    Scenario: make_transient() of a detached object makes it transient
      Given Alice is loaded
      And I close the session
      When I call make_transient() on Alice
      Then Alice is transient
      And Alice has no identity key

    @SN15
    Scenario: make_transient() keeps the primary key: adding the object again inserts a duplicate key
      The object is transient, so the flush INSERTs it, with the id it still carries.

      Given Alice is loaded
      And I call make_transient() on Alice
      And I add Alice
      When I try to flush the session
      Then an IntegrityError was raised
      And exactly 1 INSERT of users was emitted

    @SN15
    Scenario: make_transient() with the id cleared copies the row under a new key
      Given Alice is loaded
      And I call make_transient() on Alice
      And I set Alice's id to None
      And I set Alice's email to "alice.copy@example.com"
      And I add Alice
      When I commit the session
      Then Alice's id is 3
      And exactly 1 INSERT of users was emitted
      And the database holds the users Alice, Alice and Bob

    @SN16
    Scenario: make_transient() does not load expired attributes: they read None
      Given Alice is loaded
      And I commit the session
      And I call make_transient() on Alice
      When I read Alice's name
      Then the value read is None
      And no SQL was emitted

    @SN16
    Scenario: make_transient() does not load an unloaded collection: it reads empty
      Given Alice is loaded
      And I call make_transient() on Alice
      When I read Alice's posts
      Then the posts read are none
      And no SQL was emitted

  Rule: A deleted object cannot be added again until make_transient()

    @SN17
    Scenario: After delete() and commit() the object is detached, and commit did not expire it
      Unlike every other object of the session, the deleted one keeps its loaded attributes:
      commit() expunges it before expiring the rest.

      Given Bob is loaded
      And I delete Bob
      And I commit the session
      When I read Bob's email
      Then the value read is "bob@example.com"
      And no SQL was emitted
      And Bob is detached
      And Bob was deleted

    @SN18
    Scenario: add() of an object deleted and committed is refused
      Given Bob is loaded
      And I delete Bob
      And I commit the session
      When I try to add Bob
      Then an InvalidRequestError was raised saying "has been deleted.  Use the make_transient() function to send this object back to the transient state."
      And Bob is detached

    @SN18
    Scenario: add() of an object whose delete was flushed is refused too
      Given Bob is loaded
      And I delete Bob
      And I flush the session
      When I try to add Bob
      Then an InvalidRequestError was raised saying "has been deleted."
      And Bob is deleted

    @SN18 @SN14
    Scenario: After make_transient() a deleted and committed object is inserted again
      Given Bob is loaded
      And I delete Bob
      And I commit the session
      And I call make_transient() on Bob
      And I add Bob
      When I commit the session
      Then exactly 1 INSERT of users was emitted
      And Bob was not deleted
      And a new session reads Bob's email as "bob@example.com"

    @SN18 @SN14
    Scenario: make_transient() does not cascade: the deleted posts still in the collection make add() fail
      delete() loaded Alice's posts to delete them with her; make_transient() changes Alice only,
      so add() cascades to posts that are still deleted.

      Given Alice is loaded
      And I delete Alice
      And I commit the session
      And I call make_transient() on Alice
      When I try to add Alice
      Then an InvalidRequestError was raised saying "Instance '<Post at"
      And an InvalidRequestError was raised saying "has been deleted."
      And no SQL was emitted

  Rule: make_transient_to_detached() makes a hand-built object look loaded

    @SN19
    Scenario: make_transient_to_detached() gives the object the identity key of its primary key
      Given a new user Alice carrying the id of the existing row
      When I call make_transient_to_detached() on Alice
      Then Alice is detached
      And Alice has an identity key
      And the expired attributes of Alice are created_at and is_active
      And no SQL was emitted

    @SN19
    Scenario: The object made detached is attached by add() without a SELECT
      Given a new user Alice carrying the id of the existing row
      And I call make_transient_to_detached() on Alice
      When I add Alice
      Then Alice is persistent
      And no SQL was emitted

    @SN19
    Scenario: A change to the object made detached is flushed as an UPDATE of that column only
      Its attributes count as loaded, so setting one records a change, and the flush needs no
      SELECT.

      Given a new user Alice carrying the id of the existing row
      And I call make_transient_to_detached() on Alice
      And I add Alice
      And I set Alice's name to "Alicia"
      When I commit the session
      Then the SQL emitted was:
        """
        UPDATE users SET name=? WHERE users.id = ?
        """
      And a new session reads Alice's name as "Alicia"

    @SN20
    Scenario: make_transient_to_detached() of a persistent object is refused
      Given Alice is loaded
      When I try to call make_transient_to_detached() on Alice
      Then an InvalidRequestError was raised saying "Given object must be transient"
      And Alice is persistent
