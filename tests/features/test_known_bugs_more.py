from pytest_bdd import scenarios

scenarios("known_bugs_more.feature")
