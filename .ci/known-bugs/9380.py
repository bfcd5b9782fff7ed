"""#9380: MutableDict.pop() does not work (regression of the typing added in 2.0.0)."""

import sys

from sqlalchemy import JSON, create_engine
from sqlalchemy.ext.mutable import MutableDict
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    prefs: Mapped[dict] = mapped_column(MutableDict.as_mutable(JSON))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, prefs={"a": 1, "b": 2}))
    session.commit()
    u = session.get(User, 1)
    try:
        popped = (u.prefs.pop("a"), u.prefs.pop("zz", None))
    except Exception as exc:
        print(f"BUG #9380 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
    session.commit()
    session.expire_all()
    got = (popped, session.get(User, 1).prefs)
if got == ((1, None), {"b": 2}):
    print("OK MutableDict.pop() returns the value and the change is saved")
    sys.exit(0)
print(f"BUG #9380 got {got}")
sys.exit(1)
