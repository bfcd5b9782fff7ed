"""#13711: a flush whose new row reuses the primary key of an expired (rolled back) object emits a SELECT for it."""

# ruff: noqa: E501

import sys

from sqlalchemy import Column, Integer, String, create_engine, event, insert
from sqlalchemy.orm import DeclarativeBase, Session


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    # the key is produced by the INSERT, so the new object's identity is known only after the flush
    id = Column(Integer, primary_key=True, autoincrement=False, default=7)
    data = Column(String(20))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
selects: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("SELECT"):
        selects.append(statement)


with Session(engine) as s:
    s.execute(insert(T), [{"id": 7, "data": "stale"}])
    stale = s.get(T, 7)
    s.rollback()
    new = T(data="new")
    s.add(new)
    selects.clear()
    s.flush()
    n = len(selects)
    same = s.get(T, 7) is new
if n == 0 and same:
    print("OK the flush emits no SELECT for the replaced expired object")
    sys.exit(0)
print(f"BUG #13711 the flush emitted {n} SELECT(s) to refresh the replaced expired object")
sys.exit(1)
