"""orm-spec: an executable specification of the SQLAlchemy ORM Session.

The path a scenario takes: ``backends`` provides a database, ``database`` turns it into an engine
with the schema in place, ``sql_capture`` records what the engine executes, ``world`` holds the
sessions and objects of one scenario, ``steps`` give the Gherkin vocabulary and ``plugin`` ties it
all into pytest.
"""
