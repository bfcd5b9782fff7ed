"""#13207: subqueryload(rel.of_type(Subclass).and_(...)) drops the extra criteria and loads every related row."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Session, relationship, subqueryload


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
    opt = subqueryload(Company.employees.of_type(Engineer).and_(Engineer.language == "python"))
    company = s.scalars(select(Company).options(opt)).one()
    got = sorted(e.name for e in company.employees)
if got == ["e1"]:
    print("OK the criteria of the subqueryload is applied")
    sys.exit(0)
print(f"BUG #13207 loaded {got}, expected ['e1']")
sys.exit(1)
