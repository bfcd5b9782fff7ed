"""#9217: select(User).from_statement(select(<labelled expressions>)) no longer matches columns by label name."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine, literal_column, select
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
    session.add(User(id=1, name="ann"))
    session.commit()
with Session(engine) as session:
    t = User.__table__
    inner = select(User.id.label("id"), (User.name + literal_column("'!'")).label("name"))
    try:
        u = session.scalars(select(User).from_statement(inner)).one()
        got = (u.id, u.name)
    except Exception as exc:
        print(f"BUG #9217 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if got == (1, "ann!"):
    print("OK from_statement() matches labelled expressions to attributes by name")
    sys.exit(0)
print(f"BUG #9217 got {got}")
sys.exit(1)
