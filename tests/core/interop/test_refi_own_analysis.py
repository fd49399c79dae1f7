"""framework-qa's analysis survives its own archives; memos go where peers read them; export warns of merges."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xmlschema

from framework_qa import new_project, open_project
from framework_qa.core.analysis.matrix import MatrixSpec
from framework_qa.core.analysis.matrix.project_matrix import save_matrix, saved_matrices
from framework_qa.core.interop.adapter import export_qdpx, import_project_file, report_text
from framework_qa.core.interop.adapter.export import export_warnings
from framework_qa.core.interop.refi.extension import ENTRY
from tests.support.demo import demo_file

SCHEMA = Path(__file__).resolve().parents[3].parent / "shared" / "refi-qda" / "schemas" / "Project-mrt2019.xsd"


@pytest.fixture
def demo_archive(tmp_path: Path) -> tuple[Path, Path]:
    source = tmp_path / "demo.fqa"
    demo_file(source)
    with open_project(source) as project:
        save_matrix(project, "Alliance by gender", MatrixSpec(columns=("Working alliance",), group_by="gender"))
        case = project.cases()[0]
        project.set_memo("case", case.id, "Case memo: spoke fast.")
        project.set_memo("document", project.documents()[0].id, "Document memo.")
        goal = project.find_code("Working alliance/Goal")
        assert goal is not None
        project.update_code(goal, definition="Def\n\nInclusion: not a marker", inclusion="inc")
        project.set_memo("code", goal.id, "Code memo.")
        export_qdpx(project, tmp_path / "demo.qdpx")
    return source, tmp_path / "demo.qdpx"


def _analysis(path: Path) -> dict[str, object]:
    with open_project(path) as p:
        return {
            "summaries": sorted((p.case(s.case_id).name, p.code_path(s.code_id), s.text) for s in p.summaries()),
            "codes": sorted((p.code_path(c), c.origin, c.definition, c.inclusion, c.exclusion) for c in p.codes()),
            "views": saved_matrices(p),
            "memos": sorted((m.target_kind, m.text) for m in p.memos()),
        }


def test_demo_round_trip_keeps_summaries_origins_fields_views_and_memos(demo_archive: tuple[Path, Path]) -> None:
    source, archive = demo_archive
    result = import_project_file(archive, source.with_name("back.fqa"))
    assert result.outcome.report.dropped == []
    assert "90 charted summaries" in report_text("Imported", result.outcome)
    before, after = _analysis(source), _analysis(source.with_name("back.fqa"))
    assert after == before
    assert any(origin == "emergent" for _, origin, *_ in after["codes"])  # type: ignore[attr-defined]


def test_archive_validates_and_carries_memos_as_descriptions_and_dated_notes(demo_archive: tuple[Path, Path]) -> None:
    if not SCHEMA.exists():
        pytest.skip("REFI-QDA schema not present")
    _, archive = demo_archive
    with zipfile.ZipFile(archive) as z:
        qde = z.read("project.qde").decode("utf-8")
        assert ENTRY in z.namelist()
    xmlschema.XMLSchema(str(SCHEMA)).validate(qde)
    assert "<Description>Case memo: spoke fast.</Description>" in qde
    assert "<Description>Document memo.</Description>" in qde
    notes = qde.split("<Notes>")[1].split("</Notes>")[0]
    assert notes.count("<Note ") == notes.count("creationDateTime=") > 90  # memos and summary notes


def test_export_warns_when_codes_share_a_name_under_different_parents(tmp_path: Path) -> None:
    with new_project(tmp_path / "p.fqa") as project:
        project.add_code("Barriers")
        project.add_code("Facilitators")
        project.add_code("Time", parent="Barriers")
        project.add_code("Time", parent="Facilitators")
        warnings = export_warnings(project)
    assert len(warnings) == 1 and "'Barriers/Time'" in warnings[0] and "QualCoder merges" in warnings[0]
