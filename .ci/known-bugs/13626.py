"""#13626: selectinload() of a many-to-many whose primaryjoin has extra criteria loads excluded rows."""

# ruff: noqa: E501

import sys

from sqlalchemy import Boolean, Column, ForeignKey, Integer, Table, and_, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Session, relationship, selectinload


class Base(DeclarativeBase):
    pass


assoc = Table(
    "assoc",
    Base.metadata,
    Column("a_id", ForeignKey("a.id"), primary_key=True),
    Column("b_id", ForeignKey("b.id"), primary_key=True),
    Column("active", Boolean, nullable=False),
)


class B(Base):
    __tablename__ = "b"
    id = Column(Integer, primary_key=True)


class A(Base):
    __tablename__ = "a"
    id = Column(Integer, primary_key=True)
    active_bs = relationship(
        B,
        secondary=assoc,
        primaryjoin=lambda: and_(A.id == assoc.c.a_id, assoc.c.active.is_(True)),
        secondaryjoin=lambda: B.id == assoc.c.b_id,
        viewonly=True,
    )


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([A(id=1), B(id=1), B(id=2)])
    s.flush()
    s.execute(
        assoc.insert(),
        [{"a_id": 1, "b_id": 1, "active": True}, {"a_id": 1, "b_id": 2, "active": False}],
    )
    s.commit()
with Session(engine) as s:
    a = s.scalars(select(A).options(selectinload(A.active_bs))).one()
    got = sorted(b.id for b in a.active_bs)
if got == [1]:
    print("OK selectinload honours the primaryjoin criteria")
    sys.exit(0)
print(f"BUG #13626 selectinload loaded {got}, expected [1]")
sys.exit(1)
