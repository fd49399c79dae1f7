"""`Project.save_copy`: a consistent copy of the open project, made with SQLite's online backup."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework_qa import new_project, open_project
from framework_qa.core.errors import FqaError
from framework_qa.core.merge import merge_coder


def test_a_copy_opens_as_the_same_project_and_takes_a_coders_work_back(tmp_path: Path) -> None:
    with new_project(tmp_path / "study.fqa", ["alliance"]) as project:
        project.add_document("P01", "Interviewer: Hi.\n\nP01: The reminders helped a lot.")
        project.add_coding("P01", 0, 10, "Working alliance/Bond", "amira")
        copy = project.save_copy(tmp_path / "ben.fqa")
        assert copy == tmp_path / "ben.fqa"
        project.add_document("P02", "written after the copy")  # the copy is a snapshot
        with open_project(copy) as ben:
            assert [d.name for d in ben.documents()] == ["P01"]
            assert len(ben.codings()) == 1
            ben.add_coding("P01", 22, 31, "Working alliance/Task", "ben")
        report = merge_coder(project, copy, "ben")
        assert report.copied == 1
    assert not list(tmp_path.glob(".*partial"))


def test_a_copy_replaces_an_older_file_but_never_the_project_itself(tmp_path: Path) -> None:
    (tmp_path / "old.fqa").write_text("an older copy")
    with new_project(tmp_path / "study.fqa", ["alliance"]) as project:
        project.save_copy(tmp_path / "old.fqa")
        with pytest.raises(FqaError, match="open project"):
            project.save_copy(tmp_path / "study.fqa")
        with pytest.raises(FqaError, match="cannot write the copy"):
            project.save_copy(tmp_path / "no-such-folder" / "copy.fqa")
    with open_project(tmp_path / "old.fqa") as copy:
        assert copy.find_code("Working alliance/Bond") is not None
