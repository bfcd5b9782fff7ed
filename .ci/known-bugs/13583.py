"""#13583: aliased() of an aliased() over a CTE ignores the CTE and selects from the whole mapped table."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, aliased, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([User(id=i) for i in (7, 8, 9, 10)])
    s.commit()
    cte = select(User).where(User.id > 8).cte("c")
    u2 = aliased(aliased(User, cte), name="u2")
    try:
        got = sorted(u.id for u in s.scalars(select(u2)))
    except Exception as err:
        print(f"BUG #13583 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
if got == [9, 10]:
    print("OK the alias of an alias keeps its CTE")
    sys.exit(0)
print(f"BUG #13583 loaded ids {got}, expected [9, 10]")
sys.exit(1)
