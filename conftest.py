"""Loads the orm-spec pytest plugin: backends, isolation and the step vocabulary."""

import pytest

# Before the plugin is imported, so the asserts in its step modules report their operands. Only
# the modules that assert: rewriting parses and walks a module's whole tree in Python, every
# process, for each module it is asked to (no bytecode is cached where PYTHONDONTWRITEBYTECODE
# is set), and the harness's other modules hold no assert statement.
pytest.register_assert_rewrite("orm_spec.steps", "orm_spec.plugin")

pytest_plugins = ["orm_spec.plugin"]
