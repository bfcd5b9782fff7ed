"""#13744: a Session's execution options (isolation_level) are applied again by begin_nested(), which raises."""

# ruff: noqa: E501

import sys

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

engine = create_engine("sqlite://")
try:
    sess = Session(engine, execution_options={"isolation_level": "READ UNCOMMITTED"})
except TypeError:
    print("N/A Session(execution_options=...) does not exist before 2.1")
    sys.exit(2)
try:
    sess.connection()
    sess.begin_nested()
    sess.execute(text("select 1"))
    got = sess.connection().get_isolation_level()
except Exception as err:
    print(
        f"BUG #13744 begin_nested() with session execution options: {type(err).__name__}: {' '.join(str(err).split())[:70]}"
    )
    sys.exit(1)
finally:
    sess.close()
if got == "READ UNCOMMITTED":
    print("OK SAVEPOINT keeps the session's isolation level")
    sys.exit(0)
print(f"BUG #13744 isolation level inside SAVEPOINT is {got}")
sys.exit(1)
