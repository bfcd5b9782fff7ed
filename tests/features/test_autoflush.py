from pytest_bdd import scenarios

scenarios("autoflush.feature")
