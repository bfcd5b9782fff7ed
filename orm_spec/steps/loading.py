"""Loader strategies beyond the lazy default: noload, write_only, deferred columns."""

from __future__ import annotations
