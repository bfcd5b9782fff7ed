from pytest_bdd import scenarios

scenarios("lazy_loading.feature")
