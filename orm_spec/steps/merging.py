"""merge(): copying detached or transient state into a session."""

from __future__ import annotations
