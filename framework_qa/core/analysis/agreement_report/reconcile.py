"""Reconciling disagreements into a consensus coder, one undoable command per decision.

A disagreement is a connected stretch of text that at least one coder coded with the code and where the
coders' codings differ (a connected component of the union of their merged codings, unless every coder
covers it identically). Deciding it means choosing whose codings to take there: one coder's, several
(their union: "both"), or nobody's ("neither"). `reconcile` makes the consensus coder's coverage of the
code inside that stretch exactly the chosen coders' coverage; the consensus coder's codings outside the
stretch are kept (a coding crossing its edge is cut there and the outer parts kept).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from framework_qa.core.analysis.agreement import Interval, merge
from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.project import Project

CONSENSUS = "consensus"


@dataclass(frozen=True, slots=True)
class Disagreement:
    start: int
    end: int
    coverage: tuple[tuple[Interval, ...], ...]
    """Each coder's merged codings inside [start, end), in the coders' order."""

    def coders_coding(self, coders: Sequence[str]) -> list[str]:
        return [c for c, cov in zip(coders, self.coverage, strict=True) if cov]


def coder_coverage(project: Project, document: int, code: int, coder: str) -> list[Interval]:
    """The coder's merged codings of the code in the document (empty for an unknown coder)."""
    found = project.find_coder(coder)
    if found is None:
        return []
    return merge([(c.start, c.end) for c in project.codings(document=document, code=code, coders=[found.id])])


def disagreements(project: Project, document: int, code: int, coders: Sequence[str]) -> list[Disagreement]:
    """Stretches where the coders' codings of `code` in `document` differ, in text order."""
    covers = [coder_coverage(project, document, code, c) for c in coders]
    out: list[Disagreement] = []
    for start, end in merge([iv for cov in covers for iv in cov]):
        inside = tuple(tuple(_within(cov, start, end)) for cov in covers)
        if len(set(inside)) > 1:
            out.append(Disagreement(start, end, inside))
    return out


def _within(intervals: Sequence[Interval], start: int, end: int) -> list[Interval]:
    return [(max(s, start), min(e, end)) for s, e in intervals if s < end and e > start]


def reconcile(
    project: Project,
    document: int,
    code: int,
    start: int,
    end: int,
    accept: Sequence[str],
    *,
    consensus: str = CONSENSUS,
) -> Change:
    """Set the consensus coder's coding of `code` in [start, end) to the union of the `accept` coders'.

    `accept` empty means "neither": the consensus leaves the stretch uncoded. One undoable command.
    """
    if consensus in accept:
        raise FqaError("choose among the compared coders, not the consensus itself")
    if not start < end:
        raise FqaError("an empty stretch cannot be reconciled")
    chosen = merge([iv for name in accept for iv in _within(coder_coverage(project, document, code, name), start, end)])
    names = " and ".join(f"{name}'s" for name in accept) or "neither"
    label = f"Consensus: accept {names} coding of '{project.code(code).name}'"
    return project.set_coverage(document, code, consensus, start, end, chosen, label=label)
