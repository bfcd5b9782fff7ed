from pytest_bdd import scenarios

scenarios("flush_events.feature")
