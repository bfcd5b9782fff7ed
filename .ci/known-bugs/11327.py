"""#11327: selectin_polymorphic() over a 3-level hierarchy loads only the child-most class's columns; intermediate ones lazy-load."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Session, selectin_polymorphic


class Base(DeclarativeBase):
    pass


class A(Base):
    __tablename__ = "a"
    id = Column(Integer, primary_key=True)
    type = Column(String(10))
    __mapper_args__ = {"polymorphic_on": type, "polymorphic_identity": "a"}


class B(A):
    __tablename__ = "b"
    id = Column(ForeignKey("a.id"), primary_key=True)
    b_data = Column(String(10))
    __mapper_args__ = {"polymorphic_identity": "b"}


class C(B):
    __tablename__ = "c"
    id = Column(ForeignKey("b.id"), primary_key=True)
    c_data = Column(String(10))
    __mapper_args__ = {"polymorphic_identity": "c"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(C(id=1, b_data="b1", c_data="c1"))  # no plain B row in the result
    s.commit()
statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


with Session(engine) as s:
    objs = s.scalars(select(A).options(selectin_polymorphic(A, [B, C]))).all()
    statements.clear()
    got = [(o.b_data, o.c_data) for o in objs]
    n = len(statements)
if got == [("b1", "c1")] and n == 0:
    print("OK the intermediate class's columns are loaded up front")
    sys.exit(0)
print(f"BUG #11327 reading the columns emitted {n} statement(s)")
sys.exit(1)
