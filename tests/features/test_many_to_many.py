from pytest_bdd import scenarios

scenarios("many_to_many.feature")
