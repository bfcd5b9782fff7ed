"""#10990: with_expression() with a SQL expression that is not cacheable raises an assertion."""

import sys

from sqlalchemy import create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    Session,
    mapped_column,
    query_expression,
    with_expression,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    extra: Mapped[str | None] = query_expression()


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(id=1, name="ann"))
    session.commit()
    from sqlalchemy.sql.elements import ColumnClause

    class Uncached(ColumnClause):
        inherit_cache = False

    try:
        u = session.scalars(
            select(User).options(
                with_expression(User.extra, Uncached("'x' || name", is_literal=True))
            )
        ).one()
        got = u.extra
    except Exception as exc:
        print(f"BUG #10990 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if got == "xann":
    print("OK with_expression() with an uncacheable expression loads its value")
    sys.exit(0)
print(f"BUG #10990 got {got!r}")
sys.exit(1)
