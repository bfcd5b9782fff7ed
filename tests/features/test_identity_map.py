from pytest_bdd import scenarios

scenarios("identity_map.feature")
