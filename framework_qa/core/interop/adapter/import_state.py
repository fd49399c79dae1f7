"""The state one project import keeps while its command runs, shared by the import's steps.

The steps are split by what they bring in (`import_people`: coders, cases, attributes;
`import_sources`: documents and codings; `import_memos`: notes and descriptions), each a class
adding to the one before, so `import_project._Writer` is the last of them.
"""

from __future__ import annotations

from framework_qa.core.interop.refi import ImportReport, RefiProject
from framework_qa.core.model import MemoTarget
from framework_qa.core.project import Project

from .analysis import code_fields
from .import_codes import CodeTreeWriter
from .outcome import ImportOutcome


class WriterState:
    """What an import has brought in so far: the ids its items got in the project, by exchange GUID,
    and the memos collected until they are written at the end."""

    def __init__(self, project: Project, refi: RefiProject, report: ImportReport) -> None:
        self.project = project
        self.refi = refi
        self.report = report
        self.outcome = ImportOutcome(report)
        self.codes = CodeTreeWriter(project, report, fields=code_fields(refi.extension))
        self.own = refi.origin.startswith("framework-qa")
        self.coders: dict[str, int] = {}  # user GUID -> coder id
        self.coder_names: dict[int, str] = {}
        self.cases: dict[str, int] = {}  # case GUID -> case id
        self.documents: dict[str, tuple[int, str]] = {}  # source GUID -> (document id, stored text)
        self.selections: dict[str, list[int]] = {}  # selection GUID -> coding ids
        self.memos: dict[tuple[MemoTarget, int], list[str]] = {}
        self.spans: dict[tuple[int, int, int], list[int]] = {}  # (document id, start, end) -> coding ids
