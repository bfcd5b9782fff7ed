"""#9549: Session.delete() of an object whose cascaded relationship is lazy="raise" raises instead of loading it for the cascade."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    posts: Mapped[list["Post"]] = relationship(lazy="raise", cascade="all, delete-orphan")


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, posts=[Post(id=1), Post(id=2)]))
    session.commit()
with Session(engine) as session:
    try:
        session.delete(session.get(User, 1))
        session.commit()
        left = session.scalars(select(Post.id)).all()
    except Exception as exc:
        print(f"BUG #9549 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if left == []:
    print("OK delete() cascades through a lazy='raise' relationship")
    sys.exit(0)
print(f"BUG #9549 posts left {left}")
sys.exit(1)
