"""MariaDB through mysqlclient (MySQLdb), the C driver, on the ``mariadb`` backend's server."""

from __future__ import annotations

from orm_spec.backends.mariadb import MariaDB, MariaDBFacts


class MariaDBMysqlclientFacts(MariaDBFacts):
    """Every fact as with PyMySQL: the whole spec gives the same answers on both."""


class MariaDBMysqlclient(MariaDB):
    name = "mariadb_mysqlclient"
    title = "MariaDB (mysqlclient)"
    facts = MariaDBMysqlclientFacts
    dialect = "mysql+mysqldb"
    driver_module = "MySQLdb"
    driver_package = "mysqlclient"
    driver_needs = "a C compiler and libmariadb-dev: apt-get install gcc pkg-config libmariadb-dev"
    default = False
