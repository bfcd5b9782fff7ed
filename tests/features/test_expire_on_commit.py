from pytest_bdd import scenarios

scenarios("expire_on_commit.feature")
