from pytest_bdd import scenarios

scenarios("expire_and_refresh.feature")
