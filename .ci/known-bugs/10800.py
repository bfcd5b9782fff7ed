"""#10800: a flush that UPDATEs a versioned row and then post_updates it uses the stale version and raises StaleDataError."""

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
    s.add_all([p, Child(id=2)])
    s.commit()
    s.close()
    p = s.get(Parent, 1)
    _ = p.favorite  # loaded
    # a no-op set that still records the version column as changed
    p.version = p.version
    p.data = "b"
    p.favorite_id = 2  # the foreign key set directly, while the relationship is loaded
    try:
        s.commit()
    except Exception as err:
        print(f"BUG #10800 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
    got = (p.data, p.favorite_id)
if got == ("b", 2):
    print("OK the post-update uses the version the same flush just set")
    sys.exit(0)
print(f"BUG #10800 row holds {got}")
sys.exit(1)
