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
from framework_qa.core.importers.decoding import Decoded, ascii_compatible, decode_bytes
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
            from framework_qa.core.importers.docx_reader import read_docx_paragraphs  # loads python-docx

            text = "\n".join(read_docx_paragraphs(path))
            encoding = "docx"
        else:
            decoded = _read_text(path)
            text, encoding, guessed = normalise_newlines(decoded.text), decoded.encoding, decoded.guessed
            del decoded
            if suffix in (".vtt", ".srt"):
                text = read_subtitles(text, path, vtt=suffix == ".vtt")
    except OSError as exc:
        raise refuse(path, f"cannot read the file ({exc.strerror or exc})") from None
    except (MemoryError, RecursionError):
        raise refuse(path, "the file is too large or too deeply nested to read") from None
    text = normalise_newlines(text)
    if not text or text.isspace():  # not `text.strip()`, which would copy the whole text
        raise refuse(path, "the file contains no text")
    return ImportedText(path, text, split_spans(text), suffix.lstrip("."), encoding, guessed)


def _read_text(path: Path) -> Decoded:
    """A text file decoded, its line endings normalised, in as little memory as the text allows.

    Peak memory is the file's bytes plus the decoded text, never more copies: CRLF and lone CR are
    replaced on the bytes (each replace briefly holds two copies of the bytes, a str of the same text is
    1 to 4 times larger), and the bytes are dropped as this returns. For a UTF-16/32 file the str is
    normalised afterwards by the caller (normalise_newlines), as its bytes are not ASCII-compatible."""
    data = read_bounded(path, max_bytes=MAX_TEXT_FILE_BYTES)
    if b"\r" in data and ascii_compatible(data):
        data = data.replace(b"\r\n", b"\n")
        data = data.replace(b"\r", b"\n")
    return decode_bytes(data, path)


__all__ = ["TRANSCRIPT_SUFFIXES", "ImportFailure", "ImportedText", "read_transcript"]
