"""The window comes first: the coder question is asked over it the first time, then remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework_qa.gui import app as appmod
from tests.gui.coding_widgets_support import isolate_settings
from tests.gui.workbench_support import make_project


def test_the_first_open_asks_after_the_event_loop_runs_and_remembers_the_answer(
        tmp_path: Path, qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    isolate_settings(tmp_path / "settings")
    make_project(tmp_path).close()
    path = tmp_path / "study.fqa"
    asked: list[str] = []
    monkeypatch.setattr(appmod, "ask_coder", lambda project, suggested, parent=None: asked.append(suggested) or "zoe")
    session = appmod.open_session(path)
    assert session is not None and asked == []  # nothing asked before the window could show
    qapp.processEvents()
    assert len(asked) == 1 and session.coder == "zoe" and appmod.remembered_coder(path) == "zoe"
    session.close()

    again = appmod.open_session(path)
    qapp.processEvents()
    assert again is not None and again.coder == "zoe" and len(asked) == 1  # remembered: not asked again
    again.close()


def test_a_cancelled_question_keeps_the_suggested_coder_and_asks_next_time(
        tmp_path: Path, qapp, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    isolate_settings(tmp_path / "settings")
    make_project(tmp_path).close()
    monkeypatch.setattr(appmod, "ask_coder", lambda project, suggested, parent=None: None)
    session = appmod.open_session(tmp_path / "study.fqa")
    assert session is not None
    suggested = session.coder
    qapp.processEvents()
    assert session.coder == suggested and appmod.remembered_coder(tmp_path / "study.fqa") is None
    session.close()
