"""Backend divergences: what the database itself does differently."""

from __future__ import annotations
