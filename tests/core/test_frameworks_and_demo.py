"""Shipped frameworks load with stable identities; the demo project builds from the samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework_qa import new_project
from framework_qa.core.demo import build_demo
from framework_qa.core.errors import FqaError
from framework_qa.core.frameworks import load_framework, shipped_frameworks


def test_shipped_frameworks_have_the_expected_structure() -> None:
    assert {"alliance", "psd", "dta", "facilitators"} <= set(shipped_frameworks())
    psd = load_framework("psd")
    categories = [c for c in psd.root.children if c.children]
    assert [c.name for c in categories] == ["Primary task support", "Dialogue support",
                                             "System credibility support", "Social support"]
    assert all(len(c.children) == 7 for c in categories)
    alliance = load_framework("alliance")
    assert [c.name for c in alliance.root.children][:3] == ["Goal", "Task", "Bond"]
    assert len(load_framework("dta").root.children) == 5
    for key in shipped_frameworks():
        framework = load_framework(key)
        assert framework.sources, f"{key} cites its sources"

        pending = list(framework.root.children)
        while pending:
            code = pending.pop()
            assert code.definition, f"{key}: {code.name} has a definition"
            pending.extend(code.children)


def test_framework_guids_are_stable_across_projects(tmp_path: Path) -> None:
    with new_project(tmp_path / "a.fqa", ["alliance"]) as a, new_project(tmp_path / "b.fqa", ["alliance"]) as b:
        assert [c.guid for c in a.codes()] == [c.guid for c in b.codes()]


def test_a_users_own_framework_file_is_accepted_and_bad_ones_refused(tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text("format: framework-qa/framework 1\nkey: mine\nname: My frame\ncodes:\n"
                   "  - {id: a, name: Alpha, definition: First.}\n  - {id: b, name: Beta, children: "
                   "[{id: c, name: Gamma}]}\n", encoding="utf-8")
    with new_project(tmp_path / "p.fqa", [own]) as project:
        assert project.find_code("My frame/Beta/Gamma") is not None
    bad = tmp_path / "bad.yaml"
    bad.write_text("key: x\n", encoding="utf-8")
    with pytest.raises(FqaError, match="not a framework file"):
        load_framework(bad)
    with pytest.raises(FqaError, match="unknown framework 'nope'"):
        load_framework("nope")


def test_demo_project_has_transcripts_attributes_and_two_disagreeing_coders(tmp_path: Path) -> None:
    with build_demo(tmp_path / "demo.fqa") as project:
        docs = project.documents()
        assert len(docs) >= 8
        assert {d.format for d in docs} >= {"txt", "docx", "vtt"}
        assert {c.name for c in project.coders()} == {"amira", "ben"}
        amira = {(c.document_id, c.start, c.end, c.code_id) for c in project.codings(coders=["amira"])}
        ben = {(c.document_id, c.start, c.end, c.code_id) for c in project.codings(coders=["ben"])}
        assert amira and ben and amira != ben and amira & ben
        values = project.case_values()[project.case("P01").id]
        assert values["weeks_of_use"] == "9"
        assert any(c.origin == "emergent" for c in project.codes())
        for coding in project.codings()[:50]:
            assert project.text(coding.document_id)[coding.start:coding.end].strip()
        assert len(project.summaries()) == 90  # charted matrix cells shipped with the demo
        assert project.summary(project.case("P03").id, project.code("Working alliance/Bond").id)
        assert not project.undo_stack.can_undo


def test_libyamls_loader_reads_every_shipped_file_as_the_python_loader_does() -> None:
    import yaml

    from framework_qa.core.paths import frameworks_dir

    files = sorted(frameworks_dir().glob("*.yaml"))
    assert len(files) >= 4
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.load(text, Loader=yaml.SafeLoader), path.name


def test_an_edited_framework_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    body = "format: framework-qa/framework 1\nkey: mine\nname: {name}\ncodes:\n  - name: Trust\n"
    path.write_text(body.format(name="Mine"), encoding="utf-8")
    assert load_framework(path).name == "Mine"
    path.write_text(body.format(name="Mine, second draft"), encoding="utf-8")
    assert load_framework(path).name == "Mine, second draft"
    path.write_text("format: something else\n", encoding="utf-8")
    with pytest.raises(FqaError, match="not a framework file"):
        load_framework(path)
