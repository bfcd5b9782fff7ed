Feature: Expunge and close
  expunge() takes one object out of the session, expunge_all() all of them, close() all of them
  and gives the connection back. A detached object keeps the values it had loaded but cannot load
  anything more, and no session tracks it: a change made to it is not flushed by the session it
  left, but it stays on the object and is flushed once the object is added to a session again.
  It bites in caches and in code that keeps objects after the request's session closed. A cache
  that pickles an object hands back a detached copy: what was loaded, its collections and the
  loader options it was loaded with come with it.

  Background:
    Given the users Alice and Bob exist, each with a first post

  @EP1
  Scenario: A change to an expunged object is not flushed by a later commit
    Given Alice is loaded
    And I expunge Alice
    And I set Alice's name to "Alicia"
    When I commit the session
    Then no UPDATE was emitted
    And a new session reads Alice's name as "Alice"
    And Alice's name is "Alicia"

  @EP2
  Scenario: expunge_all() empties the identity map
    Given Alice is loaded
    And Bob is loaded
    When I expunge all objects from the session
    Then the identity map is empty
    And Alice is detached
    And no SQL was emitted

  @EP2
  Scenario: expunge_all() makes pending objects transient
    Given I add a new user Dave
    When I expunge all objects from the session
    Then Dave is transient
    And session.new is empty

  @EP3
  Scenario: close() gives the connection back to the pool
    Given Alice is loaded
    When I close the session
    Then no connection is checked out of the pool
    And the identity map is empty

  @EP3
  Scenario: A closed session can be used again
    Given Alice is loaded
    And I close the session
    When I load Bob
    Then Bob is persistent
    And Bob belongs to the session

  @EP4
  Scenario: expunge() cascades to loaded posts ("all" includes expunge)
    Given Alice is loaded
    And Alice's posts are loaded
    When I expunge Alice
    Then "Alice's First Post" is detached

  @EP4
  Scenario: expunge() of a post leaves its author in the session
    The author relationship of Post has the default cascade, which does not include expunge.

    Given Alice is loaded
    And "Alice's First Post" is loaded
    When I expunge "Alice's First Post"
    Then "Alice's First Post" is detached
    And Alice is persistent

  @EP5
  Scenario: A relationship loaded before close stays readable on the detached object
    Given Alice is loaded
    And Alice's posts are loaded
    And I close the session
    When I read Alice's posts
    Then no SQL was emitted
    And the posts read are "Alice's First Post"

  @EP5 @LD7
  Scenario: A relationship not loaded before close raises DetachedInstanceError
    Given Alice is loaded
    And I close the session
    When I try to read Alice's posts
    Then a DetachedInstanceError was raised
    And no SQL was emitted

  @KB65 @sqla:10175
  Scenario: An unpickled user takes a new post into posts keyed by title, and the commit saves it
    user.posts is a dict of posts keyed by their titles (attribute_keyed_dict("title")). The
    copy's dict is instrumented as the original's was: a post put into it is a change the
    session it joins flushes.

    Given the model variant "posts as a dict keyed by title"
    And Alice is loaded with her posts
    And I close the session
    And I pickle and unpickle Alice
    When I put a new post "Alice's Second Post" into Alice's posts under its title
    And I add Alice
    And I commit the session
    Then a new session reads Alice's posts as a dict of "Alice's First Post" and "Alice's Second Post", each under its title

  @KB66 @sqla:13493
  Scenario: A user loaded with raiseload("*") unpickles in a process that has run no query yet
    A cache shared by processes: one loads Alice with raiseload("*") and pickles her, another
    reads the pickle before it has run any query of its own.

    Given I load Alice with raiseload("*")
    And I close the session
    When I try to pickle Alice and unpickle it as a new process would, before its first query
    Then nothing was raised
    And Alice is detached
    And Alice's name is "Alice"

  @KB67 @sqla:13574
  Scenario: A user loaded with raiseload("*") is pickled again after unpickling, without a warning, the option kept
    Given I load Alice with raiseload("*")
    And I close the session
    When I pickle and unpickle Alice twice
    And I add Alice
    And I try to read Alice's posts
    Then SQLAlchemy did not warn
    And an InvalidRequestError was raised saying "'User.posts' is not available due to lazy='raise'"
    And no SQL was emitted
