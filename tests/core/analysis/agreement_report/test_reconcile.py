"""Reconciling a disagreement into the consensus coder: each choice, undo, and codings outside kept."""

from __future__ import annotations

import pytest

from framework_qa import Project
from framework_qa.core.analysis.agreement_report import CONSENSUS, coder_coverage, disagreements, reconcile
from tests.core.analysis.agreement_report.agreement_support import fill


def _setup(project: Project) -> tuple[int, int]:
    fill(project, {"D": "m" * 120}, ["K"],
         {"D": {"A": {"K": [(10, 50), (80, 90)]}, "B": {"K": [(20, 60), (80, 90), (100, 110)]}}})
    return project.document("D").id, project.code("K").id


def test_disagreements_are_the_stretches_where_coders_differ(empty_project: Project) -> None:
    doc, code = _setup(empty_project)
    found = disagreements(empty_project, doc, code, ["A", "B"])
    assert [(d.start, d.end) for d in found] == [(10, 60), (100, 110)]
    assert found[1].coders_coding(["A", "B"]) == ["B"]


@pytest.mark.parametrize(("accept", "expected"), [
    (["A"], [(10, 50)]), (["B"], [(20, 60)]), (["A", "B"], [(10, 60)]), ([], []),
])
def test_each_choice_sets_the_consensus_coding_of_the_stretch(
    empty_project: Project, accept: list[str], expected: list[tuple[int, int]]
) -> None:
    doc, code = _setup(empty_project)
    reconcile(empty_project, doc, code, 10, 60, accept)
    assert coder_coverage(empty_project, doc, code, CONSENSUS) == expected


def test_a_decision_is_one_undoable_command_and_keeps_consensus_codings_outside(empty_project: Project) -> None:
    doc, code = _setup(empty_project)
    empty_project.add_coding(doc, 0, 15, code, CONSENSUS)  # crosses the stretch's start
    empty_project.add_coding(doc, 100, 110, code, CONSENSUS)
    reconcile(empty_project, doc, code, 10, 60, [])
    assert coder_coverage(empty_project, doc, code, CONSENSUS) == [(0, 10), (100, 110)]
    assert empty_project.undo_stack.undo_label.startswith("Consensus: accept neither")
    empty_project.undo()
    assert coder_coverage(empty_project, doc, code, CONSENSUS) == [(0, 15), (100, 110)]
    empty_project.redo()
    assert coder_coverage(empty_project, doc, code, CONSENSUS) == [(0, 10), (100, 110)]
