"""The search panel on the demo project: searching off the GUI thread, inline errors, navigation to a
hit, and coding checked hits through the preview as one undoable step."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from framework_qa import Project
from framework_qa.gui.search import SearchPanel
from framework_qa.gui.search.coding_dialog import CodeHitsDialog
from framework_qa.gui.session import Session
from tests.support import demo


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.fqa"
    demo.demo_file(path)
    return path


@pytest.fixture
def project(demo_file: Path, tmp_path: Path) -> Iterator[Project]:
    from framework_qa import open_project

    copy = tmp_path / "demo.fqa"
    copy.write_bytes(demo_file.read_bytes())
    with open_project(copy) as p:
        yield p


@pytest.fixture
def panel(project: Project, qtbot) -> SearchPanel:  # type: ignore[no-untyped-def]
    widget = SearchPanel(Session(project, "carla"))
    qtbot.addWidget(widget)
    return widget


def search(panel: SearchPanel, qtbot, text: str):  # type: ignore[no-untyped-def]
    panel.query.setText(text)
    with qtbot.waitSignal(panel.search_finished, timeout=10_000) as blocker:
        panel.run_search()
    return blocker.args[0]


def test_results_are_grouped_by_document_with_exact_hits(panel: SearchPanel, project: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    results = search(panel, qtbot, "remind*")
    assert results.total > 0
    model = panel.model
    assert model.rowCount() == len(results.counts)
    for hit in model.hits():
        assert project.text(hit.document_id)[hit.start : hit.end] == hit.text
    assert "hit" in panel.status.text()


def test_a_malformed_query_shows_inline_in_red(panel: SearchPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    panel.query.setText('"unclosed')
    with qtbot.waitSignal(panel.search_failed, timeout=5_000) as blocker:
        panel.run_search()
    assert "quote" in blocker.args[0]
    assert not panel.error.isHidden() and "quote" in panel.error.text()
    assert "c62828" in panel.error.styleSheet()
    search(panel, qtbot, "trust")
    assert panel.error.isHidden()


def test_clicking_a_hit_asks_to_open_the_transcript_at_it(panel: SearchPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    search(panel, qtbot, "reminders")
    index = panel.model.hit_index(0, 0, 2)
    hit = panel.model.hits()[0]
    with qtbot.waitSignal(panel.session.navigate, timeout=1_000) as blocker:
        panel.view.clicked.emit(index)
    assert blocker.args == [hit.document_id, hit.start, hit.end]


def test_filters_narrow_the_results(panel: SearchPanel, qtbot) -> None:  # type: ignore[no-untyped-def]
    everything = search(panel, qtbot, "app")
    panel.speaker.set_checked(["Interviewer"])
    interviewer = search(panel, qtbot, "app")
    assert 0 < interviewer.total < everything.total
    assert {h.speaker for h in interviewer.hits} == {"Interviewer"}
    participants = [s for s in panel.speaker.names() if s != "Interviewer"]
    panel.speaker.set_checked(participants)  # several speakers: the participants' turns only
    answers = search(panel, qtbot, "app")
    assert answers.total == everything.total - interviewer.total
    assert "Interviewer" not in {h.speaker for h in answers.hits}
    assert panel.speaker.summary() == f"{len(participants)} speakers"
    panel.case.set_checked(["P02", "P05"])
    two = search(panel, qtbot, "app")
    assert {h.case for h in two.hits} <= {"P02", "P05"} and panel.case.summary() == "P02, P05"
    panel.speaker.set_checked([])
    panel.case.set_checked([])
    genders = [v for v in panel.attribute.names() if v.startswith("gender=")]
    panel.attribute.set_checked(genders[:2])  # two values of one attribute: either
    either = search(panel, qtbot, "app")
    panel.attribute.set_checked(genders[:1])
    one = search(panel, qtbot, "app")
    assert 0 < one.total < either.total <= everything.total


def test_coding_checked_hits_creates_the_previewed_codings_and_undoes_in_one_step(
    panel: SearchPanel, project: Project, qtbot, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    search(panel, qtbot, "reminders")
    model = panel.model
    model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    checked = model.checked_hits()
    assert checked
    previews: list[list[tuple[int, int, int]]] = []

    def accept(dialog: CodeHitsDialog) -> int:
        assert dialog.plan is not None
        shown = [dialog.preview.topLevelItem(i).text(1) for i in range(dialog.preview.topLevelItemCount())]
        assert shown == [f"{r.start}-{r.end}" for r in dialog.plan.ranges]
        previews.append([(r.document_id, r.start, r.end) for r in dialog.plan.ranges])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CodeHitsDialog, "exec", accept)
    code = project.code_path(project.codes()[1].id)
    before = project.codings()
    change = panel.code_checked_hits(code, "sentence")
    assert change is not None
    created = sorted((c.document_id, c.start, c.end) for c in project.codings() if c not in before)
    assert created == previews[0]
    assert all(project.coder(c.coder_id).name == "carla" for c in project.codings() if c not in before)
    assert project.undo_stack.undo_label == change.label
    project.undo()
    assert project.codings() == before


def test_a_cancelled_preview_creates_nothing(panel: SearchPanel, project: Project, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    search(panel, qtbot, "trust")
    panel.model.set_all_checked(True)
    monkeypatch.setattr(CodeHitsDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    before = project.codings()
    assert panel.code_checked_hits(project.code_path(project.codes()[1].id)) is None
    assert project.codings() == before


def test_the_first_search_builds_the_index_off_the_gui_thread_then_runs_the_latest_query(
        panel: SearchPanel, project: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert panel.search.needs_build()
    panel.query.setText("trust")
    with qtbot.waitSignal(panel.search_finished, timeout=20_000) as blocker:
        panel.run_search()
        assert panel.building_index and "Building the search index" in panel.status.text()
        panel.query.setText("remind*")  # typed while the index builds: this is what runs
        panel.run_search()
    assert not panel.building_index and not panel.search.needs_build()
    assert {h.text.casefold()[:6] for h in blocker.args[0].hits} == {"remind"}
    again = SearchPanel(Session(project, "carla"))
    qtbot.addWidget(again)
    assert not again.search.needs_build(), "the built index is reused from beside the project"
    assert search(again, qtbot, "trust").total > 0


def test_code_filters_take_several_codes(panel: SearchPanel, project: Project, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ticked codes under "Code" must all hold (text coded with each); under "Not code" any excludes."""
    everything = search(panel, qtbot, "app")
    panel.code.set_checked(["Working alliance"])
    alliance = search(panel, qtbot, "app")
    panel.code.set_checked(["Working alliance", "Digital therapeutic alliance"])
    both = search(panel, qtbot, "app")
    assert 0 < both.total <= alliance.total < everything.total
    panel.code.set_checked([])
    panel.not_code.set_checked(["Working alliance", "Digital therapeutic alliance"])
    neither = search(panel, qtbot, "app")
    panel.not_code.set_checked(["Working alliance"])
    not_alliance = search(panel, qtbot, "app")
    assert neither.total <= not_alliance.total
    assert not_alliance.total + alliance.total == everything.total
