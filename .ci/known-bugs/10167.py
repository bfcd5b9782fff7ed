"""#10167: an ORM select() drops a CTE added only through add_cte()."""

import sys

from sqlalchemy import create_engine, event, literal, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, name="ann"))
    session.commit()
    # SQLite has no DML inside WITH, so the check is the SQL sent: the CTE must be in it
    sent: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cur, stmt, *a: sent.append(stmt))
    cte = select(literal(1).label("x")).cte("extra")
    names = session.scalars(select(User.name).add_cte(cte)).all()
if names == ["ann"] and "WITH extra AS" in sent[-1]:
    print("OK select().add_cte() renders the CTE")
    sys.exit(0)
print(f"BUG #10167 SQL sent {sent[-1]!r} has no WITH extra")
sys.exit(1)
