"""#13748: a dataclass default on a use_existing_column mapped_column of a subclass is not INSERTed."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, Session, mapped_column


class Base(MappedAsDataclass, DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parent"
    __mapper_args__ = {"polymorphic_on": "type", "polymorphic_identity": "parent"}
    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    type: Mapped[str] = mapped_column(init=False)
    data: Mapped[str] = mapped_column(default="parent_default")


class Child(Parent):
    __mapper_args__ = {"polymorphic_identity": "child"}
    data: Mapped[str] = mapped_column(default="child_default", use_existing_column=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Child())
    s.commit()
    got = s.scalar(select(Parent.__table__.c.data))
if got == "child_default":
    print("OK the subclass's dataclass default is persisted")
    sys.exit(0)
print(f"BUG #13748 row holds {got!r}, expected 'child_default'")
sys.exit(1)
