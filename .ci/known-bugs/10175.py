"""#10175: an attribute_keyed_dict collection cannot be changed after the object is pickled and unpickled."""

# ruff: noqa: E501

import pickle
import sys

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    attribute_keyed_dict,
    mapped_column,
    relationship,
)


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    children: Mapped[dict[str, "Child"]] = relationship(
        collection_class=attribute_keyed_dict("name")
    )


class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("parent.id"))
    name: Mapped[str] = mapped_column(String(10))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Parent(id=1, children={"a": Child(id=1, name="a")}))
    s.commit()
    p = s.get(Parent, 1)
    _ = p.children  # loaded before pickling
copy = pickle.loads(pickle.dumps(p))
try:
    copy.children["b"] = Child(id=2, name="b")
    with Session(engine) as s:
        s.add(copy)
        s.commit()
        got = sorted(s.get(Parent, 1).children)
except Exception as err:
    print(f"BUG #10175 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
    sys.exit(1)
if got == ["a", "b"]:
    print("OK the unpickled keyed-dict collection accepts and persists a new member")
    sys.exit(0)
print(f"BUG #10175 keys after commit {got}, expected ['a', 'b']")
sys.exit(1)
