"""Project addresses for the layers above the core: a file path, or a server project's
`postgresql://` address. The GUI and CLI use these rather than reaching into storage (a contract test
holds them to it)."""

from os import PathLike
from pathlib import Path

from framework_qa.core.storage.schema import SCHEMA_VERSION
from framework_qa.core.storage.server.url import display, is_server_address, redact

__all__ = ["SCHEMA_VERSION", "display", "is_server_address", "project_title", "redact"]


def project_title(location: str | PathLike[str]) -> str:
    """How titles and messages name a project: the file's name, or `database on host` (never a password)."""
    return display(str(location)) if is_server_address(location) else Path(location).name
