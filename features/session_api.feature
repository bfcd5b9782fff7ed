Feature: The Session API: beginning, closing, resetting and configuring a session
  A Session is configured once (by its sessionmaker) and then lives through many transactions:
  it begins one by itself on first use, and close() merely resets it. Frameworks change those
  defaults: autobegin=False makes every transaction explicit, close_resets_only=False makes
  close() final, reset() and invalidate() end a session in other ways, info carries their own
  state. It bites when a call that works everywhere else raises InvalidRequestError in the one
  session configured differently, or when a setting changed on the factory does not reach a
  session that already exists.

  Background:
    Given the users Alice and Bob exist, each with a first post

  Rule: autobegin=False makes every transaction explicit

    @SN1
    Scenario: With autobegin=False a query before begin() is refused
      Given a session with autobegin=False
      When I try to load Alice
      Then an InvalidRequestError was raised saying "Autobegin is disabled on this Session; please call session.begin() to start a new transaction"
      And no SQL was emitted
      And the session is not in a transaction

    @SN1
    Scenario: With autobegin=False add() before begin() is refused too
      add() needs no SQL, but it changes the session's state, which autobegin would begin a
      transaction for.

      Given a session with autobegin=False
      When I try to add a new user Dave
      Then an InvalidRequestError was raised saying "Autobegin is disabled on this Session"
      And Dave is transient
      And no SQL was emitted

    @SN1 @SN21
    Scenario: With autobegin=False Session.connection() before begin() is refused
      Given a session with autobegin=False
      When I try to call session.connection()
      Then an InvalidRequestError was raised saying "Autobegin is disabled on this Session"
      And no connection is checked out of the pool

    @SN2
    Scenario: With autobegin=False the session works once begin() was called
      Given a session with autobegin=False
      And I begin a transaction on the session
      When I load Alice
      Then exactly 1 SELECT of users was emitted
      And the session is in a transaction

    @SN2
    Scenario: With autobegin=False, after commit() the next query needs begin() again
      Given a session with autobegin=False
      And I begin a transaction on the session
      And I load Alice
      And I commit the session
      When I try to load Bob
      Then an InvalidRequestError was raised saying "Autobegin is disabled on this Session"
      And no SQL was emitted

    @SN2
    Scenario: With autobegin=False, work added after begin() is committed by commit()
      Given a session with autobegin=False
      And I begin a transaction on the session
      And I add a new user Dave
      When I commit the session
      Then exactly 1 INSERT of users was emitted
      And a new session finds Dave

    @SN3
    Scenario: With autobegin=False and no transaction, commit() is refused
      A default session's commit() with no transaction begins and commits an empty one; with
      autobegin=False it may not begin one.

      Given a session with autobegin=False
      When I try to commit the session
      Then an InvalidRequestError was raised saying "Autobegin is disabled on this Session"

    @SN3
    Scenario: With autobegin=False and no transaction, rollback() passes silently
      Given a session with autobegin=False
      When I try to roll back the session
      Then nothing was raised
      And the session is not in a transaction

  Rule: begin() only starts a transaction that is not begun yet

    @SN4
    Scenario: begin() after a query autobegan the transaction is refused
      Given I load Alice
      When I try to begin a transaction on the session
      Then an InvalidRequestError was raised saying "A transaction is already begun on this Session."
      And the session is in a transaction
      And Alice is persistent

    @SN4
    Scenario: begin() after add() is refused: add() autobegan the transaction
      Given I add a new user Dave
      When I try to begin a transaction on the session
      Then an InvalidRequestError was raised saying "A transaction is already begun on this Session."
      And Dave is pending

    @SN4
    Scenario: begin() on a new session begins the transaction without SQL
      Given a session
      When I begin a transaction on the session
      Then the session is in a transaction
      And no SQL was emitted

  Rule: close_resets_only=False makes close() final; reset() keeps the session usable

    @SN5
    Scenario: After close() with close_resets_only=False a query is refused
      Given a session with close_resets_only=False
      And Alice is loaded
      And I close the session
      When I try to load Bob
      Then an InvalidRequestError was raised saying "This Session has been permanently closed and is unable to handle any more transaction requests."
      And no SQL was emitted
      And Alice is detached

    @SN5
    Scenario: After close() with close_resets_only=False add() is refused too
      Given a session with close_resets_only=False
      And I close the session
      When I try to add a new user Dave
      Then an InvalidRequestError was raised saying "This Session has been permanently closed"
      And Dave is transient

    @SN5 @EP3
    Scenario: After close() with the default close_resets_only the session autobegins again
      Given a session
      And Alice is loaded
      And I close the session
      When I load Bob
      Then exactly 1 SELECT of users was emitted
      And the session is in a transaction

    @SN6
    Scenario: reset() detaches persistent objects, makes pending ones transient and ends the transaction
      Given a session with close_resets_only=False
      And Alice is loaded
      And I add a new user Dave
      When I reset the session
      Then Alice is detached
      And Dave is transient
      And the session is not in a transaction
      And no connection is checked out of the pool
      And no SQL was emitted

    @SN6
    Scenario: reset() discards what the transaction flushed
      Given a session with close_resets_only=False
      And I add a new user Dave
      And I flush the session
      When I reset the session
      Then Dave is detached
      And a new session does not find Dave

    @SN6
    Scenario: After reset() a session with close_resets_only=False works again
      Given a session with close_resets_only=False
      And Alice is loaded
      And I reset the session
      When I load Bob
      Then exactly 1 SELECT of users was emitted
      And Bob is persistent

    @SN7
    Scenario: reset() after a final close() does not reopen the session
      The documentation says reset() resets the session "as though the object were brand new";
      once close() has closed a close_resets_only=False session for good, reset() leaves it
      closed.

      Given a session with close_resets_only=False
      And I close the session
      And I reset the session
      When I try to load Bob
      Then an InvalidRequestError was raised saying "This Session has been permanently closed"
      And no SQL was emitted

    @SN5 @ST8
    Scenario: After close() no object belongs to the session any more, the pending ones included
      Given a session with close_resets_only=False
      And Alice is loaded
      And I add a new user Dave
      When I close the session
      Then Alice belongs to no session
      And Dave belongs to no session
      And the identity map is empty

    @SN40
    Scenario: A new session, with no transaction yet, is active
      is_active's docstring says it is False "when the Session is first instantiated" and, a
      paragraph later, True when no transaction is begun: it is True.

      When I open a session
      Then the session is active
      And the session is not in a transaction

    @SN40 @SN5
    Scenario: A session closed for good still says it is active
      is_active speaks of a failed flush only: it does not tell that close() made the session
      unusable.

      Given a session with close_resets_only=False
      And Alice is loaded
      When I close the session
      Then the session is active
      And the session is not in a transaction

  Rule: invalidate() closes the session and throws its connection away

    @SN8
    Scenario: invalidate() invalidates the connection in use instead of returning it for reuse
      Given the pool's invalidations are counted
      And Alice is loaded
      When I invalidate the session
      Then the pool saw exactly 1 invalidation
      And no connection is checked out of the pool
      And Alice is detached
      And the session is not in a transaction

    @SN8
    Scenario: close() returns the connection without invalidating it
      Given the pool's invalidations are counted
      And Alice is loaded
      When I close the session
      Then the pool saw no invalidation
      And no connection is checked out of the pool

    @SN8
    Scenario: invalidate() discards what the transaction flushed
      Given the pool's invalidations are counted
      And I add a new user Dave
      And I flush the session
      When I invalidate the session
      Then the pool saw exactly 1 invalidation
      And Dave is detached
      And a new session does not find Dave

    @SN8
    Scenario: invalidate() of a session that holds no connection invalidates nothing
      Given the pool's invalidations are counted
      And I add a new user Dave
      When I invalidate the session
      Then the pool saw no invalidation
      And Dave is transient

    @SN8
    Scenario: After invalidate() the session works again on a new connection
      Given Alice is loaded
      And I invalidate the session
      When I load Bob
      Then exactly 1 SELECT of users was emitted
      And Bob is persistent

  Rule: info, sessionmaker.configure() and per-session options

    @SN9
    Scenario: Each session gets its own copy of the factory's info
      Given the session factory is sessionmaker(info={"tenant": "acme"})
      And a session
      And a second session
      When I set "tenant" to "globex" in the info of the session
      Then the info of the session maps "tenant" to "globex"
      And the info of the second session maps "tenant" to "acme"

    @SN9
    Scenario: info given when calling the factory is merged with the factory's info
      Given the session factory is sessionmaker(info={"tenant": "acme"})
      When I make a session by calling the factory with info={"user": "alice"}
      Then the info of the session maps "tenant" to "acme"
      And the info of the session maps "user" to "alice"

    @SN9
    Scenario: info given when calling the factory stays with that session
      Given the session factory is sessionmaker(info={"tenant": "acme"})
      And I make a session by calling the factory with info={"tenant": "globex", "user": "alice"}
      When I make a second session by calling the factory
      Then the info of the session maps "tenant" to "globex"
      And the info of the second session maps "tenant" to "acme"
      And the info of the second session has no "user"

    @SN10
    Scenario: A session made after sessionmaker.configure() gets the new arguments
      Given a sessionmaker object
      And I call configure(autoflush=False) on that sessionmaker
      And I make a session with that sessionmaker
      And I add a new user Dave
      When I select all users ordered by name
      Then the users returned are Alice and Bob, in that order
      And no INSERT was emitted

    @SN10
    Scenario: A session made before sessionmaker.configure() keeps the arguments it was made with
      Given a sessionmaker object
      And I make a session with that sessionmaker
      And I call configure(autoflush=False) on that sessionmaker
      And I add a new user Dave
      When I select all users ordered by name
      Then the users returned are Alice, Bob and Dave, in that order
      And exactly 1 INSERT of users was emitted

    @SN11
    Scenario: expire_on_commit=True given when calling the factory overrides the factory's False
      Given the session factory is sessionmaker(expire_on_commit=False)
      And I make a session by calling the factory with expire_on_commit=True
      And Alice is loaded
      When I commit the session
      Then every attribute of Alice is expired

    @SN11
    Scenario: expire_on_commit=False given when calling the factory overrides the default
      Given I make a session by calling the factory with expire_on_commit=False
      And Alice is loaded
      When I commit the session
      Then no attribute of Alice is expired

    @SN11
    Scenario: expire_on_commit changed on an open session applies at its next commit
      Given a session
      And Alice is loaded
      And I set the session's expire_on_commit to False
      When I commit the session
      Then no attribute of Alice is expired

  Rule: identity keys and is_modified()

    @SN12
    Scenario: Session.identity_key() of a class and a primary key is the key the identity map uses
      Given Alice is loaded
      When I build the identity key of the user class and Alice's id with Session.identity_key()
      Then the key built is (the user class, (1,), None)
      And the key built is Alice's identity key
      And the identity map holds Alice under the key built
      And no SQL was emitted

    @SN12
    Scenario: Session.identity_key() of a loaded instance is its identity key
      Given "Alice's First Post" is loaded
      When I build the identity key of "Alice's First Post" itself with Session.identity_key()
      Then the key built is (the post class, (1,), None)
      And the key built is "Alice's First Post"'s identity key
      And no SQL was emitted

    @SN12
    Scenario: Session.identity_key() of a pending instance has None for the key it does not have yet
      Given I add a new user Dave
      When I build the identity key of Dave itself with Session.identity_key()
      Then the key built is (the user class, (None,), None)
      And the identity map holds nothing under the key built
      And no SQL was emitted

    @SN13
    Scenario: A change to a loaded collection makes the object modified, unless collections are ignored
      Given Alice is loaded
      And Alice's posts are loaded
      When I append a new post "Draft" to Alice's posts
      Then Alice is modified
      And Alice is not modified ignoring collections
      And no SQL was emitted

    @SN13
    Scenario: A column change makes the object modified also when collections are ignored
      Given Alice is loaded
      When I set Alice's name to "Alicia"
      Then Alice is modified
      And Alice is modified ignoring collections
