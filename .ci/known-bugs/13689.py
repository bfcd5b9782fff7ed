"""#13689: AsyncResult.freeze() fails for an ORM result (AttributeError) instead of freezing the rows."""

# ruff: noqa: E501

import asyncio
import sys

from sqlalchemy import Integer, select
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


async def main() -> int:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        async with AsyncSession(engine) as s:
            s.add_all([T(id=1), T(id=2)])
            await s.commit()
            result = await s.stream(select(T).order_by(T.id))
            try:
                frozen = await result.freeze()
                got = [t.id for t in frozen().scalars()]
            except Exception as err:
                print(f"BUG #13689 AsyncResult.freeze() raised {type(err).__name__}: {err}")
                return 1
    finally:
        await engine.dispose()
    if got == [1, 2]:
        print("OK AsyncResult.freeze() keeps the rows")
        return 0
    print(f"BUG #13689 frozen result gave {got}, expected [1, 2]")
    return 1


sys.exit(asyncio.run(main()))
