"""#11661: bulk_insert_mappings(return_defaults=True) does not put the new primary keys into the dicts."""

# ruff: noqa: E501

import sys

from sqlalchemy import String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    rows = [{"name": "a"}, {"name": "b"}]
    s.bulk_insert_mappings(User, rows, return_defaults=True)
    got = [r.get("id") for r in rows]
if got == [1, 2]:
    print("OK the dicts receive their new primary keys")
    sys.exit(0)
print(f"BUG #11661 ids in the dicts after the insert: {got}")
sys.exit(1)
