"""#10570: with_expression() with a bound value under selectinload() keeps the first run's value on later runs."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, literal, select
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
    bs: Mapped[list["B"]] = relationship()


class B(Base):
    __tablename__ = "b"
    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("a.id"))
    x: Mapped[int]
    expr: Mapped[int | None] = query_expression()


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(A(id=1, bs=[B(id=1, x=10)]))
    s.commit()
got = []
for n in (1, 2, 3):
    with Session(engine) as s:
        stmt = select(A).options(
            selectinload(A.bs).options(with_expression(B.expr, B.x + literal(n)))
        )
        a = s.scalars(stmt).one()
        got.append(a.bs[0].expr)
if got == [11, 12, 13]:
    print("OK each run uses its own bound value")
    sys.exit(0)
print(f"BUG #10570 expression per run {got}, expected [11, 12, 13]")
sys.exit(1)
