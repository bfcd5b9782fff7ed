"""#13701: two with_loader_criteria() for one entity, each a correlated EXISTS on it, raise RecursionError."""

# ruff: noqa: E501

import sys

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
    addresses: Mapped[list["Address"]] = relationship()


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    email: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all(
        [
            User(id=1, addresses=[Address(email="ed@x")]),
            User(id=2, addresses=[Address(email="ed@lala")]),
        ]
    )
    s.commit()
    has_ed = (
        select(Address.id).where(Address.user_id == User.id, Address.email.like("ed%")).exists()
    )
    no_lala = (
        ~select(Address.id).where(Address.user_id == User.id, Address.email == "ed@lala").exists()
    )
    stmt = select(User.id).options(
        with_loader_criteria(User, has_ed), with_loader_criteria(User, no_lala)
    )
    try:
        got = s.scalars(stmt).all()
    except RecursionError:
        print("BUG #13701 two correlated with_loader_criteria on one entity: RecursionError")
        sys.exit(1)
if got == [1]:
    print("OK both correlated criteria applied")
    sys.exit(0)
print(f"BUG #13701 got {got}, expected [1]")
sys.exit(1)
