"""Loads the orm-spec pytest plugin: backends, isolation and the step vocabulary."""

import pytest

# Before the plugin is imported, so the asserts in its step modules report their operands.
pytest.register_assert_rewrite("orm_spec")

pytest_plugins = ["orm_spec.plugin"]
