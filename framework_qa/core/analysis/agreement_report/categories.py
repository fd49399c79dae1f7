"""Per-category alpha: Krippendorff's alpha over a category whose child codes are applied exclusively.

A category is any code with at least two child codes among the compared codes. The value of a unit for a
coder is the child code the coder applied there; uncoded units are missing or the value "none", as the
report's `uncoded` setting says. When a coder applied two of the category's children to the same unit the
category is not used exclusively and its alpha is undefined, with the place named in the reason.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from framework_qa.core.analysis.agreement import (
    Interval,
    Measure,
    NotMutuallyExclusiveError,
    Unit,
    category_character_unit_types,
    category_paragraph_unit_types,
    krippendorff_alpha_weighted,
    merge_unit_types,
)
from framework_qa.core.project import Project

from .result import CategoryRow
from .settings import ReportSettings

Grouped = Mapping[tuple[int, int], Sequence[list[Interval]]]


def categories_of(project: Project, code_ids: Sequence[int]) -> list[tuple[int, list[int]]]:
    """(category id, its child code ids among `code_ids`) for every code with two or more such children."""
    selected = set(code_ids)
    out = []
    for code in project.codes():
        children = [c.id for c in project.children(code) if c.id in selected]
        if len(children) >= 2:
            out.append((code.id, children))
    return out


def category_rows(
    project: Project,
    settings: ReportSettings,
    grouped: Grouped,
    lengths: Mapping[int, int],
    spans: Mapping[int, list[Interval]],
) -> list[CategoryRow]:
    rows: list[CategoryRow] = []
    names = {d.id: d.name for d in project.documents()}
    for category_id, children in categories_of(project, settings.code_ids):
        per_document: list[dict[Any, int]] = []
        alpha: Measure | None = None
        for doc_id in settings.document_ids:
            codes_by_coder: dict[str, dict[int, list[Interval]]] = {}
            for i, coder in enumerate(settings.coders):
                codes_by_coder[coder] = {
                    child: grouped[(child, doc_id)][i] for child in children if (child, doc_id) in grouped
                }
            try:
                if settings.unit is Unit.PARAGRAPH:
                    types = category_paragraph_unit_types(spans[doc_id], codes_by_coder, settings.uncoded)
                else:
                    types = category_character_unit_types(lengths[doc_id], codes_by_coder, settings.uncoded)
            except NotMutuallyExclusiveError as exc:
                paths = [project.code_path(c) for c in exc.codes if isinstance(c, int)]
                applied = " and ".join(f"'{path}'" for path in paths)
                alpha = Measure.undefined(
                    f"not mutually exclusive: {exc.coder} applied {applied} to the same text "
                    f"[{exc.start}, {exc.end}) in '{names[doc_id]}'"
                )
                break
            per_document.append(types)
        pooled = merge_unit_types(per_document)
        if alpha is None:
            alpha = krippendorff_alpha_weighted(pooled)
        rows.append(
            CategoryRow(
                category_id=category_id,
                category=project.code_path(category_id),
                codes=tuple(project.code_path(c) for c in children),
                alpha=alpha,
                units=int(sum(pooled.values())),
            )
        )
    return rows
