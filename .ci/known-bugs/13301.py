"""#13301: with any do_orm_execute listener, yield_per on a query leaks into its selectinload/immediateload and fails."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    immediateload,
    mapped_column,
    relationship,
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


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([User(id=1, addresses=[Address(id=1), Address(id=2)]), User(id=2)])
    s.commit()


@event.listens_for(Session, "do_orm_execute")
def noop(context):
    pass


with Session(engine) as s:
    stmt = select(User).options(immediateload(User.addresses)).order_by(User.id)
    try:
        got = [(u.id, len(u.addresses)) for u in s.scalars(stmt.execution_options(yield_per=10))]
    except Exception as err:
        print(f"BUG #13301 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
if got == [(1, 2), (2, 0)]:
    print("OK yield_per with a do_orm_execute listener and an eager loader")
    sys.exit(0)
print(f"BUG #13301 loaded {got}")
sys.exit(1)
