from pytest_bdd import scenarios

scenarios("loader_options.feature")
