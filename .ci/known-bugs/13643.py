"""#13643: MutableDict |= and MutableList *= are not detected, so the change is not flushed."""

import sys

from sqlalchemy import JSON, Integer, create_engine
from sqlalchemy.ext.mutable import MutableDict, MutableList
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    d = mapped_column(MutableDict.as_mutable(JSON))
    lst = mapped_column(MutableList.as_mutable(JSON))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(T(id=1, d={"a": 1}, lst=[1]))
    s.commit()
    t = s.get(T, 1)
    t.d |= {"b": 2}
    t.lst *= 2
    s.commit()
with Session(engine) as s:
    t = s.get(T, 1)
    got = (t.d, t.lst)
if got == ({"a": 1, "b": 2}, [1, 1]):
    print("OK in-place |= and *= are persisted")
    sys.exit(0)
print(f"BUG #13643 after |= and *= the row holds {got}")
sys.exit(1)
