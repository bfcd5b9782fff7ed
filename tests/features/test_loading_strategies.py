from pytest_bdd import scenarios

scenarios("loading_strategies.feature")
