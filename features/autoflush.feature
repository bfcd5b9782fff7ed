Feature: Autoflush
  Before a query runs, the session flushes pending changes so the query can find them. The seed
  tutorial turns this off (sessionmaker(autoflush=False)), and then a query does not see what was
  just added. It also bites the other way: a half-built object is flushed by an innocent query
  and fails a NOT NULL constraint, with the error raised by the query.

  Background:
    Given the users Alice and Bob exist

  @AF1
  Scenario: With autoflush on, a query first flushes the pending object and finds it
    Given I add a new user Dave
    When I select all users ordered by name
    Then exactly 1 INSERT of users was emitted
    And the INSERT of users came before the SELECT of users
    And the users returned are Alice, Bob and Dave, in that order

  @AF1
  Scenario: get() of a key not loaded yet autoflushes before its SELECT
    Given I add a new user Dave
    When I get the user with id 3 by primary key
    Then the INSERT of users came before the SELECT of users
    And the object returned is Dave

  @KB72 @sqla:9805
  Scenario: A select() FROM the users table that names User only in its WHERE autoflushes too
    Given I add a new user Dave
    When I count the rows of the users table whose name is "Dave" with a select() naming User only in its WHERE
    Then the INSERT of users came before the SELECT of users
    And the value read is 1

  @AF1 @fact:constraint_violation_error
  Scenario Outline: A query that autoflushes a half-built object raises the flush's error
    pg8000 raises its ProgrammingError for every server error but a duplicate key, and SQLAlchemy
    keeps the driver's class.

    Given I add a new user Dave without an email
    When I try to select all users ordered by name
    Then <error> was raised saying "raised as a result of Query-invoked autoflush"
    And no SELECT was emitted

    Examples:
      | constraint_violation_error | error              |
      | IntegrityError             | an IntegrityError  |
      | ProgrammingError           | a ProgrammingError |

  @AF2
  Scenario: With autoflush=False the same query does not see the pending object
    Given a session with autoflush=False
    And I add a new user Dave
    When I select all users ordered by name
    Then no INSERT was emitted
    And the users returned are Alice and Bob, in that order
    And Dave is pending

  @AF2
  Scenario: With autoflush=False an explicit flush makes the query see the object
    Given a session with autoflush=False
    And I add a new user Dave
    When I flush the session
    And I select all users ordered by name
    Then the users returned are Alice, Bob and Dave, in that order

  @AF3
  Scenario: Inside session.no_autoflush no flush happens
    Given I add a new user Dave
    When I select all users ordered by name inside session.no_autoflush
    Then no INSERT was emitted
    And the users returned are Alice and Bob, in that order

  @AF3
  Scenario: After the no_autoflush block the next query flushes again
    Given I add a new user Dave
    And I select all users ordered by name inside session.no_autoflush
    When I select all users ordered by name
    Then exactly 1 INSERT of users was emitted
    And the users returned are Alice, Bob and Dave, in that order

  @AF4 @api:sync
  Scenario: A lazy load flushes first too
    Given Alice is loaded
    And I add a new post "Draft" whose user_id is Alice's id
    When I read Alice's posts
    Then the INSERT of posts came before the SELECT of posts
    And the posts read are "Draft"

  @AF4 @AS1 @api:async
  Scenario: Under AsyncSession a lazy load that would autoflush raises instead
    The lazy load, and the flush it starts first, need IO that an attribute access cannot
    await: neither the INSERT nor the SELECT reaches the database. The error is the flush's,
    a bare MissingGreenlet with every driver (not the lazy load's own form), the session must
    be rolled back, and the failed flush has already made the pending post transient.

    Given Alice is loaded
    And I add a new post "Draft" whose user_id is Alice's id
    When I try to read Alice's posts
    Then a MissingGreenlet was raised
    And "Draft" is transient
    And no SQL was emitted
    And the session is not active

  @KB48 @sqla:12357
  Scenario: A query of one expression over several user attributes autoflushes the pending user
    select(User.name + " <" + User.email + ">") names the user class only through its
    attributes: it is an ORM statement all the same, and autoflush applies as for select(User).

    Given I add a new user Dave
    When I select the expression name + " <" + email + ">" of all users, sorted
    Then the INSERT of users came before the SELECT of users
    And the values read are ["Alice <alice@example.com>", "Bob <bob@example.com>", "Dave <dave@example.com>"]
