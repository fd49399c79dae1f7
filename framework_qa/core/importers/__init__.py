"""Reading transcripts and case attribute tables from files.

`read_transcript(path)` returns the text exactly as it will be stored (line endings normalised to LF,
nothing else changed) with its paragraph/speaker-turn spans, or raises `ImportFailure` whose message names
the file (escaped so it always prints, see files.py) and the reason. Readers never touch a project: a
failed file leaves nothing behind. Every file is read within the input policy of limits.py, so a hostile
file is refused in bounded time and memory; folders, named pipes and devices are refused before opening,
and a symbolic link to a regular file is followed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from framework_qa.core.errors import ImportFailure
from framework_qa.core.importers.decoding import decode_bytes
from framework_qa.core.importers.docx_reader import read_docx_paragraphs
from framework_qa.core.importers.files import display_name, read_bounded, refuse
from framework_qa.core.importers.limits import MAX_TEXT_FILE_BYTES
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
    encoding: str  # codec name, "utf-8+windows-1252" for a mixed text file, or "docx"
    encoding_guessed: bool = False  # True when no BOM or strict UTF-8 vouched for the encoding

    @property
    def speakers(self) -> list[str]:
        return speakers_of(self.spans)

    @property
    def name(self) -> str:
        """The file's stem, printable and storable: bytes of a non-UTF-8 file name appear as `\\xe9`."""
        return display_name(self.path.with_suffix(""))


def read_transcript(path: str | Path) -> ImportedText:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TRANSCRIPT_SUFFIXES and not path.is_dir():
        raise refuse(path, f"unknown file type '{display_name(suffix) or '(none)'}'; "
                           f"framework-qa reads {', '.join(TRANSCRIPT_SUFFIXES)}")
    guessed = False
    try:
        if suffix == ".docx":
            text = "\n".join(read_docx_paragraphs(path))
            encoding = "docx"
        else:
            decoded = decode_bytes(read_bounded(path, max_bytes=MAX_TEXT_FILE_BYTES), path)
            text, encoding, guessed = normalise_newlines(decoded.text), decoded.encoding, decoded.guessed
            if suffix in (".vtt", ".srt"):
                text = read_subtitles(text, path, vtt=suffix == ".vtt")
    except OSError as exc:
        raise refuse(path, f"cannot read the file ({exc.strerror or exc})") from None
    except (MemoryError, RecursionError):
        raise refuse(path, "the file is too large or too deeply nested to read") from None
    text = normalise_newlines(text)
    if not text.strip():
        raise refuse(path, "the file contains no text")
    return ImportedText(path, text, split_spans(text), suffix.lstrip("."), encoding, guessed)


__all__ = ["TRANSCRIPT_SUFFIXES", "ImportFailure", "ImportedText", "read_transcript"]
