Feature: ORM-enabled bulk statements
  session.execute(insert(User), [...]), update(User) and delete(User) write many rows in one
  statement without loading objects. They skip the unit of work: no cascades, and objects already
  loaded are only brought up to date if synchronize_session says so. It bites when a bulk delete
  leaves children behind, or a loaded object still shows the old value.

  Background:
    Given the users Alice and Bob exist, each with a first post

  @BK1
  Scenario: insert() with a list of dicts inserts many rows
    When I bulk insert the users Dave, Erin and Frank
    And I commit the session
    Then the database holds the users Alice, Bob, Dave, Erin and Frank

  @KB74 @sqla:9583
  Scenario: insert(User).values(name=bindparam(...)) takes the name from each parameter set
    When I bulk insert the users Dave and Erin with insert(User).values(name=bindparam("new_name")), each row giving its new_name
    And I commit the session
    Then the database holds the users Alice, Bob, Dave and Erin

  @BK1
  Scenario: A bulk insert puts no object in the session
    When I bulk insert the users Dave, Erin and Frank
    Then the identity map is empty
    And exactly 1 INSERT of users was emitted

  @BK2
  Scenario Outline: A bulk update brings a loaded object up to date, synchronize_session chosen per row
    Given Alice is loaded
    When I bulk update the users named Alice setting name to "Alicia" with synchronize_session=<strategy>
    Then Alice's name is "Alicia"
    And Alice is not modified

    Examples:
      | strategy |
      | auto     |
      | evaluate |
      | fetch    |

  @BK3
  Scenario: With synchronize_session=False a loaded object keeps the stale value
    Given Alice is loaded
    When I bulk update the users named Alice setting name to "Alicia" with synchronize_session=False
    Then Alice's name is "Alice"
    And a new session reads Alice's name as "Alice"

  @BK3 @api:sync
  Scenario: After synchronize_session=False the stale value survives until the object is expired
    Given Alice is loaded
    And I bulk update the users named Alice setting name to "Alicia" with synchronize_session=False
    And I expire Alice
    When I read Alice's name
    Then the value read is "Alicia"

  @BK4 @fact:foreign_keys_enforced @fact:constraint_violation_error
  Scenario Outline: A bulk delete applies no ORM cascade, so the posts are left to the database
    The ORM neither loads nor deletes Alice's posts. PostgreSQL and MariaDB enforce the foreign
    key and refuse the DELETE; SQLite does not enforce foreign keys by default, so the user row
    goes and the post stays behind, pointing at a user that no longer exists.

    When I try to bulk delete the users named Alice
    Then the bulk DELETE <result>
    And no SELECT of posts was emitted
    And the database holds the posts "Alice's First Post" and "Bob's First Post"

    Examples:
      | constraint_violation_error | foreign_keys_enforced | result                       |
      | IntegrityError             | no                    | deleted 1 row                |
      | IntegrityError             | yes                   | failed with IntegrityError   |
      | ProgrammingError           | yes                   | failed with ProgrammingError |

  @BK4
  Scenario: A bulk delete of a user without posts deletes the row on every backend
    Given the user Carol exists
    When I bulk delete the users named Carol
    And I commit the session
    Then the database holds the users Alice and Bob

  @BK5
  Scenario: update() with a list of dicts holding primary keys updates each row
    When I bulk update by primary key: Alice's name to "Alicia" and Bob's name to "Robert"
    And I commit the session
    Then exactly 1 UPDATE of users was emitted
    And a new session reads Alice's name as "Alicia"
    And a new session reads Bob's name as "Robert"

  @KB8 @sqla:11661 @api:sync
  Scenario: bulk_insert_mappings() with return_defaults=True puts each new row's primary key into its dict
    Session.bulk_insert_mappings() is the legacy bulk API, a Session method (AsyncSession has
    none). With return_defaults=True the dictionaries given receive the keys the database made.

    When I call bulk_insert_mappings() with the users Dave and Erin and return_defaults=True
    Then each mapping given to bulk_insert_mappings() holds the id of its new row

  @KB53 @sqla:11332 @api:sync
  Scenario: Users saved by bulk_save_objects() with return_defaults=True are found by get() once added
    With return_defaults=True each object gets its new row's key and the identity of that row:
    it is detached, add() makes it persistent, and get() answers from the identity map.

    When I call bulk_save_objects() with the new users Dave and Erin and return_defaults=True
    Then Dave is detached
    And Dave's id is 3
    When I add Dave
    And I get Dave by primary key
    Then no SQL was emitted
    And the object returned is Dave

  @KB9 @sqla:13485 @api:sync
  Scenario: After a bulk_insert_mappings() that failed, rollback() lets the session flush again
    A flush failed, so the transaction needs a rollback and the bulk call fails too; rollback()
    ends both failures, and the next flush runs as usual.

    Given I add a new user Alicia with email "alice@example.com"
    And I try to flush the session
    And I try to call bulk_insert_mappings() with the users Dave and Erin
    And I roll back the session
    When I add a new user Frank
    And I flush the session
    And I commit the session
    Then the database holds the users Alice, Bob and Frank
