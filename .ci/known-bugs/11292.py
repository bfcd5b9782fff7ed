"""#11292: contains_eager() under defaultload() is carried into later lazy loads (after expire), which emit a broken query."""

# ruff: noqa: E501

import sys

from sqlalchemy import Column, ForeignKey, Integer, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Session, contains_eager, defaultload, relationship


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parent"
    id = Column(Integer, primary_key=True)
    extension = relationship("Extension", back_populates="parent", uselist=False)


class Child(Base):
    __tablename__ = "child"
    id = Column(Integer, primary_key=True)
    extensions = relationship("Extension", back_populates="child")


class Extension(Base):
    __tablename__ = "extension"
    id = Column(Integer, primary_key=True)
    parent_id = Column(ForeignKey(Parent.id))
    child_id = Column(ForeignKey(Child.id))
    parent = relationship(Parent, back_populates="extension")
    child = relationship(Child, back_populates="extensions")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    for i in (1, 2, 3):
        s.add_all([Parent(id=i), Child(id=i), Extension(id=i, parent_id=i, child_id=i)])
    s.commit()
want = [(1, 1, 1), (2, 2, 2), (3, 3, 3)]
with Session(engine) as s:
    stmt = (
        select(Parent)
        .join(Extension)
        .join(Child)
        .options(
            contains_eager(Parent.extension),
            defaultload(Parent.extension).contains_eager(Extension.child),
        )
    )
    parents = s.scalars(stmt).all()
    first = [(p.id, p.extension.id, p.extension.child.id) for p in parents]
    s.expire_all()
    try:
        again = [(p.id, p.extension.id, p.extension.child.id) for p in parents]
    except Exception as err:
        print(
            f"BUG #11292 reloading after expire_all(): {type(err).__name__}: {' '.join(str(err).split())[:70]}"
        )
        sys.exit(1)
if first == want and again == want:
    print("OK lazy loads after expire_all() do not carry contains_eager")
    sys.exit(0)
print(f"BUG #11292 after expire_all() got {again}, expected {want}")
sys.exit(1)
