"""The demo project, built from the shipped fictional sample transcripts.

Sample codings are stored anchored to quotes (`document, code, coder, quote, occurrence, memo`) rather
than offsets, so they stay readable and survive edits to the importers; here each quote is located in
the stored text and becomes a code-point range.
"""

from __future__ import annotations

import csv
from pathlib import Path

from framework_qa.core.errors import FqaError
from framework_qa.core.importers import TRANSCRIPT_SUFFIXES
from framework_qa.core.interop.quotes import find_quote
from framework_qa.core.paths import samples_dir
from framework_qa.core.project import CodingRequest, Project, new_project

DEMO_FRAMEWORKS = ("alliance", "psd", "dta", "facilitators")


def sample_files() -> list[Path]:
    return sorted(p for p in samples_dir().iterdir() if p.suffix.lower() in TRANSCRIPT_SUFFIXES)


def locate_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int]:
    """Code-point range of the `occurrence`-th appearance of `quote` in `text` (see core.interop.quotes)."""
    return find_quote(text, quote, max(1, occurrence))


def read_quote_codings(project: Project, folder: Path) -> list[CodingRequest]:
    """The quote-anchored codings of every CSV in `folder` (the shape `import-codings` also reads)."""
    requests: list[CodingRequest] = []
    texts: dict[str, str] = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for number, row in enumerate(csv.DictReader(fh), start=2):
                doc = row["document"].strip()
                if doc not in texts:
                    texts[doc] = project.text(doc)
                try:
                    start, end = locate_quote(texts[doc], row["quote"], int(row.get("occurrence") or 1))
                except FqaError as exc:
                    raise FqaError(f"{path.name}: row {number}: {exc}") from None
                requests.append(CodingRequest(doc, start, end, row["code"].strip(), row["coder"].strip(),
                                              (row.get("memo") or "").strip()))
    return requests


def add_summaries(project: Project, path: Path) -> None:
    """Charted matrix summaries (`case, code, summary`), one command per cell."""
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            project.set_summary(row["case"].strip(), row["code"].strip(), row["summary"].strip())


def build_demo(path: str | Path) -> Project:
    """Create the demo project at `path`: frameworks, transcripts, participants and two coders' codings."""
    project = new_project(path, DEMO_FRAMEWORKS)
    try:
        report = project.import_files(sample_files())
        if report.failures:
            raise FqaError("; ".join(str(f) for f in report.failures))
        folder = samples_dir()
        participants = folder / "participants.csv"
        if participants.exists():
            project.import_attributes(participants)
        if (folder / "codings").is_dir():
            project.add_codings(read_quote_codings(project, folder / "codings"),
                                label="Import demo codings", create_codes=True)
        if (folder / "summaries.csv").exists():
            add_summaries(project, folder / "summaries.csv")
        project.set_memo("project", 0, (
            "Demo project: ten fictional interviews with users of 'Harbour', a self-guided app for anxiety "
            "and low mood, coded by two coders (amira and ben) against the working alliance, Persuasive "
            "Systems Design and digital therapeutic alliance frameworks, with emergent themes."))
        project.undo_stack.clear()
    except BaseException:
        project.close()
        for extra in (Path(path), Path(f"{path}-wal"), Path(f"{path}-shm")):
            extra.unlink(missing_ok=True)
        raise
    return project
