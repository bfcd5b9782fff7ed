from pytest_bdd import scenarios

scenarios("merge.feature")
