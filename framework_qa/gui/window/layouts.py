"""One dock layout for coding and another for analysis, each remembered.

Coding wants the documents, codebook and codings around the transcript; the framework matrix and the
agreement table want the window's width (a matrix of 30 codes shows four columns beside the docks).
Switching between the transcript and an analysis tab swaps the whole dock layout: the one left behind
is kept, the other restored as the user last arranged it. The first time, analysis starts with every
dock closed; any can be reopened from *View › Panels* and stays open for analysis from then on.

Some docks belong to coding only (`coding_only`: the search, whose hits open in the transcript). They are
never part of the analysis layout, not even one remembered from an older version, so they cannot take
the matrix's rows: showing one while an analysis tab is in front goes back to coding (`to_coding`) with
that dock open. (The window's own *Search transcripts…* switches to the transcript before it shows the
search dock; this catches every other way of showing it.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QByteArray, QSettings, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

CODING, ANALYSIS = "coding", "analysis"
_KEYS = {CODING: "window/state", ANALYSIS: "window/state-analysis"}


class ModeLayouts:
    """Saves and restores the window's dock layout per mode (`CODING` or `ANALYSIS`)."""

    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget], coding_only: Iterable[str] = (),
                 to_coding: Callable[[], object] | None = None) -> None:
        self._window = window
        self._docks = docks
        self.mode = CODING
        self._states: dict[str, QByteArray] = {}
        self._coding_only = [docks[key] for key in coding_only]
        self._to_coding = to_coding
        self._switching = False
        for dock in self._coding_only:
            dock.visibilityChanged.connect(lambda visible, d=dock: self._shown(d, visible))

    def _shown(self, dock: QDockWidget, visible: bool) -> None:
        """A coding-only dock was shown while analysing (View › Panels): back to coding, with the dock open.
        Deferred: swapping the whole layout from inside the dock's own show is not safe in Qt."""
        if visible and self.mode == ANALYSIS and not self._switching:
            QTimer.singleShot(0, lambda: self._back_to_coding(dock))

    def _back_to_coding(self, dock: QDockWidget) -> None:
        if self.mode != ANALYSIS or not dock.isVisible():
            return
        if self._to_coding is not None:
            self._to_coding()
        if self.mode == ANALYSIS:  # nobody switched: keep it out of the analysis layout
            dock.hide()
            return
        dock.show()
        dock.raise_()
        widget = dock.widget()
        if widget is not None:
            widget.setFocus()

    def switch(self, mode: str) -> None:
        """Keeps the current mode's layout and shows `mode`'s (its default the first time)."""
        if mode == self.mode:
            return
        self._states[self.mode] = self._window.saveState()
        self.mode = mode
        self._switching = True
        try:
            state = self._states.get(mode)
            if state is None or not self._window.restoreState(state):
                if mode == ANALYSIS:
                    for dock in self._docks.values():
                        dock.hide()
            if mode == ANALYSIS:
                for dock in self._coding_only:
                    dock.hide()
        finally:
            self._switching = False

    def restore(self, store: QSettings) -> None:
        """Both layouts from `store`; the current mode's is applied."""
        for mode, key in _KEYS.items():
            value = store.value(key)
            if isinstance(value, QByteArray):
                self._states[mode] = value
        current = self._states.get(self.mode)
        if current is not None:
            self._window.restoreState(current)

    def save(self, store: QSettings) -> None:
        self._states[self.mode] = self._window.saveState()
        for mode, key in _KEYS.items():
            if mode in self._states:
                store.setValue(key, self._states[mode])
