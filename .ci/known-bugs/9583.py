"""#9583: insert(User).values(name=bindparam(...)) run through the Session with parameters fails."""

import sys

from sqlalchemy import bindparam, create_engine, insert, select
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
    stmt = insert(User).values(name=bindparam("who"))
    try:
        session.execute(stmt, [{"id": 1, "who": "ann"}, {"id": 2, "who": "bob"}])
        got = session.execute(select(User.id, User.name).order_by(User.id)).all()
    except Exception as exc:
        print(f"BUG #9583 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if [tuple(r) for r in got] == [(1, "ann"), (2, "bob")]:
    print("OK insert().values(bindparam()) takes its value from each parameter set")
    sys.exit(0)
print(f"BUG #9583 rows {got}")
sys.exit(1)
