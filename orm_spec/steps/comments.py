"""Comments: a post's comments and replies to comments, an adjacency list (comment.parent,
comment.replies), built, extended and rearranged.

Comments are named by their text, as ``domain`` names them: comment "Nice post!".
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from orm_spec.domain import COMMENT, ObjectName
from orm_spec.steps.kit import action, given
from orm_spec.steps.relationships import existing_row, save_new
from orm_spec.world import SpecWorld


@given(r"{post} has {comment}")
def post_has_comment(world: SpecWorld, post: ObjectName, comment: ObjectName) -> None:
    def write(session: Session) -> None:
        found = existing_row(world, session, post)
        save_new(world, session, [world.model(COMMENT)(text=comment.label, post=found)])

    world.in_fresh_session(write)


@given(r"{parent:comment} has the repl(?:y|ies) {comments}")
def comment_has_replies(world: SpecWorld, parent: ObjectName, comments: list[ObjectName]) -> None:
    def write(session: Session) -> None:
        found = existing_row(world, session, parent)
        model = world.model(COMMENT)
        replies = [model(text=c.label, post_id=found.post_id, parent=found) for c in comments]
        save_new(world, session, replies)

    world.in_fresh_session(write)


# -- the adjacency list: comments and replies ----------------------------------------------------
@action(r"I add a new {comment} to {post}")
def add_comment(world: SpecWorld, comment: ObjectName, post: ObjectName) -> None:
    created = world.model(COMMENT)(text=comment.label, post=world.obj(post))
    # post= alone does not put the comment in the session (no cascade along a backref).
    world.session().add(world.remember(comment, created))


@action(r"I add a new reply {comment} to {parent:comment}")
def add_reply(world: SpecWorld, comment: ObjectName, parent: ObjectName) -> None:
    above = world.obj(parent)
    # The reply belongs to its parent's post: the object if the parent is new, else its key
    # (reading parent.post of a loaded comment would be a lazy load).
    post = above.__dict__.get("post")
    on_post = {"post": post} if post is not None else {"post_id": above.post_id}
    created = world.model(COMMENT)(text=comment.label, parent=above, **on_post)
    world.session().add(world.remember(comment, created))


@action(r"I move {comment} under {parent:comment}")
def move_reply(world: SpecWorld, comment: ObjectName, parent: ObjectName) -> None:
    world.obj(comment).parent = world.obj(parent)
