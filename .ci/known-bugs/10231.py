"""#10231: execution options given to Session.execute() do not reach selectinload/immediateload/subqueryload queries."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    relationship,
    selectinload,
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
    s.add(User(id=1, addresses=[Address(id=1)]))
    s.commit()
seen: list[tuple[bool, object]] = []


@event.listens_for(Session, "do_orm_execute")
def record(state):
    seen.append((state.is_relationship_load, state.execution_options.get("my_option")))


with Session(engine) as s:
    s.execute(
        select(User).options(selectinload(User.addresses)), execution_options={"my_option": "x"}
    ).all()
loader_opts = [opt for is_rel, opt in seen if is_rel]
if loader_opts == ["x"]:
    print("OK the selectinload query carries the statement's execution options")
    sys.exit(0)
print(f"BUG #10231 option seen by the relationship loader: {loader_opts}, expected ['x']")
sys.exit(1)
