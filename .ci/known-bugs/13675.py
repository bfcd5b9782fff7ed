"""#13675: ORM UPDATE matching several objects in the Session refreshes a server-onupdate column on only one of them."""

# ruff: noqa: E501

import sys

from sqlalchemy import FetchedValue, Integer, String, create_engine, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(20), server_onupdate=FetchedValue())


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    objs = [T(id=i, data="d1", value="v1") for i in (1, 2, 3)]
    s.add_all(objs)
    s.flush()
    # what a server-side ON UPDATE trigger would do
    s.connection().execute(update(T.__table__).values(value="v2"))
    s.execute(update(T).values(data="d2"))
    got = [o.value for o in objs]
if got == ["v1", "v1", "v1"]:
    print("N/A before 2.0.36 (#11917) an ORM UPDATE refreshes no server-onupdate column")
    sys.exit(2)
if got == ["v2", "v2", "v2"]:
    print("OK server-onupdate column refreshed on every matched object")
    sys.exit(0)
print(f"BUG #13675 objects show {got} after the UPDATE, rows hold v2")
sys.exit(1)
