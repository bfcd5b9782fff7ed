"""#13574: re-pickling an unpickled object loaded with raiseload("*") emits a spurious loader-criteria warning."""

# ruff: noqa: E501

import pickle
import sys
import warnings

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, raiseload, relationship


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


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(User(id=1, addresses=[Address(id=1)]))
    s.commit()
    user = s.scalars(select(User).options(raiseload("*"))).one()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    again = pickle.loads(pickle.dumps(pickle.loads(pickle.dumps(user))))
messages = [str(w.message) for w in caught]
if not messages and again.id == 1:
    print("OK an object crosses two pickle boundaries without warnings")
    sys.exit(0)
print(
    f"BUG #13574 {len(messages)} warning(s): {' '.join(messages[0].split())[:80] if messages else ''}"
)
sys.exit(1)
