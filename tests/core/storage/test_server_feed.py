"""A server project's change feed: records announced with their content after the commit, read by
colleagues without a round trip, and a record too long to announce read from the table instead."""

from __future__ import annotations

import json
from collections.abc import Iterator

import psycopg
import pytest

from framework_qa import Project, new_project, open_project
from framework_qa.core.errors import ConstraintViolation
from framework_qa.core.project import CodingRequest
from framework_qa.core.storage.server import feed
from framework_qa.core.storage.server.feed import Heard
from tests.core.storage.test_server_store import BOND, TEXT, eventually, scalar


@pytest.fixture
def pair(server_address: str) -> Iterator[tuple[Project, Project]]:
    with new_project(server_address, ["alliance"]) as a:
        a.add_document("P01", TEXT)
        a.undo_stack.clear()
        with open_project(server_address) as b:
            b.poll()
            yield a, b


def test_a_colleagues_record_arrives_inside_its_notification(pair: tuple[Project, Project]) -> None:
    """The feed row is deleted before the colleague looks: the notification alone tells what happened."""
    a, b = pair
    coding = a.add_coding("P01", 18, 33, BOND, "amira").created_id("codings")
    with psycopg.connect(a.location, autocommit=True) as admin:
        admin.execute("DELETE FROM changes")
    [change] = eventually(b.poll)  # type: ignore[misc]
    assert change.remote and not change.reset and change.label == "Code as 'Bond'"
    assert change.ids("codings") == {coding}
    assert b.poll() == []


def test_a_record_too_long_to_announce_is_read_from_the_feed(pair: tuple[Project, Project]) -> None:
    a, b = pair
    requests = [CodingRequest("P01", i % 40, i % 40 + 5, BOND, "amira") for i in range(1500)]
    change = a.add_codings(requests, label="Many")
    assert not feed.announcement(("w", "who", "at", "Many", "do", json.dumps({"codings": list(change.ids("codings"))}),
                                  "[1]"))
    [seen] = eventually(b.poll)  # type: ignore[misc]
    assert seen.label == "Many" and sorted(seen.ids("codings")) == sorted(change.ids("codings"))


def test_a_failed_announcement_leaves_the_command_committed(pair: tuple[Project, Project],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = pair
    monkeypatch.setattr(feed, "ANNOUNCE", ("BEGIN", "SELECT 1 / 0", "COMMIT"))
    change = a.add_coding("P01", 18, 33, BOND, "amira")
    assert scalar(a.location, "SELECT count(*) FROM codings") == 1 and a.undo_stack.can_undo
    monkeypatch.undo()
    a.undo()  # the session is usable, and the undo is announced as usual
    assert scalar(a.location, "SELECT count(*) FROM codings") == 0
    assert [c.action for c in eventually(b.poll)] == ["undo"]  # type: ignore[attr-defined]
    assert change.created_id("codings") is not None


def test_a_failed_command_announces_nothing_and_keeps_the_session_usable(pair: tuple[Project, Project]) -> None:
    """The twin name is refused by the server at the transaction's first statement (sent with BEGIN)."""
    a, b = pair
    twin = {"guid": "g", "parent_id": None, "name": "Working alliance", "colour": "#000000", "origin": "emergent"}
    with pytest.raises(ConstraintViolation, match="a code of this name already exists"):
        a.undo_stack.run("Twin", lambda: a.store.insert("codes", twin))
    a.add_code("Hopeful")
    assert [c.label for c in eventually(b.poll)] == ["Add theme 'Hopeful'"]  # type: ignore[attr-defined]


def test_an_announcement_heard_twice_counts_once() -> None:
    """A project created before announcements carried records also announces the number alone."""
    heard = Heard()
    record = ["writer", "ben", "2026-11-30T10:00:00Z", "Code as 'Bond'", "do", '{"codings":[7]}', "[1]"]
    assert heard.add("12") and heard.add("12 " + json.dumps(record)) and not heard.add("garbage")
    news, top = heard.take(lambda missing: pytest.fail(f"nothing to read, asked {missing}"), "me")
    assert top == 12 and news is not None and not news.reset
    assert [(r.seq, r.who, r.rows) for r in news.records] == [(12, "ben", {"codings": (7,)})]
    assert not heard


def test_a_feed_record_refused_at_commit_time_leaves_nothing_written(pair: tuple[Project, Project],
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The record, the COMMIT and the announcement go in one message; the record's refusal (here an
    action the table's check refuses) stops the COMMIT, and the command fails with nothing written."""
    a, b = pair
    a.add_code("Hopeful")  # the session has committed a record before: the failed one must not count
    assert eventually(b.poll)
    store = type(a.store)
    feed_values = store._feed_values  # type: ignore[attr-defined]
    monkeypatch.setattr(store, "_feed_values", lambda self, *args: (*feed_values(self, *args)[:4], "bogus",
                                                                    *feed_values(self, *args)[5:]))
    with pytest.raises(ConstraintViolation, match="out of range"):
        a.add_coding("P01", 18, 33, BOND, "amira")
    monkeypatch.undo()
    assert scalar(a.location, "SELECT count(*) FROM codings") == 0 and a.undo_stack.undo_label == "Add theme 'Hopeful'"
    a.add_coding("P01", 18, 33, BOND, "amira")
    assert [c.label for c in eventually(b.poll)] == ["Code as 'Bond'"]  # type: ignore[attr-defined]
