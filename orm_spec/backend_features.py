"""What differs between backends, named in one place.

Like Django's ``DatabaseFeatures``: steps and the plugin ask ``features.<fact>`` instead of
testing ``backend == "..."``. Each fact here is one that a scenario proves on the real database;
feature files show the same facts to the reader as Examples columns or tags.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BackendFeatures:
    name: str
    """The backend's name on the command line, in test ids and as a pytest marker."""
    title: str
    """The product name a reader knows."""
    enable_foreign_keys: tuple[str, ...]
    """Statements that make a connection enforce foreign keys (none where they always are)."""
    reset_statements: tuple[str, ...]
    """Statements that empty the spec's tables and restart their keys: ``{tables}`` is filled
    with every table to empty, children first; ``{table}`` repeats the statement per table."""


FEATURES: dict[str, BackendFeatures] = {
    "sqlite": BackendFeatures(
        name="sqlite",
        title="SQLite",
        # Off by default in SQLite, per connection, and only outside a transaction.
        enable_foreign_keys=("PRAGMA foreign_keys = ON",),
        # Plain INTEGER PRIMARY KEY columns take max(rowid)+1, so emptying a table restarts its
        # keys; sqlite_sequence only exists for AUTOINCREMENT tables, which the spec has none of.
        reset_statements=("DELETE FROM {table}",),
    ),
    "postgresql": BackendFeatures(
        name="postgresql",
        title="PostgreSQL",
        enable_foreign_keys=(),
        # One statement for every table: far cheaper than per-table DELETE + sequence resets.
        reset_statements=("TRUNCATE {tables} RESTART IDENTITY CASCADE",),
    ),
    "mariadb": BackendFeatures(
        name="mariadb",
        title="MariaDB",
        enable_foreign_keys=(),
        # TRUNCATE restarts AUTO_INCREMENT; MariaDB refuses it on a table that a foreign key
        # references unless the checks are off for this connection.
        reset_statements=(
            "SET FOREIGN_KEY_CHECKS = 0",
            "TRUNCATE TABLE {table}",
            "SET FOREIGN_KEY_CHECKS = 1",
        ),
    ),
}

BACKEND_NAMES: tuple[str, ...] = tuple(FEATURES)
"""Every backend the spec knows, in the order reports show them."""
