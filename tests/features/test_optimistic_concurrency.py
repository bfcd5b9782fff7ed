from pytest_bdd import scenarios

scenarios("optimistic_concurrency.feature")
