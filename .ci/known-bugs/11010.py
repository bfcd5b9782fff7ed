"""#11010: a relationship.and_() criteria naming the secondary table is not aliased in a join (invalid query)."""

# ruff: noqa: E501

import sys

from sqlalchemy import Column, ForeignKey, Integer, Table, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


post_tags = Table(
    "post_tags",
    Base.metadata,
    Column("post_id", ForeignKey("posts.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True),
    Column("weight", Integer, nullable=False),
)


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    tags: Mapped[list["Tag"]] = relationship(secondary=post_tags)


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Post(id=1), Tag(id=1, name="a"), Tag(id=2, name="b")])
    session.flush()
    session.execute(
        post_tags.insert(),
        [{"post_id": 1, "tag_id": 1, "weight": 5}, {"post_id": 1, "tag_id": 2, "weight": 1}],
    )
    session.commit()
    try:
        names = session.scalars(
            select(Tag.name).select_from(Post).join(Post.tags.and_(post_tags.c.weight > 3))
        ).all()
    except Exception as exc:
        print(f"BUG #11010 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if names == ["a"]:
    print("OK join(Post.tags.and_(secondary criteria)) keeps only the tag the criteria select")
    sys.exit(0)
print(f"BUG #11010 tags {names}, expected ['a']")
sys.exit(1)
