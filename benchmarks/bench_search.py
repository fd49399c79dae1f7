"""Full-text search: median latency of top-100 hits with context vs a linear regex scan (target < 50 ms).

The corpus is the synthetic transcripts of `benchmarks.corpus` (1,000 documents of 10,000 words by
default: about 10 million words, drawn by Zipf's law, so topic words such as "reminder" are about as
frequent as in interviews about an app and "like" is one word in a hundred), indexed by the search core
exactly as a project's index is (one unit per speaker turn). Reported: index build throughput in words
per second; for each typical query (words, phrase, wildcard, fuzzy, boolean, and a very common word as
the worst case) the median latency of `SearchIndex.search(query, limit=100)`, which
returns the top 100 hits with their context plus counts per document; the median over all queries; and
the ratio against the way tools without an index search: a regular expression run over every document
text, collecting every match with its context, in the same run.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import make_turns, participant_label
from benchmarks.timing import format_ms, measure, report
from framework_qa.core.search import IndexDocument, SearchIndex, fingerprint_for

TARGET_SECONDS = 0.050

# (label, query for the index, equivalent regular expression for the linear scan)
QUERIES: tuple[tuple[str, str, str], ...] = (
    ("word", "reminder", r"\bremind(?:er|ers|ed|ing|s)?\b"),
    ("accented word", "Ångström", r"\bÅngström\b"),
    ("phrase", '"felt like"', r"\bfelt\s+like\b"),
    ("three-word phrase", '"felt like the"', r"\bfelt\s+like\s+the\b"),
    ("wildcard", "notif*", r"\bnotif\w*"),
    ("fuzzy", "anxity~", r"\banx\w{2,4}y\b"),
    ("boolean AND NOT", "trust AND motivation NOT robotic", r"\b(?:trust|motivation)\b"),
    ("boolean OR", "chatbot OR therapist", r"\b(?:chatbot|therapist)\b"),
    ("very common word", "like", r"\blike\b"),
)


def corpus_documents(n: int, words: int, seed: int) -> list[IndexDocument]:
    documents = []
    for i in range(n):
        label = participant_label(i)
        text = ""
        paragraphs: list[tuple[int, int, str | None]] = []
        for turn in make_turns(words, seed, label):
            if text:
                text += "\n"
            paragraphs.append((len(text), len(text) + len(turn), turn.split(":", 1)[0]))
            text += turn
        documents.append(IndexDocument(i + 1, label, label, text, paragraphs))
    return documents


def regex_scan(documents: list[IndexDocument], pattern: re.Pattern[str], limit: int = 100) -> int:
    """Every match in every text with 60 characters of context either side; keeps the first `limit`."""
    total = 0
    kept: list[tuple[int, int, int, str, str]] = []
    for document in documents:
        text = document.text
        for match in pattern.finditer(text):
            total += 1
            if len(kept) < limit:
                start, end = match.span()
                kept.append((document.id, start, end, text[max(0, start - 60) : start], text[end : end + 60]))
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks search", description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents (default 1000)")
    parser.add_argument("--words", type=int, default=10_000, help="words per document (default 10000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder to keep the index in between runs (default: a temporary folder)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    documents = corpus_documents(args.docs, args.words, args.seed)
    total_words = args.docs * args.words
    print(f"corpus: {args.docs} documents x {args.words} words = {total_words:,} words, "
          f"{sum(len(d.paragraphs) for d in documents):,} speaker turns "
          f"(generated in {time.perf_counter() - started:.1f} s)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = (args.cache or Path(tmp)) / f"search-zipf-{args.docs}x{args.words}-{args.seed}.index"
        fingerprint = fingerprint_for(documents)
        started = time.perf_counter()
        index = SearchIndex.open_or_build(folder, fingerprint, lambda: documents)
        took = time.perf_counter() - started
        print(f"index ready in {took:.1f} s ({total_words / took:,.0f} words/s"
              f"{'; reused from --cache' if took < 5 and args.cache else ''})", flush=True)
        ok = True
        medians: list[float] = []
        baselines: list[float] = []
        for label, query, regex in QUERIES:
            pattern = re.compile(regex, re.IGNORECASE)
            index.search(query, limit=100)  # warm the searcher and the term caches
            seconds = measure(lambda q=query: index.search(q, limit=100), args.repeat)
            baseline = measure(lambda p=pattern: regex_scan(documents, p), max(1, min(args.repeat, 3)))
            hits = index.search(query, limit=100)
            result = report(f"{label} {query!r} ({hits.total:,} hits)", seconds, "regex scan", baseline,
                            target=TARGET_SECONDS)
            ok = ok and result.ok
            medians.append(statistics.median(seconds))
            baselines.append(statistics.median(baseline))
        overall = statistics.median(medians)
        base = statistics.median(baselines)
        print(f"all queries: median {format_ms(overall)}; {overall / base:.3f}x regex scan "
              f"({format_ms(base)}); target < {format_ms(TARGET_SECONDS)}: "
              f"{'PASS' if overall < TARGET_SECONDS else 'over'}", flush=True)
        index.close()
    return 0 if (ok or not args.strict) else 1


if __name__ == "__main__":
    raise SystemExit(main())
