"""The SQLite store's named reads and the before-image, read back from a real project file.

What the project layer and the window rely on: counts per code for the chosen coders (the codebook's
count column, a copy's coder totals), codings filtered by document, code, coder and memo in reading
order, the change feed as history (`feed_records`), the plain tuples behind the framework matrix and an
agreement report, a whole-project load (`load_rows`), and the image of a row before a command changes it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from framework_qa import Project, new_project
from framework_qa.core.errors import FqaError
from framework_qa.core.storage import Store
from framework_qa.core.storage.schema import COPY_ORDER
from framework_qa.core.storage.sql_store import login_name, utc_now

TEXT = "Interviewer: Hi.\n\nP01: The reminders helped a lot, and the app felt like a friend."


def _study(path: Path) -> Project:
    """Two documents coded by amira (memo on one) and ben; codings share starts to test the order."""
    project = new_project(path, ["alliance"])
    project.add_document("P01", TEXT)
    project.add_document("P02", TEXT)
    project.add_coding("P01", 18, 40, "Working alliance/Bond", "amira", "reminders as care")
    project.add_coding("P01", 18, 30, "Working alliance/Task", "amira")
    project.add_coding("P01", 18, 30, "Working alliance/Bond", "ben")
    project.add_coding("P02", 0, 11, "Working alliance/Bond", "amira")
    project.add_coding("P01", 2, 5, "Working alliance/Goal", "ben")
    return project


@pytest.fixture
def study_file(tmp_path: Path) -> Iterator[Project]:
    project = _study(tmp_path / "study.fqa")
    yield project
    project.close()


@pytest.fixture(params=["file", "postgresql"])
def study(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Project]:
    """The study in a project file, and on a PostgreSQL server: the same reads, the same rows. The server
    is stricter about SQL spelling than SQLite (quoted names match their case, `IN ()` is an error)."""
    where = tmp_path / "study.fqa" if request.param == "file" else request.getfixturevalue("server_address")
    project = _study(where)
    yield project
    project.close()


def _ids(project: Project) -> tuple[int, int, int, int, int]:
    code = project.code
    return (code("Working alliance/Bond").id, code("Working alliance/Task").id, code("Working alliance/Goal").id,
            project.coder("amira").id, project.coder("ben").id)


def test_coding_counts_per_code_for_all_some_and_no_coders(study: Project) -> None:
    bond, task, goal, amira, ben = _ids(study)
    store = study.store
    assert store.coding_counts() == {bond: 3, task: 1, goal: 1}
    assert store.coding_counts([amira]) == {bond: 2, task: 1}
    assert store.coding_counts([ben]) == {bond: 1, goal: 1}
    assert store.coding_counts(iter([amira, ben])) == {bond: 3, task: 1, goal: 1}
    assert store.coding_counts([]) == {}
    assert study.coding_counts(["ben"]) == {bond: 1, goal: 1}


def test_codings_are_filtered_by_document_code_coder_and_memo_in_reading_order(study: Project) -> None:
    bond, task, goal, amira, ben = _ids(study)
    store = study.store
    p01, p02 = study.document("P01").id, study.document("P02").id
    every = store.codings()
    # document, then start, then end, then id (ben's Bond came after amira's Task at the same span)
    assert [(c["document_id"], c["start"], c["end"], c["code_id"]) for c in every] == [
        (p01, 2, 5, goal), (p01, 18, 30, task), (p01, 18, 30, bond), (p01, 18, 40, bond), (p02, 0, 11, bond)]
    assert list(every[0]) == ["id", "document_id", "code_id", "coder_id", "start", "end", "memo", "created_at",
                              "guid"]
    assert every[1]["id"] < every[2]["id"]
    assert [c["code_id"] for c in store.codings(document_ids=[p02])] == [bond]
    assert [(c["document_id"], c["start"], c["end"]) for c in store.codings(code_ids=[bond])] == [
        (p01, 18, 30), (p01, 18, 40), (p02, 0, 11)]
    assert [c["code_id"] for c in store.codings(coder_ids=[ben])] == [goal, bond]
    assert [c["code_id"] for c in store.codings(code_ids=iter([task, goal]))] == [goal, task]
    assert [(c["coder_id"], c["start"]) for c in store.codings(document_ids=[p01], code_ids=[bond],
                                                                coder_ids=[amira])] == [(amira, 18)]
    memos = store.codings(with_memo=True)
    assert [(c["code_id"], c["memo"]) for c in memos] == [(bond, "reminders as care")]
    assert store.codings(with_memo=True, coder_ids=[ben]) == []
    assert store.codings(document_ids=[]) == store.codings(code_ids=[]) == store.codings(coder_ids=[]) == []
    assert [c.start for c in study.codings(document="P01", coders=["ben"])] == [2, 18]


def test_select_filters_by_equality_and_orders_by_id_unless_told(study: Project) -> None:
    store = study.store
    p01 = study.document("P01").id
    rows = store.select("codings", document_id=p01)  # the index on (document, start) would give start order
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows) and len(rows) == 4
    assert [r["start"] for r in store.select("codings", ("start",), order_by="start", document_id=p01)] == [
        2, 18, 18, 18]
    assert [r["name"] for r in store.select("cases", ("name",))] == ["P01", "P02"]
    assert store.select("codings", ("start", "end"), coder_id=study.coder("ben").id) == [  # "end" is SQL's word
        {"start": 18, "end": 30}, {"start": 2, "end": 5}]
    assert store.select("codes", ("name",), parent_id=None) == [{"name": "Working alliance"}]


def test_update_reads_the_before_image_undo_puts_back(study: Project) -> None:
    store = study.store
    coding_id = store.codings(with_memo=True)[0]["id"]
    row = store.row("codings", coding_id)
    with store.transaction() as journal:
        store.update("codings", coding_id, {"memo": "changed"})
    assert len(journal) == 1
    entry = journal[0]
    assert (entry.table, entry.id, entry.before) == ("codings", coding_id, row)  # every column, as it was
    assert entry.after is not None and entry.after["memo"] == "changed"
    store.replay(journal, backwards=True, label="Edit memo")
    assert store.row("codings", coding_id) == row


def test_a_row_gone_before_the_change_is_named_or_skipped(study: Project) -> None:
    store = study.store
    with pytest.raises(FqaError, match=r"^coding 9999 no longer exists \(another program may have deleted it\)$"):
        with store.transaction():
            store.update("codings", 9999, {"memo": "x"})
    with store.transaction() as journal:
        store.delete("codings", 9999)  # deleting what is already gone is no change
    assert journal == []
    first = store.codings()[0]
    with store.transaction() as journal:
        store.delete("codings", first["id"])
    assert [(e.table, e.id, e.after) for e in journal] == [("codings", first["id"], None)]
    before = journal[0].before
    assert before is not None and {k: before[k] for k in first} == first  # the whole row, for an undo
    assert store.row("codings", first["id"]) is None


def test_feed_records_are_the_history_filtered_by_sequence_time_and_account(tmp_path: Path) -> None:
    path = tmp_path / "study.fqa"
    new_project(path).close()
    amira, ben = Store(path), Store(path)
    amira._who, ben._who = "amira", "ben"  # type: ignore[misc]  # the accounts the writes are stamped with
    try:
        for store, name in ((amira, "A"), (ben, "B"), (amira, "C")):
            with store.transaction():
                case_id = store.insert("cases", {"name": name, "guid": f"g-{name}"})
                store.record_change(f"Add case {name}", "do", {"cases": [case_id]}, [])
        records = ben.feed_records()
        assert [(r.who, r.label, r.action) for r in records] == [
            ("amira", "Add case A", "do"), ("ben", "Add case B", "do"), ("amira", "Add case C", "do")]
        assert records[0].rows == {"cases": (1,)} and records[0].documents == ()
        assert records[0].writer == amira.writer_id and records[1].writer == ben.writer_id
        seqs = [r.seq for r in records]
        assert seqs == sorted(seqs)
        assert [r.seq for r in ben.feed_records(since_seq=seqs[0])] == seqs[1:]
        assert [r.label for r in ben.feed_records(who="amira")] == ["Add case A", "Add case C"]
        assert [r.label for r in ben.feed_records(since_seq=seqs[0], who="amira")] == ["Add case C"]
        last = records[-1].at
        assert records[-1] in ben.feed_records(since_at=last)  # at or after: the boundary is included
        assert ben.feed_records(since_at="2999-01-01") == []
        assert len(ben.feed_records(since_at="2000-01-01")) == 3
        assert ben.feed_records(who="nobody") == []
    finally:
        amira.close()
        ben.close()


def test_load_rows_copies_rows_with_their_ids_unjournaled_and_only_inside_a_transaction(study_file: Project,
                                                                                       tmp_path: Path) -> None:
    source = study_file.store
    target = Store(tmp_path / "copy.fqa", create=True)
    try:
        with pytest.raises(RuntimeError, match=r"^load_rows must run inside Store.transaction\(\)$"):
            target.load_rows("cases", [{"id": 7, "name": "P07", "guid": "g7"}])
        with target.transaction() as journal:
            for table in COPY_ORDER:  # parents first
                target.load_rows(table, source.select(table))
            target.ids_loaded()
        assert journal == []
        assert target.codings() == source.codings()
        assert target.select("codes") == source.select("codes")
        assert target.documents_meta() == source.documents_meta()
        with pytest.raises(ValueError, match="unknown table"):
            with target.transaction():
                target.load_rows("nothing", [])
    finally:
        target.close()


def test_coding_tuples_and_intervals_feed_the_matrix_and_agreement(study: Project) -> None:
    bond, task, goal, amira, ben = _ids(study)
    store = study.store
    p01, p02 = study.document("P01").id, study.document("P02").id
    tuples = [tuple(t) for t in store.coding_tuples()]
    assert [(d, s, e) for d, _, _, s, e in tuples] == [(p01, 2, 5), (p01, 18, 30), (p01, 18, 30), (p01, 18, 40),
                                                        (p02, 0, 11)]
    assert sorted(tuples) == sorted([(p01, goal, ben, 2, 5), (p01, task, amira, 18, 30),
                                     (p01, bond, ben, 18, 30), (p01, bond, amira, 18, 40),
                                     (p02, bond, amira, 0, 11)])
    assert sorted(tuple(t) for t in store.coding_intervals([amira, ben])) == sorted(tuples)
    assert sorted(tuple(t) for t in store.coding_intervals(iter([ben]))) == sorted([(p01, bond, ben, 18, 30),
                                                                                    (p01, goal, ben, 2, 5)])
    assert store.coding_intervals([]) == []


def test_a_copy_over_a_stale_partial_file_or_through_another_spelling(study_file: Project,
                                                                      tmp_path: Path) -> None:
    store = study_file.store
    (tmp_path / ".copy.fqa.partial").write_text("left behind by a copy that was cut off")
    store.backup_to(tmp_path / "copy.fqa")
    copy = Store(tmp_path / "copy.fqa")
    try:
        assert copy.codings() == store.codings()
    finally:
        copy.close()
    assert not (tmp_path / ".copy.fqa.partial").exists()
    (tmp_path / "sub").mkdir()
    with pytest.raises(FqaError, match=r"^study.fqa: that is the open project itself; choose another name$"):
        store.backup_to(tmp_path / "sub" / ".." / "study.fqa")


def test_a_copy_onto_a_folder_names_the_reason_and_leaves_no_partial_file(study_file: Project,
                                                                          tmp_path: Path) -> None:
    (tmp_path / "folder.fqa").mkdir()
    with pytest.raises(FqaError, match=r"^folder.fqa: cannot write the copy \(Is a directory\)$"):
        study_file.store.backup_to(tmp_path / "folder.fqa")
    assert not (tmp_path / ".folder.fqa.partial").exists()
    assert (tmp_path / "folder.fqa").is_dir()


def test_a_program_without_a_login_name_stamps_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    def no_login() -> str:
        raise OSError("No username set in the environment")
    monkeypatch.setattr(getpass, "getuser", no_login)
    assert login_name() == "unknown"


def test_a_change_by_another_account_keeps_who_created_the_row(tmp_path: Path) -> None:
    path = tmp_path / "study.fqa"
    new_project(path).close()
    amira, ben = Store(path), Store(path)
    amira._who, ben._who = "amira", "ben"  # type: ignore[misc]
    try:
        with amira.transaction():
            case_id = amira.insert("cases", {"name": "P01", "guid": "g1"})
        with ben.transaction():
            ben.update("cases", case_id, {"name": "P01 (pilot)"})
        row = ben.row("cases", case_id)
        assert row is not None
        assert (row["name"], row["created_by"], row["changed_by"]) == ("P01 (pilot)", "amira", "ben")
    finally:
        amira.close()
        ben.close()


def test_a_documents_text_and_spans_are_read_alone_and_a_missing_one_is_none(study: Project) -> None:
    store = study.store
    p01 = study.document("P01").id
    assert store.document_text(p01) == TEXT
    assert isinstance(store.document_spans(p01), str)
    assert store.document_text(9999) is None
    assert store.document_spans(9999) is None


def test_writes_outside_a_transaction_are_refused(study: Project) -> None:
    with pytest.raises(RuntimeError, match=r"^writes must happen inside Store.transaction\(\)$"):
        study.store.insert("cases", {"name": "P09", "guid": "g9"})
    case_id = study.case("P01").id
    with pytest.raises(RuntimeError, match="inside Store.transaction"):
        study.store.update("cases", case_id, {"name": "P01 (pilot)"})
    with pytest.raises(RuntimeError, match="inside Store.transaction"):
        study.store.delete("summaries", 1)
    assert study.find_case("P09") is None  # refused before SQLite could commit it on its own
    assert study.case(case_id).name == "P01"


def test_time_stamps_are_utc_to_the_second_whatever_the_local_zone(study_file: Project,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt
    import time

    monkeypatch.setenv("TZ", "Pacific/Auckland")  # 11 to 13 hours ahead of UTC
    time.tzset()
    try:
        stamp = utc_now()
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp)
    assert abs(dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ") - now) < dt.timedelta(seconds=5)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r.at) for r in study_file.store.feed_records())
