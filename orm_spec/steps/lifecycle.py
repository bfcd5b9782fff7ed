"""Object states, expunge, close and scoped_session."""

from __future__ import annotations
