"""What the viewer and the project keep between documents (decoded spans, positions, speaker labels, mark
columns) never outlives the document it was made from: once a document is deleted, here or by another
program, nothing answers from what was kept about it, and a document brought back shows its own text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from framework_qa import open_project
from framework_qa.core.errors import NotFound
from framework_qa.core.model import Span
from framework_qa.gui.main_window import MainWindow
from framework_qa.gui.viewer.layers import Mark, MarkIndex, assign_columns
from tests.gui.live_support import document_names, run_script
from tests.gui.workbench_support import EMOJI_TEXT, make_project, make_session, show_window

NEW_TEXT = "Interviewer: Something new?\n\nP03: Yes 🙂 entirely.\n\nInterviewer: Thanks."


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    return show_window(qtbot, make_session(tmp_path), "P02", "P01")  # both documents prepared and kept


def _paragraph_numbers(win: MainWindow) -> list[int]:
    viewer = win.viewer
    return [viewer.paragraph_number(viewer.positions.to_qt(s.start))
            for s in win.session.project.spans(viewer.document_id or -1)]


def test_kept_spans_go_with_their_document_here_and_in_another_program(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    p02 = project.document("P02").id
    assert project.spans(p02)[0] == Span(0, 19, "Interviewer")
    project.spans(p02).clear()  # a caller's list is its own
    assert len(project.spans(p02)) == 2
    with open_project(project.path) as other:
        assert len(other.spans(p02)) == 2
        project.delete_document("P02")
        with pytest.raises(NotFound):
            project.spans(p02)
        with pytest.raises(NotFound):  # the other program's change reached this one's cache
            other.spans(p02)
        project.undo()
        assert len(project.spans(p02)) == len(other.spans(p02)) == 2
        p03 = other.add_document("P03", NEW_TEXT).created_id("documents")
        assert [s.speaker for s in project.spans(p03)] == ["Interviewer", "P03", "Interviewer"]


def test_viewer_lets_go_of_a_document_another_program_deleted(qtbot: QtBot, window: MainWindow) -> None:
    project = window.session.project
    p02 = project.document("P02").id
    run_script(project.path, f'project.delete_document("P02")\nproject.add_document("P03", {NEW_TEXT!r})\n')
    qtbot.waitUntil(lambda: document_names(window) == {"P01", "P03"}, timeout=3000)  # the window polled
    with pytest.raises(NotFound):  # not shown from what the viewer kept
        window.viewer.show_document(p02)
    window.open_document_named("P03")
    assert window.viewer.toPlainText() == NEW_TEXT and _paragraph_numbers(window) == [1, 2, 3]
    emoji = NEW_TEXT.index("🙂")
    window.viewer.select_range(emoji, emoji + 1)
    assert window.viewer.selected_text() == "🙂"  # positions converted with this text's map
    window.open_document_named("P01")
    assert window.viewer.toPlainText() == EMOJI_TEXT and _paragraph_numbers(window) == [1, 2, 3, 4]


def test_viewer_shows_a_document_deleted_and_brought_back_here(window: MainWindow) -> None:
    project = window.session.project
    p01 = project.document("P01").id
    project.delete_document("P01")
    assert window.viewer.document_id is None
    with pytest.raises(NotFound):
        window.viewer.show_document(p01)
    project.undo()
    window.open_document(p01)
    assert window.viewer.toPlainText() == EMOJI_TEXT and _paragraph_numbers(window) == [1, 2, 3, 4]


def _random_marks(rng: random.Random, n: int, first_id: int = 0) -> list[Mark]:
    out = []
    for i in range(n):
        start = rng.randrange(0, 2000)
        out.append(Mark(first_id + i, 1, start, start + rng.randrange(1, 150), "#ff0000", "Bond", "amira"))
    return out


def test_an_updated_index_colours_as_a_fresh_one() -> None:
    rng = random.Random(7)
    index = MarkIndex(_random_marks(rng, 300))
    next_id = 1000
    for _ in range(60):
        removed = set(rng.sample([m.coding_id for m in index.marks], rng.randrange(0, 3)))
        added = _random_marks(rng, rng.randrange(0, 3), next_id)
        next_id += 10
        index = index.updated(removed, added)
        fresh = assign_columns(Mark(m.coding_id, m.code_id, m.start, m.end, m.colour, m.code_name, m.coder)
                               for m in index.marks)
        assert [(m.coding_id, m.column) for m in index.marks] == [(m.coding_id, m.column) for m in fresh]
        assert index.columns == 1 + max((m.column for m in fresh), default=-1)
        assert index.names == {"Bond"} and all(index.get(m.coding_id) is m for m in index.marks)
