"""#10834: Query.enable_eagerloads(False) is ignored together with yield_per(); mapper-level joined eager loading still applies."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    addresses: Mapped[list["Address"]] = relationship(lazy="joined")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([User(id=1, addresses=[Address(id=1), Address(id=2)]), User(id=2)])
    s.commit()
with Session(engine) as s:
    try:
        users = s.query(User).enable_eagerloads(False).yield_per(10).order_by(User.id).all()
    except Exception as err:
        print(f"BUG #10834 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
    eager = ["addresses" in u.__dict__ for u in users]
if eager == [False, False]:
    print("OK enable_eagerloads(False) with yield_per() skips eager loading")
    sys.exit(0)
print(f"BUG #10834 addresses eagerly loaded per user: {eager}")
sys.exit(1)
