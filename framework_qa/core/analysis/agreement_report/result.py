"""The agreement report as plain data, and its JSON form.

A row holds the raw counts and a mapping measure key -> `Measure` (value or reason). Keys, in output order:
`percent_agreement`, `cohen_kappa`, `krippendorff_alpha`, `jaccard`, then `fleiss_kappa` (three or more
coders) or `brennan_prediger_kappa` (segment unit). A measure that does not apply to the unit or the
number of coders is None with a reason like any undefined value; the report's notes say why, once.

Counts: `units` is characters, paragraphs or (segment unit) the segments of both coders. With two coders
`both`/`only`/`neither` are the 2x2 table; with more, `both` is units coded by every coder, `only[c]` units
coded by coder c alone and `neither` units coded by nobody. For segments, `both` counts agreeing segments
(of either coder), `only[c]` coder c's segments without a match, and `neither` is None (no such cell).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from framework_qa.core.analysis.agreement import Measure

from .settings import ReportSettings

PERCENT = "percent_agreement"
COHEN = "cohen_kappa"
ALPHA = "krippendorff_alpha"
JACCARD = "jaccard"
FLEISS = "fleiss_kappa"
BRENNAN_PREDIGER = "brennan_prediger_kappa"

LABELS = {
    PERCENT: "Agreement",
    COHEN: "Cohen's κ",
    ALPHA: "Krippendorff's α",
    JACCARD: "Jaccard",
    FLEISS: "Fleiss' κ",
    BRENNAN_PREDIGER: "Brennan-Prediger κ",
}


@dataclass(frozen=True, slots=True)
class Counts:
    units: int
    both: int
    only: dict[str, int]
    neither: int | None

    def as_json(self) -> dict[str, Any]:
        return {"units": self.units, "both": self.both, "only": dict(self.only), "neither": self.neither}


@dataclass(frozen=True, slots=True)
class Row:
    """One code in one document (`document` set), one code over documents, or everything (`code` None)."""

    code_id: int | None
    code: str | None
    document_id: int | None
    document: str | None
    counts: Counts
    measures: dict[str, Measure]
    weighted: dict[str, Measure] | None = None
    """Per code and overall: the size-weighted mean of the per-document values."""
    documents: int = 1


@dataclass(frozen=True, slots=True)
class CategoryRow:
    category_id: int
    category: str
    codes: tuple[str, ...]
    alpha: Measure
    units: int
    """Units (characters or paragraphs) in the pooled data; pairable ones decide alpha."""


@dataclass(frozen=True, slots=True)
class Note:
    """Why a value is undefined (or a remark about the selection when `measure` is None)."""

    reason: str
    where: str = "settings"
    measure: str | None = None
    code: str | None = None
    document: str | None = None

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"where": self.where}
        for key in ("code", "document", "measure"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        out["reason"] = self.reason
        return out

    def text(self) -> str:
        place = " / ".join(p for p in (self.code, self.document) if p)
        head = f"{self.measure} undefined" if self.measure else ""
        prefix = ", ".join(p for p in (head, place) if p)
        return f"{prefix}: {self.reason}" if prefix else self.reason


@dataclass(slots=True)
class AgreementReport:
    settings: ReportSettings
    document_names: list[str]
    code_paths: list[str]
    measure_keys: list[str]
    per_document: list[Row] = field(default_factory=list)
    per_code: list[Row] = field(default_factory=list)
    per_category: list[CategoryRow] = field(default_factory=list)
    overall: Row | None = None
    notes: list[Note] = field(default_factory=list)
    methods: str = ""
    project: str = ""
    """The project's name (file name without extension), for the title rows of exports."""
    exported: date = field(default_factory=date.today)

    def settings_json(self) -> dict[str, Any]:
        s = self.settings
        return {
            "unit": s.unit.value,
            "overlap": s.overlap if s.unit.value == "segment" else None,
            "uncoded_in_categories": s.uncoded.value,
            "aggregation": "pooled",
            "also": "size-weighted mean per code (size_weighted_mean)",
            "coders": list(s.coders),
            "documents": list(self.document_names),
            "codes": list(self.code_paths),
        }

    def as_json(self) -> dict[str, Any]:
        """The documented JSON shape; agreement values are fractions 0..1, None where undefined."""

        def values(measures: dict[str, Measure]) -> dict[str, float | None]:
            return {key: measures[key].value for key in self.measure_keys}

        def row(r: Row) -> dict[str, Any]:
            return {"code": r.code, "document": r.document, **r.counts.as_json(), **values(r.measures)}

        def code_row(r: Row) -> dict[str, Any]:
            out = {"code": r.code, "documents": r.documents, **r.counts.as_json(), **values(r.measures)}
            out["size_weighted_mean"] = values(r.weighted or {k: Measure.undefined("-") for k in self.measure_keys})
            return out

        overall: dict[str, Any] = {}
        if self.overall is not None:
            overall = {**self.overall.counts.as_json(), **values(self.overall.measures),
                       "aggregation": "pooled over documents and codes"}
        return {
            "unit": self.settings.unit.value,
            "coders": list(self.settings.coders),
            "per_document": [row(r) for r in self.per_document],
            "per_code": [code_row(r) for r in self.per_code],
            "per_category": [
                {"category": c.category, "codes": list(c.codes), "units": c.units,
                 "uncoded": self.settings.uncoded.value, "krippendorff_alpha": c.alpha.value}
                for c in self.per_category
            ],
            "overall": overall,
            "notes": [n.as_json() for n in self.notes],
            "settings": self.settings_json(),
            "methods": self.methods,
        }
