"""The start dialog shown when there is no last project: open the demo, create a project, or open one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget


class StartDialog(QDialog):
    """`choice` is "demo", "new", "open" or "" (cancelled) after exec()."""

    def __init__(self, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("framework-qa")
        self.choice = ""
        self.path = ""
        layout = QVBoxLayout(self)
        title = QLabel("<h2>framework-qa</h2><p>Qualitative framework analysis of interview transcripts.</p>",
                       self)
        layout.addWidget(title)
        for key, text in (("demo", "Explore the &demo project (fictional interviews, two coders)"),
                          ("new", "&New project…"), ("open", "&Open a project…")):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, k=key: self._choose(k))
            layout.addWidget(button)
        for path in recent[:5]:
            button = QPushButton(path, self)
            button.setFlat(True)
            button.clicked.connect(lambda _=False, p=path: self._choose("recent", p))
            layout.addWidget(button)

    def _choose(self, key: str, path: str = "") -> None:
        self.choice, self.path = key, path
        self.accept()
