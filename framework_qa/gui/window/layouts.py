"""One dock layout for coding and another for analysis, each remembered.

Coding wants the documents, codebook and codings around the transcript; the framework matrix and the
agreement table want the window's width (a matrix of 30 codes shows four columns beside the docks).
Switching between the transcript and an analysis tab swaps the whole dock layout: the one left behind
is kept, the other restored as the user last arranged it. The first time, analysis starts with every
dock closed; any can be reopened from *View › Panels* and stays open for analysis from then on.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QDockWidget, QMainWindow

CODING, ANALYSIS = "coding", "analysis"
_KEYS = {CODING: "window/state", ANALYSIS: "window/state-analysis"}


class ModeLayouts:
    """Saves and restores the window's dock layout per mode (`CODING` or `ANALYSIS`)."""

    def __init__(self, window: QMainWindow, docks: dict[str, QDockWidget]) -> None:
        self._window = window
        self._docks = docks
        self.mode = CODING
        self._states: dict[str, QByteArray] = {}

    def switch(self, mode: str) -> None:
        """Keeps the current mode's layout and shows `mode`'s (its default the first time)."""
        if mode == self.mode:
            return
        self._states[self.mode] = self._window.saveState()
        self.mode = mode
        state = self._states.get(mode)
        if state is not None and self._window.restoreState(state):
            return
        if mode == ANALYSIS:
            for dock in self._docks.values():
                dock.hide()

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
