from pytest_bdd import scenarios

scenarios("orm_dml.feature")
