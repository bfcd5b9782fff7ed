"""#13714: with_loader_criteria() for two entities whose criteria refer to each other raise RecursionError."""

# ruff: noqa: E501

import sys

import sqlalchemy
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    with_loader_criteria,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all(
        [
            User(id=1, name="jack", addresses=[Address(id=1)]),
            User(id=2, name="ed", addresses=[Address(id=2)]),
            User(id=3, name="x"),
        ]
    )
    s.commit()
    opts = (
        with_loader_criteria(User, User.addresses.any()),
        with_loader_criteria(Address, Address.user.has(User.name != "jack")),
    )
    try:
        got = s.scalars(select(User.id).order_by(User.id).options(*opts)).all()
    except RecursionError:
        print("BUG #13714 mutually referring with_loader_criteria: RecursionError")
        sys.exit(1)
if got == [1, 2] and sqlalchemy.__version__.startswith("2.0."):
    print(
        "N/A 2.0 does not apply loader criteria inside another criteria's subquery (added by #13070 in 2.1)"
    )
    sys.exit(2)
if got == [2]:
    print("OK mutually referring criteria applied")
    sys.exit(0)
print(f"BUG #13714 got {got}, expected [2]")
sys.exit(1)
