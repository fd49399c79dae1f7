"""Matrix counts against codings computed independently: per column with descendants, characters as a
union of coded ranges, coder filter; and the pure counter against a brute-force count on random data."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from framework_qa.core.analysis.matrix import MatrixSpec, build_matrix
from framework_qa.core.analysis.matrix.counting import count_cells
from framework_qa.core.project import Project


def expected(project: Project, case: str, path: str, coders: set[str] | None = None) -> tuple[int, int]:
    code = project.code(path)
    ids = {code.id, *(d.id for d in project.descendants(code))}
    docs = {d.id for d in project.case_documents(case)}
    names = {c.id: c.name for c in project.coders()}
    chosen = [c for c in project.codings() if c.document_id in docs and c.code_id in ids
              and (coders is None or names[c.coder_id] in coders)]
    covered = {(c.document_id, i) for c in chosen for i in range(c.start, c.end)}
    return len(chosen), len(covered)


def test_every_cell_matches_codings_counted_independently(small: Project) -> None:
    paths = ["Alliance", "Alliance/Task", "Alliance/Bond", "Alliance/Bond/Sub", "Alliance/Goal", "Guilt"]
    m = build_matrix(small, MatrixSpec(columns=tuple(paths)))
    assert [r.name for r in m.rows] == ["alpha", "beta", "gamma"]
    for r, row in enumerate(m.rows):
        for c, path in enumerate(paths):
            assert (m.codings_count(r, c), m.characters(r, c)) == expected(small, row.name, path), (row.name, path)


def test_overlapping_codings_count_twice_but_their_characters_once(small: Project) -> None:
    m = build_matrix(small, MatrixSpec(columns=("Alliance/Task",)))
    assert (m.codings_count(0, 0), m.characters(0, 0)) == (2, 30)


def test_a_parent_column_includes_nested_descendant_codings(small: Project) -> None:
    m = build_matrix(small, MatrixSpec(columns=("Alliance/Bond", "Alliance/Bond/Sub")))
    assert (m.codings_count(0, 0), m.characters(0, 0)) == (2, 13)   # Bond 91-104 holds Sub 91-100
    assert (m.codings_count(0, 1), m.characters(0, 1)) == (1, 9)
    assert (m.codings_count(1, 0), m.codings_count(1, 1)) == (1, 1)  # one coding shows in both columns


def test_coder_filter_keeps_only_the_chosen_coders(small: Project) -> None:
    paths = ("Alliance/Task", "Alliance/Bond", "Alliance/Goal")
    m = build_matrix(small, MatrixSpec(columns=paths, coders=("ben",)))
    for r, row in enumerate(m.rows):
        for c, path in enumerate(paths):
            assert (m.codings_count(r, c), m.characters(r, c)) == expected(small, row.name, path, {"ben"})


def test_default_columns_are_the_leaf_codes_in_tree_order(small: Project) -> None:
    m = build_matrix(small)
    assert [c.path for c in m.columns] == ["Alliance/Goal", "Alliance/Task", "Alliance/Bond/Sub", "Guilt"]
    assert [c.framework for c in m.columns] == ["Alliance"] * 3 + ["Emergent themes"]


def test_cell_codings_are_the_cells_codings_in_text_order(small: Project) -> None:
    m = build_matrix(small, MatrixSpec(columns=("Alliance",)))
    starts = [(doc, s) for doc, _code, _coder, s, _e in m.cell_codings(0, 0)]
    assert starts == sorted(starts) and len(starts) == 6


def test_json_has_a_cell_for_every_row_and_column(small: Project) -> None:
    data = build_matrix(small).to_json()
    assert len(data["cells"]) == len(data["rows"]) * len(data["columns"])
    assert set(data["cells"][0]) == {"case", "code", "codings", "characters", "summary"}


def brute(codings, document_row, nrows, columns_of_code, ncols, coders):
    count, cover = [0] * (nrows * ncols), [set() for _ in range(nrows * ncols)]
    for doc, code, coder, s, e in codings:
        if doc not in document_row or (coders is not None and coder not in coders):
            continue
        for col in columns_of_code.get(code, ()):
            k = document_row[doc] * ncols + col
            count[k] += 1
            cover[k].update((doc, i) for i in range(s, e))
    return count, [len(c) for c in cover]


coding = st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(1, 2), st.integers(0, 40),
                   st.integers(1, 15)).map(lambda t: (t[0], t[1], t[2], t[3], t[3] + t[4]))


@settings(max_examples=150, deadline=None)
@given(st.lists(coding, max_size=40), st.booleans(), st.sampled_from([None, {1}, {2}, {1, 2}]))
def test_counter_agrees_with_a_brute_force_count(codings, presorted, coders) -> None:
    if presorted:
        codings = sorted(codings, key=lambda c: (c[0], c[3], c[4]))
    document_row = {1: 0, 2: 0, 3: 1}                     # document 4 belongs to a case not shown
    columns_of_code = {1: [0, 2], 2: [0], 3: [1], 5: [2]}  # code 4 is in no column
    got = count_cells(codings, document_row, 2, columns_of_code, 3, coders)
    want_count, want_chars = brute(codings, document_row, 2, columns_of_code, 3, coders)
    assert got.codings == want_count
    assert got.characters == want_chars
    for k in range(6):
        members = [got.ordered[i] for i in got.members(k)]
        assert len(members) == want_count[k]


def test_counter_handles_no_codings_and_no_cells() -> None:
    assert count_cells([], {}, 2, {}, 2).codings == [0, 0, 0, 0]
    assert count_cells([(1, 1, 1, 0, 5)], {1: 0}, 0, {1: [0]}, 0).codings == []
