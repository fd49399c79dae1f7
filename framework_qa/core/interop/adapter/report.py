"""The import report as a person reads it, shared by the command line and the GUI."""

from __future__ import annotations

from .outcome import ImportOutcome


def report_text(heading: str, outcome: ImportOutcome) -> str:
    """A summary line, how positions were read and how well that held up, then every detail with its reason."""
    report = outcome.report
    lines = [f"{heading}: {outcome.summary()}."]
    if report.counting:
        share = "" if report.word_start_share is None else \
            f"; {report.word_start_share:.1%} of coded passages start at a word boundary"
        lines.append(f"Positions read as {report.counting}{share}.")
    for title, items in (("Brought in", report.brought_in), ("Adjusted", report.adjusted),
                         ("Dropped", report.dropped)):
        lines.append(f"{title}:" if items else f"{title}: none")
        lines.extend(f"  - {item}" for item in items)
    return "\n".join(lines) + "\n"
