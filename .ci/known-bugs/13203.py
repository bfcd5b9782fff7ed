"""#13203: joinedload(rel.of_type(JoinedSubclass).and_(subclass column)) renders invalid SQL."""

# ruff: noqa: RUF012

import sys

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Session, joinedload, relationship


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    company_id = Column(ForeignKey("company.id"))
    type = Column(String(20))
    __mapper_args__ = {"polymorphic_on": type, "polymorphic_identity": "employee"}


class Engineer(Employee):
    __tablename__ = "engineer"
    id = Column(ForeignKey("employee.id"), primary_key=True)
    language = Column(String(50))
    __mapper_args__ = {"polymorphic_identity": "engineer"}


class Manager(Employee):
    __tablename__ = "manager"
    id = Column(ForeignKey("employee.id"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "manager"}


class Company(Base):
    __tablename__ = "company"
    id = Column(Integer, primary_key=True)
    employees = relationship(Employee)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(
        Company(
            id=1,
            employees=[
                Engineer(name="e1", language="python"),
                Engineer(name="e2", language="java"),
                Manager(name="m1"),
            ],
        )
    )
    s.commit()
with Session(engine) as s:
    opt = joinedload(Company.employees.of_type(Engineer).and_(Engineer.language == "python"))
    try:
        company = s.scalars(select(Company).options(opt)).unique().one()
    except Exception as err:
        print(f"BUG #13203 {type(err).__name__}: {' '.join(str(err).split())[:90]}")
        sys.exit(1)
    got = sorted(e.name for e in company.employees)
if got == ["e1"]:
    print("OK the criteria on the subclass column is applied")
    sys.exit(0)
print(f"BUG #13203 loaded {got}, expected ['e1']")
sys.exit(1)
