"""#10365: with_loader_criteria() is not applied to a join() whose ON clause is a plain SQL comparison."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, with_loader_criteria


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    public: Mapped[bool]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all(
        [
            User(id=1, name="ann"),
            Post(id=1, user_id=1, public=True),
            Post(id=2, user_id=1, public=False),
        ]
    )
    session.commit()
    stmt = (
        select(User.name, Post.id)
        .join(Post, Post.user_id == User.id)
        .options(with_loader_criteria(Post, Post.public.is_(True)))
    )
    got = session.execute(stmt).all()
if [tuple(r) for r in got] == [("ann", 1)]:
    print("OK with_loader_criteria() limits the joined posts")
    sys.exit(0)
print(f"BUG #10365 rows {got}, expected [('ann', 1)]")
sys.exit(1)
