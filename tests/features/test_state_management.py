from pytest_bdd import scenarios

scenarios("state_management.feature")
