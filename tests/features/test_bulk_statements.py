from pytest_bdd import scenarios

scenarios("bulk_statements.feature")
