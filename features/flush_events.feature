Feature: Flush, commit and loading events, and version counters beyond the basics
  The flush has two hooks after its SQL: after_flush still sees what was flushed in session.new,
  dirty and deleted; after_flush_postexec sees them emptied, and a change made there is flushed
  again only inside commit(). before_commit runs before the commit's own flush; the object
  lifecycle events follow loads and rollbacks; the mapper events fire per object, even when
  nothing is written, but never for an ORM-enabled UPDATE statement, which also bypasses the
  version counter. They bite when a listener assumes it sees the state before (or after) the
  flush, or that every write goes through it.

  @CL40
  Scenario: after_flush still sees the flushed objects in session.new, dirty and deleted
    Given the users Alice and Bob exist
    And listeners on the session's after_flush and after_flush_postexec events
    And Alice is loaded
    And Bob is loaded
    And I delete Bob
    And I set Alice's name to "Alicia"
    And I add a new user Dave
    When I flush the session
    Then the events recorded were after_flush, after_flush_postexec
    And the after_flush listener saw session.new holding Dave
    And the after_flush listener saw session.dirty holding Alice
    And the after_flush listener saw session.deleted holding Bob

  @CL40
  Scenario: after_flush_postexec sees session.new, dirty and deleted emptied by the flush
    Given the users Alice and Bob exist
    And listeners on the session's after_flush and after_flush_postexec events
    And Alice is loaded
    And Bob is loaded
    And I delete Bob
    And I set Alice's name to "Alicia"
    And I add a new user Dave
    When I flush the session
    Then the after_flush_postexec listener saw session.new empty
    And the after_flush_postexec listener saw session.dirty empty
    And the after_flush_postexec listener saw session.deleted empty

  @CL41
  Scenario: A change made in after_flush_postexec during commit() is flushed before the COMMIT
    Given an after_flush_postexec listener that upper-cases the email of every user it finds
    And I add a new user Dave
    When I commit the session
    Then exactly 1 INSERT of users was emitted
    And the UPDATE of users set only email
    And a new session reads Dave's email as "DAVE@EXAMPLE.COM"

  @CL41
  Scenario: A change made in after_flush_postexec during flush() waits for the next flush
    Given an after_flush_postexec listener that upper-cases the email of every user it finds
    And I add a new user Dave
    When I flush the session
    Then exactly 1 INSERT of users was emitted
    And no UPDATE was emitted
    And session.dirty holds Dave
    And Dave's email is "DAVE@EXAMPLE.COM"

  @CL42
  Scenario: before_commit runs before the commit's flush, while the new object is still pending
    Given listeners on the session's before_commit and after_flush events
    And I add a new user Dave
    When I commit the session
    Then the events recorded were before_commit, after_flush
    And the before_commit listener saw session.new holding Dave

  @CL43
  Scenario: loaded_as_persistent fires once per object, when a query first loads it
    Given the users Alice and Bob exist
    And listeners on the session's loaded_as_persistent events
    When I load Alice
    And I load Alice again
    And I select all users ordered by name
    Then the loaded_as_persistent listener was given Alice and Bob, in that order
    And exactly 3 SELECTs of users were emitted

  @CL44
  Scenario: pending_to_transient fires when a rollback discards a pending object
    Given listeners on the session's pending_to_transient events
    And I add a new user Dave
    When I roll back the session
    Then the pending_to_transient listener was given Dave, in that order
    And Dave is transient

  @CL44
  Scenario: pending_to_transient fires when a pending object is expunged
    Given listeners on the session's pending_to_transient events
    And I add a new user Dave
    When I expunge Dave
    Then the pending_to_transient listener was given Dave, in that order
    And no SQL was emitted

  @CL44
  Scenario: deleted_to_persistent fires when a rollback undoes a flushed DELETE
    Given the user Alice exists
    And listeners on the session's deleted_to_persistent events
    And Alice is loaded
    And I delete Alice
    And I flush the session
    When I roll back the session
    Then the deleted_to_persistent listener was given Alice, in that order
    And Alice is persistent

  @CL45
  Scenario: Rolling back a savepoint fires after_rollback and after_soft_rollback, and the session stays active
    Given listeners on the session's after_rollback and after_soft_rollback events
    And I begin a savepoint
    And I add a new user Dave
    And I flush the session
    When I roll back the savepoint
    Then the events recorded were after_rollback, after_soft_rollback
    And the after_soft_rollback listener found the session active
    And the session is in a transaction

  @CL46
  Scenario: before_update and after_update fire for a dirty object whose flush writes nothing
    Setting a name to the value it has marks the user dirty without a net change (UW5): the
    mapper's update events still fire for it, with no UPDATE between them.

    Given the user Alice exists
    And listeners on the user mapper's before_update and after_update events
    And Alice is loaded
    When I set Alice's name to "Alice"
    And I flush the session
    Then no SQL was emitted
    And the events recorded were before_update, after_update

  @CL46
  Scenario: before_insert and after_insert fire once per object the flush inserts
    Given listeners on the user mapper's before_insert and after_insert events
    And I add the new users Dave and Erin
    When I flush the session
    Then the events recorded were before_insert, before_insert, after_insert, after_insert
    And the before_insert listener was given Dave and Erin, in that order

  @CL47
  Scenario: An ORM-enabled UPDATE statement fires no mapper update event
    Given the user Alice exists
    And listeners on the user mapper's before_update and after_update events
    And Alice is loaded
    When I bulk update the users named Alice setting name to "Alicia" with synchronize_session=auto
    Then exactly 1 UPDATE of users was emitted
    And no events were recorded
    And Alice's name is "Alicia"

  @CL48
  Scenario: With version_id_generator=False the INSERT takes the version the application set
    Given the model variant "users with a version counter set by the application"
    And I add a new user Dave
    And I set Dave's version_id to 7
    When I commit the session
    Then exactly 1 INSERT of users was emitted
    And a new session reads Dave's version_id as 7

  @CL48 @fact:constraint_violation_error
  Scenario Outline: With version_id_generator=False and no version set, the INSERT fails on NOT NULL
    pg8000 reports the NOT NULL violation as ProgrammingError, the class it raises for every
    server error but a duplicate key.

    Given the model variant "users with a version counter set by the application"
    And I add a new user Dave
    When I try to flush the session
    Then <error> was raised

    Examples:
      | constraint_violation_error | error              |
      | IntegrityError             | an IntegrityError  |
      | ProgrammingError           | a ProgrammingError |

  @CL48
  Scenario: With version_id_generator=False an UPDATE keeps the version and still checks it
    Given the model variant "users with a version counter set by the application"
    And I add a new user Dave
    And I set Dave's version_id to 1
    And I flush the session
    And I set Dave's name to "David"
    When I flush the session
    Then the UPDATE of users set only name
    And the UPDATE of users contained "AND users_versioned.version_id = "
    And Dave's version_id is 1

  @CL48
  Scenario: With version_id_generator=False the application moves the version by setting it
    Given the model variant "users with a version counter set by the application"
    And I add a new user Dave
    And I set Dave's version_id to 1
    And I flush the session
    And I set Dave's name to "David"
    And I set Dave's version_id to 5
    When I commit the session
    Then the UPDATE of users set only name and version_id
    And a new session reads Dave's version_id as 5

  @CL49
  Scenario: An ORM-enabled UPDATE statement neither checks nor bumps the version counter
    SQLAlchemy's versioning page: the feature "does not take effect" for a multirow UPDATE.

    Given the model variant "users with a version counter"
    And the user Alice exists
    When I bulk update the users named Alice setting name to "Alicia" with synchronize_session=auto
    And I commit the session
    Then the UPDATE of users did not contain "version_id"
    And a new session reads Alice's version_id as 1
    And a new session reads Alice's name as "Alicia"
