Feature: A project of its own, on the installed orm-spec
  A team's own scenarios, written with orm-spec's vocabulary and run on its backends from an
  installed (not editable) orm-spec: .ci/run checks that the pytest plugin, the steps and the
  catalogue work outside the repository.

  Background:
    Given the users Alice and Bob exist

  @IM1
  Scenario: Two queries for the same row return the same Python object
    When I load Alice
    And I load Alice again
    Then the last two loads returned the same object
    And exactly 2 SELECTs of users were emitted
