"""#9635: with_loader_criteria() in the options of a union() of ORM selects is not applied."""

import sys

from sqlalchemy import create_engine, select, union
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, with_loader_criteria


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    active: Mapped[bool]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(id=1, name="ann", active=True), User(id=2, name="bob", active=False)])
    session.commit()
    u = union(select(User.id).where(User.id < 5), select(User.id).where(User.id > 5)).options(
        with_loader_criteria(User, User.active.is_(True))
    )
    got = sorted(session.scalars(u).all())
if got == [1]:
    print("OK with_loader_criteria() on a union() limits each SELECT in it")
    sys.exit(0)
print(f"BUG #9635 ids {got}, expected [1]")
sys.exit(1)
