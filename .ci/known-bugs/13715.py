"""#13715: Session.merge_all() autoflushes a half-merged object during the merge cascade (merge() does not)."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, String, create_engine
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
    parent: Mapped[Parent] = relationship(back_populates="children")
    name: Mapped[str] = mapped_column(String(20), nullable=False)
    parent_id: Mapped[int] = mapped_column(ForeignKey("parent.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Parent(id=1))
    s.commit()
with Session(engine) as s:
    if not hasattr(s, "merge_all"):
        print("N/A Session.merge_all() does not exist before 2.1")
        sys.exit(2)
    try:
        merged = s.merge_all([Child(id=1, name="x", parent=Parent(id=1))])
        s.commit()
    except Exception as err:
        print(
            f"BUG #13715 merge_all() failed: {type(err).__name__}: {' '.join(str(err).split())[:80]}"
        )
        sys.exit(1)
print("OK merge_all() merges without a premature autoflush")
sys.exit(0)
