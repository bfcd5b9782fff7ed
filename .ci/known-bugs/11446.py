"""#11446: selectinload(Base.rel) has no effect when querying a subclass that has with_polymorphic="*"; the collection lazy-loads."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Session, relationship, selectinload


class Base(DeclarativeBase):
    pass


class B(Base):
    __tablename__ = "b"
    id = Column(Integer, primary_key=True)
    a_id = Column(ForeignKey("a.id"))


class A(Base):
    __tablename__ = "a"
    id = Column(Integer, primary_key=True)
    type = Column(String(10))
    bs = relationship(B)
    __mapper_args__ = {"with_polymorphic": "*", "polymorphic_on": "type"}


class ASub(A):
    __tablename__ = "asub"
    id = Column(ForeignKey("a.id"), primary_key=True)
    __mapper_args__ = {"with_polymorphic": "*", "polymorphic_identity": "asub"}


class ASubSub(ASub):
    __tablename__ = "asubsub"
    id = Column(ForeignKey("asub.id"), primary_key=True)
    __mapper_args__ = {"with_polymorphic": "*", "polymorphic_identity": "asubsub"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([ASubSub(bs=[B(), B()]) for _ in range(2)])
    s.commit()
statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


with Session(engine) as s:
    objs = s.scalars(select(ASub).options(selectinload(A.bs))).all()
    statements.clear()
    got = [len(o.bs) for o in objs]
    n = len(statements)
if got == [2, 2] and n == 0:
    print("OK selectinload applies when querying the subclass")
    sys.exit(0)
print(f"BUG #11446 reading the collections emitted {n} lazy load(s)")
sys.exit(1)
