from pytest_bdd import scenarios

scenarios("column_types.feature")
