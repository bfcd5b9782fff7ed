"""Behaviour that changed between SQLAlchemy versions."""

from __future__ import annotations
