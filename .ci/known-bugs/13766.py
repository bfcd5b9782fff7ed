"""#13766: selectinload(alias.rel.and_(...)) over an aliased subquery reuses the first execution's parameters."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    aliased,
    mapped_column,
    relationship,
    selectinload,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    addresses: Mapped[list["Address"]] = relationship(order_by="Address.id")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all(
        [
            User(id=7, addresses=[Address(id=1)]),
            User(id=8, addresses=[Address(id=2), Address(id=3)]),
        ]
    )
    s.commit()

s = Session(engine)


def go(user_id):
    s.close()
    ua = aliased(User, select(User).where(User.id == user_id).subquery())
    stmt = select(ua).options(selectinload(ua.addresses.and_(Address.user_id == ua.id)))
    return [(u.id, [a.id for a in u.addresses]) for u in s.scalars(stmt)]


first, second = go(7), go(8)
if (first, second) == ([(7, [1])], [(8, [2, 3])]):
    print("OK each execution loads the collection with its own parameters")
    sys.exit(0)
print(f"BUG #13766 second execution loaded {second}, expected [(8, [2, 3])]")
sys.exit(1)
