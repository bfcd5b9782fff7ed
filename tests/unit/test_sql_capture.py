"""The recorder reads what a statement is from SQLAlchemy's execution context."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, delete, insert, select, text, update
from sqlalchemy.orm import Session, joinedload, selectinload, subqueryload

from orm_spec.model_variants import ALL_METADATA, DOMAINS, SUBJECT_OF_TABLE
from orm_spec.models import Post, User
from orm_spec.sql_capture import SqlRecorder, Statement
from orm_spec.sql_text import normalise


@pytest.fixture
def engine() -> Iterator[Engine]:
    engine = create_engine("sqlite://")
    for metadata in ALL_METADATA:
        metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def recorder(engine: Engine) -> Iterator[SqlRecorder]:
    recorder = SqlRecorder(subject_of_table=SUBJECT_OF_TABLE.get)
    recorder.attach(engine)
    yield recorder
    recorder.detach(engine)


def _shape(statement: Statement) -> tuple[str, str | None, str | None]:
    return statement.kind, statement.table, statement.subject


def test_flush_statements_carry_kind_table_subject_and_set_columns(
    engine: Engine, recorder: SqlRecorder
) -> None:
    with Session(engine) as session:
        alice = User(name="Alice", email="alice@example.com")
        alice.posts.append(Post(title="T", content="c"))
        session.add(alice)
        session.flush()
        alice.name, alice.email = "Alicia", "alicia@example.com"
        session.flush()
        session.delete(alice)
        session.flush()
    kinds = [_shape(s) for s in recorder.statements]
    assert kinds[:3] == [
        ("INSERT", "users", "users"),
        ("INSERT", "posts", "posts"),
        ("UPDATE", "users", "users"),
    ]
    assert recorder.statements[2].columns == ("email", "name")
    assert ("DELETE", "posts", "posts") in kinds and kinds[-1] == ("DELETE", "users", "users")


def test_a_variant_table_is_named_by_its_kind(engine: Engine, recorder: SqlRecorder) -> None:
    versioned = DOMAINS["users with a version counter"].user
    with Session(engine) as session:
        session.add(versioned(name="Alice", email="a@example.com"))
        session.flush()
    [statement] = recorder.statements
    assert _shape(statement) == ("INSERT", "users_versioned", "users")


@pytest.mark.parametrize("loader", [selectinload, subqueryload, joinedload])
def test_an_eager_load_is_a_select_of_what_it_loads(
    engine: Engine, recorder: SqlRecorder, loader: object
) -> None:
    with Session(engine) as session:
        session.add(User(name="Alice", email="a@example.com", posts=[Post(title="T", content="")]))
        session.commit()
        mark = recorder.mark()
        session.scalars(select(User).options(loader(User.posts))).unique().all()  # type: ignore[operator]
    subjects = [s.subject for s in recorder.since(mark)]
    assert subjects[0] == "users" and set(subjects) <= {"users", "posts"}


def test_orm_bulk_statements_and_text(engine: Engine, recorder: SqlRecorder) -> None:
    with Session(engine) as session:
        session.execute(insert(User), [{"name": "A", "email": "a"}, {"name": "B", "email": "b"}])
        session.execute(update(User).where(User.name == "A").values(name="C"))
        session.execute(update(User), [{"id": 1, "email": "z"}])
        session.execute(delete(User).where(User.name == "B"))
        session.execute(text("SELECT count(*) FROM users"))
        nested = session.begin_nested()
        session.execute(text("SELECT 1"))  # 2.1 emits SAVEPOINT when the nested transaction is used
        nested.rollback()
    shapes = [(s.kind, s.subject, s.columns) for s in recorder.statements]
    assert shapes[0] == ("INSERT", "users", ())
    assert ("UPDATE", "users", ("name",)) in shapes
    assert ("UPDATE", "users", ("email",)) in shapes
    assert ("DELETE", "users", ()) in shapes
    assert ("SELECT", None, ()) in shapes  # text: known by its first word only
    kinds = [s.kind for s in recorder.statements]
    assert kinds[-3:] == ["SAVEPOINT", "SELECT", "ROLLBACK TO SAVEPOINT"]


def test_returning_columns_come_from_the_compiled_insert(
    engine: Engine, recorder: SqlRecorder
) -> None:
    server_default = DOMAINS["is_active from a server default"].user
    with Session(engine) as session:
        session.add(server_default(name="A", email="a@example.com"))
        session.flush()
    assert recorder.statements[0].returning == ("id", "is_active")


def test_the_window_holds_only_what_ran_between_open_and_close(engine: Engine) -> None:
    recorder = SqlRecorder()
    recorder.attach(engine)
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        recorder.open_window()
        conn.execute(text("SELECT 2"))
        recorder.close_window()
        conn.execute(text("SELECT 3"))
    assert [s.sql for s in recorder.window()] == ["SELECT 2"]
    recorder.detach(engine)


def test_written_tables_track_writes_and_give_up_on_ddl(
    engine: Engine, recorder: SqlRecorder
) -> None:
    recorder.written.take()
    with Session(engine) as session:
        session.add(User(name="A", email="a"))
        session.flush()
        session.scalars(select(Post)).all()
        assert recorder.written.peek() == {"users"}
        session.execute(text("CREATE TABLE t (x INTEGER)"))
    assert recorder.written.take() is None
    assert recorder.written.peek() == set()


@pytest.mark.parametrize(
    ("rendered", "expected"),
    [
        (
            "SELECT users.id AS users_id FROM users WHERE users.id = %(pk_1)s",
            "SELECT users.id FROM users WHERE users.id = ?",
        ),
        (
            'UPDATE "users" SET name=$1 WHERE users.id = :id',
            "UPDATE users SET name=? WHERE users.id = ?",
        ),
        ("SELECT x::text FROM `t` WHERE a IN ( %s, ? )", "SELECT x::text FROM t WHERE a IN (?, ?)"),
    ],
)
def test_sql_text_normalises_parameters_quotes_and_labels(rendered: str, expected: str) -> None:
    assert normalise(rendered) == expected
