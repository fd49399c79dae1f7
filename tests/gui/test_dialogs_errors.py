"""Project commands run from widgets report user-facing errors instead of raising them."""

from __future__ import annotations

import pytest

from framework_qa.core.errors import FqaError
from framework_qa.gui.dialogs.errors import attempt, reported, reporting


def test_a_failed_command_is_reported_and_gives_none() -> None:
    said: list[str] = []

    def fail() -> int:
        raise FqaError("a code named 'Bond' already exists")
    assert reporting(fail, said.append) is None
    assert said == ["a code named 'Bond' already exists"]


def test_a_successful_command_returns_its_result_and_reports_nothing() -> None:
    said: list[str] = []
    assert reporting(lambda: 42, said.append) == 42 and said == []


def test_programming_errors_are_not_swallowed() -> None:
    def broken() -> int:
        raise KeyError("bug")
    with pytest.raises(KeyError):
        reporting(broken, lambda _message: None)


def test_a_refused_block_is_reported_ends_there_and_says_so() -> None:
    said: list[str] = []
    reached: list[str] = []
    with reported(said.append) as outcome:
        reached.append("before")
        raise FqaError("your role in this project does not allow this change")
        reached.append("after")  # never runs
    assert reached == ["before"] and outcome.failed
    assert said == [outcome.message] == ["your role in this project does not allow this change"]


def test_a_block_that_goes_through_reports_nothing() -> None:
    said: list[str] = []
    with reported(said.append) as outcome:
        pass
    assert not outcome.failed and outcome.message == "" and said == []


def test_attempt_tells_whether_the_command_went_through() -> None:
    said: list[str] = []

    def refuse() -> None:
        raise FqaError("no such code: 'Bond'")
    assert attempt(lambda: None, said.append) and said == []
    assert not attempt(refuse, said.append) and said == ["no such code: 'Bond'"]
    with pytest.raises(KeyError):
        attempt(lambda: {}["bug"], said.append)
