from pytest_bdd import scenarios

scenarios("cascade_delete_orphan.feature")
