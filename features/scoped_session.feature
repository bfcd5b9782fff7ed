@api:sync
Feature: scoped_session
  A scoped_session is a registry that hands out one session per thread: web frameworks use it so
  that every function in a request sees the same session. It bites when a thread expects to share
  objects with another, or when a session is never removed and a thread keeps its objects (and a
  connection) from one request to the next. Sync only: asyncio code uses async_scoped_session,
  keyed by task (async_session.feature).

  Background:
    Given the user Alice exists
    And a scoped_session registry

  @SC1
  Scenario: Two calls in one thread return the same session
    Given I call the registry
    When I call the registry again
    Then the last two calls returned the same session

  @SC1
  Scenario: A call in another thread returns a different session
    Given I call the registry
    When I call the registry in another thread
    Then the last two calls returned different sessions

  @SC2
  Scenario: remove() closes the current session and the next call makes a new one
    Given Alice is loaded through the registry
    When I remove the registry's session
    And I call the registry again
    Then the last two calls returned different sessions
    And Alice is detached
