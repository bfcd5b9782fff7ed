"""#10936: deleting the target of a bidirectional post_update relationship UPDATEs the referencing rows twice."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, String, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Ball(Base):
    __tablename__ = "ball"
    id: Mapped[int] = mapped_column(primary_key=True)


class Person(Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[str] = mapped_column(String(20))
    favorite_ball_id: Mapped[int | None] = mapped_column(ForeignKey("ball.id"))
    favorite: Mapped[Ball | None] = relationship(post_update=True, backref="favorites")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
updates: list[str] = []


@event.listens_for(engine, "before_cursor_execute")
def record(conn, cursor, statement, parameters, context, executemany):
    if statement.startswith("UPDATE person"):
        updates.append(statement)


with Session(engine) as s:
    b = Ball()
    p1, p2 = Person(data="p1", favorite=b), Person(data="p2", favorite=b)
    s.add_all([b, p1, p2])
    s.flush()
    updates.clear()
    s.delete(b)
    s.flush()
    nulls = [p.favorite_ball_id for p in (p1, p2)]
if len(updates) == 1 and nulls == [None, None]:
    print("OK one UPDATE sets the foreign keys to NULL before the DELETE")
    sys.exit(0)
print(f"BUG #10936 {len(updates)} UPDATE statements for the post_update on delete, expected 1")
sys.exit(1)
