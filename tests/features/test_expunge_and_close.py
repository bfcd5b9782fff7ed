from pytest_bdd import scenarios

scenarios("expunge_and_close.feature")
