"""Writing REFI-QDA 1.0 projects (.qdpx) and codebooks (.qdc) that validate against the 2019 schemas.

Layout: `project.qde` plus `sources/<GUID>.txt` (UTF-8, no BOM, LF line endings as stored), each
referenced as `internal://<GUID>.txt`; positions are code points, the standard's own unit. The
`origin` written always starts with "framework-qa": a reader trusts the origin to tell how positions
are counted, so a project first imported from NVivo must not go out claiming to be NVivo's.
"""

from __future__ import annotations

import os
import secrets
import stat
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, tostring

from .errors import RefiError
from .extension import ENTRY as EXTENSION_ENTRY
from .extension import extension_bytes
from .model import RefiCode, RefiCodebook, RefiNote, RefiProject, RefiSource, VariableValue, iter_codes
from .values import derived_guid, format_datetime, is_valid_guid

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
ORIGIN = "framework-qa"
_VALUE_TAGS = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
    "Date": "DateValue",
    "DateTime": "DateTimeValue",
}


def _origin(origin: str) -> str:
    return origin if origin.startswith(ORIGIN) else ORIGIN


def _guid(value: str, what: str) -> str:
    if not is_valid_guid(value):
        raise RefiError(f"Cannot export: {what} has the identifier {value!r}, which is not a GUID.")
    return value.strip("{}").lower()


def _code_element(parent: Element, code: RefiCode, note_refs: dict[str, list[str]] | None) -> None:
    attrs = {"guid": _guid(code.guid, f"code {code.name!r}"), "name": code.name}
    attrs["isCodable"] = "true" if code.is_codable else "false"
    if code.colour:
        attrs["color"] = code.colour
    element = SubElement(parent, "Code", attrs)
    if code.description:
        SubElement(element, "Description").text = code.description
    if note_refs is not None:
        for note_guid in note_refs.get(code.guid, []):
            SubElement(element, "NoteRef", {"targetGUID": note_guid})
    for child in code.children:
        _code_element(element, child, note_refs)


def _format_value(value: VariableValue, type_name: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _note_refs(notes: tuple[RefiNote, ...]) -> dict[str, list[str]]:
    refs: dict[str, list[str]] = {}
    for note in notes:
        for target in sorted(note.target_guids):
            refs.setdefault(target, []).append(note.guid)
    return refs


def project_xml(project: RefiProject) -> bytes:
    """The `project.qde` document for `project`; raises RefiError for data the schema cannot hold."""
    root = Element("Project", {"xmlns": PROJECT_NS, "name": project.name, "origin": _origin(project.origin)})
    refs = _note_refs(project.notes)
    placed: set[str] = set()
    written_at = datetime.now(UTC).replace(microsecond=0)
    if project.users:
        users = SubElement(root, "Users")
        for user in project.users:
            SubElement(users, "User", {"guid": _guid(user.guid, f"user {user.name!r}"), "name": user.name})
    if project.codes:
        codes_el = SubElement(SubElement(root, "CodeBook"), "Codes")
        for code in project.codes:
            _code_element(codes_el, code, refs)
        placed |= {c.guid for c in iter_codes(project.codes)}
    types = {v.guid: v.type_name for v in project.variables}
    if project.variables:
        variables = SubElement(root, "Variables")
        for var in project.variables:
            attrs = {"guid": _guid(var.guid, f"variable {var.name!r}"), "name": var.name, "typeOfVariable": var.type_name}
            SubElement(variables, "Variable", attrs)
    if project.cases:
        cases = SubElement(root, "Cases")
        for case in project.cases:
            case_el = SubElement(cases, "Case", {"guid": _guid(case.guid, f"case {case.name!r}"), "name": case.name})
            if case.description:
                SubElement(case_el, "Description").text = case.description
            for var_guid, value in case.values.items():
                if var_guid not in types:
                    raise RefiError(f"Cannot export: case {case.name!r} has a value for an unknown variable.")
                vv = SubElement(case_el, "VariableValue")
                SubElement(vv, "VariableRef", {"targetGUID": var_guid})
                SubElement(vv, _VALUE_TAGS[types[var_guid]]).text = _format_value(value, types[var_guid])
            for source_guid in case.source_guids:
                SubElement(case_el, "SourceRef", {"targetGUID": source_guid})
    if project.sources:
        sources = SubElement(root, "Sources")
        for source in project.sources:
            _source_element(sources, source, refs, placed)
    if project.notes:
        notes = SubElement(root, "Notes")
        for note in project.notes:
            _note_element(notes, note, written_at)
        # memos about things that cannot carry a NoteRef (cases) are tied to them with Links
        links = [(n.guid, t) for n in project.notes for t in sorted(n.target_guids) if t not in placed]
        if links:
            links_el = SubElement(root, "Links")
            for note_guid, target in links:
                attrs = {"guid": derived_guid("memo-link", note_guid, target), "name": "Memo", "direction": "OneWay"}
                attrs |= {"originGUID": note_guid, "targetGUID": target}
                SubElement(links_el, "Link", attrs)
    if project.description:
        SubElement(root, "Description").text = project.description
    for note in project.notes:  # notes about the project as a whole
        if not note.target_guids and not note.spans:
            SubElement(root, "NoteRef", {"targetGUID": _guid(note.guid, f"memo {note.name!r}")})
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="unicode").encode("utf-8")


def _note_element(parent: Element, note: RefiNote, written_at: datetime) -> None:
    """A Note with `creationDateTime` always (QualCoder's importer stops on a Note without one) and its
    own text ranges as PlainTextSelections, the way QualCoder writes an annotation."""
    attrs = {"guid": _guid(note.guid, f"memo {note.name!r}"), "name": note.name,
             "creationDateTime": format_datetime(note.created or written_at)}
    note_el = SubElement(parent, "Note", attrs)
    SubElement(note_el, "PlainTextContent").text = note.text
    for start, end in note.spans:
        sel = {"guid": derived_guid("note-span", note.guid, str(start), str(end)),
               "startPosition": str(start), "endPosition": str(end)}
        SubElement(note_el, "PlainTextSelection", sel)


def _source_element(parent: Element, source: RefiSource, refs: dict[str, list[str]], placed: set[str]) -> None:
    guid = _guid(source.guid, f"source {source.name!r}")
    attrs = {"guid": guid, "name": source.name, "plainTextPath": f"internal://{guid}.txt"}
    element = SubElement(parent, "TextSource", attrs)
    placed.add(source.guid)
    if source.description:
        SubElement(element, "Description").text = source.description
    for sel in source.selections:
        if not 0 <= sel.start < sel.end <= len(source.text):
            raise RefiError(f"Cannot export: a passage of {source.name!r} ({sel.start}-{sel.end}) lies outside its text.")
        sel_attrs = {"guid": _guid(sel.guid, "a passage"), "startPosition": str(sel.start), "endPosition": str(sel.end)}
        coding_attrs: dict[str, str] = {}
        if sel.user_guid:
            sel_attrs["creatingUser"] = coding_attrs["creatingUser"] = sel.user_guid
        if sel.created:
            sel_attrs["creationDateTime"] = coding_attrs["creationDateTime"] = format_datetime(sel.created)
        sel_el = SubElement(element, "PlainTextSelection", sel_attrs)
        placed.add(sel.guid)
        if sel.note:
            SubElement(sel_el, "Description").text = sel.note
        for code_guid in sel.code_guids:
            coding = SubElement(sel_el, "Coding", {"guid": derived_guid("coding", sel.guid, code_guid)} | coding_attrs)
            SubElement(coding, "CodeRef", {"targetGUID": code_guid})
        for note_guid in refs.get(sel.guid, []):
            SubElement(sel_el, "NoteRef", {"targetGUID": note_guid})
    for note_guid in refs.get(source.guid, []):
        SubElement(element, "NoteRef", {"targetGUID": note_guid})


def codebook_xml(codebook: RefiCodebook) -> bytes:
    if not codebook.codes:
        raise RefiError("Cannot export a codebook without codes: the REFI-QDA codebook format needs at least one.")
    root = Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": _origin(codebook.origin)})
    codes = SubElement(root, "Codes")
    for code in codebook.codes:
        _code_element(codes, code, None)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="unicode").encode("utf-8")


def _temporary_beside(path: Path) -> Path:
    """A new empty file next to `path`, created with mode 0666 less the umask, as `open(path, "w")` would.

    Not `tempfile.mkstemp`: that creates 0600 files, and the export, renamed into place, stayed readable
    by its owner only, unlike every other export (a shared study folder could not read it).
    """
    for _ in range(100):
        tmp = path.parent / f".export-{secrets.token_hex(6)}{path.suffix}"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return tmp
    raise FileExistsError(f"no free temporary name beside {path}")


def _replace_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Write beside the target and rename, so a failed export never leaves half a file behind.

    A new file gets the umask's mode; a file replaced keeps the permissions it had.
    """
    tmp = _temporary_beside(path)
    try:
        write(tmp)
        try:
            os.chmod(tmp, stat.S_IMODE(path.stat().st_mode))
        except FileNotFoundError:
            pass
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_qdpx(project: RefiProject, path: str | Path) -> None:
    path = Path(path)
    document = project_xml(project)  # validates before any file is touched

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("project.qde", document)
            for source in project.sources:
                archive.writestr(f"sources/{source.guid.strip('{}').lower()}.txt", source.text.encode("utf-8"))
            if project.extension:
                archive.writestr(EXTENSION_ENTRY, extension_bytes(project.extension))

    _replace_atomically(path, write)


def write_qdc(codebook: RefiCodebook, path: str | Path) -> None:
    path = Path(path)
    document = codebook_xml(codebook)
    _replace_atomically(path, lambda tmp: tmp.write_bytes(document))
