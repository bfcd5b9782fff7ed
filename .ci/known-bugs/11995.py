"""#11995: a many-to-one lazy load whose composite foreign key is partly NULL emits a SELECT despite allow_partial_pks=False."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import ForeignKeyConstraint, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parent"
    a: Mapped[int] = mapped_column(primary_key=True)
    b: Mapped[int] = mapped_column(primary_key=True)
    __mapper_args__ = {"allow_partial_pks": False}


class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    pa: Mapped[int | None]
    pb: Mapped[int | None]
    parent: Mapped[Parent | None] = relationship()
    __table_args__ = (ForeignKeyConstraint(["pa", "pb"], ["parent.a", "parent.b"]),)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([Parent(a=1, b=1), Child(id=1, pa=1, pb=None)])
    s.commit()
statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


with Session(engine) as s:
    c = s.get(Child, 1)
    statements.clear()
    got = c.parent
    n = len(statements)
if got is None and n == 0:
    print("OK a partly NULL key is not loaded when partial keys are not allowed")
    sys.exit(0)
print(f"BUG #11995 the lazy load of a partly NULL key emitted {n} SELECT(s)")
sys.exit(1)
