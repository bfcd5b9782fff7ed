"""MariaDB through mysqlclient (MySQLdb), the C driver, on the ``mariadb`` backend's server."""

from __future__ import annotations

from orm_spec.backends.mariadb import MariaDB, MariaDBFacts


class MariaDBMysqlclientFacts(MariaDBFacts):
    # libmariadb's unbuffered result refuses any other command until it is read to the end.
    yield_per_survives_another_query = "the driver refuses the other query"
    # MySQLdb maps the client error 2014 to ProgrammingError.
    commands_out_of_sync_error = "ProgrammingError"


class MariaDBMysqlclient(MariaDB):
    name = "mariadb_mysqlclient"
    title = "MariaDB (mysqlclient)"
    facts = MariaDBMysqlclientFacts
    dialect = "mysql+mysqldb"
    driver_module = "MySQLdb"
    driver_package = "mysqlclient"
    driver_needs = "a C compiler and libmariadb-dev: apt-get install gcc pkg-config libmariadb-dev"
    default = False
