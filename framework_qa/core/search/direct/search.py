"""Evaluating a query of plain words or one phrase from the index files, as whoosh's searcher would.

Scores are whoosh's BM25F with its default parameters (what the index's searcher uses): a term's idf
from its document frequency over every segment and the paragraph count (deleted ones included, as
whoosh counts them), each posting's weight and its paragraph's quantised length against the field's
average length. AND and OR add their two terms' scores, left then right; a phrase adds its words' scores
on the exact field in whoosh's binary tree of intersections, and matches where its words stand at
consecutive positions. The tests hold matches, scores, rows and counts equal to whoosh's answers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping
from math import log
from pathlib import Path

from ..hits import SearchResults
from ..matching import occurrences
from ..ranking import Frequencies, assemble, frequency_counts
from ..stamp import INDEX_NAME, stored_stamp
from ..syntax import Leaf, PhraseLeaf, SimpleQuery, WordLeaf
from ..words import pair_term
from . import manifest
from .files import Unreadable
from .lengths import LENGTH_OF_BYTE
from .segment import Segment, TermInfo, positions

WORDS, EXACT, PAIRS = "text", "exact", "pairs"  # stemmed words; folded words with positions; common pairs
B, K1 = 0.75, 1.2  # whoosh's BM25F defaults
MAX_POSTINGS = 100_000
"""Above this many postings a query is left to whoosh's array evaluator, faster per posting once numpy is
imported; below it, reading postings here costs less than that import."""

Scores = dict[int, float]
Score = Callable[[int, float], float]  # (segment docnum, weight) -> score
Matched = tuple[Scores, list[Leaf], dict[int, int] | None]  # scored paragraphs, leaves, occurrences each
Infos = list[TermInfo | None]  # one term's info in each segment


class DirectIndex:
    """The segments of one index folder, opened for reading without whoosh."""

    def __init__(self, segments: list[Segment], paired: frozenset[str]) -> None:
        self._segments = segments
        self._paired = paired
        self._bases = [segment.base for segment in segments]
        self._docs = sum(segment.entry.docs for segment in segments)
        self._document_ranges: tuple[list[int], list[tuple[int, int, int]], dict[int, int]] | None = None

    @classmethod
    def open(cls, folder: Path, fingerprint: str) -> DirectIndex | None:
        """The index in `folder` if its stamp is for `fingerprint` and its manifest matches the files
        there, else None."""
        stamp = stored_stamp(folder)
        if stamp is None or stamp["fingerprint"] != fingerprint:
            return None
        described = manifest.read(str(folder), INDEX_NAME, stamp.get("manifest"))
        if described is None:
            return None
        segments: list[Segment] = []
        base = 0
        try:
            for entry in described.segments:
                segments.append(Segment(str(folder), entry, base, described.columns))
                base += entry.docs
        except Unreadable:
            for segment in segments:
                segment.close()
            return None
        return cls(segments, described.paired)

    def close(self) -> None:
        for segment in self._segments:
            segment.close()

    def search(self, query: SimpleQuery, limit: int | None,
               labels: Mapping[str, Collection[str]] | None = None) -> SearchResults | None:
        """The results of `query` (at most `limit` rows), or None when this reader does not answer it:
        too many postings, or files that do not read as expected. `labels` ({"speaker": values, "case":
        values}, each value as the index holds it: case-folded) keeps only paragraphs holding one of the
        values of each label field given, as whoosh's filter does: scores stay those of the query."""
        try:
            if query.kind == "phrase":
                found = self._phrase(query)
            elif query.kind == "prefix":
                found = self._prefix(query.terms[0])
            else:
                found = self._words(query)
            if found is None:
                return None
            scores, leaves, counts = found
            if labels is not None:
                allowed = self._labelled(labels)
                scores = {docnum: score for docnum, score in scores.items() if docnum in allowed}
            return assemble(scores.items(), self._document_of, self._stored_fields, leaves, limit, counts)
        except Unreadable:
            return None

    def _labelled(self, labels: Mapping[str, Collection[str]]) -> set[int]:
        """The live paragraphs holding, for each label field, one of its values."""
        allowed: set[int] | None = None
        for field, values in labels.items():
            found: set[int] = set()
            for value in values:
                for segment in self._segments:
                    info = segment.term_info(field, value.encode("utf-8"))
                    if info is not None:
                        found.update(segment.base + docnum for docnum, _weight in segment.postings(info)
                                     if docnum not in segment.entry.deleted)
            allowed = found if allowed is None else allowed & found
        return allowed if allowed is not None else set()

    def _infos(self, field: str, terms: list[bytes]) -> list[Infos] | None:
        """Each term's info per segment; None when the terms have more postings than MAX_POSTINGS."""
        infos = [[segment.term_info(field, term) for segment in self._segments] for term in terms]
        if sum(info.doc_frequency for per_term in infos for info in per_term if info) > MAX_POSTINGS:
            return None
        return infos

    def _words(self, query: SimpleQuery) -> Matched | None:
        terms = [term.encode("utf-8") for term in query.terms]
        infos = self._infos(WORDS, terms)
        if infos is None:
            return None
        frequencies: Frequencies = {}
        scores = self._term_scores(WORDS, terms[0], infos[0], frequencies)
        if len(terms) == 2:
            left, right = scores, self._term_scores(WORDS, terms[1], infos[1], frequencies)
            if query.any_of:
                scores = dict(left)
                for docnum, score in right.items():
                    scores[docnum] = scores[docnum] + score if docnum in scores else score
            else:
                scores = {docnum: score + right[docnum] for docnum, score in left.items() if docnum in right}
        leaves: list[Leaf] = [WordLeaf(frozenset([term]), True) for term in query.terms]
        counts = frequency_counts(frequencies, leaves, set(scores))
        return scores, leaves, counts

    def _prefix(self, start: str) -> Matched | None:
        """A word ending in `*`: every exact word form starting with `start`, in term order, as the array
        evaluator answers it (each form's scores added up where forms share a paragraph)."""
        prefix = start.encode("utf-8")
        forms = sorted({term for segment in self._segments for term, _info in segment.field_terms(EXACT, prefix)})
        if not forms:
            return {}, [], {}
        infos = self._infos(EXACT, forms)
        if infos is None:
            return None
        frequencies: Frequencies = {}
        scores: Scores = {}
        for form, per_term in zip(forms, infos, strict=True):
            for docnum, score in self._term_scores(EXACT, form, per_term, frequencies).items():
                scores[docnum] = scores.get(docnum, 0.0) + score
        leaves: list[Leaf] = [WordLeaf(frozenset(form.decode("utf-8") for form in forms), False)]
        counts = frequency_counts(frequencies, leaves, set(scores))
        return scores, leaves, counts

    def _term_scores(self, field: str, term: bytes, infos: Infos, frequencies: Frequencies) -> Scores:
        """{global docnum: BM25F score} of the live paragraphs holding `term`; records their frequencies."""
        postings = frequencies.setdefault((field, term), {})
        scores: Scores = {}
        if not any(infos):
            return scores
        scorer = self._scorer(field, infos)
        for segment, info in zip(self._segments, infos, strict=True):
            if info is None:
                continue
            deleted = segment.entry.deleted
            score = scorer(segment)
            for docnum, weight in segment.postings(info):
                if docnum not in deleted:
                    number = segment.base + docnum
                    postings[number] = weight
                    scores[number] = score(docnum, weight)
        return scores

    def _phrase(self, query: SimpleQuery) -> Matched | None:
        words = list(query.terms)
        if self._paired.issuperset(words):
            return self._paired_phrase(words)
        distinct = list(dict.fromkeys(words))
        infos = self._infos(EXACT, [word.encode("utf-8") for word in distinct])
        if infos is None:
            return None
        leaves: list[Leaf] = [PhraseLeaf(tuple(words), 1, False)]
        if any(not any(per_term) for per_term in infos):  # as whoosh: a word of no paragraph matches nothing
            return {}, leaves, {}
        scorers = {word: self._scorer(EXACT, per_term) for word, per_term in zip(distinct, infos, strict=True)}
        scores: Scores = {}
        counts: dict[int, int] = {}
        for number, segment in enumerate(self._segments):
            postings: dict[str, dict[int, tuple[float, bytes]]] = {}
            for word, per_term in zip(distinct, infos, strict=True):
                info = per_term[number]
                if info is None:
                    break
                postings[word] = {d: (w, v) for d, w, v in segment.postings_with_values(info)}
            else:
                scoring = {word: scorer(segment) for word, scorer in scorers.items()}
                self._phrase_in_segment(segment, words, postings, scoring, scores, counts)
        return scores, leaves, counts

    def _paired_phrase(self, words: list[str]) -> Matched | None:
        """A phrase of common words, as the array evaluator answers it (see `vectorized._phrase`): the
        paragraphs holding each of its word pairs (`pairs` field), scored as the sum of the pairs' scores;
        a phrase of three words or more is then checked in each paragraph's text."""
        pairs = list(dict.fromkeys(pair_term(a, b) for a, b in zip(words, words[1:], strict=False)))
        terms = [pair.encode("utf-8") for pair in pairs]
        infos = self._infos(PAIRS, terms)
        if infos is None:
            return None
        leaves: list[Leaf] = [PhraseLeaf(tuple(words), 1, False)]
        frequencies: Frequencies = {}
        found = self._term_scores(PAIRS, terms[0], infos[0], frequencies)
        for term, per_term in zip(terms[1:], infos[1:], strict=True):
            part = self._term_scores(PAIRS, term, per_term, frequencies)
            found = {docnum: score + part[docnum] for docnum, score in found.items() if docnum in part}
        if len(words) == 2:
            counts = {docnum: int(weight) for docnum, weight in frequencies[(PAIRS, terms[0])].items()
                      if docnum in found}
        else:
            counts = {docnum: len(occurrences(self._stored_fields(docnum).get("text", ""), leaves))
                      for docnum in found}
            found = {docnum: score for docnum, score in found.items() if counts[docnum]}
        return found, leaves, counts

    def _phrase_in_segment(self, segment: Segment, words: list[str],
                           postings: dict[str, dict[int, tuple[float, bytes]]], scoring: dict[str, Score],
                           scores: Scores, counts: dict[int, int]) -> None:
        """Adds the paragraphs of `segment` where the phrase stands: each start position whose following
        words stand at the following positions counts one occurrence."""
        first, *rest = dict.fromkeys(words)
        candidates = set(postings[first]).difference(segment.entry.deleted)
        for word in rest:
            candidates.intersection_update(postings[word])
        for docnum in sorted(candidates):
            at = {word: set(positions(postings[word][docnum][1])) for word in dict.fromkeys(words)}
            starts = [p for p in at[words[0]] if all(p + i in at[w] for i, w in enumerate(words) if i)]
            if not starts:
                continue
            number = segment.base + docnum
            counts[number] = len(starts)
            scores[number] = _tree_sum([scoring[w](docnum, postings[w][docnum][0]) for w in words])

    def _scorer(self, field: str, infos: Infos) -> Callable[[Segment], Score]:
        """For a term with `infos`, the BM25F `score(docnum, weight)` of its paragraphs in a segment (the
        segment's length column read once, not per posting)."""
        present = sum(info.doc_frequency for info in infos if info is not None)
        idf = log(self._docs / (present + 1)) + 1
        average = (sum(s.entry.field_lengths.get(field, 0) for s in self._segments) / (self._docs or 1)) or 1

        def in_segment(segment: Segment) -> Score:
            lengths = segment.length_bytes(field)

            def score(docnum: int, weight: float) -> float:
                if lengths is None:
                    length = 1.0  # whoosh's default for a segment without the column
                else:
                    byte = lengths[docnum] if docnum < len(lengths) else 0
                    if not byte:
                        raise Unreadable("a paragraph holding a word has no length")
                    length = LENGTH_OF_BYTE[byte]
                return idf * ((weight * (K1 + 1)) / (weight + K1 * ((1 - B) + B * length / average)))

            return score

        return in_segment

    # ------------------------------------------------------------ paragraphs
    def _stored_fields(self, docnum: int) -> dict:
        segment = self._segments[bisect_right(self._bases, docnum) - 1]
        return segment.stored_fields(docnum - segment.base)

    def _document_of(self, docnum: int) -> int:
        """The document id of a paragraph, from each segment's doc_id terms (see `docmap`)."""
        if self._document_ranges is None:
            self._document_ranges = self._read_document_ranges()
        starts, ranges, scattered = self._document_ranges
        if docnum in scattered:
            return scattered[docnum]
        at = bisect_right(starts, docnum) - 1
        if at >= 0 and docnum <= ranges[at][1]:
            return ranges[at][2]
        return -1

    def _read_document_ranges(self) -> tuple[list[int], list[tuple[int, int, int]], dict[int, int]]:
        ranges: list[tuple[int, int, int]] = []
        scattered: dict[int, int] = {}
        for segment in self._segments:
            for term, info in segment.field_terms("doc_id"):
                try:
                    doc_id = int(term.decode("utf-8"))
                except ValueError:
                    raise Unreadable("a paragraph's document id is not a number") from None
                if info.first is None or info.last is None:
                    continue
                if info.doc_frequency == info.last - info.first + 1:
                    ranges.append((segment.base + info.first, segment.base + info.last, doc_id))
                else:
                    for docnum, _weight in segment.postings(info):
                        if docnum not in segment.entry.deleted:
                            scattered[segment.base + docnum] = doc_id
        ranges.sort()
        return [first for first, _last, _doc in ranges], ranges, scattered


def _tree_sum(values: list[float]) -> float:
    """The sum in whoosh's order for an intersection of matchers (`make_binary_tree`: halves, left first)."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return _tree_sum(values[:half]) + _tree_sum(values[half:])
