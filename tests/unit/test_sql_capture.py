from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from orm_spec.sql_capture import CapturedStatement, SqlRecorder


@pytest.mark.parametrize(
    ("sql", "kind", "table"),
    [
        ("INSERT INTO users (name) VALUES (?)", "INSERT", "users"),
        ('INSERT INTO "users" (name) VALUES (%s) RETURNING users.id', "INSERT", "users"),
        ("UPDATE posts SET content=? WHERE posts.id = ?", "UPDATE", "posts"),
        ("DELETE FROM `posts` WHERE posts.id = %s", "DELETE", "posts"),
        ("SELECT users.id, users.name FROM users WHERE users.id = ?", "SELECT", "users"),
        (
            "SELECT posts.id, anon_1.users_id FROM (SELECT users.id AS users_id FROM users) "
            "AS anon_1 JOIN posts ON anon_1.users_id = posts.user_id",
            "SELECT",
            "posts",
        ),
        ("SELECT count(*) AS count_1 FROM users", "SELECT", "users"),
        ("WITH x AS (SELECT 1) SELECT * FROM posts", "SELECT", "posts"),
        ("SAVEPOINT sa_savepoint_1", "SAVEPOINT", None),
        ("ROLLBACK TO SAVEPOINT sa_savepoint_1", "ROLLBACK TO SAVEPOINT", None),
        ("/* comment */ select 1", "SELECT", None),
    ],
)
def test_kind_and_table(sql: str, kind: str, table: str | None) -> None:
    statement = CapturedStatement(sql, ())
    assert (statement.kind, statement.table) == (kind, table)


def test_the_window_holds_only_what_ran_between_open_and_close() -> None:
    engine = create_engine("sqlite://")
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


def test_written_tables_track_writes_and_give_up_on_ddl() -> None:
    recorder = SqlRecorder(written_tables=set())
    recorder._record(None, None, "INSERT INTO users (name) VALUES (?)", (), None, False)
    recorder._record(None, None, "SELECT posts.id FROM posts", (), None, False)
    assert recorder.written_tables == {"users"}
    recorder._record(None, None, "CREATE TABLE t (x INTEGER)", (), None, False)
    assert recorder.written_tables is None
