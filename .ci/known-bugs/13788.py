"""#13788: an ORM dataclass with orm_insert_sentinel() (or a ColumnDefault as default) fails to flush."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, Session, mapped_column

try:
    from sqlalchemy.orm import orm_insert_sentinel
except ImportError:
    print("N/A orm_insert_sentinel() does not exist in this release")
    sys.exit(2)


class Base(MappedAsDataclass, DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    data: Mapped[str]
    _sentinel: Mapped[int] = orm_insert_sentinel()


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
try:
    with Session(engine) as s:
        s.add_all([T(data="d1"), T(data="d2")])
        s.commit()
        got = s.scalars(select(T.data).order_by(T.data)).all()
except Exception as err:
    print(f"BUG #13788 flush failed: {type(err).__name__}: {' '.join(str(err).split())[:80]}")
    sys.exit(1)
if got == ["d1", "d2"]:
    print("OK dataclass with an insert sentinel flushes")
    sys.exit(0)
print(f"BUG #13788 rows {got}")
sys.exit(1)
