from pytest_bdd import scenarios

scenarios("backend_divergences.feature")
