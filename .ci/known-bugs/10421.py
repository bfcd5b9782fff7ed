"""#10421: AsyncSession.close_all() does not close the open AsyncSessions (it fails or leaves them holding their objects)."""

# ruff: noqa: E501

import asyncio
import sys
import warnings

from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)


async def main() -> int:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    s = AsyncSession(engine)
    s.add(T(id=1))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            await AsyncSession.close_all()
    except Exception as err:
        print(
            f"BUG #10421 AsyncSession.close_all() raised {type(err).__name__}: {' '.join(str(err).split())[:70]}"
        )
        return 1
    finally:
        await engine.dispose()
    if len(s.new) == 0:
        print("OK AsyncSession.close_all() closed the open session")
        return 0
    print("BUG #10421 the session still holds its pending object after AsyncSession.close_all()")
    return 1


sys.exit(asyncio.run(main()))
