"""Summaries belong to a case x code pair: they survive reopening and appear in every matrix showing the
pair. Drafts fill only empty summaries. Saved matrices reopen. DataFrame values."""

from __future__ import annotations

from pathlib import Path

from framework_qa import open_project
from framework_qa.core.analysis.matrix import (
    MatrixSpec,
    build_matrix,
    cell_excerpts,
    delete_matrix,
    draft_cell_summary,
    matrix_dataframe,
    parse_condition,
    save_matrix,
    saved_matrices,
)
from framework_qa.core.project import Project
from tests.core.analysis.matrix.conftest import build_small


def test_summaries_survive_reopening_and_appear_in_every_matrix_with_the_pair(tmp_path: Path) -> None:
    path = tmp_path / "s.fqa"
    build_small(path).close()
    with open_project(path) as p:
        p.set_summary("alpha", "Alliance/Task", "Found the reminders useful.")
    with open_project(path) as p:
        first = build_matrix(p, MatrixSpec(columns=("Alliance/Task",)))
        second = build_matrix(p, MatrixSpec(columns=("Guilt", "Alliance/Task"), group_by="gender",
                                            where=(parse_condition("weeks>=6"),), coders=("ben",)))
        assert first.summary(first.row_index(p.case("alpha").id), 0) == "Found the reminders useful."
        assert second.summary(second.row_index(p.case("alpha").id), 1) == "Found the reminders useful."
        assert build_matrix(p, MatrixSpec(columns=("Alliance",))).summary(0, 0) == ""  # the parent is another pair


def test_excerpts_carry_references_to_paragraphs(small: Project) -> None:
    m = build_matrix(small, MatrixSpec(columns=("Alliance/Bond",)))
    refs = [(e.reference, e.text) for e in cell_excerpts(small, m, 0, 0)]
    assert refs == [("A1 ¶4", "It felt w"), ("A1 ¶4", "It felt warm.")]  # by start, then end


def test_draft_fills_only_an_empty_summary(small: Project) -> None:
    m = build_matrix(small, MatrixSpec(columns=("Alliance/Task", "Alliance/Goal")))
    assert draft_cell_summary(small, m, 0, 0)
    assert small.summary(small.case("alpha").id, small.code("Alliance/Task").id) == \
        "A1 ¶2: \u201cThe reminders helped\u201d\nA1 ¶2: \u201creminders helped me a lot.\u201d"
    small.set_summary("alpha", "Alliance/Goal", "Mine.")
    assert not draft_cell_summary(small, build_matrix(small, m.spec), 0, 1)
    assert small.summary(small.case("alpha").id, small.code("Alliance/Goal").id) == "Mine."
    assert not draft_cell_summary(small, m, 2, 0)  # no excerpts: nothing to draft


def test_saved_matrices_reopen_and_delete(tmp_path: Path) -> None:
    path = tmp_path / "v.fqa"
    build_small(path).close()
    spec = MatrixSpec(columns=("Alliance/Task",), where=(parse_condition("weeks>4"),), coders=("amira",),
                      group_by="gender")
    with open_project(path) as p:
        save_matrix(p, "Long users", spec)
    with open_project(path) as p:
        assert saved_matrices(p) == {"Long users": spec}
        delete_matrix(p, "Long users")
        assert saved_matrices(p) == {}


def test_dataframe_has_cases_by_code_paths(small: Project) -> None:
    frame = matrix_dataframe(small, MatrixSpec(columns=("Alliance/Task", "Guilt")))
    assert list(frame.index) == ["alpha", "beta", "gamma"]
    assert frame.loc["alpha", "Alliance/Task"] == 2 and frame.loc["beta", "Guilt"] == 1
    presence = matrix_dataframe(small, MatrixSpec(columns=("Guilt",), group_by="gender"), "presence")
    assert presence["gender"].tolist() == ["female", "female", "male"]
    assert presence["Guilt"].tolist() == [0, 0, 1]
