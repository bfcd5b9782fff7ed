"""#10967: deleting a versioned row that a post_update UPDATEs first uses the stale version and raises StaleDataError."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)


class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column()
    favorite_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"))
    favorite: Mapped[Child | None] = relationship(post_update=True)
    __mapper_args__ = {"version_id_col": version}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    p = Parent(id=1, data="a", favorite=Child(id=1))
    s.add(p)
    s.flush()
    s.delete(p)  # the post_update first sets favorite_id to NULL, bumping the version
    try:
        s.commit()
    except Exception as err:
        print(f"BUG #10967 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
    got = s.get(Parent, 1)
if got is None:
    print("OK the DELETE uses the version the post-update just set")
    sys.exit(0)
print(f"BUG #10967 row holds {got}")
sys.exit(1)
