"""The spec's Gherkin vocabulary, one module per subject.

Registered as pytest plugins by ``orm_spec.plugin`` so every feature module sees every step.
"""

pytest_plugins = [
    "orm_spec.steps.data",
    "orm_spec.steps.sessions",
    "orm_spec.steps.objects",
    "orm_spec.steps.queries",
    "orm_spec.steps.relationships",
    "orm_spec.steps.errors",
    "orm_spec.steps.sql",
    "orm_spec.steps.lifecycle",
    "orm_spec.steps.unit_of_work",
    "orm_spec.steps.expiry",
    "orm_spec.steps.merging",
    "orm_spec.steps.concurrency",
    "orm_spec.steps.events",
    "orm_spec.steps.loading",
    "orm_spec.steps.divergences",
    "orm_spec.steps.versions",
]
