from pytest_bdd import scenarios

scenarios("polymorphic_relationships.feature")
