from pytest_bdd import scenarios

scenarios("dataclass_mappings.feature")
