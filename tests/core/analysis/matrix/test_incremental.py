"""Incremental matrix updates give exactly what a full `compute_matrix` gives over the new codings: random
codebooks, cases, coder filters and edits (add, remove, move, recode), summaries too."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from framework_qa.core.analysis.matrix import Matrix, MatrixSpec, compute_matrix
from framework_qa.core.analysis.matrix.counting import CodingTuple
from framework_qa.core.analysis.matrix.incremental import recount_documents, union_characters, with_summaries
from framework_qa.core.model import Code


def _code(cid: int, parent: int | None, name: str, origin: str = "deductive") -> Code:
    return Code(cid, f"g{cid}", parent, name, "#888888", "", "", "", origin, cid)  # type: ignore[arg-type]


CODES = [_code(1, None, "A"), _code(2, 1, "A1"), _code(3, 2, "A1x"), _code(4, 1, "A2"), _code(5, None, "B", "emergent")]
CASES = [(1, "c1"), (2, "c2"), (3, "c3")]
DOCUMENTS = [(10, 1, 500), (11, 1, 500), (12, 2, 500), (13, None, 500), (14, 3, 500)]
SPECS = [MatrixSpec(), MatrixSpec(columns=("A", "A/A1", "A/A1/A1x", "B")), MatrixSpec(coders=("ben",)),
         MatrixSpec(columns=("A/A2", "A"), coders=("amira", "ben"))]

coding = st.tuples(st.sampled_from([d[0] for d in DOCUMENTS]), st.integers(1, 5), st.integers(1, 3),
                   st.integers(0, 60), st.integers(1, 40)).map(lambda t: (t[0], t[1], t[2], t[3], t[3] + t[4]))


def full(spec: MatrixSpec, codings: list[CodingTuple], summaries: dict[tuple[int, int], str] | None = None) -> Matrix:
    return compute_matrix(spec, cases=CASES, codes=CODES, documents=DOCUMENTS,
                          codings=sorted(codings, key=lambda t: (t[0], t[3], t[4])), values={}, types={},
                          summaries=summaries or {}, coder_ids={"amira": 1, "ben": 2, "carla": 3})


def same(a: Matrix, b: Matrix) -> None:
    assert a.shape == b.shape
    for r in range(len(a.rows)):
        for c in range(len(a.columns)):
            assert (a.codings_count(r, c), a.characters(r, c), a.summary(r, c)) == \
                   (b.codings_count(r, c), b.characters(r, c), b.summary(r, c)), (r, c)
            assert a.cell_codings(r, c) == sorted(a.cell_codings(r, c), key=lambda t: (t[0], t[3], t[4]))
            assert sorted(a.cell_codings(r, c)) == sorted(b.cell_codings(r, c)), (r, c)


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(SPECS), st.lists(coding, max_size=40), st.lists(st.lists(coding, max_size=8), max_size=4),
       st.data())
def test_recounting_changed_documents_equals_a_full_computation(spec: MatrixSpec, codings: list[CodingTuple],
                                                                 edits: list[list[CodingTuple]],
                                                                 data: st.DataObject) -> None:
    current = list(codings)
    matrix = full(spec, current)
    for added in edits:  # each edit: drop some codings, add some, then recount the documents it touched
        dropped = data.draw(st.sets(st.integers(0, max(0, len(current) - 1)), max_size=3)) if current else set()
        before = current
        current = [t for i, t in enumerate(current) if i not in dropped] + added
        docs = {before[i][0] for i in dropped} | {t[0] for t in added}
        matrix, cells = recount_documents(matrix, {d: [t for t in current if t[0] == d] for d in docs})
        expected = full(spec, current)
        same(matrix, expected)
        for r in range(len(matrix.rows)):  # cells not reported kept their codings
            for c in range(len(matrix.columns)):
                if (r, c) not in cells:
                    assert matrix.codings_count(r, c) == expected.codings_count(r, c)


def test_only_the_codings_case_row_and_its_codes_columns_are_touched() -> None:
    spec = MatrixSpec(columns=("A", "A/A1", "A/A2", "B"))
    matrix = full(spec, [(10, 4, 1, 0, 10)])
    new, cells = recount_documents(matrix, {11: [(11, 3, 1, 5, 9)]})  # A/A1/A1x on case c1's second document
    assert cells == [(0, 0), (0, 1)]
    assert (new.codings_count(0, 0), new.characters(0, 0)) == (2, 14)
    assert matrix.codings_count(0, 0) == 1  # the given matrix is left as it was


def test_documents_outside_the_rows_and_unchanged_documents_touch_nothing() -> None:
    matrix = full(MatrixSpec(), [(10, 4, 1, 0, 10)])
    assert recount_documents(matrix, {13: [(13, 4, 1, 0, 5)]})[1] == []   # no case
    assert recount_documents(matrix, {10: [(10, 4, 1, 0, 10)]})[1] == []  # as before


def test_union_characters_counts_overlaps_once_per_document() -> None:
    assert union_characters([(1, 0, 0, 0, 10), (1, 0, 0, 5, 12), (1, 0, 0, 20, 25), (2, 0, 0, 0, 3)]) == 20


def test_summaries_update_only_their_cells() -> None:
    spec = MatrixSpec(columns=("A", "B"))
    matrix = full(spec, [], {(1, 1): "old"})
    new, cells = with_summaries(matrix, {(1, 1): "old", (2, 5): "new", (9, 9): "not shown"})
    assert cells == [(1, 1)]
    same(new, full(spec, [], {(1, 1): "old", (2, 5): "new"}))
    assert with_summaries(new, {(2, 5): "new", (1, 1): "old", (9, 9): "not shown"})[1] == []
