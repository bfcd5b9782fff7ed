"""#13753: lazyload(rel.and_(or_(...))) from a cached statement drops the parentheses and loads other parents' rows."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, String, create_engine, or_, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, lazyload, mapped_column, relationship


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
    email: Mapped[str] = mapped_column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all(
        [
            User(id=8, addresses=[Address(id=2, email="ed@wood"), Address(id=4, email="ed@lala")]),
            User(id=9, addresses=[Address(id=5, email="fred@fred")]),
        ]
    )
    s.commit()

s = Session(engine)


def go(user_id):
    s.close()
    crit = or_(Address.email == "ed@lala", Address.email == "fred@fred")
    stmt = select(User).where(User.id == user_id).options(lazyload(User.addresses.and_(crit)))
    return [(u.id, [a.id for a in u.addresses]) for u in s.scalars(stmt)]


go(12)  # no such user: caches the User statement while no loader runs
got = go(8)
if got == [(8, [4])]:
    print("OK the OR criteria stays grouped with the join condition")
    sys.exit(0)
print(f"BUG #13753 user 8 loaded addresses {got[0][1]}, expected [4]")
sys.exit(1)
