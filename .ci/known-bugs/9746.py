"""#9746: an ORM upsert with RETURNING and populate_existing does not refresh the objects already in the Session."""

# ruff: noqa: E501

import sys

from sqlalchemy import String, create_engine
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[str] = mapped_column(String(10))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(T(id=1, data="old"))
    s.commit()
    t = s.get(T, 1)
    stmt = insert(T).values(id=1, data="new")
    stmt = stmt.on_conflict_do_update(
        index_elements=[T.id], set_={"data": stmt.excluded.data}
    ).returning(T)
    rows = s.scalars(stmt, execution_options={"populate_existing": True}).all()
    got = (rows[0] is t, t.data)
if got == (True, "new"):
    print("OK populate_existing refreshes the object from the upsert's RETURNING")
    sys.exit(0)
print(f"BUG #9746 (same object, data) = {got}, expected (True, 'new')")
sys.exit(1)
