"""#12338: AsyncSession.stream(...).scalar_one() (and scalar(), scalar_one_or_none()) raise AttributeError."""

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
            s.add(T(id=1))
            await s.commit()
            result = await s.stream(select(T.id))
            try:
                got = await result.scalar_one()
            except AttributeError as err:
                print(f"BUG #12338 AsyncResult.scalar_one() raised AttributeError: {err}")
                return 1
    finally:
        await engine.dispose()
    print(f"OK AsyncResult.scalar_one() returned {got}")
    return 0


sys.exit(asyncio.run(main()))
