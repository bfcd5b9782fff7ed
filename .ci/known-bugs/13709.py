"""#13709: .params() on an ORM from_statement() is ignored when the compiled cache is off."""

import sys

from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([User(id=7), User(id=8)])
    s.commit()
stmt = select(User).from_statement(text("select * from users where id = :id")).params(id=8)
with Session(engine.execution_options(compiled_cache=None)) as s:
    try:
        got = [u.id for u in s.scalars(stmt)]
    except Exception as err:
        print(f"BUG #13709 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
if got == [8]:
    print("OK from_statement().params() applied without the cache")
    sys.exit(0)
print(f"BUG #13709 loaded {got}, expected [8]")
sys.exit(1)
