"""#9870: undefer_group() together with selectinload() or subqueryload() raises AttributeError."""

import sys

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    deferred,
    mapped_column,
    relationship,
    selectinload,
    undefer_group,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    bio: Mapped[str] = deferred(mapped_column(String(50)), group="extra")
    addresses: Mapped[list["Address"]] = relationship()


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(User(id=1, bio="b", addresses=[Address(id=1)]))
    s.commit()
with Session(engine) as s:
    try:
        u = s.scalars(
            select(User).options(undefer_group("extra"), selectinload(User.addresses))
        ).one()
        got = ("bio" in u.__dict__, len(u.addresses))
    except AttributeError as err:
        print(f"BUG #9870 AttributeError: {err}")
        sys.exit(1)
if got == (True, 1):
    print("OK undefer_group() with selectinload()")
    sys.exit(0)
print(f"BUG #9870 (bio loaded, addresses) = {got}")
sys.exit(1)
