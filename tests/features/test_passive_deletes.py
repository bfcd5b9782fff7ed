from pytest_bdd import scenarios

scenarios("passive_deletes.feature")
