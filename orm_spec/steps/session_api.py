"""The Session API beyond the basics: connections and binds, join_transaction_mode,
execution options, state management helpers and the errors the Session raises."""

from __future__ import annotations
