"""#11855: insert().returning(Model) with a loader option carrying criteria reuses the first run's criteria values."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, insert
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


class A(Base):
    __tablename__ = "a"
    id: Mapped[int] = mapped_column(primary_key=True)
    cs: Mapped[list["C"]] = relationship()


class B(Base):
    __tablename__ = "b"
    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("a.id"))
    a: Mapped[A] = relationship()


class C(Base):
    __tablename__ = "c"
    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey("a.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([A(id=1, cs=[C(id=1), C(id=2)]), A(id=2), A(id=3, cs=[C(id=3), C(id=4)])])
    s.commit()
got = []
for _ in range(2):
    with Session(engine) as s:
        for a_id in (1, 3):
            opt = selectinload(B.a).selectinload(A.cs.and_(C.a_id == a_id))
            b = s.scalar(insert(B).returning(B).options(opt), [{"a_id": a_id}])
            got.append(sorted(c.id for c in b.a.cs))
        s.rollback()
if got == [[1, 2], [3, 4]] * 2:
    print("OK each INSERT RETURNING applies its own loader criteria")
    sys.exit(0)
print(f"BUG #11855 loaded collections {got}, expected {[[1, 2], [3, 4]] * 2}")
sys.exit(1)
