"""Inheritance: the blog's contributors, editors and chief editors (joined-table inheritance,
``models_inheritance``), and how a query loads the columns of each class.

Contributors are named with the word, whatever their class: contributor "Grace"; drafts by
their title: draft "Indexes explained". Classes are written as Python names (Contributor,
Editor, ChiefEditor) and resolved against the scenario's mapping of the hierarchy.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import (
    Session,
    aliased,
    joinedload,
    selectin_polymorphic,
    selectinload,
    undefer,
    with_polymorphic,
)

from orm_spec.domain import CONTRIBUTOR, DRAFT, AuthoringError, ObjectName
from orm_spec.model_variants import CONTRIBUTORS, contributor_models
from orm_spec.models_inheritance import IDENTITIES, hierarchy_class, map_contributors
from orm_spec.steps.kit import action, given, then
from orm_spec.steps.loading import remember_with_related
from orm_spec.steps.relationships import check_objects, existing_row, save_new
from orm_spec.world import OutcomeKind, SpecWorld

_CLASS = "|".join(IDENTITIES)
_CLASSES = rf"(?:{_CLASS})(?:, (?:{_CLASS}))*"
_PLURALS = {"contributors": "Contributor", "editors": "Editor", "chief editors": "ChiefEditor"}


def hierarchy(world: SpecWorld, name: str) -> type:
    """The scenario's class of that name (Contributor, Editor, ChiefEditor)."""
    return hierarchy_class(world.model(CONTRIBUTOR), name)


def _found(world: SpecWorld, statement: Select[Any], in_session: str = "main") -> list[Any]:
    found = list(world.io(in_session).scalars(statement).unique().all())
    for each in found:
        remember_with_related(world, each)
    return found


# -- the rows ------------------------------------------------------------------------------------
@given(
    r"{contributor} exists"
    r'(?:, (?P<role>an editor|a chief editor) of the section "(?P<section>[^"]+)"'
    r'(?: with the byline "(?P<byline>[^"]+)")?)?'
    r"(?:, on the team of {editor:contributor})?"
)
def contributor_exists(
    world: SpecWorld,
    contributor: ObjectName,
    role: str | None,
    section: str | None,
    byline: str | None,
    editor: ObjectName | None,
) -> None:
    """Every contributor's bio is "About <name>." (the deferred column has a value to load)."""
    if (role == "a chief editor") != (byline is not None):
        raise AuthoringError(
            "a chief editor, and only a chief editor, has a byline: write ..."
            ' a chief editor of the section "..." with the byline "..."'
        )
    name = {"an editor": "Editor", "a chief editor": "ChiefEditor"}.get(role or "", "Contributor")
    values = {"section": section, **({"byline": byline} if byline else {})} if role else {}

    def write(session: Session) -> None:
        lead = {"editor": existing_row(world, session, editor)} if editor else {}
        made = hierarchy(world, name)(
            name=contributor.label, bio=f"About {contributor.label}.", **values, **lead
        )
        save_new(world, session, [made])

    world.in_fresh_session(write)


@given(r"{contributor} has {drafts}")
def contributor_has_drafts(
    world: SpecWorld, contributor: ObjectName, drafts: list[ObjectName]
) -> None:
    def write(session: Session) -> None:
        author = existing_row(world, session, contributor)
        written = [world.model(DRAFT)(title=draft.label) for draft in drafts]
        author.drafts.extend(written)
        save_new(world, session, written)

    world.in_fresh_session(write)


@given(rf'the model variant "{CONTRIBUTORS}" mapped anew, its mappers not yet configured')
def mapped_anew(world: SpecWorld) -> None:
    """The same tables, mapped by new classes on a registry of their own that nothing has
    configured: the scenario's own query is the first to use them, as in a new process. The
    registry is disposed of when the scenario ends, configured or not."""
    world.use_models(CONTRIBUTORS)  # refuses the switch where rows of another mapping exist
    fresh = map_contributors("MappedAnew", "mapped in the scenario, not configured beforehand")
    world.models = contributor_models(fresh, configured=False)
    world.cleanups.append(fresh.registry.dispose)


# -- queries -------------------------------------------------------------------------------------
@action(
    r"I select all contributors with selectin_polymorphic\(Contributor, "
    rf"\[(?P<classes>{_CLASSES})\]\)",
    OutcomeKind.QUERY,
)
def select_selectin_polymorphic(world: SpecWorld, classes: str) -> list[Any]:
    base = hierarchy(world, "Contributor")
    subclasses = [hierarchy(world, name) for name in classes.split(", ")]
    statement = select(base).order_by(base.id).options(selectin_polymorphic(base, subclasses))  # type: ignore[attr-defined]
    return _found(world, statement)


@action(
    rf"I select all (?P<plural>{'|'.join(_PLURALS)}) with selectinload\(Contributor\.drafts\)",
    OutcomeKind.QUERY,
)
def select_with_base_loader(world: SpecWorld, plural: str) -> list[Any]:
    """The option names the base class's relationship, whatever class the query selects."""
    base, queried = hierarchy(world, "Contributor"), hierarchy(world, _PLURALS[plural])
    statement = select(queried).order_by(queried.id).options(selectinload(base.drafts))  # type: ignore[attr-defined]
    return _found(world, statement)


@action(rf'I select with_polymorphic\((?P<name>{_CLASS}), "\*"\)', OutcomeKind.QUERY)
def select_with_polymorphic_all(world: SpecWorld, name: str) -> list[Any]:
    # with_polymorphic() and select() are built here, inside the action: with mappers not yet
    # configured, building the alias is part of what the behaviour covers.
    entity = with_polymorphic(hierarchy(world, name), "*")
    return _found(world, select(entity).order_by(entity.id))


_TEAM_OPTIONS = (
    r"selectinload\(Editor\.team\)\.selectin_polymorphic\(\[Editor\]\)"
    r"\.options\(selectinload\(Editor\.team\)\)"
)


@action(
    r"I select {contributor} through with_polymorphic\(Contributor, \[Editor\]\)"
    rf'(?:, where Editor\.section is "(?P<section>[^"]+)",)? with {_TEAM_OPTIONS}'
    r"{in_session}",
    OutcomeKind.QUERY,
)
def select_team_of_teams(
    world: SpecWorld, contributor: ObjectName, section: str | None, in_session: str
) -> list[Any]:
    """The editor's team, and the team of each editor in it; the statement is built anew each
    time, as application code does, so only SQLAlchemy's cache links two runs."""
    editor = hierarchy(world, "Editor")
    poly = with_polymorphic(hierarchy(world, "Contributor"), [editor])
    team = getattr(poly, editor.__name__).team
    option = (
        selectinload(team).selectin_polymorphic([editor]).options(selectinload(editor.team))  # type: ignore[attr-defined]
    )
    statement = select(poly).where(poly.name == contributor.label).options(option)
    if section is not None:
        statement = statement.where(getattr(poly, editor.__name__).section == section)
    found = _found(world, statement, in_session)
    for each in found:
        world.remember(contributor, each, in_session)
        # Name the team too, in this session's view: the Then steps ask about them there.
        world.remember_loaded(list(each.__dict__.get("team", [])), in_session)
    return found


@action(
    r"I select all contributors through aliased\(Contributor\) with undefer\(bio\)",
    OutcomeKind.QUERY,
)
def select_aliased_undefer(world: SpecWorld) -> list[Any]:
    alias = aliased(hierarchy(world, "Contributor"))
    return _found(world, select(alias).order_by(alias.id).options(undefer(alias.bio)))


@action(
    r"I select the contributors joined to their editor through aliased\(Editor\), ordered by "
    r"the editor's id and then their own id descending, with joinedload\(drafts\) and OFFSET "
    r"{count}",
    OutcomeKind.QUERY,
)
def select_joined_to_aliased_editor(world: SpecWorld, count: int) -> list[Any]:
    base, lead = hierarchy(world, "Contributor"), aliased(hierarchy(world, "Editor"))
    statement = (
        select(base)
        .join(base.editor.of_type(lead))  # type: ignore[attr-defined]
        .order_by(lead.id, base.id.desc())  # type: ignore[attr-defined]
        .options(joinedload(base.drafts))  # type: ignore[attr-defined]
        .offset(count)
    )
    return _found(world, statement)


@then(r"the contributors returned are {contributors}(?P<ordered>, in that order)?")
def contributors_returned(
    world: SpecWorld, contributors: list[ObjectName], ordered: str | None
) -> None:
    got = world.last(OutcomeKind.QUERY).value
    check_objects(world, list(got), contributors, bool(ordered), "the contributors returned")


# -- ORM-enabled DELETE --------------------------------------------------------------------------
@action(r"I bulk delete {contributor} with delete\(Contributor\)", OutcomeKind.BULK)
def bulk_delete_contributor(world: SpecWorld, contributor: ObjectName) -> int:
    base = hierarchy(world, "Contributor")
    statement = delete(base).where(base.name == contributor.label)  # type: ignore[attr-defined]
    return world.io().execute(statement).rowcount  # type: ignore[attr-defined,no-any-return]
