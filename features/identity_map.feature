Feature: The identity map
  Within one session a row is one Python object: every query that returns the row returns that
  same object, and get() by primary key returns it without asking the database, as long as it is
  loaded and not expired (an expired object, populate_existing and with_for_update make get()
  emit a SELECT). It bites when you expect a query to bring fresh values: it does not overwrite
  what the session already holds unless you ask for populate_existing. Another session, on the
  other hand, has objects of its own.

  Background:
    Given the users Alice and Bob exist

  @IM1
  Scenario: Two queries for the same row return the same Python object
    When I load Alice
    And I load Alice again
    Then the last two loads returned the same object
    And exactly 2 SELECTs of users were emitted

  @IM1
  Scenario: get() after a query returns the object the query loaded
    Given Alice is loaded
    When I get Alice by primary key
    Then the object returned is Alice

  @IM1
  Scenario: A many-to-one relationship returns the object the session already holds
    Given Alice has written the post "Hello"
    And Alice is loaded
    And "Hello" is loaded
    When I read "Hello"'s author
    Then the value read is Alice itself

  @IM2 @AS7
  Scenario: get() of an already loaded primary key emits no SQL
    Given Alice is loaded
    When I get Alice by primary key
    Then no SQL was emitted
    And the object returned is Alice

  @IM2
  Scenario: get() of a primary key not loaded yet emits one SELECT
    When I get Alice by primary key
    Then the SQL emitted was:
      """
      SELECT users.id, users.name, users.email, users.is_active, users.created_at FROM users
        WHERE users.id = ?
      """

  @IM2
  Scenario: get() of an expired object emits a SELECT and returns the same object
    Given Alice is loaded
    And I expire Alice
    When I get Alice by primary key
    Then exactly 1 SELECT of users was emitted
    And the object returned is Alice

  @IM2
  Scenario: get() with populate_existing emits a SELECT even for a loaded object
    Given Alice is loaded
    When I get Alice by primary key with populate_existing
    Then exactly 1 SELECT of users was emitted
    And the object returned is Alice

  @IM2
  Scenario: get() with with_for_update emits a SELECT even for a loaded object
    Given Alice is loaded
    When I get Alice by primary key with with_for_update
    Then exactly 1 SELECT of users was emitted
    And the object returned is Alice

  @IM4
  Scenario: Two sessions hold two different objects for the same row
    Given a second session
    When I load Alice
    And I load Alice in the second session
    Then the last two loads returned different objects
    And exactly 2 SELECTs of users were emitted

  @IM4
  Scenario: A change to one session's object is not seen by the other session's object
    Given a session with autoflush=False
    And a second session
    And Alice is loaded
    And Alice is loaded in the second session
    When I set Alice's name to "Alicia"
    Then Alice's name is "Alicia"
    And Alice's name is "Alice" in the second session

  @IM5
  Scenario: A query does not overwrite values the session already holds
    The SELECT is emitted and its row read, but the row's values are not applied to the object
    already in the identity map.

    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I load Alice again
    Then the last two loads returned the same object
    And exactly 1 SELECT of users was emitted
    And Alice's name is "Alicia"
    And Alice is modified

  @IM6
  Scenario: populate_existing overwrites what the session holds with the database values
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I load Alice again with populate_existing
    Then the last two loads returned the same object
    And Alice's name is "Alice"
    And Alice is not modified

  @IM6
  Scenario: populate_existing through get() overwrites a change too
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I get Alice by primary key with populate_existing
    Then the object returned is Alice
    And Alice's name is "Alice"

  @IM3
  Scenario: get() of a key no row has returns None after one SELECT
    When I get the user with id 99 by primary key
    Then the object returned is None
    And exactly 1 SELECT of users was emitted

  @IM3
  Scenario: A second get() of a missing key asks the database again
    The identity map holds only rows that exist: "not found" is not remembered.

    Given I get the user with id 99 by primary key
    When I get the user with id 99 by primary key
    Then the object returned is None
    And exactly 1 SELECT of users was emitted

  @IM3
  Scenario: get_one() of a key no row has raises NoResultFound
    When I try to get_one the user with id 99 by primary key
    Then a NoResultFound was raised
    And exactly 1 SELECT of users was emitted

  @IM7
  Scenario: An unreferenced clean object leaves the identity map
    Given Alice is loaded
    When I drop every reference to Alice and collect garbage
    Then the identity map is empty

  @IM7
  Scenario: Getting an object again after it left the identity map emits a SELECT
    Given Alice is loaded
    And I drop every reference to Alice and collect garbage
    When I get Alice by primary key
    Then exactly 1 SELECT of users was emitted

  @IM7
  Scenario: An unreferenced modified object stays in the identity map until flushed
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    When I drop every reference to Alice and collect garbage
    Then the identity map holds 1 object

  @IM7
  Scenario: A change to an object the scenario no longer references is still flushed
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    And I drop every reference to Alice and collect garbage
    When I flush the session
    Then the UPDATE of users set only name
    And a new session reads Alice's name as "Alice"

  @IM8
  Scenario: After the row is deleted and committed, get() returns None
    Given Alice is loaded
    And I delete Alice
    And I commit the session
    When I get Alice by primary key
    Then the object returned is None
    And exactly 1 SELECT of users was emitted
