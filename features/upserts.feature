Feature: Upserts through the ORM
  An upsert is an INSERT that updates the row already holding a unique value instead of failing:
  "save this user, whether or not they exist". SQLAlchemy has no portable upsert; each dialect
  has its own INSERT construct (SQLite's and PostgreSQL's ON CONFLICT ... DO UPDATE, MariaDB's ON
  DUPLICATE KEY UPDATE), and session.execute() runs any of them as an ORM statement. It bites
  because the statement bypasses the identity map: a user already loaded keeps the values it had
  unless the upsert returns the rows and populate_existing applies them, and what counts as
  "already there" and "how many rows" differs per database.
  Here the upsert inserts each row, and a row whose email another user has updates that user's
  name. Seen with SQLite 3.40, PostgreSQL 15 and MariaDB 10.11.

  Background:
    Given the users Alice and Bob exist

  @DM32 @fact:upsert_conflict_target
  Scenario Outline: An upsert inserts the new row and updates the user whose email is taken, in one statement
    When I upsert the users Alicia with email "alice@example.com" and Dave
    And I commit the session
    Then the SQL emitted was:
      """
      INSERT INTO users (name, email, is_active, created_at) VALUES (?, ?, ?, ?), (?, ?, ?, ?)
        <clause>
      """
    And the database holds the users Alicia, Bob and Dave
    And a new session reads Alice's name as "Alicia"

    Examples:
      | upsert_conflict_target | clause                                                 |
      | the key it names       | ON CONFLICT (email) DO UPDATE SET name = excluded.name |
      | every unique key       | ON DUPLICATE KEY UPDATE name = VALUES(name)            |

  @DM33 @fact:upsert_counts_an_update_twice
  Scenario Outline: The rowcount of an upsert, with preserve_rowcount
    MariaDB counts an updated row twice (1 per inserted row, 2 per updated row); SQLite and
    PostgreSQL count each row once.

    When I upsert the users Alicia with email "alice@example.com" and Dave with preserve_rowcount
    Then the bulk statement's rowcount is <rowcount>

    Examples:
      | upsert_counts_an_update_twice | rowcount |
      | no                            | 2        |
      | yes                           | 3        |

  @DM33 @fact:rowcount_of_insert_kept @fact:upsert_counts_an_update_twice
  Scenario Outline: The rowcount of an upsert, without preserve_rowcount
    SQLAlchemy keeps the driver's rowcount of an INSERT only when asked (preserve_rowcount);
    otherwise it reads it after the cursor is closed, and psycopg 3 has forgotten it by then
    (psycopg2 and pg8000 still have it).

    When I upsert the users Alicia with email "alice@example.com" and Dave
    Then the bulk statement's rowcount is <rowcount>

    Examples:
      | rowcount_of_insert_kept | upsert_counts_an_update_twice | rowcount |
      | yes                     | no                            | 2        |
      | no                      | no                            | -1       |
      | yes                     | yes                           | 3        |

  @DM34
  Scenario: An upsert leaves a loaded user stale; the next read with populate_existing shows the row
    The statement returns no rows, so there is nothing populate_existing could apply: the
    identity map learns of the update only when it loads the row again.

    Given Alice is loaded
    When I upsert the users Alicia with email "alice@example.com"
    Then Alice's name is "Alice"
    And exactly 1 INSERT of users was emitted
    And no SELECT was emitted
    When I load Alice again with populate_existing
    Then Alice's name is "Alicia"

  @DM35
  Scenario: With RETURNING the loaded user comes back as the same object, not refreshed
    Every backend here returns the rows of an upsert (MariaDB 10.5+ has INSERT ... RETURNING,
    ON DUPLICATE KEY UPDATE included). Without populate_existing the row of an object already
    in the identity map is not applied to it.

    Given Alice is loaded
    When I upsert the users Alicia with email "alice@example.com" and Dave returning the users
    Then the users returned are Alice and Dave
    And the users returned include Alice itself
    And Alice's name is "Alice"
    And exactly 1 INSERT of users was emitted
    And the INSERT of users returned id with RETURNING

  @DM36 @KB51 @sqla:9746
  Scenario: With RETURNING and populate_existing the loaded user is refreshed with the upserted row
    Given Alice is loaded
    When I upsert the users Alicia with email "alice@example.com" and Dave returning the users with populate_existing
    Then the users returned are Alicia and Dave
    And the users returned include Alice itself
    And Alice's name is "Alicia"
    And Alice is not modified
    And exactly 1 INSERT of users was emitted

  @DM36
  Scenario: A row an upsert inserted comes back as a new persistent object with its defaults
    When I upsert the users Alicia with email "alice@example.com" and Dave returning the users with populate_existing
    Then Dave is persistent
    And Dave's is_active is True
    And the identity map holds 2 objects
    When I get Dave by primary key
    Then no SQL was emitted
    And the object returned is Dave

  @DM37 @fact:failed_insert_consumes_key
  Scenario Outline: An upsert that updates still uses up a generated key
    The one-row upsert that turned into an UPDATE of Alice drew a key from PostgreSQL's sequence
    and MariaDB's AUTO_INCREMENT before the conflict was found; SQLite takes the highest key in
    use plus one.

    Given I upsert the users Alicia with email "alice@example.com"
    And I add a new user Dave
    When I flush the session
    Then Dave's id is <id>

    Examples:
      | failed_insert_consumes_key | id |
      | no                         | 3  |
      | yes                        | 4  |

  @DM38 @fact:upsert_conflict_target
  Scenario Outline: ON CONFLICT names the unique column it acts on; ON DUPLICATE KEY UPDATE acts on any
    Zed's row has a new email but Bob's id. SQLite and PostgreSQL handle only a conflict on
    email and refuse the duplicate primary key; MariaDB updates Bob's row, found by its primary
    key, giving it Zed's name (rowcount 2: one row updated).

    When I try to upsert the user Zed with email "zed@example.com" and Bob's id
    Then <outcome>

    Examples:
      | upsert_conflict_target | outcome                            |
      | the key it names       | an IntegrityError was raised       |
      | every unique key       | the bulk statement's rowcount is 2 |

  @DM39
  Scenario: An upsert flushes the session's pending objects first
    Carol is flushed before the upsert runs, so the upsert finds her email taken and updates
    her row; her object, loaded before, keeps its name until it is loaded again.

    Given I add a new user Carol
    When I upsert the users Caroline with email "carol@example.com"
    Then exactly 2 INSERTs of users were emitted
    And Carol is persistent
    And Carol's name is "Carol"
    When I load Carol again with populate_existing
    Then Carol's name is "Caroline"
