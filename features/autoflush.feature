Feature: Autoflush
  Before a query runs, the session flushes pending changes so the query can find them. The seed
  tutorial turns this off (sessionmaker(autoflush=False)), and then a query does not see what was
  just added. It also bites the other way: a half-built object is flushed by an innocent query
  and fails a NOT NULL constraint.

  Background:
    Given the users Alice and Bob exist

  @AF1
  Scenario: With autoflush on, a query first flushes the pending object and finds it
    Given I add a new user Dave
    When I select all users ordered by name
    Then exactly 1 INSERT of users was emitted
    And the INSERT of users came before the SELECT of users
    And the users returned are Alice, Bob and Dave, in that order

  @AF2
  Scenario: With autoflush=False the same query does not see the pending object
    Given a session with autoflush=False
    And I add a new user Dave
    When I select all users ordered by name
    Then no INSERT was emitted
    And the users returned are Alice and Bob, in that order

  @AF3
  Scenario: Inside session.no_autoflush no flush happens
    Given I add a new user Dave
    When I select all users ordered by name inside session.no_autoflush
    Then no INSERT was emitted
    And the users returned are Alice and Bob, in that order

  @AF4
  Scenario: A lazy load flushes first too
    Given Alice is loaded
    And I add a new post "Draft" whose user_id is Alice's id
    When I read Alice's posts
    Then the INSERT of posts came before the SELECT of posts
    And the posts read are "Draft"
