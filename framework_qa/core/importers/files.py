"""Opening a chosen file safely, and naming it safely in messages.

Contracts:
- `open_regular` refuses folders, named pipes (FIFOs), devices and sockets before reading a byte: a
  FIFO passed as `notes.txt` would otherwise block the import forever, and `/dev/zero` would never end.
  It opens without blocking and re-checks the opened descriptor, so a file swapped after the check is
  still caught. A symbolic link to a regular file is followed: the user chose that name, and the link's
  target is what they mean to import.
- `display_name` gives a file name that can always be printed: bytes that are not UTF-8 (e.g. a Latin-1
  `é` in a name on Linux) appear as `\\xe9`, control characters such as newlines as `\\n`, so a failure or
  success line never raises `UnicodeEncodeError` and never spans two lines.
- `printable` is that escaping for any text (zip member names, names shown in the command line's
  tables), so one rule decides what reaches a terminal.
- `refuse` builds the `ImportFailure` every reader raises, with the name so escaped.
"""

from __future__ import annotations

import math
import os
import stat
from pathlib import Path
from typing import BinaryIO

from framework_qa.core.errors import ImportFailure
from framework_qa.core.importers.limits import MAX_FILE_BYTES, MB


def printable(text: str) -> str:
    """`text` on one printable line: bytes smuggled in by surrogateescape appear as `\\xe9`, controls
    (newline, tab, escape sequences) and other unprintable characters as `\\n`, `\\x1b`, `\\u2028`."""
    if text.isprintable():  # the common case, without building a copy
        return text
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a lone surrogate not made by surrogateescape
        text = text.encode("utf-8", "backslashreplace").decode("ascii")
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


def display_name(path: str | os.PathLike[str]) -> str:
    """The file's name, printable on any terminal and in any log: undecodable bytes and controls escaped."""
    return printable(Path(path).name)


def refuse(path: str | os.PathLike[str], reason: str) -> ImportFailure:
    """An ImportFailure for `path` whose message starts with the escaped file name (see display_name)."""
    failure = ImportFailure(Path(path), reason)
    failure.args = (f"{display_name(path)}: {reason}",)
    return failure


def file_kind_problem(mode: int) -> str | None:
    """Why a file of this `st_mode` cannot be read as a file (None for a regular file)."""
    return _kind(mode)


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, PermissionError):
        return "cannot read the file (permission denied)"
    return f"cannot read the file ({exc.strerror or type(exc).__name__})"


def open_regular(path: Path, *, max_bytes: int = MAX_FILE_BYTES, what: str = "transcripts") -> BinaryIO:
    """Open `path` for binary reading if it is a regular file no larger than `max_bytes`; else refuse
    (`what` names the kind of file in the message: "transcripts over 100 MB are refused")."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and os.path.lexists(path):
            raise refuse(path, "is a link to a file that does not exist") from None
        raise refuse(path, _os_reason(exc)) from None
    except ValueError:  # an embedded NUL in the name
        raise refuse(path, "the file name is not valid") from None
    problem = _kind(info.st_mode)
    if problem:
        raise refuse(path, problem)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise refuse(path, _os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        problem = _kind(info.st_mode)
        if problem:
            raise refuse(path, problem)
        if info.st_size > max_bytes:
            raise refuse(path, f"the file is too large ({math.ceil(info.st_size / MB)} MB; {what} over "
                               f"{max_bytes // MB} MB are refused)")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, *, max_bytes: int = MAX_FILE_BYTES, what: str = "transcripts") -> bytes:
    """All bytes of the regular file `path`, refusing one that is (or grows) larger than `max_bytes`."""
    with open_regular(path, max_bytes=max_bytes, what=what) as fh:
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise refuse(path, _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise refuse(path, f"the file is too large ({what} over {max_bytes // MB} MB are refused)")
    return data
