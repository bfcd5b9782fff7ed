"""#13798: joinedload + OFFSET/DISTINCT with a join to an aliased subclass fills subclass columns from another row."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Session, aliased, joinedload, relationship


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "person"
    id = Column(Integer, primary_key=True)
    manager_id = Column(ForeignKey("person.id"))
    type = Column(String(20))
    notes = relationship("Note", order_by="Note.id")
    manager = relationship(
        "Manager",
        primaryjoin="Person.manager_id == Manager.id",
        foreign_keys=manager_id,
        remote_side="Manager.id",
    )
    __mapper_args__ = {"polymorphic_on": type, "polymorphic_identity": "person"}


class Manager(Person):
    __tablename__ = "manager"
    id = Column(ForeignKey("person.id"), primary_key=True)
    data = Column(String(20))
    __mapper_args__ = {"polymorphic_identity": "manager", "inherit_condition": id == Person.id}


class Note(Base):
    __tablename__ = "note"
    id = Column(Integer, primary_key=True)
    person_id = Column(ForeignKey("person.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    m1 = Manager(id=1, data="d1")
    m2 = Manager(id=2, data="d2", manager=m1, notes=[Note(id=1)])
    s.add_all(
        [
            m1,
            m2,
            Person(id=3, manager=m1, notes=[Note(id=2)]),
            Person(id=4, manager=m1),
            Manager(id=5, data="d5", manager=m2, notes=[Note(id=4)]),
        ]
    )
    s.commit()
with Session(engine) as s:
    m = aliased(Manager)
    stmt = (
        select(Person)
        .join(Person.manager.of_type(m))
        .order_by(m.id, Person.id.desc())
        .options(joinedload(Person.notes))
        .offset(1)
    )
    got = [(p.id, getattr(p, "data", None)) for p in s.scalars(stmt).unique()]
if got == [(3, None), (2, "d2"), (5, "d5")]:
    print("OK subclass columns come from their own row")
    sys.exit(0)
print(f"BUG #13798 loaded {got}, expected [(3, None), (2, 'd2'), (5, 'd5')]")
sys.exit(1)
