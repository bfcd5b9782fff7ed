from pytest_bdd import scenarios

scenarios("crud_walkthrough.feature")
