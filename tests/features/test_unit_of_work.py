from pytest_bdd import scenarios

scenarios("unit_of_work.feature")
