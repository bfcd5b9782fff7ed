"""MariaDB through MariaDB Connector/Python (the ``mariadb`` package), the C driver MariaDB
itself publishes, built on libmariadb, on the ``mariadb`` backend's server."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, Engine

from orm_spec.backends.base import ProvidedDatabase
from orm_spec.backends.mariadb import MariaDB, MariaDBFacts

_CLOSED: list[Any] = []
"""The DBAPI connections the pool closed, kept alive (see prepare_engine)."""


class MariaDBMariadbconnectorFacts(MariaDBFacts):
    # yield_per gets an unbuffered cursor (cursor(buffered=False)), which libmariadb will not
    # leave for another query, as with mysqlclient; this driver reports its client error 2014
    # as InterfaceError.
    yield_per_survives_another_query = "the driver refuses the other query"
    commands_out_of_sync_error = "InterfaceError"


class MariaDBMariadbconnector(MariaDB):
    name = "mariadb_mariadbconnector"
    title = "MariaDB (Connector/Python)"
    facts = MariaDBMariadbconnectorFacts
    dialect = "mariadb+mariadbconnector"
    driver_module = "mariadb"
    driver_needs = "a C compiler and libmariadb-dev: apt-get install gcc libmariadb-dev"
    default = False

    def prepare_engine(self, engine: Engine) -> None:
        # Connector/Python 1.1.14 corrupts memory when a connection the pool closed is freed:
        # a later connection of the pool then reports "Invalid connection or not connected"
        # and has lost its attributes (seen after about 130 scenarios in one process, only on
        # this driver). Closed connections are kept until the run ends, never freed during it.
        @event.listens_for(engine, "close")
        def keep(dbapi_connection: Any, record: Any) -> None:
            _CLOSED.append(dbapi_connection)

        @event.listens_for(engine, "close_detached")
        def keep_detached(dbapi_connection: Any) -> None:
            _CLOSED.append(dbapi_connection)

    def url(self, provided: ProvidedDatabase) -> URL:
        # Connector/Python always speaks utf8mb4 and refuses a charset argument, which the
        # other drivers' URLs carry.
        return super().url(provided).difference_update_query(["charset"])
