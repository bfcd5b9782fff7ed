"""#9805: a Core select() naming ORM attributes only in its WHERE does not autoflush."""

import sys

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, name="ann"))
    got = session.scalar(select(func.count()).select_from(User.__table__).where(User.name == "ann"))
if got == 1:
    print("OK a select() whose WHERE names an ORM attribute autoflushes the pending user")
    sys.exit(0)
print(f"BUG #9805 count {got}, expected 1 (no autoflush)")
sys.exit(1)
