"""#10098: a Query with no ORM entities embedded in a Core update() raises AttributeError when run (regression in 2.0.15)."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine, literal_column, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(id=1, name="ann"), User(id=2, name="bob")])
    session.commit()
    t = User.__table__
    sub = session.query(literal_column("1")).scalar_subquery()
    try:
        session.execute(update(t).where(t.c.id == sub).values(name="ann2"))
        got = sorted(tuple(r) for r in session.execute(t.select()).all())
    except Exception as exc:
        print(f"BUG #10098 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if got == [(1, "ann2"), (2, "bob")]:
    print("OK an UPDATE embedding a Query updates the row")
    sys.exit(0)
print(f"BUG #10098 rows {got}")
sys.exit(1)
