Feature: The unit of work
  The session collects changes and writes them in one flush: INSERTs for new objects, UPDATEs
  for changed attributes, DELETEs for deleted objects, in an order the foreign keys allow. It
  bites when you expect a statement to run at the line that made the change, or expect an UPDATE
  for an assignment that changed nothing.

  Background:
    Given the users Alice and Bob exist

  @UW1
  Scenario: flush() emits the INSERT that add() put off
    Given I add a new user Dave
    When I flush the session
    Then exactly 1 INSERT of users was emitted
    And Dave is persistent

  @UW1 @TX2
  Scenario: commit() flushes what was not flushed yet
    Given I add a new user Dave
    When I commit the session
    Then exactly 1 INSERT of users was emitted
    And a new session finds Dave

  @UW2
  Scenario: A parent row is inserted before its child, whatever the order of add()
    Given a new user Dave and a new post "Dave's Post"
    When I add "Dave's Post"
    And I add Dave
    And I flush the session
    Then the INSERT of users came before the INSERT of posts

  @UW4
  Scenario: session.new, dirty and deleted show the pending changes
    Given Alice is loaded
    And Bob is loaded
    When I delete Bob
    And I add a new user Dave
    And I set Alice's name to "Alicia"
    Then session.new holds Dave
    And session.dirty holds Alice
    And session.deleted holds Bob

  @UW4
  Scenario: One flush writes the new, the changed and the deleted objects, and empties the lists
    The delete comes first in the Given steps: delete() loads Bob's posts for its cascade, and
    that load would autoflush whatever was pending before it.

    Given Alice is loaded
    And Bob is loaded
    And I delete Bob
    And I add a new user Dave
    And I set Alice's name to "Alicia"
    When I flush the session
    Then exactly 1 INSERT of users was emitted
    And exactly 1 UPDATE of users was emitted
    And exactly 1 DELETE of users was emitted
    And session.new is empty
    And session.dirty is empty
    And session.deleted is empty

  @UW5
  Scenario: Assigning an attribute its current value makes the object dirty but not modified
    Given Alice is loaded
    When I set Alice's name to "Alice"
    Then session.dirty holds Alice
    And Alice is not modified

  @UW5
  Scenario: Assigning an attribute its current value emits no UPDATE
    Given Alice is loaded
    And I set Alice's name to "Alice"
    When I flush the session
    Then no SQL was emitted

  @UW5
  Scenario: Changing an attribute and changing it back emits no UPDATE
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    And I set Alice's name to "Alice"
    When I flush the session
    Then no SQL was emitted
    And Alice is not modified

  @UW6
  Scenario: Several changes to one object are one UPDATE of only the changed columns
    Given Alice is loaded
    And I set Alice's name to "Alicia"
    And I set Alice's email to "alicia@example.com"
    When I flush the session
    Then the UPDATE of users set only name and email
    And the SQL emitted was:
      """
      UPDATE users SET name=?, email=? WHERE users.id = ?
      """

  @UW7
  Scenario: add() of an already persistent object changes nothing
    Given Alice is loaded
    When I add Alice
    Then session.new is empty
    And session.dirty is empty
    And no SQL was emitted

  @UW8
  Scenario: Flushed but uncommitted rows are visible to the same session
    Given I add a new user Dave
    And I flush the session
    When I select all users ordered by name
    Then the users returned are Alice, Bob and Dave, in that order
    And a new session does not find Dave

  @UW9 @fact:many_rows_in_one_insert
  Scenario Outline: Five new users are written with one INSERT or five, depending on the backend
    SQLAlchemy batches INSERTs with RETURNING ("insertmanyvalues") when it needs the new keys
    back and can rely on the order the rows come back in. For PostgreSQL and MariaDB it sends
    one multi-row INSERT; SQLAlchemy's SQLite dialect sends one INSERT ... RETURNING per row,
    because SQLite does not promise that RETURNING hands rows back in the order of the VALUES.

    Given I add the new users Dave, Erin, Frank, Grace and Heidi
    When I flush the session
    Then exactly <inserts> INSERTs of users were emitted
    And Heidi is persistent
    And Heidi's id is 7

    Examples:
      | many_rows_in_one_insert | inserts |
      | no                      | 5       |
      | yes                     | 1       |
