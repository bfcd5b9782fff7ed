"""Column loading, SQL expressions as mapped attributes, mutation tracking of JSON."""

from __future__ import annotations
