from pytest_bdd import scenarios

scenarios("association_objects.feature")
