"""A project file with every kind of row, for the team tests: the demo project (frameworks, ten
transcripts, case attributes, two coders' codings, charted summaries, a project memo) plus memos on a
document, a case and a code, a coding memo and a saved matrix view."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from framework_qa import Project
from framework_qa.core.storage.schema import COPY_ORDER
from tests.support.demo import demo_project


def build_study(path: Path) -> Path:
    with demo_project(path) as project:
        project.set_memo("document", project.document("P03").id, "Long pauses before answering about Robin.")
        project.set_memo("case", project.case("P03").id, "Recruited late; six weeks of use.")
        project.set_memo("code", project.code("Working alliance/Bond").id, "Bond includes felt presence.")
        coding = project.codings()[0]
        project.update_coding(coding.id, memo="first coding, with a memo")
        project.save_view("matrix", "Alliance by gender", {"codes": ["Working alliance"], "group_by": "gender"})
        project.undo_stack.clear()
    return path


def tables(project: Project) -> dict[str, list[dict[str, Any]]]:
    """Every copied table's rows, in id order."""
    return {table: project.store.select(table) for table in COPY_ORDER}
