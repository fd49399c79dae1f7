"""Reading transcripts and case attribute tables from files.

`read_transcript(path)` returns the text exactly as it will be stored (line endings normalised to LF,
nothing else changed) with its paragraph/speaker-turn spans, or raises `ImportFailure` whose message names
the file and the reason. Readers never touch a project: a failed file leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from framework_qa.core.errors import ImportFailure
from framework_qa.core.importers.decoding import decode_text
from framework_qa.core.importers.docx_reader import read_docx_paragraphs
from framework_qa.core.importers.subtitles import read_subtitles
from framework_qa.core.importers.turns import normalise_newlines, speakers_of, split_spans
from framework_qa.core.model import Span

TRANSCRIPT_SUFFIXES = (".txt", ".docx", ".vtt", ".srt", ".md")


@dataclass(frozen=True)
class ImportedText:
    path: Path
    text: str
    spans: list[Span]
    format: str
    encoding: str

    @property
    def speakers(self) -> list[str]:
        return speakers_of(self.spans)


def read_transcript(path: str | Path) -> ImportedText:
    path = Path(path)
    if not path.exists():
        raise ImportFailure(path, "no such file")
    if path.is_dir():
        raise ImportFailure(path, "is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix not in TRANSCRIPT_SUFFIXES:
        raise ImportFailure(path, f"unknown file type '{suffix or '(none)'}'; "
                                  f"framework-qa reads {', '.join(TRANSCRIPT_SUFFIXES)}")
    try:
        if suffix == ".docx":
            text = "\n".join(read_docx_paragraphs(path))
            encoding = "docx"
        else:
            text, encoding = decode_text(path.read_bytes(), path)
            text = normalise_newlines(text)
            if suffix in (".vtt", ".srt"):
                text = read_subtitles(text, path, vtt=suffix == ".vtt")
    except OSError as exc:
        raise ImportFailure(path, f"cannot read the file ({exc.strerror or exc})") from None
    text = normalise_newlines(text)
    if not text.strip():
        raise ImportFailure(path, "the file contains no text")
    return ImportedText(path, text, split_spans(text), suffix.lstrip("."), encoding)


__all__ = ["TRANSCRIPT_SUFFIXES", "ImportFailure", "ImportedText", "read_transcript"]
