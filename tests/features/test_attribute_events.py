from pytest_bdd import scenarios

scenarios("attribute_events.feature")
