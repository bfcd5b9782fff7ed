"""#11291: selectin_polymorphic() with a composite() on the superclass raises on load."""

# ruff: noqa: RUF012

import dataclasses
import sys

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    composite,
    mapped_column,
    selectin_polymorphic,
)


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Base(DeclarativeBase):
    pass


class Shape(Base):
    __tablename__ = "shape"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str]
    x: Mapped[int]
    y: Mapped[int]
    at: Mapped[Point] = composite("x", "y")
    __mapper_args__ = {"polymorphic_on": "kind", "polymorphic_identity": "shape"}


class Circle(Shape):
    __tablename__ = "circle"
    id: Mapped[int] = mapped_column(ForeignKey("shape.id"), primary_key=True)
    radius: Mapped[int]
    __mapper_args__ = {"polymorphic_identity": "circle"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Circle(id=1, at=Point(1, 2), radius=3))
    session.commit()
with Session(engine) as session:
    try:
        shapes = session.scalars(select(Shape).options(selectin_polymorphic(Shape, [Circle]))).all()
        got = [(type(s).__name__, s.at, s.radius) for s in shapes]
    except Exception as exc:
        print(f"BUG #11291 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if got == [("Circle", Point(1, 2), 3)]:
    print("OK selectin_polymorphic loads a subclass whose superclass has a composite")
    sys.exit(0)
print(f"BUG #11291 got {got}")
sys.exit(1)
