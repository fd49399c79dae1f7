"""The change feed between two programs on one SQLite file: what one committed, the other's `news()` tells
(its own writes left out), records are pruned after `feed.KEEP`, and a reader that missed pruned records
is told to reset. Two real connections to one project file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from framework_qa import new_project
from framework_qa.core.storage import FeedNews, Store
from framework_qa.core.storage.feed import KEEP, PRUNE_EVERY, parse_news, prune_sql, summarise, to_record

TEXT = "Interviewer: Why?\nP01: Because it helped.\n"


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    path = tmp_path / "study.fqa"
    with new_project(path, ["alliance"]) as project:
        project.add_document("P01", TEXT)
        project.add_coder("amira")
    amira, ben = Store(path), Store(path)
    amira._who, ben._who = "amira", "ben"  # type: ignore[misc]  # the accounts the writes are stamped with
    yield amira, ben
    amira.close()
    ben.close()


def _add_case(store: Store, name: str) -> int:
    with store.transaction():
        case_id = store.insert("cases", {"name": name, "guid": f"g-{name}"})
        store.record_change(f"Add case {name}", "do", {"cases": [case_id]}, [])
    return case_id


def _code(store: Store, start: int) -> tuple[int, int]:
    """One coding as a command: (coding id, document id)."""
    doc = store.documents_meta()[0]["id"]
    code = store.select("codes", ("id",), name="Bond")[0]["id"]
    coder = store.select("coders", ("id",))[0]["id"]
    with store.transaction() as journal:
        coding_id = store.insert("codings", {"document_id": doc, "code_id": code, "coder_id": coder, "start": start,
                                             "end": start + 5, "created_at": "2026-11-30T09:00:00Z",
                                             "guid": f"c{start}"})
        tables, docs = summarise(journal)
        store.record_change("Code as 'Bond'", "do", tables, docs)
    return coding_id, doc


def test_a_reader_hears_of_another_programs_command_once(pair: tuple[Store, Store]) -> None:
    amira, ben = pair
    assert ben.news() is None
    coding_id, doc = _code(amira, 0)
    news = ben.news()
    assert news is not None and not news.reset
    [record] = news.records
    assert (record.who, record.writer, record.label, record.action) == ("amira", amira.writer_id, "Code as 'Bond'",
                                                                        "do")
    assert record.rows == {"codings": (coding_id,)} and record.documents == (doc,)
    assert ben.news() is None  # heard once
    assert amira.news() is None  # its own command is no news to the writer


def test_a_readers_own_commands_are_left_out_but_not_what_came_in_between(pair: tuple[Store, Store]) -> None:
    amira, ben = pair
    _add_case(amira, "S01")
    _add_case(ben, "S02")  # ben's own record comes after amira's, which ben has not read yet
    _add_case(amira, "S03")
    news = ben.news()
    assert news is not None and not news.reset
    assert [r.label for r in news.records] == ["Add case S01", "Add case S03"]
    _add_case(ben, "S04")
    assert ben.news() is None
    _add_case(amira, "S05")
    news = ben.news()
    assert news is not None and [r.label for r in news.records] == ["Add case S05"]


def test_an_undo_moves_the_codings_document_too(pair: tuple[Store, Store]) -> None:
    amira, ben = pair
    coding_id, doc = _code(amira, 3)
    with amira.transaction() as journal:
        amira.delete("codings", coding_id)
    assert summarise(journal) == ({"codings": {coding_id}}, {doc})
    assert summarise([]) == ({}, set())


def test_records_are_pruned_every_so_often_keeping_the_last_ones(pair: tuple[Store, Store]) -> None:
    amira, ben = pair
    assert prune_sql(PRUNE_EVERY - 1) == [] and prune_sql(PRUNE_EVERY + 1) == []
    last = 12 * PRUNE_EVERY
    conn = sqlite3.connect(amira.path)
    old = (last - KEEP - 1, last - KEEP, last - KEEP + 1, last - 1)
    conn.executemany("INSERT INTO changes (seq, writer, who, at, label, action, rows, documents) "
                     "VALUES (?, 'w', 'ben', '2026-11-30T09:00:00Z', 'old', 'do', '{}', '[]')", [(s,) for s in old])
    conn.commit()
    conn.close()
    _add_case(amira, "S09")  # gets sequence number `last`, a multiple of PRUNE_EVERY
    assert [r.seq for r in amira.feed_records()] == [last - KEEP + 1, last - 1, last]


def test_a_reader_that_missed_pruned_records_is_told_to_reset(pair: tuple[Store, Store]) -> None:
    amira, ben = pair
    _add_case(amira, "S01")
    _add_case(amira, "S02")
    conn = sqlite3.connect(amira.path)
    conn.execute("DELETE FROM changes WHERE label = 'Add case S01'")  # pruned before ben looked
    conn.commit()
    conn.close()
    news = ben.news()
    assert news is not None and news.reset
    assert [r.label for r in news.records] == ["Add case S02"]
    assert ben.news() is None


def test_parse_news_keeps_the_reset_even_when_every_record_is_the_readers_own() -> None:
    row = (7, "me", "ben", "2026-11-30T09:00:00Z", "Add case S01", "do", '{"cases":[3]}', "[2]")
    assert parse_news([], 4, "me") == (None, 4)
    assert parse_news([row], 6, "me") == (None, 7)
    assert parse_news([row], 5, "me") == (FeedNews((), True), 7)
    other = parse_news([row], 6, "you")
    assert other == (FeedNews((to_record(row),), False), 7)
    record = to_record(row)
    assert (record.seq, record.rows, record.documents) == (7, {"cases": (3,)}, (2,))
