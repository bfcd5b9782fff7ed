"""#12748: post_update on rows with a random version_id_generator applies wrong prefetched versions, raising StaleDataError."""

# ruff: noqa: E501, RUF012

import sys
import uuid

from sqlalchemy import ForeignKey, Integer, Uuid, create_engine
from sqlalchemy.orm import DeclarativeBase, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parent"
    id = mapped_column(Integer, primary_key=True)
    related = relationship("Related", post_update=True, cascade="all, delete-orphan")


class Related(Base):
    __tablename__ = "related"
    id = mapped_column(Integer, primary_key=True)
    parent_id = mapped_column(ForeignKey("parent.id"))
    version = mapped_column(Uuid)
    __mapper_args__ = {"version_id_col": version, "version_id_generator": lambda v: uuid.uuid4()}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
p = Parent(related=[Related(), Related(), Related()])
with Session(engine, expire_on_commit=False) as s:
    s.add(p)
    s.commit()
try:
    with Session(engine, expire_on_commit=False) as s:
        s.delete(p)
        s.commit()
except Exception as err:
    print(
        f"BUG #12748 deleting the parent failed: {type(err).__name__}: {' '.join(str(err).split())[:80]}"
    )
    sys.exit(1)
print("OK post_update with random version ids keeps each row's own version")
sys.exit(0)
