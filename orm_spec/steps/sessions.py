"""Opening sessions and everything a user does with one: add, flush, commit, roll back, ...

Every action can be written "When I try to ...": the step then records the exception instead of
failing, and the error steps check it. Without "try to", an exception fails the scenario.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pytest_bdd import given, when
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from orm_spec.model_variants import DOMAINS
from orm_spec.steps.data import new_user
from orm_spec.steps.grammar import POST, REF, SESSION, USER, Ref, options, session_key, step
from orm_spec.steps.grammar import value as literal
from orm_spec.world import SpecWorld

TRY = r"(?P<attempt>try to )?"


def note_ids(world: SpecWorld, session: Session) -> None:
    """Remember the keys of rows the session now holds, so a new session can find them."""
    for obj in list(session.identity_map.values()):
        state = inspect(obj)
        if state.expired or "id" in state.unloaded:
            continue  # reading the key would emit SQL outside any When block
        title = state.dict.get("title")
        ref = Ref("post", title) if title is not None else Ref("user", state.dict["name"])
        world.ids[ref] = state.dict["id"]


def act(world: SpecWorld, attempt: str | None, session: str, action: Callable[[], Any]) -> Any:
    result = world.run(action, allowed_to_fail=bool(attempt))
    note_ids(world, world.session(session))
    return result


@given(step(r"the session factory is sessionmaker\((?P<opts>[^)]*)\)"))
def session_factory(world: SpecWorld, opts: str) -> None:
    world.factory_options = options(opts)


@given(step(r'the posts relationship has cascade "(?P<cascade>[^"]+)"'))
def posts_cascade(world: SpecWorld, cascade: str) -> None:
    by_cascade = {"all, delete-orphan": "seed", "all": "without delete-orphan"}
    world.models = DOMAINS[by_cascade[cascade]]


@given(step(r'the model variant "(?P<name>[^"]+)"'))
def model_variant(world: SpecWorld, name: str) -> None:
    if name not in DOMAINS:
        raise AssertionError(f"no model variant {name!r}: choose from {', '.join(DOMAINS)}")
    world.models = DOMAINS[name]


@given(step(r"an? (?P<ordinal>second |third |)session(?: with (?P<opts>.+))?"))
def a_session(world: SpecWorld, ordinal: str, opts: str | None) -> None:
    world.open_session(session_key(ordinal.strip() or None), **options(opts))


SESSION_ACTIONS: dict[str, Callable[[Session], Any]] = {
    "flush": Session.flush,
    "commit": Session.commit,
    "roll back": Session.rollback,
    "close": Session.close,
    "expire all objects in": Session.expire_all,
    "expunge all objects from": Session.expunge_all,
}


@given(
    step(rf"I {TRY}(?P<verb>{'|'.join(SESSION_ACTIONS)}) the (?P<session>second |third |)session")
)
@when(
    step(rf"I {TRY}(?P<verb>{'|'.join(SESSION_ACTIONS)}) the (?P<session>second |third |)session")
)
def session_action(world: SpecWorld, attempt: str | None, verb: str, session: str) -> None:
    key = session_key(session.strip() or None)
    act(world, attempt, key, lambda: SESSION_ACTIONS[verb](world.session(key)))


OBJECT_ACTIONS: dict[str, Callable[[Session, Any], Any]] = {
    "add": Session.add,
    "delete": Session.delete,
    "expunge": Session.expunge,
    "refresh": Session.refresh,
    "expire": Session.expire,
}


@given(step(rf"I {TRY}(?P<verb>{'|'.join(OBJECT_ACTIONS)}) (?P<ref>{REF}){SESSION}"))
@when(step(rf"I {TRY}(?P<verb>{'|'.join(OBJECT_ACTIONS)}) (?P<ref>{REF}){SESSION}"))
def object_action(
    world: SpecWorld, attempt: str | None, verb: str, ref: str, session: str | None
) -> None:
    key = session_key(session)
    target = world.obj(Ref.parse(ref))
    act(world, attempt, key, lambda: OBJECT_ACTIONS[verb](world.session(key), target))


@given(step(rf"(?P<ref>{REF}) is loaded{SESSION}"))
@when(
    step(rf"I {TRY}load (?P<ref>{REF})(?: again)?(?P<populate> with populate_existing)?{SESSION}")
)
def load(
    world: SpecWorld,
    ref: str,
    session: str | None,
    attempt: str | None = None,
    populate: str | None = None,
) -> None:
    key, target = session_key(session), Ref.parse(ref)
    statement = world.lookup(target)
    if populate:
        statement = statement.execution_options(populate_existing=True)
    obj = act(world, attempt, key, lambda: world.session(key).scalars(statement).one())
    if obj is not None:
        world.remember(target, obj, key)
        world.loads.append(obj)


@when(
    step(
        rf"I {TRY}(?P<how>get|get_one) (?:(?P<ref>{REF})|the (?P<kind>user|post) with id "
        rf"(?P<pk>\d+)) by primary key{SESSION}"
    )
)
def get_by_primary_key(
    world: SpecWorld,
    attempt: str | None,
    how: str,
    ref: str | None,
    kind: str | None,
    pk: str | None,
    session: str | None,
) -> None:
    key = session_key(session)
    target = Ref.parse(ref) if ref else None
    model = world.model(target.kind if target else kind or "user")
    ident = world.ids[target] if target else int(pk or 0)
    getter = getattr(world.session(key), how)
    world.loads.append(act(world, attempt, key, lambda: getter(model, ident)))


@given(
    step(
        rf'a new user (?P<name>{USER})(?: with email "(?P<email>[^"]+)")?'
        rf"(?: and a new post (?P<title>{POST}))?"
    )
)
def new_transient_user(world: SpecWorld, name: str, email: str | None, title: str | None) -> None:
    user = world.remember(Ref("user", name), new_user(world, name, email))
    if title:
        post = world.models.post(title=title.strip('"'), content="New.", author=user)
        world.remember(Ref.parse(title), post)


@given(step(rf'I add a new user (?P<name>{USER})(?: with email "(?P<email>[^"]+)")?{SESSION}'))
@when(step(rf'I add a new user (?P<name>{USER})(?: with email "(?P<email>[^"]+)")?{SESSION}'))
def add_new_user(world: SpecWorld, name: str, email: str | None, session: str | None) -> None:
    user = world.remember(Ref("user", name), new_user(world, name, email))
    world.session(session_key(session)).add(user)


@given(step(rf"I set (?P<ref>{REF})'s (?P<attr>\w+) to (?P<raw>.+)"))
@when(step(rf"I set (?P<ref>{REF})'s (?P<attr>\w+) to (?P<raw>.+)"))
def set_attribute(world: SpecWorld, ref: str, attr: str, raw: str) -> None:
    setattr(world.obj(Ref.parse(ref)), attr, literal(raw))


@given(step(rf"I {TRY}read (?P<ref>{REF})'s (?P<attr>\w+)"))
@when(step(rf"I {TRY}read (?P<ref>{REF})'s (?P<attr>\w+)"))
def read_attribute(world: SpecWorld, attempt: str | None, ref: str, attr: str) -> None:
    target = world.obj(Ref.parse(ref))
    read = world.run(lambda: getattr(target, attr), allowed_to_fail=bool(attempt))
    world.values.append(read)
    world.remember_all(read)


@given(step(r"I begin a savepoint"))
@when(step(r"I begin a savepoint"))
def begin_savepoint(world: SpecWorld) -> None:
    world.savepoints.append(world.session().begin_nested())


@when(step(r"I (?P<verb>roll back|commit) the savepoint"))
def end_savepoint(world: SpecWorld, verb: str) -> None:
    savepoint = world.savepoints.pop()
    savepoint.rollback() if verb == "roll back" else savepoint.commit()
    note_ids(world, world.session())
