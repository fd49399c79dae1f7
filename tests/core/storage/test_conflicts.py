"""The sentences an undo or redo refused as a conflict shows (storage/conflicts.py), word for word. The
helpers read rows through a `read(table, id)` function; here it reads a small set of rows held in a dict,
the plain data every back end hands them."""

from __future__ import annotations

from framework_qa.core.storage import conflicts
from framework_qa.core.storage.interface import Row

ROWS: dict[tuple[str, int], Row] = {
    ("codes", 4): {"id": 4, "name": "Bond", "parent_id": None},
    ("documents", 2): {"id": 2, "name": "P03", "case_id": 1},
    ("cases", 1): {"id": 1, "name": "P03"},
    ("attributes", 3): {"id": 3, "name": "age"},
    ("coders", 5): {"id": 5, "name": "ben"},
}


def read(table: str, row_id: int) -> Row | None:
    return ROWS.get((table, row_id))


CODING: Row = {"id": 9, "code_id": 4, "document_id": 2, "coder_id": 5, "start": 120, "end": 188}


def test_rows_are_named_as_a_researcher_knows_them() -> None:
    assert conflicts.describe("codes", ROWS[("codes", 4)], read) == "code 'Bond'"
    assert conflicts.describe("codings", CODING, read) == "the coding of 'Bond' in 'P03' (120-188)"
    gone = {**CODING, "code_id": 40, "document_id": 20}
    assert conflicts.describe("codings", gone, read) == "the coding of (deleted code) in (deleted document) (120-188)"
    assert conflicts.describe("summaries", {"case_id": 1, "code_id": 4}, read) == "the summary of 'P03' × 'Bond'"
    assert conflicts.describe("memos", {"target_kind": "project", "target_id": 0}, read) == "the project memo"
    assert conflicts.describe("memos", {"target_kind": "code", "target_id": 4}, read) == "the memo of code 'Bond'"
    assert conflicts.describe("case_values", {"attribute_id": 3, "case_id": 1}, read) == \
        "the value of 'age' for case 'P03'"
    assert conflicts.describe("saved_views", {"kind": "matrix", "name": "By age"}, read) == "the saved matrix 'By age'"
    assert conflicts.describe("codes", None, read, 7) == "a code (id 7)"
    assert conflicts.describe("feed", {"id": 3}, read) == "a fee (id 3)"


def test_what_changed_says_deleted_added_renamed_or_which_fields() -> None:
    bond = ROWS[("codes", 4)]
    assert conflicts.what_changed("codes", bond, None, read, 4) == "code 'Bond' was deleted since"
    assert conflicts.what_changed("codings", CODING, None, read, 9) == \
        "the coding of 'Bond' in 'P03' (120-188) was deleted since"
    assert conflicts.what_changed("codes", None, bond, read, 4) == "code 'Bond' was added since in its place"
    assert conflicts.what_changed("codes", bond, {**bond, "name": "Rapport"}, read, 4) == \
        "code 'Bond' was renamed to 'Rapport' since"
    moved = {**CODING, "end": 190, "coder_id": 6, "updated_at": "later", "changed_by": "ben"}
    assert conflicts.what_changed("codings", CODING, moved, read, 9) == \
        "the coding of 'Bond' in 'P03' (120-190) was changed since (coder, end)"
    stamped = {**CODING, "updated_at": "later"}
    assert conflicts.what_changed("codings", CODING, stamped, read, 9) == \
        "the coding of 'Bond' in 'P03' (120-188) was changed since (its content)"


def test_a_row_written_back_that_refers_to_a_deleted_row_is_named() -> None:
    assert conflicts.dangling("codings", CODING, read) is None
    assert conflicts.dangling("codings", {**CODING, "coder_id": 50}, read) == \
        "the coding of 'Bond' in 'P03' (120-188) refers to a coder that was deleted since"
    assert conflicts.dangling("codes", {"id": 8, "name": "Hope", "parent_id": None}, read) is None
    assert conflicts.dangling("codes", {"id": 8, "name": "Hope", "parent_id": 40}, read) == \
        "code 'Hope' refers to a code that was deleted since"
    assert conflicts.dangling("memos", {"target_kind": "code", "target_id": 40}, read) is None  # no reference kept


def test_a_row_removed_again_that_rows_added_since_use_is_named_with_their_number() -> None:
    counts = {("codings", "code_id", 4): 2, ("summaries", "code_id", 1): 0}

    def count(table: str, column: str, row_id: int) -> int:
        return counts.get((table, column, row_id), 0)

    bond = ROWS[("codes", 4)]
    assert conflicts.in_use("codes", bond, count, read) == "code 'Bond' is now used by 2 codings added since"
    counts[("codings", "code_id", 4)] = 1
    assert conflicts.in_use("codes", bond, count, read) == "code 'Bond' is now used by 1 coding added since"
    counts[("codings", "code_id", 4)] = 0
    counts[("summaries", "code_id", 4)] = 3
    assert conflicts.in_use("codes", bond, count, read) == "code 'Bond' is now used by 3 summaries added since"
    counts[("case_values", "attribute_id", 3)] = 1
    assert conflicts.in_use("attributes", ROWS[("attributes", 3)], count, read) == \
        "attribute 'age' is now used by 1 case value added since"
    assert conflicts.in_use("coders", ROWS[("coders", 5)], count, read) is None


def test_memos_of_documents_and_cases_and_rows_known_only_by_id() -> None:
    assert conflicts.describe("memos", {"target_kind": "document", "target_id": 2}, read) == \
        "the memo of document 'P03'"
    assert conflicts.describe("memos", {"target_kind": "case", "target_id": 1}, read) == "the memo of case 'P03'"
    assert conflicts.describe("codes", None, read) == "a code (id 0)"
    assert conflicts.what_changed("codes", None, None, read, 7) == "a code (id 7) was deleted since"
    assert conflicts.what_changed("codings", None, CODING, read, 9) == \
        "the coding of 'Bond' in 'P03' (120-188) was added since in its place"


def test_a_change_other_than_the_name_lists_the_fields_in_words() -> None:
    bond = ROWS[("codes", 4)]
    assert conflicts.what_changed("codes", bond, {**bond, "parent_id": 1}, read, 4) == \
        "code 'Bond' was changed since (parent)"
    memo = {"id": 3, "target_kind": "code", "target_id": 4, "text": "x"}
    assert conflicts.what_changed("memos", memo, {**memo, "target_kind": "case", "target_id": 1}, read, 3) == \
        "the memo of case 'P03' was changed since (target kind, target)"
