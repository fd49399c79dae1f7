"""Random interleavings of edits, undos and redos from two `Project`s on one file.

After every step the file must hold no dangling reference and no twin sibling codes, and must equal
what the acknowledged steps imply: a refused step writes nothing; a command changes only the rows its
`Change` names; an undo (redo) puts exactly those rows back to their images before (after) the command.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framework_qa import Project, new_project, open_project
from framework_qa.core.commands import Change
from framework_qa.core.errors import FqaError
from framework_qa.core.storage.schema import TABLES

TEXT = "Interviewer: Why?\nP01: I trusted it. Robin felt real. Reminders nagged me.\n"
State = dict[tuple[str, int], tuple[Any, ...]]
Step = tuple[dict[tuple[str, int], Any], dict[tuple[str, int], Any]]


def state(path: Path) -> State:
    conn = sqlite3.connect(path)
    try:
        return {(t, int(r[0])): tuple(r) for t in sorted(TABLES) for r in conn.execute(f"SELECT * FROM {t}")}
    finally:
        conn.close()


def check_invariants(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute("SELECT coalesce(parent_id, 0), name FROM codes GROUP BY 1, 2 "
                            "HAVING COUNT(*) > 1").fetchall() == []
    finally:
        conn.close()


def operation(name: str, p: Project, rnd: random.Random) -> Callable[[], Change | None]:
    codes = p.codes()
    codings = p.codings()
    pick = rnd.choice
    if name == "add coding" and codes:
        start = rnd.randrange(0, len(TEXT) - 10)
        return lambda: p.add_coding("P01", start, start + rnd.randrange(1, 10), pick(codes).id, pick(["a", "b"]))
    if name == "memo" and codings:
        return lambda: p.update_coding(pick(codings).id, memo=f"memo {rnd.randrange(100)}")
    if name == "uncode" and codings:
        return lambda: p.remove_coding(pick(codings).id)
    if name == "add code":
        return lambda: p.add_code(f"Theme {rnd.randrange(4)}", parent=pick([None, *codes[:3]]))
    if name == "rename code" and codes:
        return lambda: p.update_code(pick(codes).id, name=f"Theme {rnd.randrange(4)}")
    if name == "delete code" and codes:
        return lambda: p.delete_code(pick(codes).id)
    if name == "undo":
        return p.undo
    if name == "redo":
        return p.redo
    return lambda: None


OPS = ["add coding", "memo", "uncode", "add code", "rename code", "delete code", "undo", "redo", "undo"]


def apply(base: State, images: dict[tuple[str, int], Any]) -> State:
    out = dict(base)
    for key, image in images.items():
        if image is None:
            out.pop(key, None)
        else:
            out[key] = image
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 1), st.sampled_from(OPS), st.integers(0, 2**32 - 1)),
                min_size=5, max_size=30))
def test_two_writers_never_break_the_file_or_lose_an_acknowledged_step(
        steps: list[tuple[int, str, int]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "study.fqa"
        with new_project(path, ["alliance"]) as first:
            first.add_document("P01", TEXT)
            first.undo_stack.clear()
            with open_project(path) as second:
                run(path, (first, second), steps)


def run(path: Path, projects: tuple[Project, Project], steps: list[tuple[int, str, int]]) -> None:
    done: list[list[Step]] = [[], []]
    undone: list[list[Step]] = [[], []]
    for who, name, seed in steps:
        p = projects[who]
        before = state(path)
        try:
            change = operation(name, p, random.Random(seed))()
        except FqaError:
            assert state(path) == before, f"a refused {name} wrote to the file"
            if name in ("undo", "redo"):  # the refused step left the history
                (done if name == "undo" else undone)[who].pop()
            continue
        after = state(path)
        if name == "undo":
            if change is not None:
                step = done[who].pop()
                assert after == apply(before, step[0])
                undone[who].append(step)
        elif name == "redo":
            if change is not None:
                step = undone[who].pop()
                assert after == apply(before, step[1])
                done[who].append(step)
        elif change is not None and change.tables:
            touched = {(t, i) for t, ids in change.tables.items() for i in ids}
            assert {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)} <= touched
            done[who].append(({k: before.get(k) for k in touched}, {k: after.get(k) for k in touched}))
            undone[who].clear()
        check_invariants(path)
        for i, q in enumerate(projects):
            assert q.undo_stack.can_undo == bool(done[i]) and q.undo_stack.can_redo == bool(undone[i])
