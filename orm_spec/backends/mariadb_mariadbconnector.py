"""MariaDB through MariaDB Connector/Python (the ``mariadb`` package), the C driver MariaDB
itself publishes, built on libmariadb, on the ``mariadb`` backend's server."""

from __future__ import annotations

from sqlalchemy.engine import URL

from orm_spec.backends.base import ProvidedDatabase
from orm_spec.backends.mariadb import MariaDB, MariaDBFacts


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

    def url(self, provided: ProvidedDatabase) -> URL:
        # Connector/Python always speaks utf8mb4 and refuses a charset argument, which the
        # other drivers' URLs carry.
        return super().url(provided).difference_update_query(["charset"])
