from pytest_bdd import scenarios

scenarios("connections_and_binds.feature")
