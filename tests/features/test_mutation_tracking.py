from pytest_bdd import scenarios

scenarios("mutation_tracking.feature")
