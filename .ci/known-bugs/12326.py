"""#12326: insert().returning(Model) fails with an internal error when the model has a column_property subquery."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, func, insert, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, column_property, mapped_column


class Base(DeclarativeBase):
    pass


class B(Base):
    __tablename__ = "b"
    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("a.id"))


class A(Base):
    __tablename__ = "a"
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[str]
    b_count = column_property(select(func.count(B.id)).where(B.a_id == id).scalar_subquery())


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    try:
        got = [a.data for a in s.scalars(insert(A).returning(A), [{"id": 1, "data": "d1"}])]
    except Exception as err:
        print(f"BUG #12326 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
if got == ["d1"]:
    print("OK INSERT RETURNING of a model with a column_property subquery")
    sys.exit(0)
print(f"BUG #12326 returned {got}")
sys.exit(1)
