from __future__ import annotations

import pytest

from orm_spec.steps.grammar import Ref, names, options, titles, value


def test_refs_name_users_bare_and_posts_quoted() -> None:
    assert Ref.parse("Alice") == Ref("user", "Alice")
    assert Ref.parse('"Alice\'s First Post"') == Ref("post", "Alice's First Post")
    with pytest.raises(ValueError, match="names no object"):
        Ref.parse("alice")


def test_lists_of_names_and_titles() -> None:
    assert names("Alice, Bob and Charlie") == ["Alice", "Bob", "Charlie"]
    assert titles('"A" and "B"') == ["A", "B"]


def test_values_are_quoted_text_or_python_literals() -> None:
    assert [value('"x"'), value("3"), value("False"), value("None")] == ["x", 3, False, None]
    with pytest.raises(ValueError, match="quote text"):
        value("bare words")


def test_options_are_keyword_arguments() -> None:
    assert options("expire_on_commit=False, autoflush=False") == {
        "expire_on_commit": False,
        "autoflush": False,
    }
    with pytest.raises(ValueError, match="name=value"):
        options("autoflush")
