"""The recorder reads what a statement is from SQLAlchemy's execution context."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, delete, insert, select, text, update
from sqlalchemy.orm import Session, joinedload, selectinload, subqueryload

from orm_spec.model_variants import ALL_METADATA, DOMAINS, SUBJECT_OF_TABLE
from orm_spec.models import Post, User
from orm_spec.run import ScenarioRun, StepInFile, StepOutcome
from orm_spec.sql_capture import SqlRecorder, Statement, Statements
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
    subjects = [s.subject for s in recorder.statements[mark:]]
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


def _step(run: ScenarioRun, type_: str, conn: Any, *sql: str) -> None:
    run.announce(None, StepInFile("x.feature", len(run.steps) + 1, type_.title(), type_, sql[0]))  # type: ignore[arg-type]
    record = run.begin()
    for each in sql:
        conn.execute(text(each))
    run.finish(record, StepOutcome.PASSED)


def test_the_when_statements_run_from_the_block_s_first_when_to_its_first_then(
    engine: Engine, recorder: SqlRecorder
) -> None:
    run = ScenarioRun(recorder)
    with engine.connect() as conn:
        _step(run, "given", conn, "SELECT 1")
        _step(run, "when", conn, "SELECT 2")
        _step(run, "when", conn, "SELECT 3")
        _step(run, "then", conn, "SELECT 4")  # a Then step's own SQL is not the When block's
        assert [s.sql for s in run.when_statements()] == ["SELECT 2", "SELECT 3"]
        _step(run, "when", conn, "SELECT 5")
        assert [s.sql for s in run.when_statements()] == ["SELECT 5"]
    assert [s.sql for s in run.statements(run.steps[1])] == ["SELECT 2"]


def test_begin_and_unsent_statements_are_not_emitted_sql(engine: Engine) -> None:
    recorded = [
        Statement("BEGIN", (), kind="BEGIN"),
        Statement("SELECT 1", (), kind="SELECT"),
        Statement("SELECT 2", (), kind="SELECT", sent=False),
        Statement("UPDATE users SET name=?", (), kind="UPDATE", subject="users"),
    ]
    emitted = Statements.emitted_from(recorded, 0, len(recorded))
    assert [s.sql for s in emitted] == ["SELECT 1", "UPDATE users SET name=?"]
    again = Statements.from_json([s.as_json(s.parameters) for s in recorded])
    assert [s.sql for s in again] == [s.sql for s in emitted]
    assert emitted.sequence() == [("SELECT", ""), ("UPDATE", "users")]
    assert emitted.only("UPDATE", "users").sql.startswith("UPDATE")
    assert len(emitted.of("statement")) == 2
    assert emitted.executed_at({3}).sequence() == [("UPDATE", "users")]


def test_only_fails_listing_every_statement() -> None:
    recorded = [Statement("SELECT 1", (), kind="SELECT"), Statement("SELECT 2", (), kind="SELECT")]
    with pytest.raises(
        AssertionError,
        match=r"expected one SELECT, got 2; all SQL:\n  1\. SELECT 1\n  2\. SELECT 2",
    ):
        Statements.emitted_from(recorded, 0, 2).only("SELECT")


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
