Feature: Where SQLite, PostgreSQL and MariaDB differ
  The ORM emits nearly the same SQL everywhere; the databases answer it differently. A test suite
  on SQLite passes code that PostgreSQL or MariaDB will reject, and the other way round. Each rule
  here shows one difference an ORM user meets, with each backend's actual answer in its own
  Examples row (a row runs only on its backend). Seen with SQLite 3.40 (pysqlite), PostgreSQL 15
  (psycopg 3) and MariaDB 10.11 (PyMySQL, Debian's default server configuration).

  Background:
    Given the users Alice and Bob exist

  Rule: Foreign keys

    @DV1 @fact:foreign_keys_enforced @fact:constraint_violation_error
    Scenario Outline: A post of a user that does not exist
      SQLite only checks foreign keys on a connection that ran PRAGMA foreign_keys=ON.

      Given I add a new post "Orphan" whose user_id is 99
      When I try to commit the session
      Then <outcome>
      And the database holds <posts>

      Examples:
        | constraint_violation_error | foreign_keys_enforced | outcome                       | posts             |
        | IntegrityError             | no                    | nothing was raised            | the post "Orphan" |
        | IntegrityError             | yes                   | an IntegrityError was raised  | no posts          |
        | ProgrammingError           | yes                   | a ProgrammingError was raised | no posts          |

    @DV1 @fact:constraint_violation_error
    Scenario Outline: With foreign keys enforced on the connection, every backend rejects it
      pg8000 reports the violation as ProgrammingError, the class it raises for every server
      error but a duplicate key.

      Given a session whose connection enforces foreign keys
      And I add a new post "Orphan" whose user_id is 99
      When I try to flush the session
      Then <error> was raised

      Examples:
        | constraint_violation_error | error              |
        | IntegrityError             | an IntegrityError  |
        | ProgrammingError           | a ProgrammingError |

  Rule: Strings and collations

    @DV2 @fact:string_length_enforced @fact:value_too_long_error
    Scenario Outline: A 60-character name in a String(50) column
      SQLite ignores the declared length; MariaDB's default strict mode rejects the value like
      PostgreSQL does, where a non-strict server would truncate it with a warning.

      Given Alice is loaded
      And I set Alice's name to a string of 60 characters
      When I try to commit the session
      Then <outcome>
      And a new session reads Alice's name as <stored>

      Examples:
        | value_too_long_error | outcome                       | stored                    |
        | none                 | nothing was raised            | a string of 60 characters |
        | DataError            | a DataError was raised        | "Alice"                   |
        | DBAPIError           | a DBAPIError was raised       | "Alice"                   |
        | ProgrammingError     | a ProgrammingError was raised | "Alice"                   |

    @DV3 @fact:unique_is_case_insensitive
    Scenario Outline: A unique email that differs from another only in case
      MariaDB's default collation (utf8mb4_general_ci) compares case-insensitively, so the unique
      index sees a duplicate.

      Given I add a new user Alicia with email "ALICE@example.com"
      When I try to commit the session
      Then <outcome>
      And a new session <alicia> Alicia

      Examples:
        | unique_is_case_insensitive | outcome                      | alicia        |
        | no                         | nothing was raised           | finds         |
        | yes                        | an IntegrityError was raised | does not find |

    @DV4 @fact:like_is_case_insensitive
    Scenario Outline: LIKE with a lower-case pattern
      SQLite's LIKE ignores case for ASCII letters; MariaDB's follows the case-insensitive
      collation; PostgreSQL's LIKE is case-sensitive (ILIKE is not).

      When I select the users whose name is like "ali%"
      Then the users returned are <users>

      Examples:
        | like_is_case_insensitive | users |
        | yes                      | Alice |
        | no                       | none  |

    @DV15 @fact:like_folds_non_ascii_case
    Scenario Outline: LIKE with a lower-case pattern for a name that starts with a non-ASCII capital
      SQLite's LIKE folds the case of ASCII letters only, so 'émile%' misses Émile where 'ali%'
      finds Alice; PostgreSQL's LIKE is case-sensitive for every letter; MariaDB's collation
      folds case (and accents) beyond ASCII too.

      Given the user Émile exists
      When I select the users whose name is like "émile%"
      Then the users returned are <users>

      Examples:
        | like_folds_non_ascii_case | users |
        | no                        | none  |
        | yes                       | Émile |

  Rule: Generated keys

    @DV5 @fact:deleted_max_key_reused
    Scenario Outline: The key of a new row after the row with the highest key was deleted
      SQLite gives an INTEGER PRIMARY KEY without AUTOINCREMENT the highest key in use plus one;
      PostgreSQL's sequence and MariaDB's AUTO_INCREMENT never go back.

      Given Bob is loaded
      And I delete Bob
      And I commit the session
      And I add a new user Dave
      When I flush the session
      Then Dave's id is <id>

      Examples:
        | deleted_max_key_reused | id |
        | yes                    | 2  |
        | no                     | 3  |

    @DV6 @fact:failed_insert_consumes_key
    Scenario Outline: A failed INSERT consumes a key or not
      The INSERT fails on the unique email (Alicia is given Alice's). PostgreSQL's sequence and
      MariaDB's AUTO_INCREMENT handed out key 3 before the row was refused.

      Given I add a new user Alicia with email "alice@example.com"
      And I try to flush the session
      And I roll back the session
      And I add a new user Dave
      When I flush the session
      Then Dave's id is <id>

      Examples:
        | failed_insert_consumes_key | id |
        | no                         | 3  |
        | yes                        | 4  |

    @DV14 @fact:explicit_key_advances_generated_keys
    Scenario Outline: A new user after a user was inserted with a key of its own
      PostgreSQL's SERIAL sequence moves only when nextval() runs: a row inserted with its own
      key leaves the sequence behind, and the next generated key is the one already taken
      (psycopg's message goes on "Key (id)=(3) already exists"). SQLite takes the highest key
      plus one; MariaDB's AUTO_INCREMENT moves past the explicit key.

      Given I add a new user Carol with id 3
      And I commit the session
      And I add a new user Dave
      When I try to flush the session
      Then <outcome>
      And a new session reads Carol's id as 3

      Examples:
        | explicit_key_advances_generated_keys | outcome                                                                              |
        | yes                                  | Dave's id is 4                                                                       |
        | no                                   | an IntegrityError was raised saying "duplicate key value violates unique constraint" |

  Rule: Transactions

    @DV8 @fact:ddl_is_transactional @fact:transaction_begins_with_any_statement
    Scenario Outline: A CREATE TABLE after a read, rolled back with the session's transaction
      PostgreSQL has transactional DDL. MariaDB commits implicitly before DDL. pysqlite's default
      transaction handling opens no transaction for the SELECT nor for the DDL, so on SQLite the
      table is created outside any transaction; with real transactions SQLite rolls it back.

      Given Alice is loaded
      When I create the table "ddl_probe" in the session's transaction
      And I roll back the session
      Then the table "ddl_probe" <exists>

      Examples:
        | ddl_is_transactional | transaction_begins_with_any_statement | exists         |
        | yes                  | no                                    | exists         |
        | yes                  | yes                                   | does not exist |
        | no                   | yes                                   | exists         |

    @DV8 @fact:ddl_is_transactional
    Scenario Outline: A CREATE TABLE after a flushed INSERT, rolled back with the transaction
      A write makes pysqlite send BEGIN, so the DDL that follows is inside SQLite's transaction
      and is rolled back with it: on SQLite the answer depends on what ran before the DDL.
      MariaDB's implicit commit before the DDL also commits the row flushed before it.

      Given I add a new user Dave
      And I flush the session
      When I create the table "ddl_probe" in the session's transaction
      And I roll back the session
      Then the table "ddl_probe" <exists>
      And a new session <dave> Dave

      Examples:
        | ddl_is_transactional | exists         | dave          |
        | yes                  | does not exist | does not find |
        | no                   | exists         | finds         |

    @DV10 @fact:error_aborts_transaction @fact:aborted_transaction_error
    Scenario Outline: A statement after a failed statement in the same transaction
      PostgreSQL aborts the whole transaction on an error and refuses everything until rollback
      ("current transaction is aborted"); SQLite and MariaDB only fail the one statement.

      Given I try to execute the textual SQL "SELECT * FROM no_such_table"
      When I try to execute the textual SQL "SELECT 1"
      Then <outcome>
      And the session is active

      Examples:
        | aborted_transaction_error | outcome                                                               |
        | none                      | nothing was raised                                                    |
        | InternalError             | an InternalError was raised saying "current transaction is aborted"   |
        | DBAPIError                | a DBAPIError was raised saying "current transaction is aborted"       |
        | ProgrammingError          | a ProgrammingError was raised saying "current transaction is aborted" |

    @DV10 @fact:missing_table_error
    Scenario Outline: The Session itself stays active after a failed statement that was not a flush
      The error's class is the one SQLAlchemy maps each driver's error to (the same for the
      async drivers here).

      When I try to execute the textual SQL "SELECT * FROM no_such_table"
      Then <error>
      And the session is active

      Examples:
        | missing_table_error | error                          |
        | OperationalError    | an OperationalError was raised |
        | ProgrammingError    | a ProgrammingError was raised  |

    @DV12 @fact:transaction_reads_a_snapshot @fact:readers_block_writers
    Scenario Outline: refresh() of a row another session deleted and committed
      Inside MariaDB's REPEATABLE READ transaction the row is still in the snapshot, so refresh()
      succeeds with the old values (READ COMMITTED, as Django configures MariaDB, gives
      PostgreSQL's answer). On PostgreSQL and with pysqlite's default handling the row is gone,
      and refresh() raises InvalidRequestError itself, not its subclass ObjectDeletedError. With
      real SQLite transactions the delete cannot commit while this session's read is open.

      Given Alice is loaded
      When another session tries to delete Alice and commit
      And I try to refresh Alice
      Then the other session's commit <commit>
      And <refresh>

      Examples:
        | readers_block_writers | transaction_reads_a_snapshot | commit                                                   | refresh                                                               |
        | no                    | no                           | went through                                             | an InvalidRequestError was raised saying "Could not refresh instance" |
        | yes                   | no                           | failed with OperationalError saying "database is locked" | nothing was raised                                                    |
        | no                    | yes                          | went through                                             | nothing was raised                                                    |

    @DV13 @fact:has_row_locks
    Scenario Outline: with_for_update() renders FOR UPDATE where the backend has it
      SQLite has no row locks: the dialect drops the clause.

      When I load Alice with FOR UPDATE
      Then the SELECT of users <verdict> "FOR UPDATE"

      Examples:
        | has_row_locks | verdict         |
        | no            | did not contain |
        | yes           | contained       |

  Rule: Types

    @DV9 @fact:native_boolean
    Scenario Outline: How a Boolean is stored: read back raw with a textual SELECT
      Only PostgreSQL has a BOOLEAN type; SQLite and MariaDB store the integer 1 (an int, which
      Python would call equal to True: the step compares the type too), and the ORM turns it
      back into the bool True.

      When I read Alice's is_active with a textual SELECT
      Then the value read is <raw>
      And a new session reads Alice's is_active as True

      Examples:
        | native_boolean | raw  |
        | no             | 1    |
        | yes            | True |

    @DV9 @fact:datetime_stored_as_text
    Scenario Outline: How a DateTime is stored: read back raw with a textual SELECT
      SQLite has no date type: the value is an ISO string that only the ORM's DateTime type
      turns back into a datetime.

      When I read Alice's created_at with a textual SELECT
      Then the value read is a <type>

      Examples:
        | datetime_stored_as_text | type     |
        | yes                     | str      |
        | no                      | datetime |

    @DV11 @fact:aware_datetime_in_naive_column @fact:datetime_keeps_microseconds
    Scenario Outline: An aware datetime with microseconds, saved to a DateTime column
      DateTime() without timezone=True is a naive column everywhere, so every backend drops the
      timezone, but differently: PostgreSQL through psycopg converts the value to the server's
      TimeZone first (UTC here), SQLite and MariaDB drop the offset as it is, and asyncpg
      refuses an aware value for a naive TIMESTAMP ("can't subtract offset-naive and
      offset-aware datetimes"). MariaDB's DATETIME also drops the microseconds (it has no
      fractional seconds unless declared DATETIME(6)).

      Given I add a new user Dave
      And I set Dave's created_at to the datetime 2024-01-02 03:04:05.123456+02:00
      When I try to commit the session
      Then <outcome>
      And <stored>

      Examples:
        | aware_datetime_in_naive_column      | datetime_keeps_microseconds | outcome                 | stored                                                                           |
        | offset dropped                      | yes                         | nothing was raised      | a new session reads Dave's created_at as the datetime 2024-01-02 03:04:05.123456 |
        | converted to the server's time zone | yes                         | nothing was raised      | a new session reads Dave's created_at as the datetime 2024-01-02 01:04:05.123456 |
        | refused by the driver               | yes                         | a DBAPIError was raised | a new session does not find Dave                                                 |
        | offset dropped                      | no                          | nothing was raised      | a new session reads Dave's created_at as the datetime 2024-01-02 03:04:05        |
