"""The reads a window makes as it opens, on both back ends: only the codings that carry a memo (the memo
list), and writes still stamped with who made them although a project opens without asking."""

from __future__ import annotations

from framework_qa import Project, open_project
from framework_qa.core.addresses import is_server_address
from framework_qa.core.storage.sql_store import login_name


def _coded(project: Project) -> Project:
    project.add_document("P01", "Interviewer: Why?\nP01: I trusted it. Robin felt real.\n")
    project.add_document("P02", "Interviewer: Why?\nP02: Reminders nagged me.\n")
    project.add_coding("P01", 23, 37, "Working alliance/Bond", "amira", "trust, not the app")
    project.add_coding("P01", 0, 17, "Working alliance/Goal", "amira")
    project.add_coding("P02", 23, 40, "Persuasive Systems Design/Dialogue support/Reminders", "ben", "nagging")
    project.add_coding("P02", 0, 17, "Working alliance/Task", "ben", "")
    return project


def test_only_codings_with_a_memo_are_read_when_asked(project: Project) -> None:
    _coded(project)
    with_memo = project.codings(with_memo=True)
    assert [(c.document_id, c.start, c.memo) for c in with_memo] == [
        (project.document("P01").id, 23, "trust, not the app"), (project.document("P02").id, 23, "nagging")]
    assert with_memo == [c for c in project.codings() if c.memo]  # the same records, in the same order
    assert [c.memo for c in project.codings(document="P02", with_memo=True)] == ["nagging"]
    assert project.codings(coders=["amira"], with_memo=True) == with_memo[:1]


def test_a_write_is_stamped_with_the_login_after_an_opening_that_did_not_look_it_up(project: Project) -> None:
    _coded(project)
    first = project.store.row("codings", project.codings()[0].id)
    assert first is not None and first["created_by"] and first["changed_by"] == first["created_by"]
    if is_server_address(project.location):
        return  # a server stamps its own login, session_user (see the server tests); the rest is about files
    assert first["created_by"] == login_name()
    with open_project(project.path) as again:  # a second program on the file: it too stamps the login
        change = again.add_coding("P02", 18, 22, "Working alliance/Goal", "amira")
        row = again.store.row("codings", change.created_id("codings"))
    assert row is not None and row["created_by"] == row["changed_by"] == login_name()


def test_paragraphs_are_counted_as_the_spans_list_them(project: Project) -> None:
    _coded(project)
    project.add_document("P03", "Interviewer: One?\n\nP03: Two.\nThree.\n")
    for document in project.documents():
        assert project.paragraph_count(document) == len(project.spans(document))  # read, then from the cache
        assert project.paragraph_count(document.name) == len(project.spans(document.id))
    assert project.paragraph_count("P03") == 3


def test_the_agreement_read_gives_the_chosen_coders_codings_whether_all_or_some_are_chosen(project: Project) -> None:
    """Every coder chosen: the store reads the table in one pass; some: through the coder index."""
    _coded(project)
    project.add_coding("P01", 0, 11, "Working alliance/Goal", "carla")
    every = {(c.document_id, c.code_id, c.coder_id, c.start, c.end) for c in project.codings()}
    ids = {c.name: c.id for c in project.coders()}
    for chosen in (["amira", "ben", "carla"], ["amira", "ben"], ["carla"], ["ben", "carla", "amira", "ben"]):
        wanted = {ids[name] for name in chosen}
        got = project.store.coding_intervals([ids[name] for name in chosen])
        assert sorted(got) == sorted(t for t in every if t[2] in wanted), chosen
