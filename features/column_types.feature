Feature: What each database keeps of a typed column
  SQLAlchemy's types promise one Python value back on every database, and through the ORM they
  mostly keep the promise; the databases underneath do not. A Numeric on SQLite is a float,
  DateTime(timezone=True) keeps the time zone only on PostgreSQL, an Enum is checked only where it
  is a type of its own, and a Uuid or a JSON column is text on some databases and a type on others,
  which the driver decodes into a class of its choosing. It bites when code tested on SQLite meets
  money, time zones or a mistyped status in production, and wherever raw SQL (text(), a report, a
  migration) reads what the ORM wrote. A record of the typed-columns model
  (orm_spec/models_types.py) has a label, amount Numeric(30, 10), happened_at
  DateTime(timezone=True), status Enum(Status), token Uuid and doc JSON.

  Background:
    Given the model variant "typed columns"

  @DV16 @fact:aware_datetime_round_trips @fact:aware_datetime_tzinfo
  Scenario Outline: An aware datetime saved to a DateTime(timezone=True) column, read back by the ORM
    PostgreSQL's TIMESTAMP WITH TIME ZONE keeps the instant and gives it back in the session's
    TimeZone (Etc/UTC on these servers): psycopg (sync and async) as a zoneinfo.ZoneInfo,
    psycopg2, pg8000 and asyncpg as datetime.timezone.utc, written +00:00 here. SQLite and
    MariaDB have no such type: the offset is dropped without converting, and the value comes
    back naive, two hours away from the instant saved.

    Given the record "meeting" exists with its happened_at set to the datetime 2024-01-02 03:04:05+02:00
    When I load record "meeting"
    Then record "meeting"'s happened_at is <read back>

    Examples:
      | aware_datetime_tzinfo | read back                                   |
      | none                  | the datetime 2024-01-02 03:04:05            |
      | zoneinfo.ZoneInfo     | the datetime 2024-01-02 01:04:05 in Etc/UTC |
      | datetime.timezone     | the datetime 2024-01-02 01:04:05+00:00      |

  @DV17 @fact:numeric_keeps_precision
  Scenario Outline: A Decimal of 30 digits in a Numeric(30, 10) column
    SQLite has no decimal type: the NUMERIC column stores a REAL, a float of about 16
    significant digits, which SQLAlchemy turns back into a Decimal of the column's scale, so the
    digits past the 17th come back as other digits and the fraction as zeros. SQLAlchemy 2
    does not warn about it.

    Given the record "balance" exists with its amount set to the decimal 12345678901234567890.1234567890
    When I read record "balance"'s amount with a textual SELECT
    Then the value read is a <stored as>
    And a new session reads record "balance"'s amount as <read back>
    And SQLAlchemy did not warn

    Examples:
      | numeric_keeps_precision | stored as | read back                                   |
      | no                      | float     | the decimal 12345678901234567168.0000000000 |
      | yes                     | Decimal   | the decimal 12345678901234567890.1234567890 |

  @DV18 @fact:enum_storage @fact:enum_violation_error
  Scenario Outline: A string outside the Enum, set on a record and committed
    An Enum attribute takes a string as well as a member, and does not check it
    (validate_strings is off by default): the string reaches the database. PostgreSQL's native
    ENUM type and MariaDB's inline ENUM (in strict mode) refuse it; SQLite's VARCHAR stores it,
    and from then on every load of the record fails in SQLAlchemy's Enum with LookupError.

    Given the record "article" exists with its status set to Status.draft
    And record "article" is loaded
    And I set record "article"'s status to "bogus"
    When I try to commit the session
    Then <outcome>
    And the database holds <stored> in record "article"'s status
    And <loading>

    Examples:
      | enum_storage     | enum_violation_error | outcome                                                                    | stored  | loading                                                                                                             |
      | VARCHAR          | none                 | nothing was raised                                                         | "bogus" | a new session fails to load record "article" with LookupError saying "'bogus' is not among the defined enum values" |
      | native ENUM type | DataError            | a DataError was raised saying "invalid input value for enum status"        | "draft" | a new session reads record "article"'s status as Status.draft                                                       |
      | native ENUM type | DBAPIError           | a DBAPIError was raised saying "invalid input value for enum status"       | "draft" | a new session reads record "article"'s status as Status.draft                                                       |
      | native ENUM type | ProgrammingError     | a ProgrammingError was raised saying "invalid input value for enum status" | "draft" | a new session reads record "article"'s status as Status.draft                                                       |
      | inline ENUM      | DataError            | a DataError was raised saying "Data truncated for column 'status'"         | "draft" | a new session reads record "article"'s status as Status.draft                                                       |

  @DV19 @fact:native_uuid @fact:uuid_driver_type
  Scenario Outline: A Uuid read back with a textual SELECT, and by the ORM
    Without a UUID type (SQLite; MariaDB before 10.7, and every MariaDB with SQLAlchemy 2.0)
    Uuid is CHAR(32): raw SQL reads 32 hex digits without dashes. PostgreSQL's uuid comes from
    the driver as a UUID object: asyncpg's own subclass of uuid.UUID, which the ORM's Uuid hands
    on as it is. MariaDB's UUID type, which SQLAlchemy 2.1 uses from 10.7, reads as its text
    with dashes. The ORM gives a uuid.UUID everywhere else.

    Given the record "key" exists with its token set to the UUID 12345678-1234-5678-1234-567812345678
    When I read record "key"'s token with a textual SELECT
    Then the value read is <raw>
    And a new session reads record "key"'s token as <loaded>

    Examples:
      | uuid_driver_type             | raw                                                                                    | loaded                                                                                 |
      | none                         | "12345678123456781234567812345678"                                                     | the UUID 12345678-1234-5678-1234-567812345678                                          |
      | uuid.UUID                    | the UUID 12345678-1234-5678-1234-567812345678                                          | the UUID 12345678-1234-5678-1234-567812345678                                          |
      | asyncpg.pgproto.pgproto.UUID | an asyncpg.pgproto.pgproto.UUID equal to the UUID 12345678-1234-5678-1234-567812345678 | an asyncpg.pgproto.pgproto.UUID equal to the UUID 12345678-1234-5678-1234-567812345678 |
      | str                          | "12345678-1234-5678-1234-567812345678"                                                 | the UUID 12345678-1234-5678-1234-567812345678                                          |

  @DV20 @fact:json_decoded_by_driver
  Scenario Outline: A JSON column read back with a textual SELECT
    SQLite stores JSON as text, and MariaDB's JSON is an alias of LONGTEXT: raw SQL reads the
    text SQLAlchemy wrote. Every PostgreSQL driver here (psycopg, psycopg2, pg8000, asyncpg)
    decodes the json type itself, so raw SQL reads a dict. The ORM's JSON type gives the dict
    everywhere.

    Given the record "settings" exists with its doc set to the JSON {"tags": ["a", "b"], "n": 1}
    When I read record "settings"'s doc with a textual SELECT
    Then the value read is <raw>
    And a new session reads record "settings"'s doc as the JSON {"tags": ["a", "b"], "n": 1}

    Examples:
      | json_decoded_by_driver | raw                                        |
      | no                     | the JSON text {"tags": ["a", "b"], "n": 1} |
      | yes                    | the JSON {"tags": ["a", "b"], "n": 1}      |
