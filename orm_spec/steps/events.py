"""Session and state-transition events."""

from __future__ import annotations
