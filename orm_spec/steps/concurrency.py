"""Optimistic concurrency with version_id_col."""

from __future__ import annotations
