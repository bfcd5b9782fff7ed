"""#13485: a bulk_insert_mappings() that fails leaves the Session "already flushing" for good, even after rollback()."""

# ruff: noqa: E501

import contextlib
import sys

from sqlalchemy import create_engine, exc, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(T(id=1))
    s.commit()
    s.add(T(id=1))
    with contextlib.suppress(exc.IntegrityError):
        s.flush()  # duplicate key: the transaction now needs a rollback
    with contextlib.suppress(exc.PendingRollbackError):
        s.bulk_insert_mappings(T, [{"id": 2}])
    s.rollback()
    s.add(T(id=3))
    try:
        s.flush()
    except exc.InvalidRequestError as err:
        print(f"BUG #13485 flush() after rollback(): {err}")
        sys.exit(1)
    s.commit()
    ids = sorted(s.scalars(select(T.id)))
if ids == [1, 3]:
    print("OK the Session flushes again after the failed bulk call and a rollback")
    sys.exit(0)
print(f"BUG #13485 rows after the next commit: {ids}, expected [1, 3]")
sys.exit(1)
