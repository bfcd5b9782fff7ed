from pytest_bdd import scenarios

scenarios("scoped_session.feature")
