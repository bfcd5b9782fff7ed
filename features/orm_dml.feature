Feature: ORM-enabled INSERT, UPDATE and DELETE statements
  session.execute(insert(User), [...]), update(User) and delete(User) write many rows with one
  statement and without building objects. They are not the unit of work: they do not cascade,
  run no flush or mapper events, and only touch the objects already loaded as far as
  synchronize_session makes them. What each strategy does to a loaded object, and the SQL it
  adds, is where they bite: a loaded object showing a value the row no longer has, a SELECT
  nobody expected on MariaDB, an error from a WHERE clause Python cannot evaluate.
  Seen with SQLite 3.40, PostgreSQL 15 and MariaDB 10.11.

  Background:
    Given the users Alice and Bob exist

  Rule: ORM bulk INSERT with a list of dictionaries

    @DM1 @fact:bulk_insert_as_one_multirow_insert
    Scenario Outline: A bulk INSERT is one statement for every row and builds no objects
      With most drivers that statement is an executemany() of a one-row INSERT. psycopg2's
      dialect (executemany_mode "values_plus_batch") writes the rows into one INSERT with a
      multi-row VALUES clause instead and executes it once, with one parameter set.

      When I bulk insert the users Dave, Erin and Frank
      Then exactly 1 INSERT of users was emitted
      And the INSERT of users contained "INSERT INTO users (name, email, is_active, created_at) VALUES"
      And the INSERT of users <sent>
      And the identity map is empty

      Examples:
        | bulk_insert_as_one_multirow_insert | sent                                                   |
        | no                                 | was sent once with 3 parameter sets                    |
        | yes                                | was sent once as one multi-row VALUES clause of 3 rows |

    @DM1
    Scenario: The rows of a bulk INSERT become objects only when a query reads them
      Given I bulk insert the users Dave
      When I select all users ordered by name
      Then the users returned are Alice, Bob and Dave, in that order
      And exactly 1 SELECT of users was emitted
      And the identity map holds 3 objects

    @DM1 @fact:single_row_insert_key_from
    Scenario Outline: A bulk INSERT of one row is a plain execute(); PostgreSQL fetches the new key with RETURNING
      PostgreSQL's drivers have no lastrowid, so a single row's INSERT asks for its key with
      RETURNING; SQLite and MariaDB read the driver's lastrowid. Several rows (executemany)
      fetch no keys anywhere.

      When I bulk insert the users Dave
      Then exactly 1 INSERT of users was emitted
      And the INSERT of users <returning> id with RETURNING

      Examples:
        | single_row_insert_key_from | returning      |
        | lastrowid                  | did not return |
        | RETURNING                  | returned       |

    @DM2
    Scenario: A bulk INSERT computes the Python-side defaults of the columns a row leaves out
      The rows give name and email only; is_active (default=True) and created_at
      (default=datetime.now) are in the INSERT all the same, as in a flush.

      When I bulk insert the users Dave and Erin
      And I commit the session
      Then exactly 1 INSERT of users was emitted
      And the INSERT of users contained "INSERT INTO users (name, email, is_active, created_at) VALUES"
      And a new session reads Dave's is_active as True

    @DM3
    Scenario: A None in a row leaves its column out, so the column default applies instead of NULL
      Erin's None is dropped from her row and the column's Python default fills the gap: she
      is active. Her row's keys now differ from her neighbours', so the batch splits in three.

      When I bulk insert the users Dave whose is_active is False, Erin whose is_active is None and Frank whose is_active is False
      And I commit the session
      Then exactly 3 INSERTs of users were emitted
      And a new session reads Erin's is_active as True
      And a new session reads Frank's is_active as False

    @DM3 @fact:bulk_insert_as_one_multirow_insert @fact:constraint_violation_error
    Scenario Outline: With render_nulls=True the None is sent as NULL and the NOT NULL column refuses it
      pg8000 reports the NOT NULL violation as ProgrammingError, the class it raises for every
      server error but a duplicate key.

      When I try to bulk insert the users Dave whose is_active is False, Erin whose is_active is None and Frank whose is_active is False with render_nulls=True
      Then <error> was raised
      And the INSERT of users <sent>

      Examples:
        | bulk_insert_as_one_multirow_insert | constraint_violation_error | error              | sent                                                   |
        | no                                 | IntegrityError             | an IntegrityError  | was sent once with 3 parameter sets                    |
        | yes                                | IntegrityError             | an IntegrityError  | was sent once as one multi-row VALUES clause of 3 rows |
        | no                                 | ProgrammingError           | a ProgrammingError | was sent once with 3 parameter sets                    |

    @DM4
    Scenario: Rows with different keys are sent as one INSERT per run of rows with the same keys
      Dave's and Erin's rows have the keys name and email, Frank's also is_active: two INSERTs,
      the first an executemany() of two rows.

      When I bulk insert the users Dave, Erin and Frank whose is_active is False
      And I commit the session
      Then exactly 2 INSERTs of users were emitted
      And a new session reads Erin's is_active as True
      And a new session reads Frank's is_active as False

    @DM5
    Scenario: A relationship key in a bulk INSERT row is ignored, without an error or a warning
      Only column attributes are written: the post given under the "posts" key is dropped.

      When I bulk insert the user Dave with the key posts holding a new post "Dave's Post"
      And I commit the session
      Then SQLAlchemy did not warn
      And exactly 1 INSERT of users was emitted
      And no INSERT of posts was emitted
      And the database holds the users Alice, Bob and Dave
      And the database holds no posts

    @DM6
    Scenario: insert().returning(User) hands back the new rows as persistent objects
      When I bulk insert the users Dave and Erin returning the users
      Then the users returned are Dave and Erin
      And Dave is persistent
      And Dave's is_active is True
      And the identity map holds 2 objects

    @DM6
    Scenario: The objects a bulk INSERT returned are in the identity map: get() emits no SQL
      Given I bulk insert the users Dave returning the users
      When I get Dave by primary key
      Then no SQL was emitted
      And the object returned is Dave

    @KB37 @sqla:11855
    Scenario: insert().returning(Post) with loader options carrying criteria loads with each run's own values, also from a cached INSERT
      The second INSERT is the first one built anew with another post, author and pattern: it
      comes from the compiled cache, and the SELECT of the author's posts binds "%Second%".

      Given Alice has written the post "Alice's First Post"
      And Bob has written the post "Bob's First Post"
      And I insert the post "Alice's Second Post" by Alice with insert(Post).returning(Post) and selectinload(author).selectinload(posts.and_(title.like("%First%")))
      When I insert the post "Bob's Second Post" by Bob with insert(Post).returning(Post) and selectinload(author).selectinload(posts.and_(title.like("%Second%")))
      And I read Bob's posts
      Then the posts read are "Bob's Second Post"
      And the posts returned are "Bob's Second Post"

    @DM7
    Scenario: Without sort_by_parameter_order every backend sends one multi-row INSERT with RETURNING
      When I bulk insert the users Dave, Erin and Frank returning the users
      Then exactly 1 INSERT of users was emitted
      And the INSERT of users returned id with RETURNING
      And the users returned are Dave, Erin and Frank

    @DM7 @fact:many_rows_in_one_insert
    Scenario Outline: sort_by_parameter_order returns the rows in the order of the parameters
      SQLite does not promise that RETURNING rows come back in VALUES order, so SQLAlchemy sends
      one INSERT per row there; PostgreSQL and MariaDB keep one statement.

      When I bulk insert the users Dave, Erin and Frank returning the users sorted by parameter order
      Then exactly <inserts> emitted
      And the users returned are Dave, Erin and Frank, in that order

      Examples:
        | many_rows_in_one_insert | inserts                 |
        | no                      | 3 INSERTs of users were |
        | yes                     | 1 INSERT of users was   |

    @DM8 @fact:bulk_insert_as_one_multirow_insert
    Scenario Outline: Values given to insert().values() apply to every row of a bulk INSERT
      When I bulk insert the users Dave and Erin setting is_active to False for every row
      And I commit the session
      Then the INSERT of users <sent>
      And a new session reads Dave's is_active as False
      And a new session reads Erin's is_active as False

      Examples:
        | bulk_insert_as_one_multirow_insert | sent                                                   |
        | no                                 | was sent once with 2 parameter sets                    |
        | yes                                | was sent once as one multi-row VALUES clause of 2 rows |

    @DM9
    Scenario: Rows given to insert().values() make one INSERT with a multi-row VALUES clause
      No list of parameters goes to execute(), so this is not bulk mode: the statement is sent
      as it is, once, with every row inlined.

      When I insert the users Dave and Erin with one multi-row VALUES clause
      And I commit the session
      Then the SQL emitted was:
        """
        INSERT INTO users (name, email, is_active, created_at) VALUES (?, ?, ?, ?), (?, ?, ?, ?)
        """
      And the database holds the users Alice, Bob, Dave and Erin

    @DM10
    Scenario: A bulk INSERT flushes the session's pending objects first
      Given I add a new user Carol
      When I bulk insert the users Dave
      Then exactly 2 INSERTs of users were emitted
      And Carol is persistent

  Rule: UPDATE and DELETE with a WHERE clause

    @DM11
    Scenario: An ORM UPDATE with a WHERE clause is one UPDATE; its rowcount is the rows matched
      When I bulk update the users named Alice setting name to "Alicia"
      And I commit the session
      Then the SQL emitted was:
        """
        UPDATE users SET name=? WHERE users.name = ?
        """
      And the bulk statement's rowcount is 1
      And a new session reads Alice's name as "Alicia"

    @DM11
    Scenario: An UPDATE that matches no row has rowcount 0 and raises nothing
      When I bulk update the users named Zoe setting name to "Zed"
      Then the bulk statement's rowcount is 0
      And exactly 1 UPDATE of users was emitted

    @DM12
    Scenario: The default "auto" evaluates a simple WHERE clause in Python, with no RETURNING and no SELECT
      SQLAlchemy's guide says "auto" uses "fetch" on backends with RETURNING; it tries
      "evaluate" first and only falls back to "fetch" for a WHERE clause it cannot evaluate.

      Given Alice is loaded
      When I bulk update the users named Alice setting name to "Alicia"
      Then the SQL emitted was:
        """
        UPDATE users SET name=? WHERE users.name = ?
        """
      And Alice's name is "Alicia"
      And Alice is not modified

    @DM13
    Scenario: "evaluate" computes a SET expression that Python can compute
      Given Alice is loaded
      When I bulk update the users named Alice setting name to its value followed by "!" with synchronize_session=evaluate
      Then Alice's name is "Alice!"
      And no attribute of Alice is expired
      And no SELECT was emitted

    @DM13
    Scenario: "evaluate" expires an attribute whose SET expression Python cannot compute
      Given Alice is loaded
      When I bulk update the users named Alice setting name to its upper-cased value with synchronize_session=evaluate
      Then the expired attributes of Alice are name
      And no SELECT was emitted
      When I refresh Alice's name
      Then Alice's name is "ALICE"

    @DM14
    Scenario: "evaluate" refuses a WHERE clause it cannot compute in Python, before sending anything
      Given Alice is loaded
      When I try to bulk update the users whose lower-cased name is "alice" setting name to "Alicia" with synchronize_session=evaluate
      Then an InvalidRequestError was raised whose message is:
        """
        Could not evaluate current criteria in Python: "Cannot evaluate Function". Specify
        'fetch' or False for the synchronize_session execution option.
        """
      And no SQL was emitted
      And Alice's name is "Alice"

    @DM14
    Scenario: "evaluate" refuses such a WHERE clause for a DELETE too
      When I try to bulk delete the users whose lower-cased name is "bob" with synchronize_session=evaluate
      Then an InvalidRequestError was raised saying "Could not evaluate current criteria in Python"
      And no SQL was emitted

    @DM15 @fact:update_returning
    Scenario Outline: "auto" falls back to "fetch" for a WHERE clause Python cannot evaluate
      Where UPDATE has no RETURNING (MariaDB), "fetch" selects the keys of the matching rows
      before the UPDATE.

      Given Alice is loaded
      When I bulk update the users whose lower-cased name is "alice" setting name to "Alicia"
      Then the statements emitted were <statements>
      And the UPDATE of users <returning>
      And Alice's name is "Alicia"
      And Alice is not modified

      Examples:
        | update_returning | statements                                | returning                  |
        | yes              | an UPDATE of users                        | returned id with RETURNING |
        | no               | a SELECT of users then an UPDATE of users | had no RETURNING clause    |

    @DM16 @fact:update_returning
    Scenario Outline: "fetch" learns the updated rows with RETURNING, or by a SELECT before the UPDATE
      Given Alice is loaded
      When I bulk update the users named Alice setting name to "Alicia" with synchronize_session=fetch
      Then the statements emitted were <statements>
      And the UPDATE of users <returning>
      And the bulk statement's rowcount is 1
      And Alice's name is "Alicia"

      Examples:
        | update_returning | statements                                | returning                  |
        | yes              | an UPDATE of users                        | returned id with RETURNING |
        | no               | a SELECT of users then an UPDATE of users | had no RETURNING clause    |

    @DM17
    Scenario: With synchronize_session=False the UPDATE is sent alone and the loaded object stays stale
      Given Alice is loaded
      When I bulk update the users named Alice setting name to "Alicia" with synchronize_session=False
      Then the SQL emitted was:
        """
        UPDATE users SET name=? WHERE users.name = ?
        """
      And Alice's name is "Alice"
      When I refresh Alice
      Then Alice's name is "Alicia"

    @DM18
    Scenario: "evaluate" skips an expired object and loads nothing for it
      SQLAlchemy's guide warns that "evaluate" refreshes expired objects with a SELECT each; it
      leaves a wholly expired object alone, and the next read loads the new values.

      Given Alice is loaded
      And I expire Alice
      When I bulk update the users named Alice setting is_active to False with synchronize_session=evaluate
      Then the SQL emitted was:
        """
        UPDATE users SET is_active=? WHERE users.name = ?
        """
      And every attribute of Alice is expired
      When I refresh Alice
      Then Alice's is_active is False

    @DM19
    Scenario Outline: "evaluate" and an object whose WHERE attribute is expired: given the SET values even where the WHERE does not match, or expired (2.0.59)
      Bob's name is expired, so Python cannot tell whether name = 'Alice' holds for him. The
      evaluator counts him as matched and sets is_active False on him too: his row is not
      touched and nothing is flushed for him, but he shows the wrong value until he is expired.
      2.0.59 expires him instead, as a DELETE always did, and the next read loads his row; 2.1.9,
      the latest 2.1 release, still sets the values.

      Given Alice is loaded
      And Bob is loaded
      And I expire Bob's name
      When I bulk update the users named Alice setting is_active to False with synchronize_session=evaluate
      Then the SQL emitted was:
        """
        UPDATE users SET is_active=? WHERE users.name = ?
        """
      And <bob after the update>
      And Bob is not modified
      When I commit the session
      Then a new session reads Bob's is_active as True

      Examples:
        | sqlalchemy     | bob after the update              |
        | <2.0.59        | Bob's is_active is False          |
        | >=2.0.59,<2.1  | every attribute of Bob is expired |
        | 2.1            | Bob's is_active is False          |

    @DM19
    Scenario: For a DELETE, "evaluate" expires such an object instead of deleting it
      Given Alice is loaded
      And Bob is loaded
      And I expire Bob's name
      When I bulk delete the users named Alice with synchronize_session=evaluate
      Then Bob is persistent
      And every attribute of Bob is expired
      And Alice is deleted

    @DM20
    Scenario Outline: A bulk DELETE moves the matching loaded object to the deleted state
      "auto" and "evaluate" find Bob in the identity map by the WHERE clause, "fetch" by the key
      the DELETE returned; no strategy selects anything.

      Given Bob is loaded
      When I bulk delete the users named Bob with synchronize_session=<strategy>
      Then Bob is deleted
      And Bob is not in the session
      And the bulk statement's rowcount is 1
      And the DELETE of users <returning>
      And no SELECT was emitted

      Examples:
        | strategy | returning                  |
        | auto     | had no RETURNING clause    |
        | evaluate | had no RETURNING clause    |
        | fetch    | returned id with RETURNING |

    @DM20
    Scenario: After the commit the bulk-deleted object is detached and marked was_deleted
      Given Bob is loaded
      And I bulk delete the users named Bob
      When I commit the session
      Then Bob is detached
      And Bob was deleted
      And a new session does not find Bob

    @DM21 @fact:delete_returning
    Scenario Outline: A DELETE synchronized by "fetch" learns the deleted keys with DELETE ... RETURNING on every backend
      MariaDB has RETURNING for DELETE (not for UPDATE), so no SELECT is needed anywhere.

      Given Bob is loaded
      When I bulk delete the users <which> with synchronize_session=<strategy>
      Then the DELETE of users returned id with RETURNING
      And no SELECT was emitted
      And Bob is deleted

      Examples:
        | which                           | strategy |
        | named Bob                       | fetch    |
        | whose lower-cased name is "bob" | auto     |

    @DM22
    Scenario: With synchronize_session=False a bulk-deleted object stays persistent in the session
      Given Bob is loaded
      When I bulk delete the users named Bob with synchronize_session=False
      Then the SQL emitted was:
        """
        DELETE FROM users WHERE users.name = ?
        """
      And Bob is persistent
      And Bob is in the session
      When I try to refresh Bob
      Then an InvalidRequestError was raised saying "Could not refresh instance"

  Rule: Core statements run through the session

    @KB84 @sqla:10098
    Scenario: A Core update() whose WHERE embeds a legacy Query of no ORM entity updates the row it picks
      When I execute a Core update() of the users table setting name to "Robert" where id is session.query(func.max(users.c.id)).scalar_subquery()
      And I commit the session
      Then the database holds "Robert" in Bob's name
      And the database holds "Alice" in Alice's name

  Rule: RETURNING from UPDATE and DELETE

    @DM23 @fact:update_returning
    Scenario Outline: update().returning(User) hands back the loaded object itself, updated
      MariaDB has no UPDATE ... RETURNING: SQLAlchemy sends the clause all the same and the
      server refuses it as a syntax error; the session stays usable.

      Given Alice is loaded
      When I try to bulk update the users named Alice setting name to "Alicia" returning the users
      Then <outcome>
      And <returned>
      And Alice's name is <name>

      Examples:
        | update_returning | outcome                       | returned                                | name     |
        | yes              | nothing was raised            | the users returned include Alice itself | "Alicia" |
        | no               | a ProgrammingError was raised | the session is active                   | "Alice"  |

    @KB5 @sqla:11912 @fact:update_returning
    Scenario Outline: update().returning(User) with populate_existing refreshes the loaded object from the returned row
      The RETURNING row overwrites every attribute of the object already in the session, also the
      ones the UPDATE did not set: here an email changed by an UPDATE the session did not apply.
      MariaDB has no UPDATE ... RETURNING (see DM23).

      Given Alice is loaded
      And I bulk update the users named Alice setting email to "ally@example.com" with synchronize_session=False
      When I try to bulk update the users named Alice setting name to "Alicia" returning the users with populate_existing
      Then <outcome>
      And Alice's name is <name>
      And Alice's email is <email>

      Examples:
        | update_returning | outcome                                 | name     | email               |
        | yes              | the users returned include Alice itself | "Alicia" | "ally@example.com"  |
        | no               | a ProgrammingError was raised           | "Alice"  | "alice@example.com" |

    @KB79 @sqla:10776 @fact:update_returning
    Scenario Outline: update().returning() of a Bundle hands back the bundles of the updated rows
      MariaDB has no UPDATE ... RETURNING (see DM23).

      When I try to bulk update the users named Alice setting name to "Alicia" returning Bundle("user", User.id, User.name)
      Then <outcome>
      And <returned>

      Examples:
        | update_returning | outcome                       | returned                       |
        | yes              | nothing was raised            | the values read are ["Alicia"] |
        | no               | a ProgrammingError was raised | the session is active          |

    @DM24
    Scenario: delete().returning(User) hands back a new persistent object, not the loaded one
      The loaded Bob is synchronized to the deleted state; the row RETURNING sent back is loaded
      as another object, persistent in the session although its row is gone.

      Given Bob is loaded
      When I bulk delete the users named Bob returning the users
      Then the users returned are Bob
      And the users returned do not include Bob itself
      And the user returned is persistent
      And the user returned is in the session
      And Bob is deleted

    @DM24
    Scenario: With nothing loaded, delete().returning(User) puts the deleted row in the identity map
      When I bulk delete the users named Bob returning the users
      Then the user returned is persistent
      And the identity map holds 1 object
      And the DELETE of users returned id, name, email, is_active and created_at with RETURNING

  Rule: Bulk UPDATE by primary key

    @DM25
    Scenario: A list of dictionaries with primary keys is one executemany() UPDATE that also updates loaded objects
      Given Alice is loaded
      When I bulk update by primary key: Alice's name to "Alicia" and Bob's name to "Robert"
      Then the SQL emitted was:
        """
        UPDATE users SET name=? WHERE users.id = ?
        """
      And the UPDATE of users was sent once with 2 parameter sets
      And Alice's name is "Alicia"
      And Alice is not modified

    @DM25
    Scenario: A bulk UPDATE by primary key with synchronize_session=False leaves loaded objects stale
      Given Alice is loaded
      When I bulk update by primary key: Alice's name to "Alicia" with synchronize_session=False
      Then Alice's name is "Alice"
      And exactly 1 UPDATE of users was emitted

    @DM26
    Scenario: A bulk UPDATE by primary key refuses the "fetch" strategy
      When I try to bulk update by primary key: Alice's name to "Alicia" with synchronize_session=fetch
      Then an InvalidRequestError was raised saying "The 'fetch' synchronization strategy is not available for 'bulk' ORM updates (i.e. multiple parameter sets)"
      And no SQL was emitted

    @DM26
    Scenario: A bulk UPDATE by primary key refuses a row without its primary key
      When I try to bulk update by primary key a row without an id setting name to "Nobody"
      Then an InvalidRequestError was raised saying "No primary key value supplied for column(s) users.id; per-row ORM Bulk UPDATE by Primary Key requires that records contain primary key values"
      And no SQL was emitted

    @DM26 @KB52 @sqla:9917
    Scenario: A bulk UPDATE by primary key with a WHERE clause still refuses a row without its primary key
      The WHERE clause narrows what each row's primary key picks; it does not stand in for it.
      (With a WHERE clause SQLAlchemy cannot synchronize loaded objects: it asks for
      synchronize_session=False.)

      When I try to bulk update by primary key, where the users are named Alice, a row without an id setting name to "Alicia" with synchronize_session=False
      Then an InvalidRequestError was raised saying "No primary key value supplied for column(s) users.id; per-row ORM Bulk UPDATE by Primary Key requires that records contain primary key values"
      And no SQL was emitted
      And a new session reads Alice's name as "Alice"

    @DM27
    Scenario: Rows that set different columns are sent as one UPDATE per set of columns
      When I bulk update by primary key: Alice's name to "Alicia" and Bob's email to "rob@example.com"
      And I commit the session
      Then exactly 2 UPDATEs of users were emitted
      And a new session reads Alice's name as "Alicia"
      And a new session reads Bob's email as "rob@example.com"

  Rule: What ORM-enabled statements do not do that the unit of work does

    @DM28
    Scenario: An ORM UPDATE flushes the session's pending objects first
      Given I add a new user Carol
      When I bulk update the users named Carol setting name to "Caroline"
      Then the INSERT of users came before the UPDATE of users
      And the bulk statement's rowcount is 1

    @DM29
    Scenario: ORM-enabled INSERT, UPDATE and DELETE run do_orm_execute, but no flush or mapper events
      Given listeners that record do_orm_execute, before_flush and the user mapper's events
      When I bulk update the users named Alice setting name to "Alicia"
      And I bulk delete the users named Bob
      And I bulk insert the users Dave
      Then the events seen were do_orm_execute, do_orm_execute, do_orm_execute

    @DM29
    Scenario: The same kind of change made on a loaded object and flushed runs the flush and mapper events
      Given Alice is loaded
      And listeners that record do_orm_execute, before_flush and the user mapper's events
      When I set Alice's name to "Alicia"
      And I flush the session
      Then the events seen were before_flush, before_update

    @DM30
    Scenario: A bulk DELETE of posts leaves them in a loaded user's posts collection
      The deleted post moves to the deleted state, but Alice's loaded collection still holds it
      until the collection is loaded again.

      Given Alice has written the post "Hello"
      And Alice is loaded
      And Alice's posts are loaded
      When I bulk delete the posts of Alice
      Then "Hello" is deleted
      When I read Alice's posts
      Then the posts read are "Hello"

    @DM30
    Scenario: Loading the collection again after a bulk DELETE of posts finds none
      Given Alice has written the post "Hello"
      And Alice is loaded
      And Alice's posts are loaded
      When I bulk delete the posts of Alice
      And I refresh Alice's posts
      And I read Alice's posts
      Then the posts read are none

    @DM31
    Scenario: with_loader_criteria limits both the UPDATE and the objects it synchronizes
      Given Alice is loaded
      And Bob is loaded
      When I bulk update every user setting is_active to False with loader criteria limiting it to Bob
      Then the SQL emitted was:
        """
        UPDATE users SET is_active=? WHERE users.name = ?
        """
      And the bulk statement's rowcount is 1
      And Bob's is_active is False
      And Alice's is_active is True
