"""Transactions and expiry: begin/commit blocks, isolation, expire and refresh."""

from __future__ import annotations
