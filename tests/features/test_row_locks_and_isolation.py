from pytest_bdd import scenarios

scenarios("row_locks_and_isolation.feature")
