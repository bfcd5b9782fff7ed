"""#11912: ORM UPDATE ... RETURNING(Model) with populate_existing does not refresh the objects already in the Session."""

# ruff: noqa: E501

import sys

from sqlalchemy import String, create_engine, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))
    other: Mapped[str] = mapped_column(String(20))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    t = T(id=1, name="n1", other="old")
    s.add(t)
    s.flush()
    s.connection().execute(
        update(T.__table__).values(other="new")
    )  # changed behind the Session's back
    stmt = update(T).where(T.id == 1).values(name="n2").returning(T)
    rows = s.scalars(stmt, execution_options={"populate_existing": True}).all()
    got = (rows[0] is t, t.name, t.other)
if got == (True, "n2", "new"):
    print("OK populate_existing refreshes the returned objects")
    sys.exit(0)
print(f"BUG #11912 (same object, name, other) = {got}, expected (True, 'n2', 'new')")
sys.exit(1)
