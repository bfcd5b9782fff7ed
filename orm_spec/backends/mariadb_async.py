"""MariaDB through asyncmy, driven with AsyncSession, on the ``mariadb`` backend's database
(the same container, or ``ORM_SPEC_MARIADB_URL`` with the driver swapped)."""

from __future__ import annotations

from orm_spec.backends.mariadb import MariaDB, MariaDBFacts


class MariaDBAsyncFacts(MariaDBFacts):
    # asyncmy fails opening its cursor, which SQLAlchemy wraps (2.0 as 2.1).
    implicit_io_error = "StatementError wrapping MissingGreenlet"


class MariaDBAsync(MariaDB):
    name = "mariadb_async"
    title = "MariaDB (async)"
    facts = MariaDBAsyncFacts
    dialect = "mysql+asyncmy"
    api = "async"
    driver_module = "asyncmy"
