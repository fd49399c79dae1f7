"""`framework-qa gui PROJECT --screenshot` renders the window to a PNG of the requested size and exits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.gui.workbench_support import make_project


def test_screenshot_command_writes_a_png_of_the_window_size(tmp_path: Path) -> None:
    make_project(tmp_path).close()
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "framework_qa", "gui", str(tmp_path / "study.fqa"), "--coder", "amira",
         "--document", "P01", "--screenshot", str(out), "--size", "1200x800"],
        capture_output=True, text=True, timeout=120, env=env, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)


def test_gui_command_reports_a_missing_project_as_one_line(tmp_path: Path) -> None:
    from framework_qa.cli.main import main
    assert main(["gui", str(tmp_path / "missing.fqa")]) == 1


def test_screenshot_with_a_search_builds_the_index_and_opens_the_first_hit(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    """In process, so the window can be inspected: results listed, first hit selected in the viewer (the
    screenshot's `--search` calls the same `search_and_open_first`)."""
    from framework_qa.gui.main_window import MainWindow
    from tests.gui.workbench_support import make_session

    session = make_session(tmp_path)
    window = MainWindow(session, restore=False)
    window.resize(1200, 800)
    window.show()
    results = window.search_and_open_first("friend")
    hits = window.panels.search.model.hits()
    assert [h.text for h in hits] == ["friend"] and results.total == 1
    assert window.viewer.document_id == hits[0].document_id
    assert window.docks["search"].height() >= int(window.height() * 0.3)
    window.close()


def test_a_malformed_search_for_the_screenshot_is_refused_with_its_reason(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from framework_qa.core.errors import FqaError
    from framework_qa.gui.main_window import MainWindow
    from tests.gui.workbench_support import make_session

    window = MainWindow(make_session(tmp_path), restore=False)
    window.show()
    with pytest.raises(FqaError, match="failed: 'AND' needs a word after it"):
        window.search_and_open_first("friend AND")
    assert window.viewer.document_id is None  # no hit opened
    window.close()


def test_screenshot_of_a_server_project_by_its_address(tmp_path: Path, server_address: str) -> None:
    from framework_qa import new_project

    with new_project(server_address, ["alliance"]) as project:
        project.add_document("P01", "Interviewer: Why?\nP01: I trusted it.\n")
        project.add_coding("P01", 18, 33, "Working alliance/Bond", "amira")
    out = tmp_path / "server.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"),
               HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    result = subprocess.run(
        [sys.executable, "-m", "framework_qa", "gui", server_address, "--document", "P01",
         "--screenshot", str(out), "--size", "1200x800"],
        capture_output=True, text=True, timeout=120, env=env, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 1200
