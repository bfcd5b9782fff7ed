"""#11332: bulk_save_objects(return_defaults=True) gives the objects a malformed identity key; get() does not find them."""

# ruff: noqa: E501

import sys

from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[str] = mapped_column(String(10))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    objs = [T(data="a"), T(data="b")]
    s.bulk_save_objects(objs, return_defaults=True)
    keys = [inspect(o).key for o in objs]
if keys == [(T, (1,), None), (T, (2,), None)]:
    print("OK the objects carry well-formed identity keys")
    sys.exit(0)
print(f"BUG #11332 identity keys {keys}")
sys.exit(1)
