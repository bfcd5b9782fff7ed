"""#11173: subqueryload(rel.and_(...)) fails or keeps the first run's criteria value on a cache hit (regression in 2.0.28)."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    subqueryload,
)


class Base(DeclarativeBase):
    pass


class A(Base):
    __tablename__ = "a"
    id: Mapped[int] = mapped_column(primary_key=True)
    bs: Mapped[list["B"]] = relationship(order_by="B.id")


class B(Base):
    __tablename__ = "b"
    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("a.id"))
    x: Mapped[int]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(A(id=1, bs=[B(id=1, x=1), B(id=2, x=2), B(id=3, x=3)]))
    s.commit()
got = []
try:
    for n in (1, 2, 3):
        with Session(engine) as s:
            a = s.scalars(select(A).options(subqueryload(A.bs.and_(B.x == n)))).one()
            got.append([b.id for b in a.bs])
except Exception as err:
    print(f"BUG #11173 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
    sys.exit(1)
if got == [[1], [2], [3]]:
    print("OK each run's subqueryload uses its own criteria value")
    sys.exit(0)
print(f"BUG #11173 collections per run {got}, expected [[1], [2], [3]]")
sys.exit(1)
