"""#13560: with_expression() holding a subquery, under selectinload, stops populating the attribute from the 2nd run."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, exists, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    query_expression,
    relationship,
    selectinload,
    with_expression,
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
    p: Mapped[int]
    b_expr: Mapped[bool | None] = query_expression()


class C(Base):
    __tablename__ = "c"
    id: Mapped[int] = mapped_column(primary_key=True)
    x: Mapped[int]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([A(id=1, bs=[B(id=1, p=1), B(id=2, p=2)]), C(id=1, x=1)])
    s.commit()
runs = []
with Session(engine) as s:
    for _ in range(3):
        s.expunge_all()
        expr = exists(select(C.id).where(C.x == B.p))  # a new, identical expression each run
        stmt = (
            select(A)
            .where(A.id == 1)
            .options(selectinload(A.bs).options(with_expression(B.b_expr, expr)))
        )
        a = s.scalars(stmt).one()
        runs.append([b.b_expr for b in a.bs])
if all(r == [True, False] and all(isinstance(v, bool) for v in r) for r in runs):
    print("OK with_expression() populated on every run")
    sys.exit(0)
print(f"BUG #13560 b_expr per run: {runs}, expected [True, False] each time")
sys.exit(1)
