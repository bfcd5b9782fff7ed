"""#12471: AsyncSession.get_transaction() raises NotImplementedError once the begin() object was garbage collected."""

# ruff: noqa: E501

import asyncio
import gc
import sys

from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine


async def main() -> int:
    engine = create_async_engine("sqlite+aiosqlite://")
    try:
        async with AsyncSession(engine) as s:
            await s.begin()  # the returned AsyncSessionTransaction is not kept
            gc.collect()
            try:
                trans = s.get_transaction()
                await s.begin_nested()
                gc.collect()
                nested = s.get_nested_transaction()
            except NotImplementedError as err:
                print(f"BUG #12471 get_transaction() raised NotImplementedError {err}")
                return 1
    finally:
        await engine.dispose()
    if trans is not None and nested is not None and nested.nested:
        print("OK get_transaction() and get_nested_transaction() regenerate their proxies")
        return 0
    print(f"BUG #12471 got {trans!r}, {nested!r}")
    return 1


sys.exit(asyncio.run(main()))
