from pytest_bdd import scenarios

scenarios("upserts.feature")
