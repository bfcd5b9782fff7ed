"""The spec's Gherkin vocabulary: the kit (``kit``), the typed placeholders (``grammar``) and
one module per subject. Every step line matches exactly one definition, so the order of this
list does not matter; ``tests/unit/test_vocabulary.py`` proves it for every feature file.

Registered as pytest plugins by ``orm_spec.plugin``: the kit's hooks and the subjects' fixtures
(``event_log``, ``scoped_registry``, ...) become visible to every feature module.
"""

pytest_plugins = [
    "orm_spec.steps.kit",
    "orm_spec.steps.grammar",
    "orm_spec.steps.configuration",
    "orm_spec.steps.rows",
    "orm_spec.steps.sessions",
    "orm_spec.steps.objects",
    "orm_spec.steps.queries",
    "orm_spec.steps.relationships",
    "orm_spec.steps.dml",
    "orm_spec.steps.transactions",
    "orm_spec.steps.events",
    "orm_spec.steps.sql",
    "orm_spec.steps.errors",
    "orm_spec.steps.async_api",
    "orm_spec.steps.relationship_patterns",
    "orm_spec.steps.session_api",
    "orm_spec.steps.columns",
    "orm_spec.steps.types",
]
