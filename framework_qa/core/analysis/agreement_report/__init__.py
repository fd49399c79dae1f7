"""Inter-coder agreement for a project: choosing what to compare, computing, and the report's shapes.

The statistics themselves live in `framework_qa.core.analysis.agreement` (pure functions over intervals);
this package reads the project (one bulk read of codings), feeds them to it and assembles the report:

    agreement_report(project, ["amira", "ben"], unit="character") -> AgreementReport
    resolve(project, coders, documents=, codes=, unit=, overlap=, uncoded=) -> ReportSettings
    compute_report(project, settings) -> AgreementReport
    report.as_json() -> the documented JSON shape (fractions 0..1, None where undefined, notes saying why)

Rows are per code x document, per code (pooled over documents; size-weighted mean alongside), per
category (alpha over mutually exclusive child codes) and overall (pooled over codes and documents).
`overlap` is a fraction here (0.9); the command line takes a percentage.

Reconciling: `disagreements(project, doc, code, coders)` lists stretches where the coders differ;
`reconcile(project, doc, code, start, end, accept=[...])` sets the `consensus` coder's coding there to the
accepted coders' (one undoable command).
"""

from .compute import agreement_report, compute_report, group_codings
from .reconcile import CONSENSUS, Disagreement, coder_coverage, disagreements, reconcile
from .result import (
    ALPHA,
    BRENNAN_PREDIGER,
    COHEN,
    FLEISS,
    JACCARD,
    LABELS,
    PERCENT,
    AgreementReport,
    CategoryRow,
    Counts,
    Note,
    Row,
)
from .settings import ReportSettings, resolve

__all__ = [
    "ALPHA",
    "CONSENSUS",
    "BRENNAN_PREDIGER",
    "COHEN",
    "FLEISS",
    "JACCARD",
    "LABELS",
    "PERCENT",
    "AgreementReport",
    "CategoryRow",
    "Counts",
    "Disagreement",
    "Note",
    "ReportSettings",
    "Row",
    "agreement_report",
    "coder_coverage",
    "compute_report",
    "disagreements",
    "group_codings",
    "reconcile",
    "resolve",
]
