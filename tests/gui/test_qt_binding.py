"""The Qt binding in use must not leak references to None (PySide6 6.12.0 under Python 3.11 does).

Such a binding aborts the program after a few thousand Qt calls ("deallocating None"), so the
dependency pin excludes it; this test fails if a broken binding is ever installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QPlainTextEdit


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot) -> None:  # type: ignore[no-untyped-def]
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    before = sys.getrefcount(None)
    for _ in range(500):
        editor.setReadOnly(True)
    assert sys.getrefcount(None) >= before - 50
