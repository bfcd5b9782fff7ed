"""#9820: @validates() no longer runs for changes made through a backref (include_backrefs defaulted to False)."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates


class Base(DeclarativeBase):
    pass


calls: list[str] = []


class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    children: Mapped[list["Child"]] = relationship(back_populates="parent")

    @validates("children")
    def check_child(self, key, child):
        calls.append(key)
        return child


class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("parent.id"))
    parent: Mapped[Parent | None] = relationship(back_populates="children")


p = Parent()
Child(parent=p)  # appends to p.children through the backref
if calls == ["children"]:
    print("OK the validator runs for a change made through the backref")
    sys.exit(0)
print(f"BUG #9820 validator calls: {calls}, expected ['children']")
sys.exit(1)
