Feature: The identity map
  Within one session a row is one Python object: every query that returns the row returns that
  same object, and get() by primary key does not even ask the database when the object is
  already there. It bites when you expect a query to bring fresh values: it does not overwrite
  what the session already holds unless you ask for populate_existing. Another session, on the
  other hand, has objects of its own.

  Background:
    Given the users Alice and Bob exist

  @IM1
  Scenario: Two queries for the same row return the same Python object
    When I load Alice
    And I load Alice again
    Then the last two loads returned the same object

  @IM2
  Scenario: get() of an already loaded primary key emits no SQL
    Given Alice is loaded
    When I get Alice by primary key
    Then no SQL was emitted
    And the object returned is Alice

  @IM2
  Scenario: get() of a primary key not loaded yet emits one SELECT
    When I get Alice by primary key
    Then exactly 1 SELECT of users was emitted

  @IM4
  Scenario: Two sessions hold two different objects for the same row
    Given a second session
    When I load Alice
    And I load Alice in the second session
    Then the last two loads returned different objects

  @IM5
  Scenario: A query does not overwrite values the session already holds
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I load Alice again
    Then the last two loads returned the same object
    And Alice's name is "Alicia"

  @IM6
  Scenario: populate_existing overwrites what the session holds with the database values
    Given a session with autoflush=False
    And Alice is loaded
    And I set Alice's name to "Alicia"
    When I load Alice again with populate_existing
    Then the last two loads returned the same object
    And Alice's name is "Alice"

  @IM3
  Scenario: get() of a key no row has returns None after one SELECT
    When I get the user with id 99 by primary key
    Then the object returned is None
    And exactly 1 SELECT of users was emitted

  @IM3
  Scenario: get_one() of a key no row has raises NoResultFound
    When I try to get_one the user with id 99 by primary key
    Then a NoResultFound was raised

  @IM7
  Scenario: An unreferenced clean object leaves the identity map
    Given Alice is loaded
    When I drop every reference to Alice and collect garbage
    Then the identity map is empty

  @IM7
  Scenario: An unreferenced modified object stays in the identity map until flushed
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    When I drop every reference to Alice and collect garbage
    Then the identity map holds 1 object

  @IM8
  Scenario: After the row is deleted and committed, get() returns None
    Given Alice is loaded
    And I delete Alice
    And I commit the session
    When I get Alice by primary key
    Then the object returned is None
