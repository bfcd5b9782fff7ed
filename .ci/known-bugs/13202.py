"""#13202: joinedload(A.bs).options(joinedload(B.cs.of_type(poly))) leaves out the subclass join, so subclass columns lazy-load."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Session, joinedload, relationship, with_polymorphic


class Base(DeclarativeBase):
    pass


class A(Base):
    __tablename__ = "a"
    id = Column(Integer, primary_key=True)
    bs = relationship("B")


class B(Base):
    __tablename__ = "b"
    id = Column(Integer, primary_key=True)
    a_id = Column(ForeignKey("a.id"))
    cs = relationship("C", lazy="joined")


class C(Base):
    __tablename__ = "c"
    id = Column(Integer, primary_key=True)
    b_id = Column(ForeignKey("b.id"))
    type = Column(String(50))
    __mapper_args__ = {"polymorphic_on": type}


class CSub(C):
    __tablename__ = "c_sub"
    id = Column(ForeignKey("c.id"), primary_key=True)
    data = Column(String(50))
    __mapper_args__ = {"polymorphic_identity": "sub"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(A(bs=[B(cs=[CSub(data="csub1")])]))
    s.commit()
statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


with Session(engine) as s:
    c_poly = with_polymorphic(C, "*", flat=True)
    stmt = select(A).options(joinedload(A.bs).options(joinedload(B.cs.of_type(c_poly))))
    a = s.scalars(stmt).unique().one()
    statements.clear()
    got = a.bs[0].cs[0].data
    n = len(statements)
if got == "csub1" and n == 0:
    print("OK the nested joinedload of_type() loads the subclass columns")
    sys.exit(0)
print(f"BUG #13202 reading the subclass column emitted {n} statement(s)")
sys.exit(1)
