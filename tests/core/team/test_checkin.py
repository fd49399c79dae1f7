"""Coding offline in a checked-out copy and checking the codings back in to the server project."""

from __future__ import annotations

from pathlib import Path

from framework_qa import Project, open_project
from framework_qa.core.team import checkin, checkout, history, publish
from tests.core.team.study import build_study


def _ben(project: Project) -> set[tuple[str, str, int, int, str]]:
    ben = project.coder("ben")
    return {(project.document(c.document_id).name, project.code_path(c.code_id), c.start, c.end, c.memo)
            for c in project.codings(coders=[ben.id])}


def test_checkin_brings_back_exactly_the_coders_new_codings_and_reports_the_rest(
        tmp_path: Path, server_address: str) -> None:
    publish(build_study(tmp_path / "study.fqa"), server_address)
    copy = tmp_path / "copy.fqa"
    checkout(server_address, copy)
    with open_project(copy) as offline:
        before = _ben(offline)
        offline.add_coding("P04", 10, 40, "Working alliance/Bond", "ben", "coded on the train")
        offline.add_coding("P04", 50, 60, "Working alliance/Goal", "amira")  # not ben's: stays behind
        offline.add_document("P99", "Interviewer: Anything else?\nP99: No.\n")
        offline.add_coding("P99", 0, 11, "Working alliance/Task", "ben")     # no such document on the server
        offline.add_coding("P05", 0, 9, "Train of thought", "ben", emergent=True)  # no such code there
    with open_project(server_address) as online:
        online.add_coding("P04", 10, 40, "Working alliance/Goal", "amira")  # meanwhile, on the server
        amira_before = len(online.codings(coders=[online.coder("amira").id]))

    report = checkin(copy, server_address, "ben")

    assert report.copied == 1 and report.already_present == len(before)
    assert report.unmatched_documents == ["P99"] and report.unmatched_codes == ["Train of thought"]
    assert sorted((s.document, s.code) for s in report.not_copied) == [
        ("P05", "Train of thought"), ("P99", "Working alliance/Task")]
    with open_project(server_address) as online:
        assert _ben(online) == before | {("P04", "Working alliance/Bond", 10, 40, "coded on the train")}
        assert len(online.codings(coders=[online.coder("amira").id])) == amira_before
        assert history(online)[-1].record.label == "Merge 1 codings of 'ben' from copy.fqa"
    assert checkin(copy, server_address, "ben").copied == 0  # checking in twice adds nothing
