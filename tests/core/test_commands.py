"""The undo stack and the Change it broadcasts, on a real project file: what a Change names (tables, rows
created, coded documents, remote and reset), which steps enter and leave the history, the history limit,
listeners that unsubscribe, a body that writes nothing or fails, and an undo that finds the project busy
(kept for a retry) or overwritten by another program (dropped)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from framework_qa import Project, new_project, open_project
from framework_qa.core.commands import Change, UndoStack
from framework_qa.core.errors import EditConflict, FqaError
from framework_qa.core.project import CodingRequest
from framework_qa.core.storage.feed import EVERYTHING
from framework_qa.core.storage.interface import FeedRecord
from framework_qa.core.storage.schema import TABLES

TEXT = "Interviewer: Why?\nP01: Because it helped.\n"


@pytest.fixture
def study(tmp_path: Path):  # type: ignore[no-untyped-def]
    with new_project(tmp_path / "study.fqa", ["alliance"]) as project:
        project.add_document("P01", TEXT)
        project.undo_stack.clear()
        yield project


def _heard(project: Project) -> list[Change]:
    heard: list[Change] = []
    project.subscribe(heard.append)
    return heard


# ------------------------------------------------------------------ what a Change says
def test_a_command_names_the_rows_it_created_and_the_documents_it_coded(study: Project) -> None:
    change = study.add_coding("P01", 0, 11, "Working alliance/Goal", "amira")
    coding = study.codings()[0]
    assert change.label.startswith("Code") and change.action == "do" and not change.remote and not change.reset
    assert change.created_id("codings") == coding.id and coding.id in change.ids("codings")
    assert change.coded_documents == frozenset({study.document("P01").id})
    assert change.touches("codings") and change.touches("memos", "codings") and not change.touches("memos")
    assert change.ids("memos") == frozenset()
    with pytest.raises(LookupError, match="^the command created 0 rows in memos, not one$"):
        change.created_id("memos")


def test_created_id_refuses_a_command_that_created_several_rows(study: Project) -> None:
    change = study.add_code("Hope", parent="Working alliance/Goal")
    assert change.created_id("codes") == study.code("Working alliance/Goal/Hope").id
    two = study.add_codings([CodingRequest("P01", 0, 5, "Working alliance/Task", "amira"),
                             CodingRequest("P01", 6, 9, "Working alliance/Task", "amira")])
    with pytest.raises(LookupError, match="^the command created 2 rows in codings, not one$"):
        two.created_id("codings")


def test_undo_and_redo_name_the_same_rows_and_create_none(study: Project) -> None:
    heard = _heard(study)
    done = study.add_coding("P01", 0, 11, "Working alliance/Goal", "amira")
    undone, redone = study.undo(), study.redo()
    assert undone is not None and redone is not None
    assert [c.action for c in heard] == ["do", "undo", "redo"]
    assert heard == [done, undone, redone]
    for change in (undone, redone):
        assert change.label == done.label and change.tables == done.tables
        assert change.coded_documents == done.coded_documents and change.created == {}


def test_a_feed_record_becomes_a_remote_change_and_the_everything_marker_a_reset() -> None:
    record = FeedRecord(7, "w1", "ben", "2026-01-01T00:00:00Z", "Code 'Bond'", "do", {"codings": (3, 4)}, (2,))
    assert Change.from_feed(record) == Change("Code 'Bond'", "do", {"codings": frozenset({3, 4})}, {},
                                              frozenset({2}), remote=True, who="ben")
    blind = FeedRecord(8, "w1", "ben", "2026-01-01T00:00:00Z", "Blind coding", "undo", {EVERYTHING: ()}, ())
    assert Change.from_feed(blind) == Change("Blind coding", "undo", {t: frozenset() for t in TABLES},
                                             remote=True, who="ben", reset=True)
    assert Change.everything(frozenset({"codes", "codings"})) == Change(
        "Changes by another program", "do", {"codes": frozenset(), "codings": frozenset()}, remote=True,
        reset=True)


def test_another_programs_command_arrives_as_a_remote_change(study: Project) -> None:
    with open_project(study.path) as other:
        other.add_code("Worry")
    heard = _heard(study)
    assert study.poll() == heard
    (change,) = heard
    assert change.remote and change.touches("codes") and change.label == "Add theme 'Worry'"
    assert not study.undo_stack.can_undo, "another program's command is not ours to undo"


# ------------------------------------------------------------------ the history
def test_labels_and_flags_follow_the_history_and_a_new_command_clears_redo(study: Project) -> None:
    stack = study.undo_stack
    assert (stack.can_undo, stack.can_redo, stack.undo_label, stack.redo_label) == (False, False, None, None)
    assert stack.undo() is None and stack.redo() is None
    study.add_code("Worry")
    study.add_code("Hope")
    assert (stack.undo_label, stack.redo_label) == ("Add theme 'Hope'", None)
    study.undo()
    assert (stack.can_undo, stack.can_redo) == (True, True)
    assert (stack.undo_label, stack.redo_label) == ("Add theme 'Worry'", "Add theme 'Hope'")
    study.add_code("Calm")
    assert (stack.can_redo, stack.redo_label) == (False, None)
    stack.clear()
    assert (stack.can_undo, stack.can_redo) == (False, False)


def test_the_history_keeps_the_last_limit_commands(study: Project) -> None:
    stack = UndoStack(study.store, limit=2)
    rows = [stack.run(f"Add {n}", lambda n=n: study.ensure_coder(f"coder{n}"))[0]
            for n in range(3)]
    assert stack.undo_label == "Add 2"
    assert stack.undo() is not None and stack.undo() is not None
    assert stack.undo() is None, "the oldest step fell out of the history"
    names = {r["name"] for r in study.store.select("coders")}  # this stack is not the project's: no cache follows it
    assert "coder0" in names and not {"coder1", "coder2"} & names and len(rows) == 3


def test_a_body_that_writes_nothing_is_no_step_and_is_not_broadcast(study: Project) -> None:
    heard = _heard(study)
    result, change = study.undo_stack.run("Look", lambda: 42)
    assert result == 42 and change.tables == {} and change.created == {} and change.coded_documents == frozenset()
    assert heard == [] and not study.undo_stack.can_undo


def test_a_body_that_fails_writes_nothing_and_leaves_the_history(study: Project) -> None:
    study.add_code("Worry")
    study.undo()
    heard = _heard(study)

    def body() -> None:
        study.ensure_coder("half")
        raise FqaError("stopped half way")

    with pytest.raises(FqaError, match="stopped half way"):
        study.undo_stack.run("Half", body)
    assert heard == [] and "half" not in {c.name for c in study.coders()}
    assert study.undo_stack.redo_label == "Add theme 'Worry'", "a failed command does not clear redo"


def test_unsubscribing_stops_the_listener_and_twice_is_harmless(study: Project) -> None:
    heard: list[Change] = []
    stop = study.undo_stack.subscribe(heard.append)
    study.add_code("Worry")
    stop()
    stop()
    study.add_code("Hope")
    assert [c.label for c in heard] == ["Add theme 'Worry'"]


def test_a_listener_may_unsubscribe_while_hearing(study: Project) -> None:
    heard: list[str] = []
    stops = []

    def once(change: Change) -> None:
        heard.append("once")
        stops[0]()

    stops.append(study.undo_stack.subscribe(once))
    study.undo_stack.subscribe(lambda change: heard.append("always"))
    study.add_code("Worry")
    study.add_code("Hope")
    assert heard == ["once", "always", "always"]


# ------------------------------------------------------------------ undo against other writers
def test_an_undo_refused_as_a_conflict_leaves_the_history(study: Project) -> None:
    study.add_code("Worry")
    with open_project(study.path) as other:
        other.update_code("Worry", name="Fear")
    study.poll()
    with pytest.raises(EditConflict):
        study.undo()
    assert not study.undo_stack.can_undo and not study.undo_stack.can_redo
    assert study.find_code("Fear") is not None


def _hold_write_lock(path: Path) -> subprocess.Popen[str]:
    """Another program in the middle of a write transaction (until killed)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
         "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True); time.sleep(30)\n", str(path)],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    return holder


def test_an_undo_or_redo_that_finds_the_project_busy_stays_for_a_retry(study: Project,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    study.add_code("Worry")
    study.add_code("Hope")
    study.undo()
    monkeypatch.setattr(type(study.store), "wait_limit", 0.3)
    holder = _hold_write_lock(study.path)
    try:
        with pytest.raises(FqaError, match="busy"):
            study.undo()
        with pytest.raises(FqaError, match="busy"):
            study.redo()
        stack = study.undo_stack
        assert (stack.undo_label, stack.redo_label) == ("Add theme 'Worry'", "Add theme 'Hope'")
    finally:
        holder.kill()
        holder.wait()
    assert study.redo() is not None and study.find_code("Hope") is not None
    assert study.undo() is not None and study.undo() is not None and study.find_code("Worry") is None
