"""#12357: select(Cls.x + Cls.x + Cls.x) is not treated as an ORM statement, so ORM behaviours such as autoflush do not apply."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    x: Mapped[int]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(T(id=1, x=2))  # pending: only an ORM statement autoflushes it
    got = s.scalars(select(T.x + T.x + T.x)).all()
if got == [6]:
    print("OK a multi-part expression of ORM attributes runs as an ORM statement")
    sys.exit(0)
print(f"BUG #12357 got {got}: the pending object was not autoflushed")
sys.exit(1)
