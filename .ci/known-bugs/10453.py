"""#10453: flushing several new objects of a table with implicit_returning=False fails (the ORM reads RETURNING that was not asked for)."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    __table_args__ = {"implicit_returning": False}
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    users = [User(name="ann"), User(name="bob"), User(name="cy")]
    session.add_all(users)
    try:
        session.flush()
        got = [(u.id, u.name) for u in users]
    except Exception as exc:
        print(f"BUG #10453 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if got == [(1, "ann"), (2, "bob"), (3, "cy")]:
    print("OK new objects of an implicit_returning=False table get their ids")
    sys.exit(0)
print(f"BUG #10453 got {got}")
sys.exit(1)
