"""Where, inside one paragraph, the words a query asked for occur."""

from __future__ import annotations

from .syntax import Leaf, PhraseLeaf, WordLeaf
from .words import word_spans


def occurrences(paragraph_text: str, leaves: list[Leaf]) -> list[tuple[int, int]]:
    """Sorted, distinct (start, end) spans in code points of `paragraph_text`, one per matched occurrence.

    A word matches a WordLeaf when its stem (or folded form, for exact leaves) is one of the leaf's terms;
    a phrase spans from the start of its first word to the end of its last.
    """
    if not leaves:
        return []
    initials = {term[:1] for leaf in leaves if leaf.stemmed
                for term in (leaf.terms if isinstance(leaf, WordLeaf) else leaf.words)}
    words = word_spans(paragraph_text, initials)
    found: set[tuple[int, int]] = set()
    for leaf in leaves:
        form = 3 if leaf.stemmed else 2
        if isinstance(leaf, WordLeaf):
            found.update((w[0], w[1]) for w in words if w[form] in leaf.terms)
        else:
            found.update(_phrase_spans(words, leaf, form))
    return sorted(found)


def _phrase_spans(
    words: list[tuple[int, int, str, str]], leaf: PhraseLeaf, form: int
) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    first, rest = leaf.words[0], leaf.words[1:]
    for index, word in enumerate(words):
        if word[form] != first:
            continue
        position = index
        for wanted in rest:
            window = words[position + 1 : position + 1 + leaf.slop]
            step = next((k for k, w in enumerate(window) if w[form] == wanted), None)
            if step is None:
                break
            position += 1 + step
        else:
            spans.append((word[0], words[position][1]))
    return spans
