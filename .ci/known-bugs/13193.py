"""#13193: joinedload(poly.Bar.foo).joinedload(Foo.meta), with meta declared on the base class, is not applied; meta lazy-loads."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, joinedload, relationship, with_polymorphic


class Base(DeclarativeBase):
    pass


class Meta(Base):
    __tablename__ = "meta"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))


class Top(Base):
    __tablename__ = "top"
    id = Column(Integer, primary_key=True)
    type = Column(String(50))
    meta_id = Column(ForeignKey("meta.id"))
    meta = relationship(Meta)
    __mapper_args__ = {"polymorphic_on": type}


class Foo(Top):
    __tablename__ = "foo"
    id = Column(ForeignKey("top.id"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "FOO"}


class Bar(Top):
    __tablename__ = "bar"
    id = Column(ForeignKey("top.id"), primary_key=True)
    foo_id = Column(ForeignKey("foo.id"))
    foo = relationship(Foo, foreign_keys=[foo_id])
    __mapper_args__ = {"polymorphic_identity": "BAR"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as conn:
    conn.execute(Meta.__table__.insert(), [{"id": 1, "name": "meta1"}])
    conn.execute(
        Top.__table__.insert(),
        [{"id": 1, "type": "FOO", "meta_id": 1}, {"id": 2, "type": "BAR", "meta_id": 1}],
    )
    conn.execute(Foo.__table__.insert(), [{"id": 1}])
    conn.execute(Bar.__table__.insert(), [{"id": 2, "foo_id": 1}])
statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


with Session(engine) as s:
    tp = with_polymorphic(Top, "*", flat=True)
    result = s.query(tp).options(joinedload(tp.Bar.foo).joinedload(Foo.meta)).all()
    statements.clear()
    bar = next(r for r in result if isinstance(r, Bar))
    got = bar.foo.meta.name
    n = len(statements)
if got == "meta1" and n == 0:
    print("OK the chained joinedload of a base-class relationship is applied")
    sys.exit(0)
print(f"BUG #13193 reading bar.foo.meta emitted {n} statement(s)")
sys.exit(1)
