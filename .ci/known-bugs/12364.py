"""#12364: an aliased() entity over a CTE used twice in one statement raises a spurious "duplicate CTE" error."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine, select, union_all
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, aliased, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    x: Mapped[int]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([T(id=1, x=5), T(id=2, x=0)])
    s.commit()
    cte = select(T).where(T.x > 1).cte("filtered")
    ft = aliased(T, cte)
    stmt = union_all(select(ft.id), select(T.id).join(ft, ft.id == T.id).where(T.x.is_not(None)))
    try:
        got = sorted(s.scalars(stmt))
    except Exception as err:
        print(f"BUG #12364 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
if got == [1, 1]:
    print("OK the aliased CTE renders once and is used twice")
    sys.exit(0)
print(f"BUG #12364 got {got}, expected [1, 1]")
sys.exit(1)
