"""Building agreement test projects through the public API: documents, codes, codings by coder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from framework_qa import CodingRequest, Project

Codings = Mapping[str, Mapping[str, Mapping[str, Sequence[tuple[int, int]]]]]
"""document name -> coder -> code path -> intervals"""


def fill(project: Project, texts: Mapping[str, str], codes: Sequence[str], codings: Codings) -> Project:
    for name, text in texts.items():
        project.add_document(name, text)
    for path in codes:
        parent, _, leaf = path.rpartition("/")
        project.add_code(leaf, parent=parent or None)
    for coder in dict.fromkeys(c for by_coder in codings.values() for c in by_coder):
        if project.find_coder(coder) is None:
            project.add_coder(coder)
    requests = [
        CodingRequest(doc, s, e, code, coder)
        for doc, by_coder in codings.items()
        for coder, by_code in by_coder.items()
        for code, intervals in by_code.items()
        for s, e in intervals
    ]
    if requests:
        project.add_codings(requests)
    return project
