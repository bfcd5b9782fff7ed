Feature: Attribute events and validators: what each documented flag changes
  A listener on an attribute's set event, and a validator of a collection, run inside the
  Session's change tracking: what they return, what they are handed and when they run decide
  what is flushed. Each flag of event.listen() and of @validates() changes one of those, and a
  listener written for one setting silently does something else under the other: a returned value
  that is dropped, an InstanceState where an object was expected, an old value that is NO_VALUE
  because the attribute was expired, a validator that never sees a removal. Each flag is stated
  here with its other side (the default). The listeners listen on the user's name of the seed
  mapping; the validators belong to the model variants "users whose posts are validated...".
  propagate=True is not stated: no mapping here has a mapped subclass for it to reach.

  Rule: retval=True: the value a set listener returns is the value set

    @CL53
    Scenario: A set listener listened to with retval=True replaces the value set by the one it returns
      Given the user Alice exists
      And Alice is loaded
      And a listener on set events of the user's name, with retval=True, that returns the new value upper-cased
      When I set Alice's name to "Alicia"
      And I commit the session
      Then the UPDATE of users set only name
      And a new session reads Alice's name as "ALICIA"

    @CL53
    Scenario: Without retval=True the value a set listener returns is ignored
      Given the user Alice exists
      And Alice is loaded
      And a listener on set events of the user's name that returns the new value upper-cased
      When I set Alice's name to "Alicia"
      And I commit the session
      Then a new session reads Alice's name as "Alicia"

  Rule: raw=True: the listener is handed the InstanceState, not the object

    @CL54
    Scenario: A set listener listened to with raw=True is given the object's InstanceState
      Given the user Alice exists
      And Alice is loaded
      And a listener on set events of the user's name, with raw=True, that records what it receives
      When I set Alice's name to "Alicia"
      Then the set listener was given the InstanceState of Alice

    @CL54
    Scenario: Without raw=True a set listener is given the object itself
      Given the user Alice exists
      And Alice is loaded
      And a listener on set events of the user's name that records what it receives
      When I set Alice's name to "Alicia"
      Then the set listener was given Alice, in that order

  Rule: active_history=True: setting an expired attribute loads its old value first

    @CL55 @api:sync
    Scenario: With active_history=True setting an expired attribute loads the old value for the listener
      Given the user Alice exists
      And Alice is loaded
      And I expire Alice's name
      And a listener on set events of the user's name, with active_history=True, that records what it receives
      When I set Alice's name to "Alicia"
      Then exactly 1 SELECT of users was emitted
      And the set listener received the old value "Alice"

    @CL55 @AS1 @api:async
    Scenario: Under AsyncSession, with active_history=True setting an expired attribute raises
      The load of the old value is implicit IO.

      Given the user Alice exists
      And Alice is loaded
      And I expire Alice's name
      And a listener on set events of the user's name, with active_history=True, that records what it receives
      When I try to set Alice's name to "Alicia"
      Then the implicit IO was refused with MissingGreenlet
      And the expired attributes of Alice are name

    @CL55
    Scenario: Without active_history=True a set listener receives NO_VALUE as the old value of an expired attribute
      Given the user Alice exists
      And Alice is loaded
      And I expire Alice's name
      And a listener on set events of the user's name that records what it receives
      When I set Alice's name to "Alicia"
      Then no SQL was emitted
      And the set listener received NO_VALUE as the old value

    @CL55
    Scenario: Without active_history=True a set listener receives the old value of a loaded attribute
      Given the user Alice exists
      And Alice is loaded
      And a listener on set events of the user's name that records what it receives
      When I set Alice's name to "Alicia"
      Then the set listener received the old value "Alice"

    @KB59 @sqla:9460 @api:sync
    Scenario: A set listener of a composite() with active_history=True receives the old value of an expired object
      composite(active_history=True) builds the old value from the row before the new one is set,
      as active_history does for a column. Releases before 2.0.6 (SQLAlchemy bug #9460) loaded
      the row all the same but handed the listener NO_VALUE.

      Given the model variant "users whose name and email form a composite contact, with active_history=True"
      And the user Alice exists
      And Alice is loaded
      And I expire Alice
      And a listener on set events of the user's contact that records what it receives
      When I set Alice's contact to the contact of name "Alicia" and email "alicia@example.com"
      Then exactly 1 SELECT of users was emitted
      And the set listener received the old contact of name "Alice" and email "alice@example.com"

  Rule: once=True: the listener runs for the first event only

    @CL56
    Scenario: A set listener listened to with once=True runs once, however often the name is set
      Given the user Alice exists
      And Alice is loaded
      And a listener on set events of the user's name, with once=True, that records what it receives
      When I set Alice's name to "Alicia"
      And I set Alice's name to "Ally"
      Then the events recorded were set

    @CL56
    Scenario: Without once=True a set listener runs for every set
      Given the user Alice exists
      And Alice is loaded
      And a listener on set events of the user's name that records what it receives
      When I set Alice's name to "Alicia"
      And I set Alice's name to "Ally"
      Then the events recorded were set, set

  Rule: a validator of a collection sees appends; removals only with include_removes=True; backref appends unless include_backrefs=False

    @CL57
    Scenario: A validator of a collection runs for each append
      Given the model variant "users whose posts are validated"
      And the user Alice exists
      And Alice is loaded with selectinload on posts
      And the posts validator's calls are recorded
      When I append a new post "Alice's Draft" to Alice's posts
      Then the posts validator was called for "Alice's Draft"

    @CL58
    Scenario: A validator of a collection does not run for a removal by default
      Given the model variant "users whose posts are validated"
      And the user Alice exists with a first post
      And Alice is loaded with selectinload on posts
      And the posts validator's calls are recorded
      When I remove "Alice's First Post" from Alice's posts
      Then the posts validator was not called

    @CL58
    Scenario: With include_removes=True a validator runs for a removal, told is_remove=True
      Given the model variant "users whose posts are validated, include_removes=True"
      And the user Alice exists with a first post
      And Alice is loaded with selectinload on posts
      And the posts validator's calls are recorded
      When I remove "Alice's First Post" from Alice's posts
      Then the posts validator was called for "Alice's First Post", with is_remove=True

    @CL58
    Scenario: With include_removes=True a validator runs for an append, told is_remove=False
      Given the model variant "users whose posts are validated, include_removes=True"
      And the user Alice exists
      And Alice is loaded with selectinload on posts
      And the posts validator's calls are recorded
      When I append a new post "Alice's Draft" to Alice's posts
      Then the posts validator was called for "Alice's Draft", with is_remove=False

    @CL59 @KB60 @sqla:9820
    Scenario: A validator of a collection runs for an append made through the backref
      include_backrefs defaults to True; releases before 2.0.16 (SQLAlchemy bug #9820) defaulted
      it to False, and this validator did not run.

      Given the model variant "users whose posts are validated"
      And the user Alice exists
      And Alice is loaded with selectinload on posts
      And the posts validator's calls are recorded
      When I create a new post "Alice's Draft" with author Alice
      Then the posts validator was called for "Alice's Draft"

    @CL59
    Scenario: With include_backrefs=False a validator does not run for an append made through the backref
      Given the model variant "users whose posts are validated, include_backrefs=False"
      And the user Alice exists
      And Alice is loaded with selectinload on posts
      And the posts validator's calls are recorded
      When I create a new post "Alice's Draft" with author Alice
      Then the posts validator was not called

  Rule: restore_load_context=True: a load listener that loads more keeps the load's context

    @CL60
    Scenario: A load listener that reads a column the load left out makes SQLAlchemy warn
      The read refreshes the object inside its own load, replacing the load's context. The
      listener runs inside the load, so under AsyncSession the read is no implicit IO either.

      Given the user Alice exists
      And a load listener on the user class that reads the user's email
      When I load Alice with load_only(name)
      Then Alice's email is "alice@example.com"
      And SQLAlchemy warned "Loading context for"

    @CL60
    Scenario: With restore_load_context=True the same load listener runs without a warning
      Given the user Alice exists
      And a load listener on the user class that reads the user's email, with restore_load_context=True
      When I load Alice with load_only(name)
      Then Alice's email is "alice@example.com"
      And SQLAlchemy did not warn
