from pytest_bdd import scenarios

scenarios("transactions_rollback.feature")
