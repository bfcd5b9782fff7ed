"""The spec's Gherkin vocabulary: the kit (``kit``), the typed placeholders (``grammar``) and
one module per subject, named for what its phrases talk about. Every step line matches exactly
one definition, so the order of this list does not matter; ``tests/unit/test_vocabulary.py``
proves it for every feature file.

The shared basics most scenarios use: ``configuration`` (the mapping), ``rows`` (the seed),
``sessions``, ``objects``, ``queries``, ``sql`` (every SQL Then step) and ``errors``.
The subjects: ``relationships``, ``tags``, ``comments``, ``loading``,
``mutation``, ``types``, ``dml``, ``transactions``, ``connections``, ``session_factory``,
``identity``, ``events``, ``async_api`` and ``inheritance``.

Registered as pytest plugins by ``orm_spec.plugin``: the kit's hooks and the subjects' fixtures
(``event_recorder``, ``scoped_registry``, ...) become visible to every feature module.
"""

pytest_plugins = [
    "orm_spec.steps.kit",
    "orm_spec.steps.grammar",
    # the shared basics
    "orm_spec.steps.configuration",
    "orm_spec.steps.rows",
    "orm_spec.steps.sessions",
    "orm_spec.steps.objects",
    "orm_spec.steps.queries",
    "orm_spec.steps.sql",
    "orm_spec.steps.errors",
    # the subjects
    "orm_spec.steps.relationships",
    "orm_spec.steps.tags",
    "orm_spec.steps.comments",
    "orm_spec.steps.loading",
    "orm_spec.steps.mutation",
    "orm_spec.steps.types",
    "orm_spec.steps.dml",
    "orm_spec.steps.transactions",
    "orm_spec.steps.connections",
    "orm_spec.steps.session_factory",
    "orm_spec.steps.identity",
    "orm_spec.steps.events",
    "orm_spec.steps.async_api",
    "orm_spec.steps.inheritance",
    "orm_spec.steps.polymorphic_targets",
]
