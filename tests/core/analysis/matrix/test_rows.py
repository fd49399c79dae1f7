"""Rows: typed filters (=, !=, <, >, <=, >= on numbers and dates), missing values, sorting, grouping."""

from __future__ import annotations

import pytest

from framework_qa.core.analysis.matrix import MatrixSpec, build_matrix, parse_condition, parse_conditions
from framework_qa.core.analysis.matrix.rows import natural_key, select_rows
from framework_qa.core.errors import FqaError
from framework_qa.core.project import Project

CASES = [(1, "P10"), (2, "P2"), (3, "P1")]
VALUES = {1: {"weeks": "12", "gender": "f", "start": "2024-02-01"}, 2: {"weeks": "4", "gender": "m"},
          3: {"weeks": "4.5", "start": "2023-12-31"}}
TYPES = {"weeks": "number", "gender": "text", "start": "date"}


def names(where: str, **kw: str) -> list[str]:
    return [r.name for r in select_rows(CASES, VALUES, TYPES, parse_conditions(where), **kw)]


@pytest.mark.parametrize(("where", "expected"), [
    ("weeks>4", ["P1", "P10"]), ("weeks>=4.5", ["P1", "P10"]), ("weeks<4.5", ["P2"]), ("weeks<=4", ["P2"]),
    ("weeks=4", ["P2"]), ("weeks!=4", ["P1", "P10"]), ("start>2024-01-01", ["P10"]),
    ("start<=2024-01-01", ["P1"]), ("gender=f", ["P10"]), ("gender!=f", ["P2"]),
    ("weeks>4; gender=f", ["P10"]), ("", ["P1", "P2", "P10"]),
])
def test_filters_compare_by_the_attribute_type(where: str, expected: list[str]) -> None:
    assert names(where) == expected


def test_a_case_without_the_value_never_matches() -> None:
    assert names("start!=2024-02-01") == ["P1"]


def test_case_names_sort_naturally_and_by_attribute() -> None:
    assert natural_key("P2") < natural_key("P10")
    assert names("", sort_by="weeks") == ["P2", "P1", "P10"]
    assert names("", sort_by="start", descending=True) == ["P10", "P1", "P2"]  # missing last either way


def test_grouping_orders_rows_by_group_with_missing_last() -> None:
    rows = select_rows(CASES, VALUES, TYPES, group_by="gender")
    assert [(r.group, r.name) for r in rows] == [("f", "P10"), ("m", "P2"), ("(no value)", "P1")]


@pytest.mark.parametrize(("text", "message"), [
    ("colour=red", "no case attribute named 'colour'"), ("gender>f", "text attribute"),
    ("weeks>many", "not a number"), ("start<2024-13-01", "not a date"), ("=5", "a filter is"),
])
def test_bad_filters_are_explained(text: str, message: str) -> None:
    with pytest.raises(FqaError, match=message):
        select_rows(CASES, VALUES, TYPES, [parse_condition(text)])


def test_project_matrix_filters_and_groups_rows(small: Project) -> None:
    m = build_matrix(small, MatrixSpec(where=(parse_condition("weeks > 4"),), group_by="gender"))
    assert [(r.group, r.name) for r in m.rows] == [("female", "alpha"), ("female", "gamma")]
    m = build_matrix(small, MatrixSpec(where=(parse_condition("started>=2024-02-01"),)))
    assert [r.name for r in m.rows] == ["beta"]


def test_spec_round_trips_through_a_dict() -> None:
    spec = MatrixSpec(columns=("A/B",), where=(parse_condition("weeks>=4"),), coders=("ben",), group_by="g",
                      sort_by="weeks", descending=True, extra={"heat": True})
    assert MatrixSpec.from_dict(spec.to_dict()) == spec
