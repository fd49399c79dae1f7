"""Word documents: body paragraphs and table cells, in reading order.

The main document part is read within the input policy (docx_package.py) and walked directly: body
paragraphs and tables in sequence, each table row by row, each cell's paragraphs and nested tables in the
order they appear. python-docx's table model is not used because it raises `ValueError` on tables Word
itself opens (a vertical merge in the top row, a `gridSpan` past the grid, `gridSpan="x"`); walking the
XML reads every cell once whatever its grid says. A vertically merged continuation cell is skipped when
empty, as its text is the merged cell's, already read. Paragraph text comes from python-docx's paragraph
element (tabs, breaks, hyperlinks), or, if even that fails on malformed run XML, from the text nodes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from lxml import etree

from framework_qa.core.importers.docx_package import main_part_name, open_package, parse_member
from framework_qa.core.importers.files import open_regular, refuse

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_P, _TBL, _TR, _TC, _BODY = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:body")
_TCPR, _VMERGE, _VAL = qn("w:tcPr"), qn("w:vMerge"), qn("w:val")
_T, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")


def read_docx_paragraphs(path: Path) -> list[str]:
    """The document's paragraphs (body and table cells) in reading order; ImportFailure if unreadable."""
    with open_regular(path) as fh:
        head = fh.read(8)
        if not head:
            raise refuse(path, "the file is empty")
        if head == _OLE_MAGIC:
            raise refuse(path, "the document is encrypted (password-protected) or an old-style .doc; "
                               "save it in Word as an unprotected .docx")
        fh.seek(0)
        with open_package(fh, path) as package:
            name = main_part_name(package, path)
            root = parse_member(package, name, path)
    if root is None:
        raise refuse(path, f"not a valid .docx (missing part '{name}')")
    body = root.find(_BODY)
    if body is None:
        raise refuse(path, "not a valid .docx (the main part has no document body)")
    return list(_blocks(body))


def _blocks(container: etree._Element) -> Iterator[str]:
    for child in container.iterchildren(_P, _TBL):
        if child.tag == _P:
            yield _paragraph_text(child)
        else:
            yield from _table(child)


def _table(table: etree._Element) -> Iterator[str]:
    for row in table.iterchildren(_TR):
        for cell in row.iterchildren(_TC):
            texts = list(_blocks(cell))
            if _continues_merge(cell) and not any(t.strip() for t in texts):
                continue
            yield from texts


def _continues_merge(cell: etree._Element) -> bool:
    properties = cell.find(_TCPR)
    merge = properties.find(_VMERGE) if properties is not None else None
    return merge is not None and merge.get(_VAL, "continue") == "continue"


def _paragraph_text(paragraph: etree._Element) -> str:
    if not isinstance(paragraph, CT_P):
        return _plain_text(paragraph)
    try:
        return str(paragraph.text)  # python-docx's CT_P: runs and hyperlinks, tabs and breaks mapped
    except Exception:  # malformed run XML (an invalid w:br type, ...): fall back to the text nodes
        return _plain_text(paragraph)


def _plain_text(paragraph: etree._Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter(_T, _TAB, _BR, _CR):
        if node.tag == _T:
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == _TAB else "\n")
    return "".join(parts)
