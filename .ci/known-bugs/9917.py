"""#9917: an ORM bulk UPDATE by parameter dicts with a WHERE but no primary keys silently updates nothing."""

# ruff: noqa: E501

import sys

from sqlalchemy import String, create_engine, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    data: Mapped[str] = mapped_column(String(10))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(T(id=1, data="a"))
    s.commit()
    try:
        s.execute(
            update(T).where(T.data == "a"),
            [{"data": "b"}],
            execution_options={"synchronize_session": None},
        )
        s.commit()
    except Exception as err:
        msg = " ".join(str(err).split())
        if (
            "primary key" in msg
        ):  # rejecting parameter sets without primary keys is the fixed behaviour
            print(f"OK bulk UPDATE without primary keys is rejected: {msg[:70]}")
            sys.exit(0)
        print(f"N/A this release rejects bulk UPDATE with WHERE: {msg[:70]}")
        sys.exit(2)
    got = s.scalar(select(T.data))
print(f"BUG #9917 the bulk UPDATE ran without error and left data={got!r}")
sys.exit(1)
