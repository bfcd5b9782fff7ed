"""#11997: ORM UPDATE with an explicit .returning() breaks synchronize_session="fetch" when the PK is not the first column."""

# ruff: noqa: E501

import sys

from sqlalchemy import String, create_engine, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    name: Mapped[str] = mapped_column(String(20))
    id: Mapped[int] = mapped_column(primary_key=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    objs = [T(id=1, name="a"), T(id=2, name="b")]
    s.add_all(objs)
    s.commit()
    for o in objs:
        s.refresh(o)  # loaded into the identity map before the UPDATE
    stmt = update(T).where(T.id == 2).values(name="z").returning(T.name)
    try:
        rows = s.execute(stmt, execution_options={"synchronize_session": "fetch"}).all()
    except Exception as err:
        print(f"BUG #11997 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
    got = ([tuple(r) for r in rows], [o.name for o in objs])
if got == ([("z",)], ["a", "z"]):
    print("OK fetch synchronization with an explicit RETURNING")
    sys.exit(0)
print(f"BUG #11997 (returned rows, names in session) = {got}, expected ([('z',)], ['a', 'z'])")
sys.exit(1)
