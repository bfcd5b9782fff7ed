"""#13780: a polymorphic_load="selectin" subclass makes select(aliased(Base)).options(undefer(...)) raise ArgumentError."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Session, aliased, deferred, undefer


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "person"
    id = Column(Integer, primary_key=True)
    type = Column(String(10))
    notes = deferred(Column(String(10)))
    __mapper_args__ = {"polymorphic_on": type, "polymorphic_identity": "person"}


class Engineer(Person):
    __tablename__ = "engineer"
    id = Column(ForeignKey("person.id"), primary_key=True)
    language = Column(String(10))
    __mapper_args__ = {"polymorphic_identity": "engineer", "polymorphic_load": "selectin"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Engineer(id=1, notes="n1", language="py"))
    s.commit()
with Session(engine) as s:
    p = aliased(Person)
    try:
        got = [(e.id, e.notes, e.language) for e in s.scalars(select(p).options(undefer(p.notes)))]
    except Exception as err:
        print(f"BUG #13780 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
if got == [(1, "n1", "py")]:
    print("OK selectin-loaded subclass with options against an aliased base")
    sys.exit(0)
print(f"BUG #13780 loaded {got}")
sys.exit(1)
