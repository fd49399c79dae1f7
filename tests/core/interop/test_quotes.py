"""Finding a quoted passage: exact, then tolerant of whitespace and typographic quotes; never a guess."""

from __future__ import annotations

import pytest

from framework_qa.core.errors import FqaError
from framework_qa.core.interop.quotes import find_quote

TEXT = "Interviewer: Why?\nP03: I didn't want them to think I'm \"lazy\".\nP03: I didn't, honestly. 😅 Right.\n"


def test_exact_quotes_give_code_point_ranges_after_an_emoji() -> None:
    start, end = find_quote(TEXT, "Right.")
    assert TEXT[start:end] == "Right." and start == TEXT.index("Right.")


def test_typographic_apostrophes_quotes_and_line_breaks_match_their_plain_forms() -> None:
    start, end = find_quote(TEXT, "them to think I’m “lazy”")
    assert TEXT[start:end] == "them to think I'm \"lazy\""
    start, end = find_quote(TEXT, "Why?  P03:")
    assert TEXT[start:end] == "Why?\nP03:"


def test_a_quote_found_twice_needs_an_occurrence() -> None:
    with pytest.raises(FqaError, match=r"appears 2 times \(at 23-31, 68-76\); give an occurrence \(1-2\)"):
        find_quote(TEXT, "I didn't")
    assert find_quote(TEXT, "I didn't", 2) == (68, 76)
    with pytest.raises(FqaError, match="occurrence 3 of quote .* appears 2 times"):
        find_quote(TEXT, "I didn't", 3)


def test_missing_and_empty_quotes_are_refused() -> None:
    with pytest.raises(FqaError, match="quote not found: 'never said'"):
        find_quote(TEXT, "never said")
    with pytest.raises(FqaError, match="the quote is empty"):
        find_quote(TEXT, "   ")
