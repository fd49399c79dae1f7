"""The GUI's view of an open project: the Qt bridge over the core's change broadcast.

Every widget takes the `Session`, reads through `session.project` (queries only) and changes the project
only through its commands; it refreshes when `changed` fires, never because another widget told it to.
The session also holds GUI-wide state that is not part of the project: the current coder, which coders'
codings are shown (blind coding), and navigation requests ("open document X at range a-b").

Other programs (the command line, a script, a colleague's window) may write the same file. While the
project is open the session polls it every `POLL_MS` (one SQLite pragma when nothing happened), so their
changes reach `changed` as `Change(remote=True)` within a fraction of a second, like our own. A write of
ours that waits for another program's transaction reports `waiting(seconds)` and keeps the window
painting (events other than user input are processed meanwhile).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, QTimer, Signal

from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.model import Coding
from framework_qa.core.project import Project

if TYPE_CHECKING:
    from framework_qa.gui.codebook.counts import CodingCounts

DOCUMENTS_KEPT = 4  # documents whose codings `document_codings` keeps
POLL_MS = 150  # other programs' changes show within this (plus the time views take to refresh)


class _Poller:
    """One timer, owned by the application, polls every open session of this process.

    Not a timer per session: a session nobody closed is freed by Python's cycle collector, which may run
    on any thread (a search index build, say), and a running QTimer destroyed off its own thread takes
    the process down. Sessions are held weakly, so the timer never keeps one alive.
    """

    def __init__(self) -> None:
        self._sessions: weakref.WeakSet[Session] = weakref.WeakSet()
        self._timer: QTimer | None = None

    def add(self, session: Session) -> None:
        app = QCoreApplication.instance()
        if app is None:  # no event loop, no timers: `poll()` by hand
            return
        self._sessions.add(session)
        if self._timer is None or not shiboken6.isValid(self._timer):  # none yet, or gone with an old app
            self._timer = QTimer(app)  # parented: Qt owns it, the collector never frees it
            self._timer.setInterval(POLL_MS)
            self._timer.timeout.connect(self._tick)
        self._timer.start()

    def remove(self, session: Session) -> None:
        self._sessions.discard(session)

    def _tick(self) -> None:
        sessions = list(self._sessions)
        if not sessions and self._timer is not None:
            self._timer.stop()
        for session in sessions:
            session.poll()


_poller = _Poller()


class Session(QObject):
    changed = Signal(object)            # core Change, after every command, undo and redo (also remote ones)
    coder_changed = Signal(str)         # the current coder's name
    visible_coders_changed = Signal()   # the set of coders whose codings are shown changed
    navigate = Signal(int, int, int)    # document id, start, end (code points): show this range
    code_selected = Signal(int)         # a code was chosen in the codebook (id), e.g. to step through codings
    document_shown = Signal(int)        # the transcript now shows this document (id): the panels follow it
    coding_selected = Signal(int)       # a coding was chosen in the transcript (stripe click, stepping)
    about_to_close = Signal()           # last chance to write pending edits; the project closes after it
    waiting = Signal(float)             # seconds a write of ours has waited for another program so far
    wait_over = Signal()                # that write went through or gave up
    poll_failed = Signal(str)           # catching up with other programs failed (once until it works again)

    def __init__(self, project: Project, coder: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._coder = coder
        self._visible: frozenset[str] | None = None  # None: all coders
        self._unsubscribe = project.subscribe(self._relay)
        self.is_open = True
        self._polling = False      # a poll is broadcasting (a slot may run an event loop: no second poll)
        self._in_wait = False      # inside the wait handler's event processing
        self._waited = False       # a wait was reported and its end not yet
        self._trouble = ""         # the last poll failure reported
        project.set_wait_handler(self._wait)
        self._counts: CodingCounts | None = None
        self._document_codings: dict[int, list[Coding]] = {}
        _poller.add(self)

    @property
    def counts(self) -> CodingCounts:
        """Codings per code of the coders shown, one count for every view (see `codebook.counts`)."""
        if self._counts is None:
            from framework_qa.gui.codebook.counts import CodingCounts
            self._counts = CodingCounts(self)
        return self._counts

    def _relay(self, change: Change) -> None:
        if change.reset or change.remote or change.touches("documents"):
            self._document_codings.clear()
        for document_id in change.coded_documents:
            self._document_codings.pop(document_id, None)
        self.changed.emit(change)

    def document_codings(self, document_id: int) -> list[Coding]:
        """Every coder's codings of one document, in text order: read once for the viewer and the codings
        table alike (opening a transcript of 3,000 codings read them twice), and again after a change to
        them. A few documents are kept; the list is shared, so callers must not change it."""
        found = self._document_codings.pop(document_id, None)
        if found is None:
            found = self.project.codings(document=document_id)
        self._document_codings[document_id] = found  # most recently used last
        while len(self._document_codings) > DOCUMENTS_KEPT:
            del self._document_codings[next(iter(self._document_codings))]
        return found

    def close(self) -> None:
        """Let widgets save pending edits (`about_to_close`), then close the project; idempotent."""
        if not self.is_open:
            return
        self.about_to_close.emit()
        self.is_open = False
        _poller.remove(self)
        self.project.set_wait_handler(None)
        self._unsubscribe()
        self.project.close()

    # ------------------------------------------------------------ other programs
    def poll(self) -> list[Change]:
        """Announce what other programs committed since the last look (through `changed`).

        Skipped while a write of ours waits (the project is mid-command) or a poll is still broadcasting.
        A failure (the file became unreadable, say) is reported once through `poll_failed`, not raised:
        this runs on a timer, where an exception would reach the user every 150 ms.
        """
        if not self.is_open or self._polling or self._in_wait:
            return []
        if self._waited:  # the event loop is back, so the write that waited has finished
            self._waited = False
            self.wait_over.emit()
        self._polling = True
        try:
            changes = self.project.poll()
        except FqaError as exc:
            if str(exc) != self._trouble:
                self._trouble = str(exc)
                self.poll_failed.emit(self._trouble)
            return []
        finally:
            self._polling = False
        self._trouble = ""
        return changes

    @property
    def write_waiting(self) -> bool:
        """True while a write of ours waits for another program: widgets must not start another write
        then (a timer firing meanwhile should try again later); the project is mid-command."""
        return self._in_wait

    def _wait(self, seconds: float) -> None:
        """The project's wait handler: say how long we have waited, and let the window repaint."""
        self._waited = True
        self.waiting.emit(seconds)
        if QThread.currentThread() is not self.thread() or self._in_wait:
            return
        self._in_wait = True
        try:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            self._in_wait = False

    # ------------------------------------------------------------ coders
    @property
    def coder(self) -> str:
        return self._coder

    def set_coder(self, name: str) -> None:
        if name != self._coder:
            self._coder = name
            self.coder_changed.emit(name)
            if self._visible is not None:
                self.visible_coders_changed.emit()

    @property
    def visible_coders(self) -> frozenset[str] | None:
        """Names of coders whose codings are shown; None means every coder."""
        return self._visible

    def set_visible_coders(self, names: frozenset[str] | None) -> None:
        if names != self._visible:
            self._visible = names
            self.visible_coders_changed.emit()

    def shows_coder(self, name: str) -> bool:
        return self._visible is None or name in self._visible

    def visible_coder_names(self) -> list[str] | None:
        """For core queries: the coder names to filter on, or None for all."""
        return None if self._visible is None else sorted(self._visible)
