"""#12692: update(table).where(OtherEntity...) also renders the other entity's onupdate, assigning a column twice."""

# ruff: noqa: E501

import sys

from sqlalchemy import String, create_engine, event, literal, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class A(Base):
    __tablename__ = "a"
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[str] = mapped_column(String(20))
    n: Mapped[int] = mapped_column(default=0, onupdate=literal(5))


class B(Base):
    __tablename__ = "b"
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[str] = mapped_column(String(20))
    n: Mapped[int] = mapped_column(default=0, onupdate=literal(7))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
updates: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("UPDATE"):
        updates.append(statement)


with Session(engine) as s:
    s.add_all([A(id=1, data="a"), B(id=1, data="b")])
    s.commit()
    stmt = update(A.__table__).where(B.id == 1).values(data="new")
    try:
        s.execute(stmt)
        s.commit()
    except Exception as err:
        print(f"BUG #12692 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
    got = (s.scalar(select(A.data)), s.scalar(select(A.n)), s.scalar(select(B.n)))
n_assignments = updates[0].count(" n=") if updates else 0
if n_assignments > 1:
    # SQLite keeps the last assignment; PostgreSQL rejects the statement
    print(f"BUG #12692 the UPDATE assigns a.n {n_assignments} times: {updates[0]}")
    sys.exit(1)
if got == ("new", 5, 0):
    print("OK the UPDATE applies only its own table's onupdate")
    sys.exit(0)
print(f"BUG #12692 (a.data, a.n, b.n) = {got}, expected ('new', 5, 0)")
sys.exit(1)
