"""Publishing a project file to a real PostgreSQL database and checking it out again, row for row."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from framework_qa import open_project
from framework_qa.core.errors import FqaError
from framework_qa.core.storage.schema import COPY_ORDER
from framework_qa.core.team import checkout, history, publish
from tests.core.team.study import build_study, tables


@pytest.fixture
def study(tmp_path: Path) -> Path:
    return build_study(tmp_path / "study.fqa")


def test_publish_copies_every_table_row_for_row_with_ids_kept(study: Path, server_address: str) -> None:
    report = publish(study, server_address)
    with open_project(study) as source, open_project(server_address) as published:
        expected = tables(source)
        assert all(expected[t] for t in COPY_ORDER), "the study must have rows of every kind"
        assert tables(published) == expected
        assert report.rows == {t: len(rows) for t, rows in expected.items()}
        assert not published.undo_stack.can_undo
        assert [e.record.label for e in history(published)] == ["Publish study.fqa"]
        assert published.views("matrix")["Alliance by gender"]["group_by"] == "gender"


def test_new_rows_on_the_published_project_get_fresh_ids(study: Path, server_address: str) -> None:
    publish(study, server_address)
    with open_project(server_address) as published:
        highest = {t: max(r["id"] for r in published.store.select(t, ("id",))) for t in ("codings", "codes")}
        change = published.add_coding("P01", 0, 5, "Late theme", "amira", emergent=True)
        assert change.created_id("codings") > highest["codings"]
        assert change.created_id("codes") > highest["codes"]
        assert published.undo() is not None and published.find_code("Late theme") is None


def test_publishing_into_a_database_that_holds_a_project_is_refused_in_one_line(
        study: Path, server_address: str) -> None:
    publish(study, server_address)
    with open_project(server_address) as published:
        before = tables(published)
    with pytest.raises(FqaError, match="already holds a project; publishing needs an empty database") as caught:
        publish(study, server_address)
    assert "\n" not in str(caught.value)
    with open_project(server_address) as published:
        assert tables(published) == before


def test_publishing_into_a_database_with_other_tables_is_refused(study: Path, server_address: str) -> None:
    with psycopg.connect(server_address, autocommit=True) as conn:
        conn.execute("CREATE TABLE somebody_elses (x int)")
    with pytest.raises(FqaError, match="the database is not empty"):
        publish(study, server_address)


def test_publish_wants_a_server_address_and_an_existing_file(study: Path, tmp_path: Path,
                                                             server_address: str) -> None:
    with pytest.raises(FqaError, match="publish to a server address"):
        publish(study, str(tmp_path / "other.fqa"))
    with pytest.raises(FqaError, match="no such project file"):
        publish(tmp_path / "missing.fqa", server_address)


def test_checkout_gives_a_file_equal_to_the_server_project(study: Path, server_address: str,
                                                           tmp_path: Path) -> None:
    publish(study, server_address)
    report = checkout(server_address, tmp_path / "copy.fqa")
    assert report.target == "copy.fqa" and "@" not in report.source
    with open_project(study) as source, open_project(tmp_path / "copy.fqa") as copy:
        assert tables(copy) == tables(source)
        assert [e.record.label for e in history(copy)][-1].startswith("Check out from ")
        change = copy.add_coding("P02", 0, 4, "Working alliance/Bond", "ben")
        assert change.created_id("codings") > max(c.id for c in source.codings())


def test_checkout_never_overwrites_a_file(study: Path, server_address: str, tmp_path: Path) -> None:
    publish(study, server_address)
    existing = tmp_path / "copy.fqa"
    existing.write_text("my notes")
    with pytest.raises(FqaError, match="already exists"):
        checkout(server_address, existing)
    assert existing.read_text() == "my notes"
