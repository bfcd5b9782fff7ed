from pytest_bdd import scenarios

scenarios("error_messages.feature")
