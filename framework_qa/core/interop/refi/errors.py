"""The one error the REFI-QDA file layer raises for a file it will not read or cannot write."""

from __future__ import annotations

from framework_qa.core.errors import FqaError


class RefiError(FqaError):
    """A REFI-QDA file was refused or could not be written.

    Raised before anything is returned, so a caller never holds part of a refused file. The message
    names the file and the reason in words a user can act on.
    """
