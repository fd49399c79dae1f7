"""A small project built through the API, with overlapping and nested codings by two coders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from framework_qa import new_project
from framework_qa.core.project import CodingRequest, Project

TEXT = {
    "A1": "Interviewer: How was it?\nA: The reminders helped me a lot.\nInterviewer: And the coach?\nA: It felt warm.",
    "A2": "A: Second interview text here.\nA: More words about goals and tasks.",
    "B1": "B: =Cheap trick, I thought.\nB: -Never again would I use it.",
    "C1": "C: Nothing coded in this one at all.",
}


def build_small(path: Path) -> Project:
    p = new_project(path)
    p.add_code("Alliance", origin="deductive")
    for name in ("Goal", "Task", "Bond"):
        p.add_code(name, parent="Alliance", origin="deductive", definition=f"{name} definition")
    p.add_code("Sub", parent="Alliance/Bond", origin="deductive")
    p.add_code("Guilt")
    for name, text in TEXT.items():
        p.add_document(name, text, case={"A1": "alpha", "A2": "alpha", "B1": "beta", "C1": "gamma"}[name])
    p.define_attribute("weeks", "number")
    p.define_attribute("gender")
    p.define_attribute("started", "date")
    for case, weeks, gender, started in (("alpha", 6, "female", "2024-01-05"), ("beta", 3, "male", "2024-03-01"),
                                         ("gamma", 10, "female", "")):
        p.set_case_value(case, "weeks", weeks)
        p.set_case_value(case, "gender", gender)
        if started:
            p.set_case_value(case, "started", started)
    def at(doc: str, quote: str) -> tuple[str, int, int]:
        begin = TEXT[doc].index(quote)
        return doc, begin, begin + len(quote)

    plan = [
        (at("A1", "The reminders helped"), "Alliance/Task", "amira"),
        (at("A1", "reminders helped me a lot."), "Alliance/Task", "ben"),   # overlaps the previous one
        (at("A1", "It felt warm."), "Alliance/Bond", "amira"),
        (at("A1", "It felt w"), "Alliance/Bond/Sub", "ben"),                # nested in the Bond coding
        (at("A2", "Second interview text here."), "Alliance/Goal", "amira"),
        (at("A2", "More words about goals and tasks."), "Alliance/Goal", "ben"),
        (at("B1", "=Cheap trick, I thought."), "Guilt", "amira"),
        (at("B1", "-Never again would I use it."), "Alliance/Bond/Sub", "amira"),
    ]
    p.add_codings([CodingRequest(doc, s, e, code, coder) for (doc, s, e), code, coder in plan], label="codings")
    return p


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Project]:
    p = build_small(tmp_path / "small.fqa")
    yield p
    p.close()
