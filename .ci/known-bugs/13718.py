"""#13718: dataclass relationship with attribute_keyed_dict and default_factory=dict is rejected at mapping."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    MappedAsDataclass,
    Session,
    attribute_keyed_dict,
    mapped_column,
    relationship,
)


class Base(MappedAsDataclass, DeclarativeBase):
    pass


try:

    class A(Base):
        __tablename__ = "a"
        id: Mapped[int] = mapped_column(primary_key=True, init=False)
        bs: Mapped[dict[str, "B"]] = relationship(
            collection_class=attribute_keyed_dict("data"), default_factory=dict
        )

    class B(Base):
        __tablename__ = "b"
        id: Mapped[int] = mapped_column(primary_key=True, init=False)
        a_id: Mapped[int] = mapped_column(ForeignKey("a.id"), init=False)
        data: Mapped[str]

    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        a = A()
        a.bs["x"] = B(data="x")
        s.add(a)
        s.commit()
        got = list(s.get(A, a.id).bs)
except Exception as err:
    print(f"BUG #13718 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
    sys.exit(1)
if got == ["x"]:
    print("OK default_factory=dict accepted for a keyed-dict collection")
    sys.exit(0)
print(f"BUG #13718 collection keys {got}")
sys.exit(1)
