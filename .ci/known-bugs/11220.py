"""#11220: do_orm_execute sees is_select False for select(X).from_statement(...)."""

import sys

from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
seen: list[bool] = []
with Session(engine) as session:
    session.add(User(id=1, name="ann"))
    session.commit()

    @event.listens_for(session, "do_orm_execute")
    def _seen(state):
        seen.append(state.is_select)

    users = session.scalars(select(User).from_statement(select(User.__table__))).all()
if seen == [True] and [u.name for u in users] == ["ann"]:
    print("OK do_orm_execute reports is_select for a from_statement() SELECT")
    sys.exit(0)
print(f"BUG #11220 is_select seen {seen}, expected [True]")
sys.exit(1)
