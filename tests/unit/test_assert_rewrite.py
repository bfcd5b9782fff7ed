"""conftest.py has pytest rewrite the asserts of the step modules and the plugin only (rewriting
costs every pytest process a walk of each module's tree): an assert statement in any other
harness module would report no operands when it fails."""

from __future__ import annotations

import ast
from pathlib import Path

import orm_spec

REWRITTEN = ("orm_spec.steps", "orm_spec.plugin")
"""What conftest.py registers with pytest.register_assert_rewrite."""
NOT_UNDER_PYTEST = {"orm_spec.__main__"}
"""The command line: pytest never runs it, its asserts narrow types for the checker."""


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_every_module_that_asserts_is_rewritten() -> None:
    root = Path(orm_spec.__file__).parent
    unrewritten = []
    for path in sorted(root.rglob("*.py")):
        name = _module_name(path, root)
        if name in NOT_UNDER_PYTEST or any(
            name == prefix or name.startswith(prefix + ".") for prefix in REWRITTEN
        ):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.Assert) for node in ast.walk(tree)):
            unrewritten.append(name)
    assert not unrewritten, (
        f"{unrewritten} assert but pytest does not rewrite them: add them to "
        "pytest.register_assert_rewrite in conftest.py (and REWRITTEN here)"
    )
