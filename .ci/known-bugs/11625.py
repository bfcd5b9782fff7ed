"""#11625: delete(Base) with polymorphic loading configured leaks the subclass joins into the DELETE, which fails."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import ForeignKey, create_engine, delete, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    type: Mapped[str]
    __mapper_args__ = {
        "polymorphic_identity": "employee",
        "polymorphic_on": "type",
        "with_polymorphic": "*",
    }


class Engineer(Employee):
    __tablename__ = "engineer"
    id: Mapped[int] = mapped_column(ForeignKey("employee.id"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "engineer"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([Employee(id=1), Employee(id=2)])
    s.commit()
    try:
        s.execute(delete(Employee).where(Employee.id == 1))
        s.commit()
    except Exception as err:
        print(f"BUG #11625 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
    left = s.scalar(select(func.count()).select_from(Employee.__table__))
if left == 1:
    print("OK the DELETE of the base class runs against its own table")
    sys.exit(0)
print(f"BUG #11625 {left} rows left, expected 1")
sys.exit(1)
