"""The search's own error, in a module of its own so catching it never loads the search engine."""

from __future__ import annotations

from framework_qa.core.errors import FqaError


class QueryError(FqaError):
    """The search text cannot be understood; the message says what is wrong with it."""
