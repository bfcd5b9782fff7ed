Feature: Column defaults
  A Python-side default (the seed's is_active=True, created_at=now) is applied by the flush, not by
  the constructor, so a new object reads None until it is flushed. A server-side default is
  applied by the database, and the ORM must fetch it: with RETURNING in the INSERT when it can
  (eager_defaults "auto", the default, for backends with RETURNING), or with a SELECT when the
  attribute is first read. It bites as a surprise SELECT after every insert.

  @DF1
  Scenario: A Python default is not applied before flush
    Given a new user Dave
    When I add Dave
    Then Dave's is_active is None
    And Dave's created_at is None

  @DF1
  Scenario: A Python default is applied at flush
    Given I add a new user Dave
    When I flush the session
    Then Dave's is_active is True
    And Dave's created_at is a datetime

  @DF1
  Scenario: A value set before the flush wins over the Python default
    Given I add a new user Dave
    And I set Dave's is_active to False
    When I commit the session
    Then exactly 1 INSERT of users was emitted
    And a new session reads Dave's is_active as False

  @DF3
  Scenario: Autoincrement keys are assigned at flush, not before
    Given I add the new users Dave and Erin
    When I flush the session
    Then Dave's id is 1
    And Erin's id is 2

  @DF3
  Scenario: A new object has no primary key before flush
    When I add a new user Dave
    Then Dave's id is None

  @DF3
  Scenario: A key set by hand is used as it is
    Given a new user Dave
    And I set Dave's id to 42
    And I add Dave
    When I commit the session
    Then a new session reads Dave's id as 42

  @DF2 @fact:insert_returning
  Scenario Outline: A server default comes back in the INSERT's RETURNING unless eager_defaults=False
    SQLite (3.35+), PostgreSQL and MariaDB (10.5+) all support INSERT ... RETURNING, so with
    eager_defaults "auto" or True every backend gets the value back in the INSERT itself; with
    eager_defaults=False the attribute is left expired, to be loaded on first access. The same
    on every backend here.

    Given the model variant "<variant>"
    And I add a new user Dave
    When I flush the session
    Then the INSERT of users <returning> is_active with RETURNING
    And <expired>

    Examples:
      | variant                                               | returning      | expired                                 |
      | is_active from a server default                       | returned       | no attribute of Dave is expired         |
      | is_active from a server default, eager_defaults=True  | returned       | no attribute of Dave is expired         |
      | is_active from a server default, eager_defaults=False | did not return | the expired attributes of Dave are is_active |

  @DF2 @api:sync
  Scenario: With eager_defaults=False the first read of the server default emits a SELECT
    Given the model variant "is_active from a server default, eager_defaults=False"
    And I add a new user Dave
    And I flush the session
    When I read Dave's is_active
    Then exactly 1 SELECT of users was emitted
    And the value read is True

  @DF2 @AS2 @api:async
  Scenario: Under AsyncSession the server default left to a later SELECT raises when read
    With eager_defaults=False the value must be loaded, and an attribute access cannot await:
    async code keeps eager_defaults on (the default) or refreshes the object.

    Given the model variant "is_active from a server default, eager_defaults=False"
    And I add a new user Dave
    And I flush the session
    When I try to read Dave's is_active
    Then the implicit IO was refused with MissingGreenlet
    And Dave's is_active is still unloaded
    And Dave's is_active is True

  @DF2
  Scenario: With eager_defaults the server default is read with no SQL at all
    Given the model variant "is_active from a server default"
    And I add a new user Dave
    And I flush the session
    When I read Dave's is_active
    Then no SQL was emitted
    And the value read is True
