"""Property: any framework-qa project, emoji and non-Latin scripts included, survives its own .qdpx exactly.

Codings may start and end anywhere (inside words, beside emoji, on line breaks); export then import into a
fresh project gives every coding back with the same text, range, code path and coder.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework_qa import Project, new_project, open_project
from framework_qa.core.interop.adapter import export_qdpx, import_project_file

_ALPHABET = st.sampled_from(list("ab yZ.,\n") + ["😀", "🎉", "é", "ß", "ж", "Ω", "中", "文", "ا", "ل", "ह", "\u0301",
                                                    "👩‍💻", "𝒳", "\t", "—"])
_TEXT = st.lists(_ALPHABET, min_size=1, max_size=60).map("".join).filter(lambda t: t.strip() != "")
_COUNTER = itertools.count()


@st.composite
def _projects(draw: st.DrawFn) -> list[tuple[str, list[tuple[int, int, int, str]]]]:
    """Documents as (text, [(start, end, code index, coder)])."""
    docs = []
    for _ in range(draw(st.integers(1, 3))):
        text = draw(_TEXT)
        spans = []
        for _ in range(draw(st.integers(0, 6))):
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            spans.append((start, end, draw(st.integers(0, 2)), draw(st.sampled_from(["amira", "ben"]))))
        docs.append((text, spans))
    return docs


def _codings(project: Project) -> list[tuple[str, int, int, str, str, str]]:
    out = []
    for doc in project.documents():
        text = project.text(doc)
        for c in project.codings(document=doc):
            out.append((doc.name, c.start, c.end, text[c.start:c.end], project.code_path(c.code_id),
                        project.coder(c.coder_id).name))
    return sorted(out)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=_projects())
def test_export_then_import_gives_identical_codings(tmp_path: Path, docs: list) -> None:
    n = next(_COUNTER)
    source, archive, target = tmp_path / f"s{n}.fqa", tmp_path / f"s{n}.qdpx", tmp_path / f"t{n}.fqa"
    with new_project(source) as project:
        project.add_code("Theme 😀", origin="emergent")
        project.add_code("Угода", origin="deductive")
        project.add_code("中文", parent="Угода", origin="deductive")
        paths = ["Theme 😀", "Угода", "Угода/中文"]
        for i, (text, spans) in enumerate(docs):
            project.add_document(f"D{i}", text)
            for start, end, code, coder in spans:
                project.add_coding(f"D{i}", start, end, paths[code], coder)
        export_qdpx(project, archive)
        expected = _codings(project)
    result = import_project_file(archive, target)
    assert not result.outcome.report.dropped
    with open_project(target) as back:
        assert _codings(back) == expected
        assert {c.name: c.origin for c in back.codes()} == {"Theme 😀": "emergent", "Угода": "deductive",
                                                             "中文": "deductive"}
