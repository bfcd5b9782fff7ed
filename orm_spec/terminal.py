"""The answers in a terminal, at the end of ``pytest --spec-answers``: running the spec is
itself living documentation.

One line per behaviour where every configuration agrees; otherwise one line per group of
configurations that gave the same answer.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from orm_spec.answers import read


def answers_text(documents: Sequence[dict[str, Any]], differing: bool = False) -> Iterator[str]:
    answers = read(documents)
    everyone = len(answers.columns)
    for feature in answers.features:
        shown = [b for b in feature.behaviours if b.differs or not differing]
        if not shown:
            continue
        yield f"{feature.file}: {feature.name}"
        for behaviour in shown:
            groups: dict[tuple[str, str], list[str]] = {}
            for config in answers.columns:
                cell = behaviour.cells.get(config.id)
                if cell is not None:
                    groups.setdefault((cell.outcome, cell.says), []).append(config.id)
            if len(groups) == 1:
                (outcome, says), ids = next(iter(groups.items()))
                where = f"all {everyone}" if len(ids) == everyone else ", ".join(ids)
                answer = says if says == outcome else f"{says} ({outcome})"
                yield f"  {behaviour.title}: {where}: {answer}"
                continue
            yield f"  {behaviour.title}"
            for (outcome, says), ids in groups.items():
                answer = says if says == outcome else f"{says} ({outcome})"
                yield f"    {', '.join(ids)}: {answer}"
