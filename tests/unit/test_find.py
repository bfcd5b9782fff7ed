"""``orm-spec find``: which behaviours a search finds, and the answers it shows per backend,
read from feature files alone (a spec of its own here, and the installed spec)."""

from __future__ import annotations

from pathlib import Path

import pytest

from orm_spec import find
from orm_spec.__main__ import main
from orm_spec.catalogue import FEATURES_DIR

FEATURE = """\
Feature: Detached objects and busy databases
  What a user meets when the session is gone.

  @SN37
  Scenario: A lazy load on a detached object names the attribute
    The session that loaded Alice is closed.

    Given Alice is loaded
    When I try to read Alice's posts
    Then a DetachedInstanceError was raised saying "lazy load operation of attribute 'posts'"

  @TX14 @fact:readers_block_writers
  Scenario Outline: Another session commits while this one has read
    Given Alice is loaded
    When another session tries to set Alice's name to "Alicia" and commit
    Then the other session's commit <commit>

    Examples:
      | readers_block_writers | commit                                                   |
      | no                    | went through                                             |
      | yes                   | failed with OperationalError saying "database is locked" |

  @TX6
  Scenario: A flush after a failed flush
    Given a flush failed
    When I try to flush the session
    Then a PendingRollbackError was raised with code "7s2a"

  @api:async
  Scenario: Under AsyncSession a lazy load is refused
    Given Alice is loaded
    When I try to read Alice's posts
    Then the implicit IO was refused with MissingGreenlet

  @LD3
  Scenario Outline: Every user's posts loaded with a loader option
    When I load all users with <option> and read each user's posts
    Then exactly <statements> statements were emitted

    Examples:
      | api  | option       | statements |
      | sync | lazyload     | 4          |
      |      | selectinload | 2          |
      |      | joinedload   | 1          |
"""

CATALOGUE = """\
# Catalogue

## SN: Session errors
- SN37 DetachedInstanceError's message names the operation ([Parent instance is not bound to a Session](https://docs.sqlalchemy.org/en/21/errors.html#error-bhk3)).

## TX: Transactions
- TX6 A failed flush needs a rollback.
- TX14 Another session's commit.
"""

DETACHED = "A lazy load on a detached object names the attribute"
LOCKED = "Another session commits while this one has read"
PENDING = "A flush after a failed flush"
LOCKED_ERROR = 'OperationalError saying "database is locked"'
ASYNC = "Under AsyncSession a lazy load is refused"
OPTION = "Every user's posts loaded with a loader option"
BACKENDS = ["sqlite", "sqlite_transactional", "sqlite_async", "postgresql", "mariadb"]


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("features")
    (directory / "errors.feature").write_text(FEATURE, encoding="utf-8")
    (directory / "behaviour-catalogue.md").write_text(CATALOGUE, encoding="utf-8")
    return directory


@pytest.fixture(scope="module")
def behaviours(spec: Path) -> list[find.SpecBehaviour]:
    return find.load(spec)


def names(behaviours: list[find.SpecBehaviour], text: str) -> list[str]:
    return [f.behaviour.name for f in find.search(behaviours, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NAMES the Attribute", [DETACHED]),  # the title, ignoring case
        ("session that loaded Alice", [DETACHED]),  # the scenario's description
        ("when the session is gone", [DETACHED, LOCKED, PENDING, ASYNC, *[OPTION] * 3]),
        ("try to flush the session", [PENDING]),  # a step
        ("DetachedInstanceError", [DETACHED]),  # an exception class
        ("MissingGreenlet", [ASYNC]),
        ("OperationalError", [LOCKED]),  # in an Examples row, as the step renders it
        ("lazy load operation of attribute", [DETACHED]),  # a message fragment
        ("database is locked", [LOCKED]),
        ("bhk3", [DETACHED]),  # the error page the catalogue row links to
        ("Parent instance", [DETACHED]),  # that link's text: the message the user sees
        ("7s2a", [PENDING]),  # a code "..." in a step
        ("@SN37", [DETACHED]),
    ],
)
def test_a_search_finds_the_behaviours_holding_it(
    behaviours: list[find.SpecBehaviour], text: str, expected: list[str]
) -> None:
    assert names(behaviours, text) == expected


def test_every_word_must_occur_not_necessarily_together(
    behaviours: list[find.SpecBehaviour],
) -> None:
    assert names(behaviours, "posts Alice DetachedInstanceError") == [DETACHED]
    assert names(behaviours, "posts Alice") == [DETACHED, ASYNC]
    assert names(behaviours, "DetachedInstanceError locked") == []


def test_a_quoted_phrase_must_occur_as_it_is(behaviours: list[find.SpecBehaviour]) -> None:
    assert names(behaviours, '"Alice posts"') == []
    assert names(behaviours, '"Alice\'s posts" refused') == [ASYNC]


def test_the_closest_matches_come_first(behaviours: list[find.SpecBehaviour]) -> None:
    found = find.search(behaviours, "read Alice's posts")
    assert [(f.behaviour.name, f.closeness) for f in found] == [
        (DETACHED, find.PHRASE),
        (ASYNC, find.PHRASE),
    ]
    found = find.search(behaviours, "Alice posts read")
    assert {f.closeness for f in found} == {find.APART}
    # The feature's description is every scenario's: a phrase only there comes after.
    found = find.search(behaviours, "the session is gone")
    assert [f.closeness for f in found] == [find.IN_FEATURE] * 7
    # Equally close: the one whose title holds the words first, then file order.
    found = find.search(behaviours, "session")
    assert [(f.behaviour.name, f.closeness) for f in found] == [
        (LOCKED, find.PHRASE),
        (ASYNC, find.PHRASE),
        (DETACHED, find.PHRASE),
        (PENDING, find.PHRASE),
        *[(OPTION, find.IN_FEATURE)] * 3,
    ]
    found = find.search(behaviours, "busy databases")
    assert [f.closeness for f in found] == [find.IN_FEATURE] * 7


def test_the_closest_are_shown_in_full_the_others_one_line_each(
    spec: Path, behaviours: list[find.SpecBehaviour]
) -> None:
    """ "database" is in LOCKED's own rows; the others have it in the feature's name only."""
    found = find.search(behaviours, "database")
    for item in found:
        item.answers = find.stated_answers(item.behaviour, ["sqlite"])
    lines = find.format_found(found, "database")
    path = spec / "errors.feature"
    assert lines[0] == f"{path}:13: {LOCKED}"
    assert "  same on every backend: the other session's commit went through" in lines
    assert lines[lines.index("") + 1 :] == [
        'Also holding "database", as one phrase only in the feature\'s name or description:',
        f"  {path}:5: {DETACHED}",
        f"  {path}:24: {PENDING}",
        f"  {path}:30: {ASYNC}",
        f"  {path}:36: {OPTION} [option=lazyload, statements=4]",
        f"  {path}:36: {OPTION} [option=selectinload, statements=2]",
        f"  {path}:36: {OPTION} [option=joinedload, statements=1]",
        "",
        '7 behaviour(s) match "database", 1 shown in full',
    ]


def test_no_match_is_one_line_and_exit_1(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["find", "QueuePool limit", "--features", str(spec)]) == 1
    assert capsys.readouterr().out == 'orm-spec: no behaviour matches "QueuePool limit"\n'


def _answers(behaviours: list[find.SpecBehaviour], name: str) -> dict[str, str]:
    behaviour = next(b for b in behaviours if b.name == name)
    return {", ".join(a.where) or "every": a.says for a in find.stated_answers(behaviour, BACKENDS)}


def test_a_fact_keyed_table_answers_per_backend_by_its_facts(
    behaviours: list[find.SpecBehaviour],
) -> None:
    """readers_block_writers: only SQLite with real transactions refuses the other commit."""
    assert _answers(behaviours, LOCKED) == {
        "sqlite, sqlite_async, postgresql, mariadb": "the other session's commit went through",
        "sqlite_transactional": f"the other session's commit failed with {LOCKED_ERROR}",
    }


def test_a_row_of_one_session_api_is_not_applicable_on_the_other(
    behaviours: list[find.SpecBehaviour],
) -> None:
    """A row whose values differ from another's stating the same configuration is a behaviour
    of its own (``examples.input_columns``); the lazyload row states the sync API only."""
    lazy, selectin, _ = (b for b in behaviours if b.name == OPTION)
    assert lazy.inputs == {"option": "lazyload", "statements": "4"}
    assert {", ".join(a.where): a.says for a in find.stated_answers(lazy, BACKENDS)} == {
        "sqlite, sqlite_transactional, postgresql, mariadb": "exactly 4 statements were emitted",
        "sqlite_async": "not applicable",
    }
    assert [a.says for a in find.stated_answers(selectin, BACKENDS)] == [
        f"{find.SAME_EVERYWHERE}: exactly 2 statements were emitted"
    ]


def test_a_plain_scenario_is_the_same_on_every_backend(
    behaviours: list[find.SpecBehaviour],
) -> None:
    assert _answers(behaviours, DETACHED) == {
        "every": f"{find.SAME_EVERYWHERE}: a DetachedInstanceError was raised saying "
        "\"lazy load operation of attribute 'posts'\""
    }
    assert _answers(behaviours, ASYNC) == {
        "sqlite_async": "the implicit IO was refused with MissingGreenlet"
    }


def test_the_command_prints_file_line_tags_code_and_answers(
    spec: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["find", "database", "is", "locked", "--features", str(spec)]
    assert main([*argv, "--backend", "sqlite_transactional,postgresql"]) == 0
    out = capsys.readouterr().out
    assert f"{spec / 'errors.feature'}:13: {LOCKED}\n" in out
    assert "  tags: @TX14 @fact:readers_block_writers\n" in out
    assert f"  sqlite_transactional: the other session's commit failed with {LOCKED_ERROR}\n" in out
    assert "  postgresql: the other session's commit went through\n" in out
    assert main(["find", "bhk3", "--features", str(spec)]) == 0
    out = capsys.readouterr().out
    assert (
        '  SQLAlchemy error bhk3 "Parent instance is not bound to a Session": '
        "https://docs.sqlalchemy.org/en/21/errors.html#error-bhk3\n"
    ) in out


def test_an_unknown_backend_is_one_line(spec: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["find", "bhk3", "--features", str(spec), "--backend", "oracle"]) == 2
    assert capsys.readouterr().err.startswith("orm-spec: unknown backend 'oracle'")


def test_the_installed_spec_explains_detached_instance_error() -> None:
    found = find.search(find.load(FEATURES_DIR), "DetachedInstanceError")
    assert any("bhk3" in [c.code for c in f.behaviour.codes] for f in found)
    assert all(f.behaviour.path.parent == FEATURES_DIR for f in found)
