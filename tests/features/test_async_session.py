from pytest_bdd import scenarios

scenarios("async_session.feature")
