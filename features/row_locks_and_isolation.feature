Feature: Row locks and isolation levels per backend
  with_for_update() and a transaction's isolation level are where the ORM hands concurrency over
  to the database, and each database has its own: SQLite has no row locks (its dialect drops the
  clause without a word) and two isolation levels; MariaDB spells a shared lock its own way, has
  none of PostgreSQL's finer locks and refuses SKIP LOCKED before 10.6; asyncpg refuses READ
  UNCOMMITTED. It bites when a job queue built on SKIP LOCKED, or a test suite that sets READ
  COMMITTED, moves from one database (or driver) to another, and when a lock tested on SQLite
  never locked anything.

  Background:
    Given the users Alice and Bob exist

  Rule: What with_for_update() renders, and what another session meets

    @DV21 @fact:has_row_locks
    Scenario Outline: with_for_update(nowait=True) asks for the lock without waiting
      SQLite's dialect renders no locking clause at all; PostgreSQL and MariaDB add NOWAIT.

      When I load Alice using with_for_update(nowait=True)
      Then the SELECT of users ended with "<ending>"

      Examples:
        | has_row_locks | ending             |
        | no            | WHERE users.id = ? |
        | yes           | FOR UPDATE NOWAIT  |

    @DV21 @fact:shared_lock_clause
    Scenario Outline: with_for_update(read=True) asks for a shared lock
      PostgreSQL's FOR SHARE is LOCK IN SHARE MODE for MariaDB (SQLAlchemy renders FOR SHARE
      for MySQL 8 only).

      When I load Alice using with_for_update(read=True)
      Then the SELECT of users ended with "<ending>"

      Examples:
        | shared_lock_clause | ending             |
        | none               | WHERE users.id = ? |
        | FOR SHARE          | FOR SHARE          |
        | LOCK IN SHARE MODE | LOCK IN SHARE MODE |

    @DV21 @fact:has_row_locks @fact:for_update_of_tables
    Scenario Outline: with_for_update(of=User) names the table whose rows are locked
      Only PostgreSQL's clause names it; for MariaDB SQLAlchemy drops of= and renders a plain
      FOR UPDATE, which locks the rows of every table the SELECT reads.

      When I load Alice using with_for_update(of=User)
      Then the SELECT of users ended with "<ending>"

      Examples:
        | for_update_of_tables | has_row_locks | ending              |
        | no                   | no            | WHERE users.id = ?  |
        | yes                  | yes           | FOR UPDATE OF users |
        | no                   | yes           | FOR UPDATE          |

    @DV21 @fact:has_row_locks @fact:key_share_lock
    Scenario Outline: with_for_update(key_share=True) asks for the weaker FOR NO KEY UPDATE
      PostgreSQL's FOR NO KEY UPDATE lets another transaction insert a row referring to the
      locked one; MariaDB has no such lock, and SQLAlchemy renders a plain FOR UPDATE.

      When I load Alice using with_for_update(key_share=True)
      Then the SELECT of users ended with "<ending>"

      Examples:
        | has_row_locks | key_share_lock | ending             |
        | no            | no             | WHERE users.id = ? |
        | yes           | yes            | FOR NO KEY UPDATE  |
        | yes           | no             | FOR UPDATE         |

    @DV21 @fact:nowait_refusal @fact:lock_not_available_error
    Scenario Outline: Another session asks with NOWAIT for the row this session locked
      The lock lasts until this session's transaction ends. PostgreSQL refuses the other
      session at once ("could not obtain lock on row"); MariaDB's NOWAIT fails at once with the
      error of a lock wait timeout (1205). SQLite locked nothing: the other session reads the
      row.

      Given I load Alice with FOR UPDATE
      When another session tries to select Alice using with_for_update(nowait=True)
      Then <outcome>

      Examples:
        | lock_not_available_error | nowait_refusal             | outcome                                                                          |
        | none                     | none                       | the users returned are Alice                                                     |
        | OperationalError         | lock_not_available (55P03) | an OperationalError was raised saying "could not obtain lock on row in relation" |
        | DBAPIError               | lock_not_available (55P03) | a DBAPIError was raised saying "could not obtain lock on row in relation"        |
        | ProgrammingError         | lock_not_available (55P03) | a ProgrammingError was raised saying "could not obtain lock on row in relation"  |
        | OperationalError         | lock wait timeout (1205)   | an OperationalError was raised saying "Lock wait timeout exceeded"               |

    @DV21 @fact:has_row_locks @fact:skip_locked_supported
    Scenario Outline: Another session selects every user with SKIP LOCKED while this session holds Alice's row
      The job-queue pattern: each worker takes the rows no other holds. MariaDB runs SKIP LOCKED
      from 10.6; SQLAlchemy renders it for 10.5 as well, where the server refuses the statement
      as a syntax error. On SQLite nothing is locked, so nothing is skipped.

      Given I load Alice with FOR UPDATE
      When another session tries to select all users ordered by name using with_for_update(skip_locked=True)
      Then the SELECT of users ended with "<ending>"
      And <outcome>

      Examples:
        | has_row_locks | skip_locked_supported | ending                 | outcome                                                                     |
        | no            | no                    | ORDER BY users.name    | the users returned are Alice and Bob, in that order                         |
        | yes           | yes                   | FOR UPDATE SKIP LOCKED | the users returned are Bob                                                  |
        | yes           | no                    | FOR UPDATE SKIP LOCKED | a ProgrammingError was raised saying "You have an error in your SQL syntax" |

  Rule: The isolation levels a session's transaction can be begun at
    session.connection(execution_options={"isolation_level": ...}) before the transaction uses a
    connection, as SQLAlchemy's Session documentation sets the level of one transaction. A level
    the dialect refuses raises ArgumentError before any statement, and the session goes on at
    its default level. A connection in AUTOCOMMIT reports the level it keeps underneath.

    @DV22 @fact:isolation_levels @fact:default_isolation_level
    Scenario Outline: A session's transaction begun at SERIALIZABLE
      SQLite's default (PRAGMA read_uncommitted = 0); every backend accepts it.

      When I try to begin the session's transaction at isolation level "SERIALIZABLE"
      Then <outcome>
      And the session's isolation level is <reported>

      Examples:
        | outcome            | reported     |
        | nothing was raised | SERIALIZABLE |

    @DV22 @fact:isolation_levels @fact:default_isolation_level
    Scenario Outline: A session's transaction begun at REPEATABLE READ
      SQLite has no such level.

      When I try to begin the session's transaction at isolation level "REPEATABLE READ"
      Then <outcome>
      And the session's isolation level is <reported>

      Examples:
        | isolation_levels                                                            | outcome                                                                                  | reported        |
        | AUTOCOMMIT, READ UNCOMMITTED, SERIALIZABLE                                  | an ArgumentError was raised saying "Invalid value 'REPEATABLE READ' for isolation_level" | SERIALIZABLE    |
        | AUTOCOMMIT, READ COMMITTED, READ UNCOMMITTED, REPEATABLE READ, SERIALIZABLE | nothing was raised                                                                       | REPEATABLE READ |
        | AUTOCOMMIT, READ COMMITTED, REPEATABLE READ, SERIALIZABLE                   | nothing was raised                                                                       | REPEATABLE READ |

    @DV22 @fact:isolation_levels @fact:default_isolation_level
    Scenario Outline: A session's transaction begun at READ COMMITTED
      SQLite has no such level.

      When I try to begin the session's transaction at isolation level "READ COMMITTED"
      Then <outcome>
      And the session's isolation level is <reported>

      Examples:
        | isolation_levels                                                            | outcome                                                                                 | reported       |
        | AUTOCOMMIT, READ UNCOMMITTED, SERIALIZABLE                                  | an ArgumentError was raised saying "Invalid value 'READ COMMITTED' for isolation_level" | SERIALIZABLE   |
        | AUTOCOMMIT, READ COMMITTED, READ UNCOMMITTED, REPEATABLE READ, SERIALIZABLE | nothing was raised                                                                      | READ COMMITTED |
        | AUTOCOMMIT, READ COMMITTED, REPEATABLE READ, SERIALIZABLE                   | nothing was raised                                                                      | READ COMMITTED |

    @DV22 @fact:isolation_levels @fact:default_isolation_level
    Scenario Outline: A session's transaction begun at READ UNCOMMITTED
      SQLite's is PRAGMA read_uncommitted = 1. SQLAlchemy's asyncpg dialect has no READ
      UNCOMMITTED, which PostgreSQL itself accepts (and runs as READ COMMITTED).

      When I try to begin the session's transaction at isolation level "READ UNCOMMITTED"
      Then <outcome>
      And the session's isolation level is <reported>

      Examples:
        | isolation_levels                                                            | outcome                                                                                   | reported         |
        | AUTOCOMMIT, READ UNCOMMITTED, SERIALIZABLE                                  | nothing was raised                                                                        | READ UNCOMMITTED |
        | AUTOCOMMIT, READ COMMITTED, READ UNCOMMITTED, REPEATABLE READ, SERIALIZABLE | nothing was raised                                                                        | READ UNCOMMITTED |
        | AUTOCOMMIT, READ COMMITTED, REPEATABLE READ, SERIALIZABLE                   | an ArgumentError was raised saying "Invalid value 'READ UNCOMMITTED' for isolation_level" | READ COMMITTED   |

    @DV22 @fact:isolation_levels @fact:default_isolation_level
    Scenario Outline: A session's transaction begun at AUTOCOMMIT
      Not an isolation level of the database but the driver's autocommit mode: each backend
      reports the level its connection keeps underneath.

      When I try to begin the session's transaction at isolation level "AUTOCOMMIT"
      Then <outcome>
      And the session's isolation level is <reported>

      Examples:
        | default_isolation_level | outcome            | reported        |
        | SERIALIZABLE            | nothing was raised | SERIALIZABLE    |
        | READ COMMITTED          | nothing was raised | READ COMMITTED  |
        | REPEATABLE READ         | nothing was raised | REPEATABLE READ |

    @DV22 @fact:autocommit_commits_each_statement
    Scenario Outline: A flush under AUTOCOMMIT, then rollback()
      In AUTOCOMMIT the driver commits each statement as it runs, and the session's rollback()
      has nothing left to undo. SQLAlchemy's recipe for real SQLite transactions emits its own
      BEGIN whenever a transaction begins, in AUTOCOMMIT too: there the INSERT waits in that
      transaction and rollback() undoes it (SQLAlchemy's SQLite documentation calls the two
      incompatible).

      Given I begin the session's transaction at isolation level "AUTOCOMMIT"
      And I add a new user Dave
      And I flush the session
      When I roll back the session
      Then a new session <dave> Dave

      Examples:
        | autocommit_commits_each_statement | dave          |
        | yes                               | finds         |
        | no                                | does not find |
