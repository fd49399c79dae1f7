"""Projects and settings for the tests of the codebook, cases, codings and memo widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from framework_qa import Project, new_project, open_project

TEXT_P01 = (
    "Interviewer: What did you hope for?\n"
    "P01: I wanted the panic to stop 😅 before meetings.\n"
    "Interviewer: And Robin, the guide?\n"
    "P01: Robin felt like someone was there.\n"
)
TEXT_P02 = "Interviewer: How often?\nP02: Every day, on the train.\n"


def isolate_settings(folder: Path) -> None:
    """Point QSettings at a temporary folder so quick keys never touch the user's real settings."""
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))


def build_project(path: Path) -> Project:
    """Working alliance framework, two documents in cases P01/P02 (plus one without a case), two coders."""
    project = new_project(path, ["alliance"])
    project.add_document("P01", TEXT_P01)
    project.add_document("P02", TEXT_P02)
    project.add_document("Notes", "Loose field notes.\n")
    project.delete_case("Notes")  # its document stays, without a case
    project.define_attribute("age", "number")
    project.define_attribute("site", "text")
    project.set_case_value("P01", "age", "34")
    project.set_case_value("P01", "site", "Leeds")
    project.set_case_value("P02", "site", "York")
    text = project.text("P01")
    start = text.index("I wanted")
    project.add_coding("P01", start, start + len("I wanted the panic to stop"), "Working alliance/Goal", "amira")
    project.add_coding("P01", start, start + len("I wanted the panic"), "Working alliance/Goal", "ben")
    robin = text.index("Robin felt")
    project.add_coding("P01", robin, robin + len("Robin felt like someone was there"), "Working alliance/Bond",
                       "amira", memo="warmth towards the guide")
    every = TEXT_P02.index("Every day")
    project.add_coding("P02", every, every + len("Every day"), "Working alliance/Task", "ben")
    project.undo_stack.clear()
    return project


def reopen(path: Path) -> Project:
    """A second, independent connection: what is really in the file."""
    return open_project(path)
