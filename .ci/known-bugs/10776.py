"""#10776: a Bundle in returning() of an ORM UPDATE with WHERE criteria fails."""

import sys

from sqlalchemy import create_engine, update
from sqlalchemy.orm import Bundle, DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(id=1, name="ann"), User(id=2, name="bob")])
    session.commit()
    try:
        rows = session.execute(
            update(User)
            .where(User.id == 1)
            .values(name="ann2")
            .returning(Bundle("b", User.id, User.name))
        ).all()
        got = [tuple(r.b) for r in rows]
    except Exception as exc:
        print(f"BUG #10776 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if got == [(1, "ann2")]:
    print("OK ORM UPDATE ... RETURNING a Bundle returns the bundle")
    sys.exit(0)
print(f"BUG #10776 got {got}")
sys.exit(1)
