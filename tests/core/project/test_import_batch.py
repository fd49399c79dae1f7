"""Batch import: failures are reported per file, the rest import, nothing partial stays behind."""

from __future__ import annotations

from pathlib import Path

from framework_qa import Project


def test_good_files_import_while_bad_ones_are_listed_with_reasons(project: Project, tmp_path: Path,
                                                                   interview_file: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 torn")
    report = project.import_files([interview_file, bad, tmp_path / "absent.txt"])
    assert report.imported == ["P01"]
    assert [f.path.name for f in report.failures] == ["broken.docx", "absent.txt"]
    assert [d.name for d in project.documents()] == ["P01"]
    assert project.undo_stack.undo_label == "Import 1 document"


def test_a_batch_where_every_file_fails_changes_nothing(project: Project, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    report = project.import_files([empty])
    assert not report.imported and report.change is None
    assert project.documents() == [] and project.cases() == [] and not project.undo_stack.can_undo


def test_duplicate_names_are_refused_not_overwritten(project: Project, interview_file: Path) -> None:
    project.import_files([interview_file])
    text = project.text("P01")
    report = project.import_files([interview_file])
    assert "already in the project" in str(report.failures[0])
    assert project.text("P01") == text and len(project.documents()) == 1


def test_cancel_from_progress_imports_nothing(project: Project, interview_file: Path) -> None:
    report = project.import_files([interview_file], progress=lambda done, total, name: False)
    assert report.cancelled and project.documents() == []


def test_default_case_is_the_document_name_and_case_option_groups(project: Project, interview_file: Path,
                                                                  tmp_path: Path) -> None:
    second = tmp_path / "P01b.txt"
    second.write_text("P01: follow-up interview.\n", encoding="utf-8")
    project.import_files([interview_file])
    project.import_files([second], case="P01")
    assert [d.name for d in project.case_documents("P01")] == ["P01", "P01b"]


def test_stored_positions_are_code_points(project: Project, interview_file: Path) -> None:
    project.import_files([interview_file])
    text = project.text("P01")
    start = text.index("before meetings")
    project.add_coding("P01", start, start + len("before meetings"), "Working alliance/Goal", "amira")
    coding = project.codings()[0]
    assert text[coding.start:coding.end] == "before meetings"
    assert text.index("😅") < start  # an astral character precedes the coding
