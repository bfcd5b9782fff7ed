"""#13319: select(with_polymorphic(LeafClass, "*")) fails with AttributeError when mappers are not yet configured."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, with_polymorphic


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str]
    __mapper_args__ = {"polymorphic_identity": "employee", "polymorphic_on": "type"}


class Engineer(Employee):
    __tablename__ = "engineer"
    id: Mapped[int] = mapped_column(ForeignKey("employee.id"), primary_key=True)
    engineer_name: Mapped[str]
    __mapper_args__ = {"polymorphic_identity": "engineer"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as conn:
    conn.execute(Employee.__table__.insert(), [{"id": 1, "type": "engineer"}])
    conn.execute(Engineer.__table__.insert(), [{"id": 1, "engineer_name": "e1"}])
# no ORM use yet: the mappers are still unconfigured, as in a fresh process
with Session(engine) as s:
    try:
        wp = with_polymorphic(Engineer, "*")
        got = [e.engineer_name for e in s.scalars(select(wp))]
    except AttributeError as err:
        print(f"BUG #13319 AttributeError: {err}")
        sys.exit(1)
if got == ["e1"]:
    print("OK with_polymorphic of a leaf class configures the mappers")
    sys.exit(0)
print(f"BUG #13319 loaded {got}")
sys.exit(1)
