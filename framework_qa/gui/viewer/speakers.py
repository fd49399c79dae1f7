"""Speaker labels set apart (bold, coloured) without touching the document's text or char formats.

A syntax highlighter formats only the layout of each block, so the stored text and its positions stay
exactly as imported; blocks are formatted as Qt lays them out.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextDocument

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


class SpeakerHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._labels: dict[int, tuple[int, str]] = {}   # Qt block position -> (label length, speaker)
        self._formats: dict[str, QTextCharFormat] = {}
        self._palette = QPalette()

    def set_spans(self, text: str, spans: list[Span], positions: PositionMap, palette: QPalette) -> None:
        """Remember where labels are; call before the text is set so the first layout is already right."""
        self._palette = palette
        self._formats.clear()
        labels: dict[int, tuple[int, str]] = {}
        for span in spans:
            if span.speaker:
                n = label_length(text[span.start:span.end], span.speaker)
                if n:
                    a, b = positions.range_to_qt(span.start, span.start + n)
                    labels[a] = (b - a, span.speaker)
        self._labels = labels

    def _format(self, speaker: str) -> QTextCharFormat:
        fmt = self._formats.get(speaker)
        if fmt is None:
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setForeground(speaker_colour(speaker, self._palette))
            self._formats[speaker] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        found = self._labels.get(self.currentBlock().position())
        if found:
            self.setFormat(0, found[0], self._format(found[1]))
