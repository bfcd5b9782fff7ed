from pytest_bdd import scenarios

scenarios("object_states.feature")
