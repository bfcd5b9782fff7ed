"""#12802: assigning a list to one item of a MutableList (lst[i] = [...]) stores something else, in memory and in the row."""

# ruff: noqa: E501

import sys

from sqlalchemy import JSON, create_engine
from sqlalchemy.ext.mutable import MutableList
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    a = mapped_column(MutableList.as_mutable(JSON))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(T(id=1, a=["one", "two"]))
    s.commit()
    t = s.get(T, 1)
    try:
        t.a[1] = ["four", "two"]
        s.commit()
    except Exception as err:
        print(f"BUG #12802 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
with Session(engine) as s:
    t = s.get(T, 1)
    got = t.a
if got == ["one", ["four", "two"]]:
    print("OK a list assigned to a MutableList item is stored as that item")
    sys.exit(0)
print(f"BUG #12802 persisted {got}, expected ['one', ['four', 'two']]")
sys.exit(1)
