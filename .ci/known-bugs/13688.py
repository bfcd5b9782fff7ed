"""#13688: AsyncResult.unique() or .columns() has no effect on a following .scalars() / .mappings()."""

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
    g: Mapped[int] = mapped_column(Integer)


async def main() -> int:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    try:
        async with AsyncSession(engine) as s:
            s.add_all([T(id=1, g=7), T(id=2, g=7)])
            await s.commit()
            result = await s.stream(select(T.g).order_by(T.id))
            got = await result.unique().scalars().all()
    finally:
        await engine.dispose()
    if got == [7]:
        print("OK AsyncResult.unique().scalars() filters duplicates")
        return 0
    print(f"BUG #13688 AsyncResult.unique().scalars() returned {got}, expected [7]")
    return 1


sys.exit(asyncio.run(main()))
