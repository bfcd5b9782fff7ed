from pytest_bdd import scenarios

scenarios("relationship_configuration.feature")
