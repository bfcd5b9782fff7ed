from pytest_bdd import scenarios

scenarios("sql_expressions.feature")
