"""Project commands run from widgets report user-facing errors instead of raising them."""

from __future__ import annotations

import pytest

from framework_qa.core.errors import FqaError
from framework_qa.gui.dialogs.errors import reporting


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
