"""Search bound to a project: exact offsets into stored text, a self-healing cache beside the project,
incremental updates on import/delete, code filters, and coding hits as one undoable step."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framework_qa import new_project
from framework_qa.core.project import Project
from framework_qa.core.search import QueryError
from framework_qa.core.search.project import ProjectSearch, code_hits, index_folder

TRANSCRIPT_A = (
    "Interviewer: How were the reminders? 🙂\n"
    "P01: The reminders 😰😰 were constant. Honestly I felt judged by them.\n"
    "P01: 我 很 焦虑 about reminders. مرحبا بِكُم reminder 👨‍👩‍👧 done."
)
TRANSCRIPT_B = "Interviewer: Did it help?\nP02: It reminded me to breathe. Nothing felt judged."


def _add(project: Project, name: str, text: str, case: str) -> int:
    project.add_document(name, text, case=case)
    return project.document(name).id


@pytest.fixture
def project(tmp_path: Path) -> Project:
    p = new_project(tmp_path / "study.fqa")
    _add(p, "A", TRANSCRIPT_A, "P01")
    _add(p, "B", TRANSCRIPT_B, "P02")
    p.add_code("Reminders")
    p.add_code("Judgement")
    p.add_code("Felt judged", parent="Judgement")
    yield p
    p.close()


@pytest.fixture
def search(project: Project) -> ProjectSearch:
    s = ProjectSearch(project)
    yield s
    s.close()


def assert_exact(project: Project, results) -> None:  # type: ignore[no-untyped-def]
    for hit in results.hits:
        assert project.text(hit.document_id)[hit.start : hit.end] == hit.text


def test_hits_are_exact_slices_of_the_stored_text_across_emoji_and_scripts(project, search) -> None:  # type: ignore[no-untyped-def]
    for query, expected in [("reminder", 5), ("焦虑", 1), ("بِكُم", 1), ('"felt judged"', 2), ("remind*", 5)]:
        results = search.search(query)
        assert_exact(project, results)
        assert results.total == expected, query
    hits = search.search("done").hits
    assert hits[0].text == "done" and hits[0].context_before.endswith("👨‍👩‍👧 ")


def test_the_index_lives_beside_the_project_and_is_built_on_first_use(project, search) -> None:  # type: ignore[no-untyped-def]
    folder = index_folder(project.path)
    assert folder == project.path.with_name("study.fqa.index")
    assert not folder.exists()
    search.search("reminder")
    assert folder.is_dir() and any(folder.iterdir())


def test_the_index_heals_after_its_folder_is_deleted(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ProjectSearch(project).search("reminder")
    shutil.rmtree(index_folder(project.path))
    again = ProjectSearch(project)
    assert again.search("reminder").total == 5
    again.close()


def test_the_index_heals_after_its_files_are_corrupted(project) -> None:  # type: ignore[no-untyped-def]
    first = ProjectSearch(project)
    first.search("reminder")
    first.close()
    for path in index_folder(project.path).iterdir():
        if path.is_file() and path.name != "fingerprint.json":
            path.write_bytes(b"\x00garbage" * 10)
    again = ProjectSearch(project)
    results = again.search("reminder")
    assert results.total == 5
    assert_exact(project, results)
    again.close()


def test_a_document_imported_while_the_index_is_open_is_found(project, search, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert search.search("lighthouse").total == 0
    path = tmp_path / "C.txt"
    path.write_text("Interviewer: And then?\nP03: The lighthouse reminders were kind.\n", encoding="utf-8")
    report = project.import_files([path], case="P03")
    assert report.imported
    results = search.search("lighthouse")
    assert [h.document for h in results.hits] == ["C"]
    assert_exact(project, results)


def test_a_stale_index_from_before_an_import_is_updated_on_next_use(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ProjectSearch(project).search("reminder")  # cache written, then the project changes behind it
    _add(project, "C", "P03: lighthouse keeper", "P03")
    fresh = ProjectSearch(project)
    assert fresh.search("lighthouse").total == 1
    fresh.close()


def test_deleting_and_undoing_a_document_updates_the_index(project, search) -> None:  # type: ignore[no-untyped-def]
    assert search.search("breathe").total == 1
    project.delete_document("B")
    assert search.search("breathe").total == 0
    project.undo()
    assert search.search("breathe").total == 1


def test_renaming_a_case_updates_the_case_filter(project, search) -> None:  # type: ignore[no-untyped-def]
    project.rename_case("P02", "Participant 2")
    assert search.search("reminded", cases=["Participant 2"]).total == 1


def test_speaker_case_and_attribute_filters(project, search) -> None:  # type: ignore[no-untyped-def]
    project.define_attribute("gender")
    project.set_case_value("P02", "gender", "woman")
    assert search.search("reminder", speakers=["Interviewer"]).total == 1
    assert search.search("judged", cases=["P02"]).total == 1
    assert {h.document for h in search.search("judged", attributes=["gender=woman"]).hits} == {"B"}
    with pytest.raises(QueryError):
        search.search("judged", attributes=["gender"])


def test_code_filters_include_descendants_of_the_named_code(project, search) -> None:  # type: ignore[no-untyped-def]
    text = project.text("A")
    start = text.index("Honestly")
    project.add_coding("A", start, text.index(".", start) + 1, "Judgement/Felt judged", "amira")
    inside = search.search("judged", codes=["Judgement"])
    assert [(h.document, h.text) for h in inside.hits] == [("A", "judged")]
    outside = search.search("judged", exclude_codes=["Judgement"])
    assert [h.document for h in outside.hits] == ["B"]
    with pytest.raises(QueryError, match="no code"):
        search.search("judged", codes=["Nope"])


def test_coding_hits_creates_exactly_the_previewed_codings_and_undoes_in_one_step(project, search) -> None:  # type: ignore[no-untyped-def]
    hits = search.search("reminder").hits
    plan = search.plan_coding(hits, "Reminders", "amira", "sentence")
    texts = [r.text for r in plan.ranges]
    assert "P01: The reminders 😰😰 were constant." in texts
    assert len(set((r.document_id, r.start, r.end) for r in plan.ranges)) == len(plan.ranges)
    before = project.codings()
    change = search.apply_coding(plan)
    assert change is not None and change.label == plan.label == f"Code {len(plan.ranges)} search hits as 'Reminders'"
    created = [c for c in project.codings() if c not in before]
    assert sorted((c.document_id, c.start, c.end) for c in created) == [
        (r.document_id, r.start, r.end) for r in plan.ranges
    ]
    for c, r in zip(sorted(created, key=lambda c: (c.document_id, c.start)), plan.ranges, strict=True):
        assert project.text(c.document_id)[c.start : c.end] == r.text
    project.undo()
    assert project.codings() == before


def test_coding_the_same_hits_again_skips_existing_codings_by_that_coder(project, search) -> None:  # type: ignore[no-untyped-def]
    hits = search.search("judged").hits
    first, _ = code_hits(search, hits, "Judgement", "amira")
    second = search.plan_coding(hits, "Judgement", "amira")
    assert second.ranges == () and second.skipped == len(first.ranges) == 2
    other = search.plan_coding(hits, "Judgement", "ben")
    assert len(other.ranges) == 2
    assert search.apply_coding(second) is None


def test_a_declined_preview_writes_nothing(project, search) -> None:  # type: ignore[no-untyped-def]
    plan, change = code_hits(search, search.search("judged").hits, "Judgement", "amira", "turn",
                             confirm=lambda plan: False)
    assert change is None and len(plan.ranges) == 2 and project.codings() == []
    assert all(r.text.startswith("P0") for r in plan.ranges)


def test_an_unwritable_index_folder_does_not_stop_searching(project, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "blocked"
    blocker.write_text("not a folder")
    s = ProjectSearch(project, folder=blocker / "index")
    assert s.search("reminder").total == 5
    s.close()


def test_a_background_build_reads_the_project_first_and_then_needs_no_project(project: Project) -> None:
    search = ProjectSearch(project)
    assert search.needs_build()
    steps: list[tuple[int, int]] = []
    job = search.build_job(lambda done, total: steps.append((done, total)))  # reads the documents here
    job()
    assert steps == [(0, 2), (1, 2)], "progress before each document"
    assert not search.needs_build()
    assert search.search("breathe").total == 1
    search.close()


def test_closing_stops_a_background_build_at_the_next_document(tmp_path: Path) -> None:
    import threading
    import time

    project = new_project(tmp_path / "big.fqa")
    words = ("reminder trust app felt like session the I and " * 600).strip()
    for i in range(60):
        project.add_document(f"P{i:02d}", "\n".join(f"P{i:02d}: {words}" for _ in range(4)))
    search = ProjectSearch(project)
    job = search.build_job()
    worker = threading.Thread(target=lambda: _swallow(job))
    worker.start()
    time.sleep(0.3)
    started = time.perf_counter()
    search.close()
    worker.join(timeout=30)
    assert not worker.is_alive()
    assert time.perf_counter() - started < 5, "close waited for the whole build"
    after = ProjectSearch(project)
    assert after.needs_build(), "a half-built index was kept as current"
    for i in range(1, 60):  # a small project now, so that rebuilding in the same folder is quick
        project.delete_document(f"P{i:02d}")
    index = after.index()
    assert not index.is_in_memory  # rebuilt from scratch, in its folder
    assert after.search("reminder").total > 0
    project.close()


def _swallow(job) -> None:  # type: ignore[no-untyped-def]
    try:
        job()
    except Exception:
        pass
