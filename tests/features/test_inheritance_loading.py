from pytest_bdd import scenarios

scenarios("inheritance_loading.feature")
