"""#9936: mapped_column(default=<callable>, init=False) on a MappedAsDataclass stores the callable itself instead of calling it at INSERT (regression in 2.0.16)."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, Session, mapped_column


def make_code() -> str:
    return "generated"


class Base(MappedAsDataclass, DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    name: Mapped[str]
    code: Mapped[str] = mapped_column(default=make_code, init=False)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    u = User(name="ann")
    session.add(u)
    try:
        session.commit()
        got = session.get(User, u.id).code
    except Exception as exc:
        print(f"BUG #9936 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if got == "generated":
    print("OK the callable default runs at INSERT")
    sys.exit(0)
print(f"BUG #9936 code {got!r}, expected 'generated'")
sys.exit(1)
