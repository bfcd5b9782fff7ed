"""#10279: an ORM UPDATE of an aliased() entity with UPDATE..FROM another alias of it loses its target."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, aliased, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    boss_id: Mapped[int | None]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(id=1, name="boss", boss_id=None), User(id=2, name="ann", boss_id=1)])
    session.commit()
    worker = aliased(User)
    boss = aliased(User)
    stmt = update(worker).where(worker.boss_id == boss.id).values(name=boss.name + "'s")
    try:
        session.execute(stmt, execution_options={"synchronize_session": False})
        session.commit()
        got = sorted((u.id, u.name) for u in session.query(User))
    except Exception as exc:
        print(f"BUG #10279 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if got == [(1, "boss"), (2, "boss's")]:
    print("OK UPDATE of an alias FROM another alias updates the target rows")
    sys.exit(0)
print(f"BUG #10279 got {got}")
sys.exit(1)
