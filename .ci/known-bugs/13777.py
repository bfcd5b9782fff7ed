"""#13777: options nested under selectin_polymorphic() are skipped when a differently shaped parent statement was cached."""

# ruff: noqa: E501, RUF012

import sys

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    String,
    create_engine,
    inspect,
    select,
)
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import (
    DeclarativeBase,
    Session,
    relationship,
    selectinload,
    with_polymorphic,
)


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parent"
    id = Column(Integer, primary_key=True)
    type = Column(String(10))
    __mapper_args__ = {"polymorphic_on": type, "polymorphic_identity": "parent"}


class A(Parent):
    __tablename__ = "a"
    id = Column(ForeignKey("parent.id"), primary_key=True)
    data = Column(String(10))
    children = relationship("Child", order_by="Child.id")
    __mapper_args__ = {"polymorphic_identity": "a"}


class Child(Base):
    __tablename__ = "child"
    id = Column(Integer, primary_key=True)
    type = Column(String(10))
    parent_id = Column(ForeignKey("a.id"))
    __mapper_args__ = {"polymorphic_on": type, "polymorphic_identity": "child"}


class Group(Child):
    __tablename__ = "grp"
    id = Column(ForeignKey("child.id"), primary_key=True)
    members = relationship("Member", order_by="Member.id")
    __mapper_args__ = {"polymorphic_identity": "group"}


class Member(Base):
    __tablename__ = "member"
    id = Column(Integer, primary_key=True)
    group_id = Column(ForeignKey("grp.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(
        A(
            id=1,
            data="a1",
            children=[Group(id=10, members=[Member(id=1), Member(id=2)]), Child(id=11)],
        )
    )
    s.commit()

loaded = []
for style in ("plain", "where"):
    poly = with_polymorphic(Parent, [A])
    try:
        opt = (
            selectinload(poly.A.children)
            .selectin_polymorphic([Group])
            .options(selectinload(Group.members))
        )
    except ArgumentError as err:
        print(f"N/A this release rejects the option chain: {str(err)[:70]}")
        sys.exit(2)
    stmt = select(poly).options(opt)
    if style == "where":
        stmt = stmt.where(poly.A.data == "a1")
    with Session(engine) as s:
        a = s.scalars(stmt).one()
        group = a.children[0]
        loaded.append("members" not in inspect(group).unloaded)
if loaded == [True, True]:
    print("OK the nested selectinload under selectin_polymorphic applies on every run")
    sys.exit(0)
print(f"BUG #13777 Group.members eagerly loaded per run: {loaded}")
sys.exit(1)
