from pytest_bdd import scenarios

scenarios("one_to_one.feature")
