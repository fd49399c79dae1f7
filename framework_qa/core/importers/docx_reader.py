"""Word documents: body paragraphs and table cells, in reading order.

python-docx exposes paragraphs and tables separately; reading order needs the body's children in
sequence. Merged table cells appear once per grid position in python-docx, so each underlying cell is
read once.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from framework_qa.core.errors import ImportFailure

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_docx_paragraphs(path: Path) -> list[str]:
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise ImportFailure(path, "the file is empty")
    if head == _OLE_MAGIC:
        raise ImportFailure(path, "the document is encrypted (password-protected) or an old-style .doc; "
                                  "save it in Word as an unprotected .docx")
    try:
        document = docx.Document(str(path))
    except zipfile.BadZipFile:
        raise ImportFailure(path, "not a valid .docx (the file is damaged or not a Word document)") from None
    except KeyError as exc:
        raise ImportFailure(path, f"not a valid .docx (missing part {exc})") from None
    except Exception as exc:  # python-docx raises assorted errors on malformed packages
        raise ImportFailure(path, f"not a valid .docx ({type(exc).__name__}: {exc})") from None
    return list(_body_paragraphs(document))


def _body_paragraphs(document: DocxDocument):  # type: ignore[no-untyped-def]
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, document).text
        elif child.tag == qn("w:tbl"):
            yield from _table_paragraphs(Table(child, document))


def _table_paragraphs(table: Table):  # type: ignore[no-untyped-def]
    seen: set[object] = set()  # holding the elements keeps lxml's proxies, so identity is stable
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            for paragraph in cell.paragraphs:
                yield paragraph.text
            for inner in cell.tables:
                yield from _table_paragraphs(inner)
