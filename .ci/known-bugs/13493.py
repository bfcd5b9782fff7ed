"""#13493: an object loaded with raiseload("*") cannot be unpickled in a fresh process (KeyError/IndexError)."""

# ruff: noqa: E501

import pickle
import subprocess
import sys

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, raiseload, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    addresses: Mapped[list["Address"]] = relationship()


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


if sys.argv[1:] == ["--unpickle"]:
    # a fresh process that never built a loader path with the "*" token
    try:
        user = pickle.loads(sys.stdin.buffer.read())
    except (KeyError, IndexError) as err:
        print(f"{type(err).__name__}: {err}")
        sys.exit(1)
    print(f"unpickled user {user.id}")
    sys.exit(0)

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(User(id=1, addresses=[Address(id=1)]))
    s.commit()
    user = s.scalars(select(User).options(raiseload("*"))).one()
    data = pickle.dumps(user)
child = subprocess.run(
    [sys.executable, "-W", "ignore", __file__, "--unpickle"], input=data, capture_output=True
)
line = (child.stdout.decode().strip().splitlines() or [child.stderr.decode().strip()[-80:]])[-1]
if child.returncode == 0:
    print(f"OK {line} in a fresh process")
    sys.exit(0)
print(f"BUG #13493 unpickling in a fresh process: {line}")
sys.exit(1)
