"""Server project addresses: `postgresql://user@host:port/database`, with libpq's conventions.

A password may come from the address, `PGPASSWORD`, `~/.pgpass` or a service file; libpq reads those
itself. Anything shown to a user or written to a log goes through `redact`, so a password never appears
in a message, a title or a settings file.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")


def is_server_address(target: object) -> bool:
    return isinstance(target, str) and target.startswith(SCHEMES)


def redact(address: str) -> str:
    """The address without its password (nor a `password=` query parameter)."""
    parts = urlsplit(address)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    query = "&".join(p for p in parts.query.split("&") if p and not p.startswith("password="))
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def display(address: str) -> str:
    """Short form for titles and messages: `database on host`."""
    parts = urlsplit(address)
    database = parts.path.lstrip("/") or "(default database)"
    return f"{database} on {parts.hostname or 'localhost'}"


def cache_path(address: str) -> Path:
    """A per-client stand-in path for a server project: caches kept beside it (the search index) live
    in the user's cache folder, one folder per server project."""
    import hashlib  # only here: every project opening checks the address, few need its cache path

    import platformdirs

    parts = urlsplit(redact(address))
    digest = hashlib.sha256(f"{parts.hostname}:{parts.port}/{parts.path}".encode()).hexdigest()[:12]
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", parts.path.lstrip("/") or "project")
    return Path(platformdirs.user_cache_dir("framework-qa")) / "server-projects" / f"{name}-{digest}.fqa"
