from pytest_bdd import scenarios

scenarios("version_differences.feature")
