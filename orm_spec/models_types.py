"""A table of typed columns, for what the databases store differently for the same type.

The seed's users and posts hold strings, integers, one Boolean and naive datetimes; the types
whose storage differs most between SQLite, PostgreSQL and MariaDB live here, one column each, in
a table of its own (``typed_values`` on ``types_metadata``) mapped by ``Record``. Feature files
name a record by its label in quotes (record "deposit") and choose this mapping with
``Given the model variant "typed columns"``; the seed's users stay available beside it.
"""

from __future__ import annotations

import datetime
import decimal
import enum
import uuid
from typing import Any

from sqlalchemy import JSON, DateTime, Enum, Integer, MetaData, Numeric, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Status(enum.Enum):
    """The values of ``Record.status``: the Enum column stores the member's name."""

    draft = "draft"
    published = "published"


ENUMS: dict[str, type[enum.Enum]] = {"Status": Status}
"""The enums feature files name members of (Status.draft), by class name."""


types_metadata = MetaData()


class TypesBase(DeclarativeBase):
    metadata = types_metadata


class Record(TypesBase):
    """One row of typed values, named by its label."""

    __tablename__ = "typed_values"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    label: Mapped[str] = mapped_column(String(50), nullable=False, unique=True)
    amount: Mapped[decimal.Decimal | None] = mapped_column(Numeric(30, 10))
    happened_at: Mapped[datetime.datetime | None] = mapped_column(DateTime(timezone=True))
    # Enum(Status): a native ENUM type on PostgreSQL, an inline ENUM on MariaDB, a VARCHAR
    # without a CHECK constraint on SQLite (create_constraint is off by default since 1.4).
    status: Mapped[Status | None] = mapped_column(Enum(Status))
    token: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    doc: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    def __repr__(self) -> str:
        return f"Record(id={self.__dict__.get('id')!r}, label={self.__dict__.get('label')!r})"
