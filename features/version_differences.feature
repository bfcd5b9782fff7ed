Feature: Behaviour that changed between SQLAlchemy releases
  Upgrading SQLAlchemy can change what the same code does without an error. Each scenario here
  states the behaviour of a release line in an Examples column "sqlalchemy"; a run checks the rows
  of the installed line (this project's CI runs 2.1) and leaves the others to a run on that line.
  Rows for a line not checked by CI cite their source.

  Background:
    Given the users Alice and Bob exist

  @VD1 @AF1
  Scenario Outline: A textual SELECT through session.execute() sees a pending user or not
    SQLAlchemy 2.1 autoflushes before every execution ("Session autoflush behavior simplified to
    be unconditional" in its migration notes); 2.0 autoflushed only before ORM-enabled
    statements, so a text() query did not see the pending row.

    Given I add a new user Dave
    When I execute the textual SQL "SELECT count(*) FROM users"
    Then the value read is <count>

    Examples:
      | sqlalchemy | count |
      | 2.0        | 2     |
      | 2.1        | 3     |

  @VD3
  Scenario: commit() inside "with session.begin_nested()" commits the whole transaction
    SQLAlchemy 2.0 and later: Session.commit() always commits the outermost transaction, even
    inside a savepoint block (1.4 committed only the savepoint unless the Session was created
    with future=True).

    Given I add a new user Dave
    When I add a new user Erin inside "with session.begin_nested()" and commit the session in it
    Then the session is not in a transaction
    And a new session finds Dave
    And a new session finds Erin

  @VD5 @AS13 @api:async
  Scenario Outline: A closed AsyncSession's connection is kept in the pool, or closed
    Since 2.0.38 an AsyncEngine on a SQLite file has a queue pool, as the servers have (its
    changelog calls the earlier NullPool, which closes every connection given back, a bug).

    Given Alice is loaded
    When I close the session
    Then the pool keeps <kept> idle connections and none checked out

    Examples:
      | pool_keeps_returned_connections | kept |
      | no                              | no   |
      | yes                             | some |
