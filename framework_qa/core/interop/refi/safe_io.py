"""Defensive reading of REFI-QDA containers: a ZIP is checked whole before any entry is read.

Why all up front: a refused archive must raise before the caller gets anything, so path traversal,
archive bombs, symbolic links and DTD-bearing XML are found before parsing starts, not half way through
an import. Every failure of the ZIP layer (bad central directory, corrupt deflate data, truncated entry,
CRC mismatch, unsupported compression) becomes one RefiError naming the file and, where there is one,
the entry.

Symbolic links refuse the whole archive rather than only the source they hold: no REFI-QDA producer
writes them (sources sit as plain files in a flat folder), the "content" of a link entry is a path on
someone else's machine, never the document, and an archive that contains one was built by hand or by an
attacker. Refusing it outright, like an entry that points outside the archive, keeps the rule simple:
what is read is exactly the plain files of the archive, or nothing.
"""

from __future__ import annotations

import lzma
import os
import re
import stat
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from framework_qa.core.importers.files import display_name, file_kind_problem

from .errors import RefiError

_DRIVE = re.compile(r"^[A-Za-z]:")
# What the zipfile module lets escape from a damaged archive: BadZipFile (also "Bad CRC-32"), zlib.error
# (corrupt deflate data), EOFError (truncated entry), lzma errors, OSError (also bz2), ValueError, struct.error
# or RuntimeError/NotImplementedError for malformed headers, encryption and unknown compression methods.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    EOFError,
    OSError,
    ValueError,
    struct.error,
    RuntimeError,
    NotImplementedError,
)


def _reason(exc: BaseException) -> str:
    """The exception as one short line for a message (zip errors can carry newlines or long byte dumps)."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def is_symlink(info: zipfile.ZipInfo) -> bool:
    """True when the entry's Unix mode (high 16 bits of external_attr) marks a symbolic link."""
    return stat.S_ISLNK(info.external_attr >> 16)


@dataclass(frozen=True)
class ZipLimits:
    """Ceilings against archive bombs; generous for real projects (NVivo exports run to tens of MB)."""

    max_entries: int = 10_000
    max_total_bytes: int = 2 * 1024**3
    max_entry_bytes: int = 1024**3
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 1024**2  # entries smaller than this may compress as well as they like


DEFAULT_LIMITS = ZipLimits()


def _safe_name(raw: str) -> str | None:
    """The entry's normalised relative path, or None when it would leave the archive's folder."""
    name = raw.replace("\\", "/")
    if name.startswith("/") or _DRIVE.match(name) or "\x00" in name:
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    return "/".join(parts)


def check_regular(path: Path) -> None:
    """Refuse a folder, a named pipe, a device or a socket before opening it (opening a pipe would wait
    for a writer forever); a link to a regular file is followed, as for transcripts."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise RefiError(f"{display_name(path)}: cannot be read ({exc.strerror or type(exc).__name__}).") from None
    except ValueError:
        raise RefiError(f"{display_name(path)}: the file name is not valid.") from None
    problem = file_kind_problem(info.st_mode)
    if problem:
        raise RefiError(f"{display_name(path)}: {problem}.")


def read_zip(path: str | Path, limits: ZipLimits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """Every file entry of the archive, keyed by its normalised path; raises RefiError if any entry is unsafe."""
    path = Path(path)
    check_regular(path)
    try:
        archive = zipfile.ZipFile(path)
    except _ZIP_ERRORS as exc:
        raise RefiError(f"{path.name}: not a readable REFI-QDA project archive ({_reason(exc)}).") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise RefiError(
                f"{path.name}: refused, the archive holds {len(infos)} entries (at most "
                f"{limits.max_entries} are accepted); it may be an archive bomb."
            )
        total = 0
        names: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            safe = _safe_name(info.filename)
            if safe is None:
                raise RefiError(
                    f"{path.name}: refused, the entry {info.filename!r} points outside the archive's folder."
                )
            if is_symlink(info):
                raise RefiError(
                    f"{path.name}: refused, the entry {info.filename!r} is a symbolic link; REFI-QDA archives "
                    "hold only plain files."
                )
            if info.is_dir() or not safe:
                continue
            total += info.file_size
            if info.file_size > limits.max_entry_bytes or total > limits.max_total_bytes:
                raise RefiError(
                    f"{path.name}: refused, it unpacks to more than "
                    f"{min(limits.max_total_bytes, limits.max_entry_bytes) // 1024**2} MB; it may be an archive bomb."
                )
            if info.file_size > limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
                info.compress_size, 1
            ):
                raise RefiError(
                    f"{path.name}: refused, the entry {info.filename!r} expands {info.file_size // max(info.compress_size, 1)} "
                    f"times (at most {limits.max_ratio:.0f}); it may be an archive bomb."
                )
            names[safe] = info
        out: dict[str, bytes] = {}
        for safe, info in names.items():
            try:
                with archive.open(info) as stream:
                    data = stream.read(info.file_size + 1)
            except _ZIP_ERRORS as exc:
                raise RefiError(
                    f"{path.name}: the entry {info.filename!r} cannot be read, the archive is damaged "
                    f"({_reason(exc)})."
                ) from exc
            if len(data) > info.file_size:
                raise RefiError(f"{path.name}: refused, the entry {info.filename!r} is larger than it declares.")
            out[safe] = data
        return out


def read_plain_file(path: str | Path, limits: ZipLimits = DEFAULT_LIMITS) -> bytes:
    """A bare .qde or .qdc file, refused when larger than one archive entry may be."""
    path = Path(path)
    check_regular(path)
    try:
        size = path.stat().st_size
        if size > limits.max_entry_bytes:
            raise RefiError(f"{path.name}: refused, the file is larger than {limits.max_entry_bytes // 1024**2} MB.")
        return path.read_bytes()
    except OSError as exc:
        raise RefiError(f"{path.name}: cannot be read ({exc}).") from exc


def parse_xml(data: bytes, label: str) -> tuple[Element, str]:
    """Parse without DTDs or entities, with namespaces stripped from tags and attributes.

    Any DOCTYPE is refused outright: REFI-QDA needs none, and DTDs are how entity expansion
    (billion laughs) and external entities get in. Namespaces are dropped because real tools write
    several (project:1.0, codebook:0:4, codebook:1:0, project:0:10); the root's namespace is returned
    beside the root for the caller to judge.
    """
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise RefiError(
            f"{label}: refused, the XML declares a DTD or entities, which REFI-QDA files never need ({exc})."
        ) from exc
    except (ParseError, ValueError) as exc:
        raise RefiError(f"{label}: not well-formed XML ({_reason(exc)}).") from exc
    except LookupError as exc:  # an encoding="..." that Python does not know
        raise RefiError(f"{label}: not readable XML, it declares an unknown text encoding ({_reason(exc)}).") from exc
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = element.tag.split("}", 1)[1]
        for key in [k for k in element.attrib if k.startswith("{")]:
            element.attrib[key.split("}", 1)[1]] = element.attrib.pop(key)
    return root, namespace
