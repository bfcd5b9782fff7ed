"""#9879: a MappedAsDataclass field with default= and init=False does not get its default."""

import sys

from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, Session, mapped_column


class Base(MappedAsDataclass, DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    name: Mapped[str]
    status: Mapped[str] = mapped_column(default="new", init=False)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
try:
    u = User(name="ann")
    before = u.status
    with Session(engine) as session:
        session.add(u)
        session.commit()
        session.expire_all()
        after = session.get(User, u.id).status
except Exception as exc:
    print(f"BUG #9879 {type(exc).__name__}: {exc}"[:300])
    sys.exit(1)
if (before, after) == ("new", "new"):
    print("OK the init=False field has its default on the new object and in the row")
    sys.exit(0)
print(f"BUG #9879 status before flush {before!r}, in the row {after!r}")
sys.exit(1)
