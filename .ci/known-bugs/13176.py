"""#13176: Session.get(..., with_for_update=False) skips the identity map and emits a SELECT."""

import sys

from sqlalchemy import create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
statements: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    statements.append(statement)


with Session(engine) as s:
    s.add(User(id=7))
    s.flush()
    u = s.get(User, 7)
    statements.clear()
    same = s.get(User, 7, with_for_update=False) is u
if same and not statements:
    print("OK get(with_for_update=False) answers from the identity map")
    sys.exit(0)
print(f"BUG #13176 get(with_for_update=False) emitted {len(statements)} statement(s)")
sys.exit(1)
