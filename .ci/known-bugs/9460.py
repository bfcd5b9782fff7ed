"""#9460: a set event on a composite() with active_history=True does not receive the old value."""

import dataclasses
import sys

from sqlalchemy import create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, composite, mapped_column


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    x: Mapped[int]
    y: Mapped[int]
    p: Mapped[Point] = composite("x", "y", active_history=True)


olds: list[object] = []


@event.listens_for(T.p, "set")
def on_set(target, value, oldvalue, initiator):
    olds.append(oldvalue)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(T(id=1, p=Point(1, 2)))
    s.commit()
with Session(engine) as s:
    t = s.get(T, 1)
    s.expire(t)
    olds.clear()
    t.p = Point(3, 4)
if olds == [Point(1, 2)]:
    print("OK the set event receives the old composite value")
    sys.exit(0)
print(f"BUG #9460 old value seen by the set event: {olds}, expected [Point(x=1, y=2)]")
sys.exit(1)
