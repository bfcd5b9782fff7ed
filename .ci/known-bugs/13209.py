"""#13209: selectinload chained after joinedload(rel.of_type(poly)) is not applied; Bar.foo lazy-loads."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, event, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Session,
    joinedload,
    relationship,
    with_polymorphic,
)


class Base(DeclarativeBase):
    pass


class TopABC(Base):
    __tablename__ = "top_abc"
    id = Column(Integer, primary_key=True)


class Top(Base):
    __tablename__ = "top"
    id = Column(Integer, primary_key=True)
    top_abc_id = Column(ForeignKey("top_abc.id"))
    type = Column(String(50))
    __mapper_args__ = {"polymorphic_on": type}


class Foo(Top):
    __tablename__ = "foo"
    id = Column(ForeignKey("top.id"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "FOO"}


class Bar(Top):
    __tablename__ = "bar"
    id = Column(ForeignKey("top.id"), primary_key=True)
    foo_id = Column(ForeignKey("foo.id"))
    __mapper_args__ = {"polymorphic_identity": "BAR"}


TopABC.top = relationship(Top, foreign_keys=[Top.top_abc_id], uselist=False)
Bar.foo = relationship(Foo, foreign_keys=[Bar.foo_id], uselist=False)

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(TopABC(id=1, top=Foo(id=1)))
    s.add(TopABC(id=2, top=Bar(id=2, foo_id=3)))
    s.add(Foo(id=3))  # not reached by the main query, so only the chained loader can load it
    s.commit()
statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


with Session(engine) as s:
    poly = with_polymorphic(Top, "*", flat=True)
    stmt = (
        select(TopABC)
        .options(joinedload(TopABC.top.of_type(poly)).selectinload(poly.Bar.foo))
        .order_by(TopABC.id)
    )
    result = s.scalars(stmt).unique().all()
    statements.clear()
    got = [getattr(t.top, "foo", None) is not None for t in result]
    n = len(statements)
if got == [False, True] and n == 0:
    print("OK the chained selectinload loads Bar.foo up front")
    sys.exit(0)
print(f"BUG #13209 reading Bar.foo emitted {n} statement(s)")
sys.exit(1)
