"""The unit of work: flush order, dirty tracking, autoflush, defaults and bulk statements."""

from __future__ import annotations
