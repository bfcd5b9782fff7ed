"""#12216: one listener on two sessionmakers cannot be removed from one of them and kept on the other."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker

engine = create_engine("sqlite://")
maker_one, maker_two = sessionmaker(engine), sessionmaker(engine)
calls: list[str] = []


def after_begin(session, transaction, connection):
    calls.append(session.info["name"])


def run(maker, name):
    with maker(info={"name": name}) as s:
        s.connection()


event.listen(maker_one, "after_begin", after_begin)
event.listen(maker_two, "after_begin", after_begin)
run(maker_one, "one-a")
run(maker_two, "two-a")
try:
    event.remove(maker_one, "after_begin", after_begin)
    run(maker_one, "one-b")
    run(maker_two, "two-b")
    event.remove(maker_two, "after_begin", after_begin)
    run(maker_one, "one-c")
    run(maker_two, "two-c")
except Exception as err:
    print(
        f"BUG #12216 removing the listener: {type(err).__name__}: {' '.join(str(err).split())[:70]}"
    )
    sys.exit(1)
if calls == ["one-a", "two-a", "two-b"]:
    print("OK the listener is removed from each sessionmaker separately")
    sys.exit(0)
print(f"BUG #12216 listener calls {calls}, expected ['one-a', 'two-a', 'two-b']")
sys.exit(1)
