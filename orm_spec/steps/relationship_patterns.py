"""Relationship patterns of the extended domain: tags (many-to-many and the Tagging
association object), comments replying to comments, a user's profile, pinned posts."""

from __future__ import annotations
