"""#10784: assigning a string to one item of a MutableList fails or stores it wrongly."""

import sys

from sqlalchemy import JSON, create_engine
from sqlalchemy.ext.mutable import MutableList
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    data = mapped_column(MutableList.as_mutable(JSON))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(T(id=1, data=["one", "two"]))
    s.commit()
    t = s.get(T, 1)
    try:
        t.data[0] = "three"
        s.commit()
    except Exception as err:
        print(f"BUG #10784 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
with Session(engine) as s:
    got = s.get(T, 1).data
if got == ["three", "two"]:
    print("OK a string assigned to a MutableList item is stored")
    sys.exit(0)
print(f"BUG #10784 stored {got}, expected ['three', 'two']")
sys.exit(1)
