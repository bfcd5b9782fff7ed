"""Objects: creating them, what a user does to one (pickling it, too), and what is true of one
afterwards (its state, its attribute values, its session)."""

from __future__ import annotations

import gc
import pickle
import re
import weakref
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, inspect
from sqlalchemy.orm import object_session, path_registry

from orm_spec.domain import ObjectName
from orm_spec.steps.checks import check_value
from orm_spec.steps.kit import action, given, then
from orm_spec.steps.rows import new_user
from orm_spec.world import OutcomeKind, SpecWorld


# -- new objects ---------------------------------------------------------------------------------
@action(r"I create a new user {user}")
def create_new_user(world: SpecWorld, user: ObjectName) -> None:
    world.remember(user, new_user(world, user))


@given(r"a new user {user}(?: with email {email})?(?: and a new post {post})?")
def a_new_user(
    world: SpecWorld, user: ObjectName, email: str | None, post: ObjectName | None
) -> None:
    created = world.remember(user, new_user(world, user, email))
    if post:
        world.remember(post, world.models.post(title=post.label, content="New.", author=created))


@action(
    r"I add a new user {user}(?: with email {email}|(?P<no_email> without an email))?{in_session}"
)
def add_new_user(
    world: SpecWorld, user: ObjectName, email: str | None, no_email: str | None, in_session: str
) -> None:
    created = new_user(world, user, email)
    if no_email:
        created.email = None  # half-built: the NOT NULL column will refuse it at flush
    world.session(in_session).add(world.remember(user, created))


@action(r"I add a new user {user} with id {count}")
def add_new_user_with_id(world: SpecWorld, user: ObjectName, count: int) -> None:
    created = new_user(world, user)
    created.id = count  # the key given, not generated
    world.session().add(world.remember(user, created))


@action(r"I add the new users {users}")
def add_new_users(world: SpecWorld, users: list[ObjectName]) -> None:
    world.session().add_all([world.remember(u, new_user(world, u)) for u in users])


@action(r"I pass the new users {users} to add\(\) as one list")
def add_list(world: SpecWorld, users: list[ObjectName]) -> None:
    # add() takes one object; a list is what add_all() takes.
    world.session().add([world.remember(u, new_user(world, u)) for u in users])  # type: ignore[arg-type]


@action(r"I add a new post {post} whose user_id is (?:{user}'s id|{count})")
def add_post_by_foreign_key(
    world: SpecWorld, post: ObjectName, user: ObjectName | None, count: int | None
) -> None:
    # Only the foreign key, not the relationship: the session learns of the link at flush.
    user_id = world.key_of(user) if user else count
    created = world.models.post(title=post.label, content="Draft.", user_id=user_id)
    world.session().add(world.remember(post, created))


# -- what a user does to an object ---------------------------------------------------------------
OBJECT_ACTIONS: dict[str, Callable[[SpecWorld, str, Any], None]] = {
    "add": lambda world, key, obj: world.session(key).add(obj),
    "delete": lambda world, key, obj: world.io(key).delete(obj),
    "expunge": lambda world, key, obj: world.session(key).expunge(obj),
    "refresh": lambda world, key, obj: world.io(key).refresh(obj),
    "expire": lambda world, key, obj: world.session(key).expire(obj),
}


@action(rf"I (?P<verb>{'|'.join(OBJECT_ACTIONS)}) {{obj}}{{in_session}}")
def object_action(world: SpecWorld, verb: str, obj: ObjectName, in_session: str) -> None:
    OBJECT_ACTIONS[verb](world, in_session, world.obj(obj))


@action(r"I (?P<verb>refresh|expire) {obj}'s {attr}")
def refresh_or_expire_attribute(world: SpecWorld, verb: str, obj: ObjectName, attr: str) -> None:
    if verb == "refresh":
        world.io().refresh(world.obj(obj), [attr])
    else:
        world.session().expire(world.obj(obj), [attr])


@action(r"I set {obj}'s {attr} to {value}{in_session}")
def set_attribute(
    world: SpecWorld, obj: ObjectName, attr: str, value: Any, in_session: str
) -> None:
    setattr(world.obj(obj, in_session), attr, value)


@action(r"I set {obj}'s {attr} to {other:obj}'s id")
def set_to_key_of(world: SpecWorld, obj: ObjectName, attr: str, other: ObjectName) -> None:
    # The foreign key column itself, not the relationship: what the FAQ's question is about.
    setattr(world.obj(obj), attr, world.key_of(other))


_SQL_EXPRESSIONS: dict[str, Callable[[Any, str], Any]] = {
    r"upper\((?P<column>[a-z_]+)\)": lambda column, _: func.upper(column),
    r'(?P<column>[a-z_]+) \+ "(?P<suffix>[^"]*)"': lambda column, suffix: column + suffix,
}


@action(
    r"I set {obj}'s {attr} to the SQL expression "
    r'(?P<expression>upper\([a-z_]+\)|[a-z_]+ \+ "[^"]*")'
)
def set_to_sql_expression(world: SpecWorld, obj: ObjectName, attr: str, expression: str) -> None:
    target = world.obj(obj)
    for pattern, build in _SQL_EXPRESSIONS.items():
        found = re.fullmatch(pattern, expression)
        if found:
            column = getattr(type(target), found["column"])
            setattr(target, attr, build(column, found.groupdict().get("suffix") or ""))
            return


@action(r"I read {obj}'s {attr}", outcome=OutcomeKind.READ)
def read_attribute(world: SpecWorld, obj: ObjectName, attr: str) -> Any:
    value = getattr(world.obj(obj), attr)
    world.remember_loaded(value)
    return value


@action(r"I merge {obj} into {session}(?P<no_load> with load=False)?", outcome=OutcomeKind.LOAD)
def merge(world: SpecWorld, obj: ObjectName, session: str, no_load: str | None) -> Any:
    merged = world.io(session).merge(world.obj(obj), load=not no_load)
    # The merged copy is the object of that name in that session; so are the posts it brought.
    world.remember(obj, merged, session)
    world.remember_loaded(merged.__dict__.get("posts", []), session)
    return merged


@action(
    r"I merge_all\(\) a new post {post} whose author is {user} given by its id alone",
    outcome=OutcomeKind.LOAD,
)
def merge_all_new_post(world: SpecWorld, post: ObjectName, user: ObjectName) -> Any:
    # An author with only its key set: merge() loads the row and copies nothing onto it.
    author = world.models.user(id=world.key_of(user))
    created = world.models.post(title=post.label, content="Merged.", author=author)
    merged = world.io().call("merge_all", [created])[0]
    world.remember(post, merged)
    return merged


@action(r"I drop every reference to {obj} and collect garbage")
def drop_references(world: SpecWorld, obj: ObjectName) -> None:
    refs = [weakref.ref(named[obj]) for named in world.objects.values() if obj in named]
    world.forget(obj)
    # A full collection scans the whole heap (0.1-0.2 s late in a long run): it runs only for
    # an object the reference count did not free and its session does not hold strongly (a
    # modified object is held by the identity map until flushed: no collection can free it).
    survivors = [ref() for ref in refs]
    if any(o is not None and not inspect(o).modified for o in survivors):
        del survivors
        gc.collect()


# -- pickling ------------------------------------------------------------------------------------
def _name_copy(world: SpecWorld, obj: ObjectName, copy: Any) -> None:
    """The copy takes the object's name, and the related objects it carried theirs: from here on
    the scenario works with what the cache handed back, as the application would."""
    world.remember(obj, copy)
    state = inspect(copy)
    for relationship in state.mapper.relationships:
        value = state.dict.get(relationship.key)
        if isinstance(value, dict):
            value = list(value.values())
        world.remember_loaded(value if isinstance(value, list) else [value])


@action(r"I pickle and unpickle {obj}(?P<twice> twice)?")
def pickle_round_trip(world: SpecWorld, obj: ObjectName, twice: str | None) -> None:
    """``pickle.loads(pickle.dumps(obj))``, and again of the copy with "twice" (a copy read
    from one cache and written to another)."""
    copy = world.obj(obj)
    for _ in range(2 if twice else 1):
        copy = pickle.loads(pickle.dumps(copy))
    _name_copy(world, obj, copy)


# SQLAlchemy keeps the tokens of loader paths ("relationship:*", the path of raiseload("*")) in
# one registry per process. As the spec is imported, no query has run: the registry holds what a
# new process starts with (nothing before 2.0.52, every token since).
_PATH_TOKENS_OF_A_NEW_PROCESS = dict(getattr(path_registry.PathToken, "_intern", {}))


@action(r"I pickle {obj} and unpickle it as a new process would, before its first query")
def unpickle_as_new_process(world: SpecWorld, obj: ObjectName) -> None:
    """A pickle read from a cache by another process, one that has run no query yet: unpickled
    here, with SQLAlchemy's registry of loader path tokens as a new process has it, then put
    back (a new Python process per scenario would cost more than the rest of the scenario)."""
    data = pickle.dumps(world.obj(obj))
    tokens = path_registry.PathToken
    registry_now = tokens.__dict__.get("_intern")
    if not isinstance(registry_now, dict):
        raise RuntimeError(
            "this SQLAlchemy has no PathToken._intern: teach steps/objects.py how a new "
            "process's loader path tokens look"
        )
    tokens._intern = dict(_PATH_TOKENS_OF_A_NEW_PROCESS)  # type: ignore[misc]
    try:
        copy = pickle.loads(data)
    finally:
        tokens._intern = registry_now  # type: ignore[misc]
    _name_copy(world, obj, copy)


# -- what is true of an object -------------------------------------------------------------------
STATES = ("transient", "pending", "persistent", "deleted", "detached")


@then(rf"{{obj}} is (?P<state>{'|'.join(STATES)}){{in_session}}")
def object_state(world: SpecWorld, obj: ObjectName, state: str, in_session: str) -> None:
    insp = inspect(world.obj(obj, in_session))
    actual = [name for name in STATES if getattr(insp, name)]
    assert actual == [state], f"{obj} is {', '.join(actual)}, not {state}"


@then(r"{obj} is {negated}in {session}")
def in_session(world: SpecWorld, obj: ObjectName, negated: bool, session: str) -> None:
    member = world.obj(obj) in world.session(session)
    assert member is not negated, f"{obj} {'is' if member else 'is not'} in the {session} session"


@then(r"{obj} belongs to (?:no session|{session})")
def belongs_to(world: SpecWorld, obj: ObjectName, session: str | None) -> None:
    owner = object_session(world.obj(obj))
    expected = world.session(session) if session else None
    assert owner is expected, f"{obj} belongs to {owner!r}"


@then(r"{obj}'s {attr} is {value}{in_session}")
def attribute_is(world: SpecWorld, obj: ObjectName, attr: str, value: Any, in_session: str) -> None:
    check_value(world.peek(world.obj(obj, in_session), attr), value, f"{obj}'s {attr}")


@then(r"{obj}'s {attr} is an? (?P<cls>[a-z]\w+)")
def attribute_type(world: SpecWorld, obj: ObjectName, attr: str, cls: str) -> None:
    value = world.peek(world.obj(obj), attr)
    assert type(value).__name__ == cls, f"{obj}'s {attr} is a {type(value).__name__}: {value!r}"


@then(r"every attribute of {obj} is expired")
def all_expired(world: SpecWorld, obj: ObjectName) -> None:
    insp = inspect(world.obj(obj))
    columns = {attr.key for attr in insp.mapper.column_attrs}
    assert columns <= insp.expired_attributes, (
        f"not expired: {sorted(columns - insp.expired_attributes)}"
    )


@then(r"no attribute of {obj} is expired")
def none_expired(world: SpecWorld, obj: ObjectName) -> None:
    expired = inspect(world.obj(obj)).expired_attributes
    assert not expired, f"expired: {sorted(expired)}"


@then(r"the expired attributes of {obj} are {attrs}")
def expired_attributes(world: SpecWorld, obj: ObjectName, attrs: list[str]) -> None:
    expired = inspect(world.obj(obj)).expired_attributes
    assert expired == set(attrs), f"expired: {sorted(expired)}"


@then(r"{obj} has (?P<which>an|no) identity key")
def identity_key(world: SpecWorld, obj: ObjectName, which: str) -> None:
    key = inspect(world.obj(obj)).identity_key
    assert (key is not None) is (which == "an"), f"{obj}'s identity key is {key!r}"


@then(r"{obj} (?P<verdict>was|was not) deleted")
def was_deleted(world: SpecWorld, obj: ObjectName, verdict: str) -> None:
    actual = inspect(world.obj(obj)).was_deleted
    assert actual is (verdict == "was"), f"inspect({obj}).was_deleted is {actual}"


@then(r"{obj} is {negated}modified")
def is_modified(world: SpecWorld, obj: ObjectName, negated: bool) -> None:
    actual = world.session().is_modified(world.obj(obj))
    assert actual is not negated, f"session.is_modified({obj}) is {actual}"


@then(r"{obj}'s {attr} is {other:obj}'s id")
def attribute_is_key_of(world: SpecWorld, obj: ObjectName, attr: str, other: ObjectName) -> None:
    check_value(world.peek(world.obj(obj), attr), world.key_of(other), f"{obj}'s {attr}")


@then(
    r"the history of {obj}'s {attr} is added (?:{added:value}|(?P<no_added>nothing)), "
    r"unchanged (?:{unchanged:value}|(?P<no_unchanged>nothing)), "
    r"deleted (?:{deleted:value}|(?P<no_deleted>nothing))"
)
def attribute_history(
    world: SpecWorld,
    obj: ObjectName,
    attr: str,
    added: Any,
    no_added: str | None,
    unchanged: Any,
    no_unchanged: str | None,
    deleted: Any,
    no_deleted: str | None,
) -> None:
    """``inspect(obj).attrs.<attr>.history``, read without loading anything."""
    history = getattr(inspect(world.obj(obj)).attrs, attr).history
    expected = {
        "added": [] if no_added else [added],
        "unchanged": [] if no_unchanged else [unchanged],
        "deleted": [] if no_deleted else [deleted],
    }
    actual = {part: list(getattr(history, part) or ()) for part in expected}
    assert actual == expected, f"the history of {obj}'s {attr} is {history!r}"


_BUILDERS = r"__init__|the reconstructor|the load event"


@then(rf"what ran to build {{obj}} was (?P<calls>(?:{_BUILDERS})(?: then (?:{_BUILDERS}))*)")
def constructed_by(world: SpecWorld, obj: ObjectName, calls: str) -> None:
    """What the model variant "users with an __init__, a reconstructor and a load listener"
    noted on the object as it was built."""
    actual = world.obj(obj).__dict__.get("constructed_by")
    assert actual is not None, f"{obj} records nothing: choose that model variant"
    assert actual == calls.split(" then "), f"what ran to build {obj} was {actual}"
