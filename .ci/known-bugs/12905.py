"""#12905: with_loader_criteria() on a union() reuses the first execution's criteria values from the cache."""

# ruff: noqa: E501

import sys

from sqlalchemy import String, create_engine, select, union
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, with_loader_criteria


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(10))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([T(id=1, owner="a"), T(id=2, owner="b"), T(id=3, owner="a"), T(id=4, owner="b")])
    s.commit()
got = []
for owner in ("a", "b"):
    with Session(engine) as s:
        stmt = union(select(T.id).where(T.id < 3), select(T.id).where(T.id >= 3)).order_by("id")
        stmt = stmt.options(with_loader_criteria(T, T.owner == owner))
        got.append(list(s.scalars(stmt)))
if got == [[1, 3], [2, 4]]:
    print("OK each execution applies its own criteria value")
    sys.exit(0)
print(f"BUG #12905 ids per run {got}, expected [[1, 3], [2, 4]]")
sys.exit(1)
