"""Binds the feature file; run with ``pytest -p orm_spec.plugin``."""

from pytest_bdd import scenarios

scenarios("features/first_session.feature")
