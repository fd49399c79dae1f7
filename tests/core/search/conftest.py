"""Small transcripts with emoji, combining accents and non-Latin scripts, and an index over them."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework_qa.core.search import IndexDocument, SearchIndex, fingerprint_for


def transcript(
    doc_id: int, name: str, case: str | None, turns: list[tuple[str | None, str]]
) -> IndexDocument:
    """Joins turns with "\\n" and records each turn's span."""
    text = ""
    paragraphs = []
    for speaker, words in turns:
        if text:
            text += "\n"
        paragraphs.append((len(text), len(text) + len(words), speaker))
        text += words
    return IndexDocument(doc_id, name, case, text, paragraphs)


def sample_documents() -> list[IndexDocument]:
    return [
        transcript(
            1,
            "Interview P03",
            "P03",
            [
                ("Interviewer", "How did you feel at work? 🙂"),
                (
                    "P03",
                    "I felt anxious 😰😰 every morning. It reminded me of school, the reminders were 👨‍👩‍👧 constant.",
                ),
                (
                    "P03",
                    "My manager, a kind woman, said the cafe\u0301 was closed. Then I worried about money.",
                ),
            ],
        ),
        transcript(
            2,
            "Interview P04",
            "P04",
            [
                ("Interviewer", "Τι σκέφτεστε για τη δουλειά;"),
                ("P04", "Η δουλειά είναι δύσκολη 😅 αλλά το άγχος είναι μικρό. 我 很 焦虑 关于 工作。"),
                ("P04", "مرحبا بِكُم في العمل 🌍 and I felt anxious too, but not anxiously."),
            ],
        ),
        transcript(
            3,
            "Focus group",
            None,
            [
                (None, "Nobody felt calm. Remind everyone 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 words: anxious anxious."),
            ],
        ),
    ]


DOCS_BY_ID = {d.id: d for d in sample_documents()}


def check_offsets(results) -> None:  # type: ignore[no-untyped-def]
    """Every hit's text is exactly the document's text at its offsets, and its context is contiguous."""
    for hit in results.hits:
        text = DOCS_BY_ID[hit.document_id].text
        assert text[hit.start : hit.end] == hit.text
        assert text[hit.start - len(hit.context_before) : hit.end + len(hit.context_after)] == (
            hit.context_before + hit.text + hit.context_after
        )


@pytest.fixture
def documents() -> list[IndexDocument]:
    return sample_documents()


@pytest.fixture
def index(tmp_path: Path, documents: list[IndexDocument]) -> SearchIndex:
    return SearchIndex.open_or_build(
        tmp_path / "demo.fqa.index", fingerprint_for(documents), lambda: documents
    )


@pytest.fixture
def assert_exact():  # type: ignore[no-untyped-def]
    return check_offsets


@pytest.fixture
def make_transcript():  # type: ignore[no-untyped-def]
    return transcript
