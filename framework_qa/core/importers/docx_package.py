"""The zip package of a .docx (or an .xlsx), read within the input policy (see limits.py).

Contracts (each takes the format's `ZipLimits`, .docx by default; the .xlsx reader uses the directory
check before handing the archive to openpyxl):
- `check_directory` refuses, from the zip's central directory alone (before inflating a byte), a package
  with too many entries, a member or a total that would inflate beyond the limits, or a member whose
  declared compression ratio only a zip bomb has.
- `read_member` inflates one member in chunks and refuses as soon as the bytes produced exceed what the
  directory declared or the limits allow, so a lying header cannot make it use more time or memory.
- `main_part_name` follows the package relationships to the main document part (word/document.xml in
  every file Word writes).
Every failure is an ImportFailure naming the file; no zip or XML exception escapes.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from docx.oxml.parser import element_class_lookup
from lxml import etree

from framework_qa.core.errors import ImportFailure
from framework_qa.core.importers import limits
from framework_qa.core.importers.files import printable, refuse

_OFFICE_DOCUMENT = "/relationships/officeDocument"
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError,
               NotImplementedError, KeyError)


def _parser() -> etree.XMLParser:
    """A parser that never loads DTDs, resolves entities or touches the network, and keeps libxml2's
    depth and text-node limits (huge_tree off); elements get python-docx's classes for paragraph text."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_blank_text=True)
    parser.set_element_class_lookup(element_class_lookup)
    return parser


def open_package(fh: BinaryIO, path: Path, policy: limits.ZipLimits = limits.DOCX_ZIP) -> zipfile.ZipFile:
    try:
        package = zipfile.ZipFile(fh)
    except _ZIP_ERRORS:
        what = "a Word document" if policy.kind == ".docx" else "an Excel workbook"
        raise refuse(path, f"not a valid {policy.kind} (the file is damaged or not {what})") from None
    try:
        check_directory(package, path, policy)
    except ImportFailure:
        package.close()
        raise
    return package


def check_directory(package: zipfile.ZipFile, path: Path, policy: limits.ZipLimits = limits.DOCX_ZIP) -> None:
    infos = package.infolist()
    if len(infos) > policy.max_members:
        raise refuse(path, f"not a valid {policy.kind} (the archive lists {len(infos)} parts; "
                           f"over {policy.max_members} are refused)")
    total = sum(info.file_size for info in infos)
    if total > policy.max_total_bytes:
        raise refuse(path, f"the {policy.kind} would unpack to {total // limits.MB} MB "
                           f"(over {policy.max_total_bytes // limits.MB} MB is refused)")
    for info in infos:
        _check_size(path, info, info.file_size, policy)


def _check_size(path: Path, info: zipfile.ZipInfo, size: int, policy: limits.ZipLimits) -> None:
    name = printable(info.filename)
    if size > policy.max_member_bytes:
        raise refuse(path, f"the {policy.kind} part {name} would unpack to over "
                           f"{policy.max_member_bytes // limits.MB} MB; such files are refused")
    if size > limits.RATIO_FLOOR_BYTES and size > max(info.compress_size, 1) * limits.MAX_COMPRESSION_RATIO:
        raise refuse(path, f"the {policy.kind} part {name} is compressed over "
                           f"{limits.MAX_COMPRESSION_RATIO} times (a 'zip bomb'); such files are refused")


def read_member(package: zipfile.ZipFile, name: str, path: Path) -> bytes | None:
    """The inflated bytes of member `name`, or None when the package has no such member."""
    try:
        info = package.getinfo(name)
    except KeyError:
        return None
    chunks: list[bytes] = []
    produced = 0
    try:
        with package.open(info) as stream:
            while chunk := stream.read(limits.READ_CHUNK_BYTES):
                produced += len(chunk)
                if produced > info.file_size:
                    raise refuse(path, f"not a valid .docx (part {name} is larger than its header says)")
                _check_size(path, info, produced, limits.DOCX_ZIP)
                chunks.append(chunk)
    except ImportFailure:
        raise
    except _ZIP_ERRORS as exc:
        raise refuse(path, f"not a valid .docx (part {name} is damaged: {short_reason(exc)})") from None
    return b"".join(chunks)


def parse_member(package: zipfile.ZipFile, name: str, path: Path) -> etree._Element | None:
    """Member `name` parsed as XML (None when absent); a DTD or malformed XML is refused."""
    data = read_member(package, name, path)
    if data is None:
        return None
    if b"<!DOCTYPE" in data[:4096]:  # entity declarations can only come inside one
        raise refuse(path, f"not a valid .docx (part {name} declares a DTD, which Word never writes)")
    try:
        return etree.fromstring(data, _parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise refuse(path, f"not a valid .docx (part {name} is not well-formed XML: {short_reason(exc)})") from None


def main_part_name(package: zipfile.ZipFile, path: Path) -> str:
    rels = parse_member(package, "_rels/.rels", path)
    if rels is not None:
        for rel in rels:
            if str(rel.get("Type", "")).endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
                return posixpath.normpath(str(rel.get("Target", "")).lstrip("/"))
    return "word/document.xml"


def short_reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
