"""#11347: a Bundle in select() whose columns share a name gets wrong keys."""

import sys

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import Bundle, DeclarativeBase, Mapped, Session, mapped_column


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
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(id=1, name="ann"), Post(id=10, user_id=1, name="hello")])
    session.commit()
    b = Bundle("b", User.id, User.name, Post.id, Post.name)
    row = session.execute(select(b).join_from(User, Post)).one()
    got = (tuple(row.b._fields), tuple(row.b))
    qrow = session.query(b).select_from(User).join(Post).one()
    qgot = (tuple(qrow.b._fields), tuple(qrow.b))
if got == qgot:
    print(f"OK select() and Query give the bundle the same keys {got}")
    sys.exit(0)
print(f"BUG #11347 select() bundle {got}, Query bundle {qgot}")
sys.exit(1)
