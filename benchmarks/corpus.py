"""Deterministic synthetic interview corpora and projects, for benchmarks of any size.

Everything here is a pure function of its arguments and `seed`: the same call gives the same text, the
same files and the same project contents on any machine, so timings from different runs compare like
with like. Texts look like transcripts as the importers see them: one speaker turn per line, each
opening with `Interviewer:` or the participant's label (`P001:`), words drawn by Zipf's law from a
12,000-word vocabulary (`benchmarks.vocabulary`: function words most often, topic words in the hundreds
of ranks, a long tail of rare words) that includes accented and non-Latin words and, now and then, an
emoji (one code point each), so positions are exercised as code points rather than bytes.

Projects are built through the public API only (`new_project`, `import_files`, `add_codings`), so the
time to build one is itself a rough measure of the bulk paths.
"""

from __future__ import annotations

import random
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import framework_qa
from benchmarks.vocabulary import zipf_vocabulary
from framework_qa import CodingRequest

INTERVIEWER = "Interviewer"
CORPUS_VERSION = "zipf1"  # part of every cached file name: bump whenever generated text changes

_EMOJI = ("🙂", "😊", "👍", "🤔", "😅", "💬")
_EMOJI_RATE = 1 / 250
_QUESTION_WORDS = ("how", "what", "why", "when", "did", "could", "would")


def participant_label(index: int) -> str:
    """The speaker label of the `index`-th (0-based) participant: P001, P002, ..."""
    return f"P{index + 1:03d}"


def _population() -> tuple[list[str], list[float]]:
    """Words by Zipf's law over a realistic vocabulary (benchmarks.vocabulary), plus emoji at a fixed rate."""
    words, cumulative = zipf_vocabulary()
    scale = (1 - _EMOJI_RATE) / cumulative[-1]
    weights = [c * scale for c in cumulative]
    weights += [weights[-1] + _EMOJI_RATE * (i + 1) / len(_EMOJI) for i in range(len(_EMOJI))]
    return [*words, *_EMOJI], weights


_POPULATION, _CUM_WEIGHTS = _population()


def _sentence(rng: random.Random, n: int, question: bool) -> str:
    words = rng.choices(_POPULATION, cum_weights=_CUM_WEIGHTS, k=n)
    if question:
        words[0] = rng.choice(_QUESTION_WORDS)
    words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + ("?" if question else ".")


def make_turns(words: int, seed: int | str, speaker: str = "P001") -> list[str]:
    """Speaker turns (lines without newlines) holding `words` words in all, labels not counted.

    Turns alternate between the interviewer (short questions) and the participant (longer answers),
    starting with the interviewer. The last turn is cut so the total is exactly `words`.
    """
    rng = random.Random(f"{seed}/{speaker}")
    turns: list[str] = []
    left = words
    asking = True
    while left > 0:
        n = min(left, rng.randint(6, 25) if asking else rng.randint(30, 160))
        left -= n
        sentences: list[str] = []
        while n > 0:
            k = min(n, rng.randint(4, 18))
            sentences.append(_sentence(rng, k, question=asking))
            n -= k
        turns.append(f"{INTERVIEWER if asking else speaker}: {' '.join(sentences)}")
        asking = not asking
    return turns


def make_text(words: int, seed: int | str, speaker: str = "P001") -> str:
    """A transcript of `words` words as stored after import: turns joined by a single newline."""
    return "\n".join(make_turns(words, seed, speaker))


def _document_turns(n: int, words: int, seed: int | str) -> Iterable[tuple[str, list[str]]]:
    for i in range(n):
        label = participant_label(i)
        yield label, make_turns(words, seed, label)


def write_txt_corpus(folder: str | Path, n: int, words: int, seed: int | str = 0) -> list[Path]:
    """Write `n` UTF-8 transcripts `P001.txt`... of `words` words each; returns their paths in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for label, turns in _document_turns(n, words, seed):
        path = folder / f"{label}.txt"
        path.write_text("\n".join(turns) + "\n", encoding="utf-8", newline="\n")
        paths.append(path)
    return paths


def write_docx_corpus(folder: str | Path, n: int, words: int, seed: int | str = 0) -> list[Path]:
    """Write `n` Word transcripts `P001.docx`... (one paragraph per turn); returns their paths in order."""
    import docx

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for label, turns in _document_turns(n, words, seed):
        document = docx.Document()
        for turn in turns:
            document.add_paragraph(turn)
        path = folder / f"{label}.docx"
        document.save(str(path))
        paths.append(path)
    return paths


_WORD = re.compile(r"\S+")


def word_bounds(text: str) -> tuple[list[int], list[int]]:
    """Start and end (exclusive) code-point offsets of every whitespace-separated word of `text`."""
    spans = [m.span() for m in _WORD.finditer(text)]
    return [s for s, _ in spans], [e for _, e in spans]


def coder_names(n: int) -> list[str]:
    return [f"coder{i + 1:02d}" for i in range(n)]


def coding_requests(texts: Sequence[tuple[int, str]], leaf_codes: Sequence[int], coders: Sequence[str],
                    n: int, seed: int | str = 0, max_words: int = 60) -> list[CodingRequest]:
    """`n` codings over (document id, text) pairs, each a run of 1..`max_words` whole words.

    Documents, codes and coders are dealt round-robin from shuffled orders, so every leaf code and every
    coder gets an equal share (within one) and every document about the same number of codings.
    """
    rng = random.Random(f"{seed}/codings")
    bounds = [(doc_id, word_bounds(text)) for doc_id, text in texts]
    codes = list(leaf_codes)
    rng.shuffle(codes)
    requests: list[CodingRequest] = []
    for k in range(n):
        doc_id, (starts, ends) = bounds[k % len(bounds)]
        first = rng.randrange(len(starts))
        last = min(len(ends) - 1, first + rng.randrange(max_words))
        requests.append(CodingRequest(doc_id, starts[first], ends[last], codes[k % len(codes)],
                                      coders[k % len(coders)]))
    return requests


def build_project(path: str | Path, n_docs: int, words: int, n_codings: int, n_coders: int = 2,
                  seed: int | str = 0, frameworks: Sequence[str] = ("alliance", "psd", "dta"),
                  chunk: int = 25_000) -> Path:
    """Create a project at `path` (which must not exist) and fill it through the public API.

    Documents come in as one `import_files` command from a temporary folder of .txt transcripts;
    codings as `add_codings` commands of up to `chunk` each, spread over the leaf codes of the given
    frameworks and `n_coders` coders, every range on word boundaries. Returns the path.
    """
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="fqa-corpus-") as tmp:
        files = write_txt_corpus(tmp, n_docs, words, seed)
        with framework_qa.new_project(path, frameworks=list(frameworks)) as project:
            report = project.import_files(files)
            if report.failures:
                raise RuntimeError(f"corpus import failed: {report.failures[0]}")
            if n_codings:
                leaves = [c.id for c in project.codes() if not project.children(c)]
                texts = [(d.id, project.text(d)) for d in project.documents()]
                requests = coding_requests(texts, leaves, coder_names(n_coders), n_codings, seed)
                for i in range(0, len(requests), chunk):
                    project.add_codings(requests[i:i + chunk], label="Add benchmark codings")
            project.undo_stack.clear()
    return path


def cached_project(folder: str | Path, n_docs: int, words: int, n_codings: int, n_coders: int = 2,
                   seed: int | str = 0) -> Path:
    """The project `build_project` makes for these arguments, built in `folder` unless already there.

    The file name encodes every argument, so a cache folder shared between runs (`--cache DIR`) never
    hands back a project of another size. Callers that write to it must work on a copy.
    """
    folder = Path(folder)
    path = folder / f"project-{CORPUS_VERSION}-{n_docs}d-{words}w-{n_codings}c-{n_coders}k-s{seed}.fqa"
    if not path.exists():
        partial = path.with_name(path.name + ".partial")
        partial.unlink(missing_ok=True)
        build_project(partial, n_docs, words, n_codings, n_coders, seed)
        partial.rename(path)
    return path
