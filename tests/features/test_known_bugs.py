from pytest_bdd import scenarios

scenarios("known_bugs.feature")
