"""Speaker labels set apart (bold, coloured) without touching the document's text or char formats.

The labels are given as additional formats of their blocks' layouts (what a syntax highlighter does, without
a Python call per block: the document is read-only, so the formats are set once after the text).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette, QTextCharFormat, QTextDocument, QTextLayout

from framework_qa.core.model import Span
from framework_qa.gui.viewer.positions import PositionMap
from framework_qa.gui.viewer.style import speaker_colour


def label_length(line: str, speaker: str) -> int:
    """Length of the `Speaker:` label opening `line` (0 when the line continues a turn)."""
    head = line[: len(speaker) + 8]
    at = head.find(speaker)
    if at < 0:
        return 0
    colon = head.find(":", at + len(speaker))
    return colon + 1 if colon >= 0 else 0


def speaker_labels(text: str, spans: list[Span], positions: PositionMap) -> list[tuple[int, int, str]]:
    """(Qt start, Qt length, speaker) of every speaker label in the text."""
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if span.speaker:
            n = label_length(text[span.start:span.end], span.speaker)
            if n:
                a, b = positions.range_to_qt(span.start, span.start + n)
                out.append((a, b - a, span.speaker))
    return out


def format_speakers(document: QTextDocument, labels: list[tuple[int, int, str]], palette: QPalette) -> None:
    """Give each label's block a bold, coloured format over the label (call right after setting the text)."""
    formats: dict[str, QTextCharFormat] = {}
    for start, length, speaker in labels:
        fmt = formats.get(speaker)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setForeground(speaker_colour(speaker, palette))
            formats[speaker] = fmt
        block = document.findBlock(start)
        item = QTextLayout.FormatRange()
        item.start, item.length, item.format = start - block.position(), length, fmt
        block.layout().setFormats([item])
    if labels:
        document.markContentsDirty(0, document.characterCount())
