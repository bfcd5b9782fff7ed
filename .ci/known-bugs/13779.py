"""#13779: options nested under subqueryload(A.bs.of_type(aliased(B))) are skipped once the statement is cached."""

# ruff: noqa: E501

import sys

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, inspect, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Session,
    aliased,
    deferred,
    relationship,
    subqueryload,
    undefer,
)


class Base(DeclarativeBase):
    pass


class A(Base):
    __tablename__ = "a"
    id = Column(Integer, primary_key=True)
    bs = relationship("B", order_by="B.id")


class B(Base):
    __tablename__ = "b"
    id = Column(Integer, primary_key=True)
    a_id = Column(ForeignKey("a.id"))
    other = deferred(Column(String(10)))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(A(id=1, bs=[B(id=1, other="o"), B(id=2, other="o")]))
    s.commit()

results = []
for _ in range(2):
    bb = aliased(B)  # a new aliased() per run, as when the statement is built in a function
    stmt = select(A).options(subqueryload(A.bs.of_type(bb)).options(undefer(bb.other)))
    with Session(engine) as s:
        a = s.scalars(stmt).one()
        results.append(["other" in inspect(b).unloaded for b in a.bs])
if results == [[False, False], [False, False]]:
    print("OK undefer() nested under subqueryload of an alias applies on every run")
    sys.exit(0)
print(f"BUG #13779 'other' still deferred per run: {results}")
sys.exit(1)
