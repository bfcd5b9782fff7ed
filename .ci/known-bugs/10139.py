"""#10139: lazy="immediate" on a self-referential relationship leaves an internal loading token in the attribute."""

# ruff: noqa: E501

import sys

from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Node(Base):
    __tablename__ = "nodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id"))
    children: Mapped[list["Node"]] = relationship(lazy="immediate", back_populates="parent")
    parent: Mapped["Node | None"] = relationship(
        lazy="immediate", back_populates="children", remote_side=[id]
    )


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(Node(id=1, children=[Node(id=2, children=[Node(id=3)])]))
    session.commit()
with Session(engine) as session:
    try:
        n2 = session.get(Node, 2)
        got = (
            n2.parent.id,
            [c.id for c in n2.children],
            [c.id for c in n2.parent.children],
            n2.children[0].parent.id,
        )
    except Exception as exc:
        print(f"BUG #10139 {type(exc).__name__}: {exc}"[:300])
        sys.exit(1)
if got == (1, [3], [2], 2):
    print("OK immediateload in both directions loads the right nodes")
    sys.exit(0)
print(f"BUG #10139 got {got}")
sys.exit(1)
