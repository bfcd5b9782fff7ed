"""#9273: UPDATE .. RETURNING(User) of a mapping with a column_property() expression raises internally (regression in 2.0.2)."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, column_property, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column()
    shout: Mapped[str] = column_property(name + "!")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, name="ann"))
    session.commit()
with Session(engine) as session:
    try:
        u = session.scalars(
            update(User).where(User.id == 1).values(name="bob").returning(User)
        ).one()
        got = (u.id, u.name, u.shout)
    except Exception as exc:
        print(f"BUG #9273 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if got == (1, "bob", "bob!"):
    print("OK UPDATE RETURNING(User) loads the column_property too")
    sys.exit(0)
print(f"BUG #9273 got {got}")
sys.exit(1)
