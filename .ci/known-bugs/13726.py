"""#13726: selectinload() of a many-to-many via of_type(aliased(...)) renders invalid SQL."""

import sys

from sqlalchemy import Column, ForeignKey, Table, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    aliased,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


a_b = Table(
    "a_b",
    Base.metadata,
    Column("a_id", ForeignKey("a.id"), primary_key=True),
    Column("b_id", ForeignKey("b.id"), primary_key=True),
)


class A(Base):
    __tablename__ = "a"
    id: Mapped[int] = mapped_column(primary_key=True)
    bs: Mapped[list["B"]] = relationship(secondary=a_b)


class B(Base):
    __tablename__ = "b"
    id: Mapped[int] = mapped_column(primary_key=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    b1, b2 = B(id=1), B(id=2)
    s.add_all([A(id=1, bs=[b1, b2]), A(id=2, bs=[b1])])
    s.commit()
with Session(engine) as s:
    try:
        res = s.scalars(
            select(A).options(selectinload(A.bs.of_type(aliased(B)))).order_by(A.id)
        ).all()
        got = {a.id: sorted(b.id for b in a.bs) for a in res}
    except Exception as err:
        print(f"BUG #13726 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
if got == {1: [1, 2], 2: [1]}:
    print("OK selectinload of an aliased many-to-many target")
    sys.exit(0)
print(f"BUG #13726 loaded {got}")
sys.exit(1)
