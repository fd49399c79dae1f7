"""Workbench viewer: open a 60,000-word transcript with 3,000 codings, apply a code, switch documents.

Runs the real main window offscreen on a synthetic project (built through the public API, cached with
`--cache DIR`). Each path is timed until Qt has processed the resulting events and repainted the viewer,
and is reported against a bare `QPlainTextEdit.setPlainText` of the same text in the same run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from benchmarks.corpus import cached_project
from benchmarks.timing import measure, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks viewer", description=__doc__)
    parser.add_argument("--words", type=int, default=60_000, help="words per transcript (default 60000)")
    parser.add_argument("--codings", type=int, default=3_000, help="codings per transcript (default 3000)")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--cache", help="folder to keep the built project between runs")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QPlainTextEdit

    from framework_qa import open_project
    from framework_qa.gui.app import application, open_session
    from framework_qa.gui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="fqa-bench-viewer-") as tmp:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        source = cached_project(args.cache or tmp, 2, args.words, 2 * args.codings)
        path = Path(tmp) / "work.fqa"
        shutil.copy(source, path)
        app = application()
        with open_project(path) as probe:  # code as one of the project's coders, as an analyst at work does
            coder = probe.coders()[0].name
        session = open_session(path, coder, ask=False)
        assert session is not None
        window = MainWindow(session, restore=False)
        window.resize(1500, 950)
        window.show()
        app.processEvents()
        project = session.project
        docs = [d.id for d in project.documents()]
        texts = {d: project.text(d) for d in docs}
        n = len(project.codings(document=docs[0]))
        print(f"project: {len(docs)} transcripts of {args.words} words ({len(texts[docs[0]])} characters), "
              f"{n} codings in the first", flush=True)
        viewer = window.viewer

        def settle() -> None:
            app.processEvents()
            viewer.viewport().repaint()
            viewer.stripes.repaint()

        # baseline: a bare plain-text widget showing the same text
        bare = QPlainTextEdit()
        bare.resize(viewer.size())
        bare.show()
        state = {"i": 0}

        def bare_open() -> None:
            state["i"] += 1
            bare.setPlainText(texts[docs[state["i"] % 2]])
            app.processEvents()
            bare.viewport().repaint()
        base = measure(bare_open, args.repeat)

        # the transcript viewer on its own (same session), without the other panels of the window
        from framework_qa.gui.viewer import TranscriptViewer
        alone = TranscriptViewer(session)
        alone.resize(viewer.size())
        alone.show()

        def alone_open(doc: int) -> None:
            alone.show_document(doc)
            app.processEvents()
            alone.viewport().repaint()
        alone_times = measure(alone_open, args.repeat, setup=lambda: (alone.show_document(None), docs[0])[1])
        report("viewer alone: open 60k-word transcript with codings", alone_times, "bare setPlainText", base,
               target=0.300)

        def alone_code(_: None) -> None:
            project.add_coding(docs[0], 100, 140, code_any, "bench")
            app.processEvents()
            alone.viewport().repaint()

        def alone_prepare() -> None:
            if project.undo_stack.undo_label and project.undo_stack.undo_label.startswith("Code as"):
                project.undo()
        code_any = [c.id for c in project.codes() if not project.children(c)][0]
        alone.show_document(docs[0])
        report("viewer alone: apply a code", measure(alone_code, args.repeat, setup=alone_prepare),
               "bare setPlainText", base, target=0.050)
        alone_prepare()
        alone.close()
        alone.deleteLater()

        def prepare_open() -> int:
            viewer.show_document(None)
            settle()
            return docs[0]

        def open_doc(doc: int) -> None:
            window.open_document(doc)
            settle()
        opened = measure(open_doc, args.repeat, setup=prepare_open)
        r1 = report("open 60k-word transcript with codings", opened, "bare setPlainText", base, target=0.300)

        window.open_document(docs[0])
        settle()
        code = [c.id for c in project.codes() if not project.children(c)][0]
        text = texts[docs[0]]
        start = text.index(" ", len(text) // 2) + 1

        def prepare_code() -> None:
            if project.undo_stack.undo_label and project.undo_stack.undo_label.startswith("Code as"):
                project.undo()
            viewer.select_range(start, start + 40)
            settle()

        def apply_code(_: None) -> None:
            window.coding.code_selection(code)
            settle()
        applied = measure(apply_code, args.repeat, setup=prepare_code)
        r2 = report("apply a code (viewer, counts, table refreshed)", applied, "bare setPlainText", base,
                    target=0.050)

        def switch(_: None = None) -> None:
            window.open_document(docs[1] if viewer.document_id == docs[0] else docs[0])
            settle()
        switched = measure(switch, args.repeat)
        r3 = report("switch documents", switched, "bare setPlainText", base, target=0.150)
        window.close()
        bare.close()
        return 0 if r1.ok and r2.ok and r3.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
