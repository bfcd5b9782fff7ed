"""#10089: assigning a collection that already holds a transient object does not cascade it into the Session; it is never saved."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    children: Mapped[list["Child"]] = relationship(back_populates="parent")


class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("parent.id"))
    parent: Mapped[Parent | None] = relationship(back_populates="children")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    p = Parent(id=1)
    s.add(p)
    s.commit()
    assert p.children == []  # loaded, so the backref below appends to a loaded collection
    c = Child(id=1)
    c.parent = p  # the backref puts c in p.children, but (2.0) does not cascade it into the Session
    p.children = [c]  # the bulk set holds c again: this must cascade it
    in_session = c in s
    s.commit()
    n = s.scalar(select(func.count()).select_from(Child))
if in_session and n == 1:
    print("OK the collection assignment cascades the object into the Session")
    sys.exit(0)
print(f"BUG #10089 child in session: {in_session}, child rows after commit: {n}")
sys.exit(1)
