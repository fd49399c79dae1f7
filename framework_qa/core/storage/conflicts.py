"""What an undo or redo would overwrite, said in a researcher's words.

A replay may only write a row that still holds what the command left there (undo) or what it found
(redo). When another writer changed it since, these helpers name the row and the change ("code 'Bond'
was renamed since"), reading only through the store's generic `row`, so every back end shares them.
"""

from __future__ import annotations

from collections.abc import Callable

from framework_qa.core.storage.interface import Row

RowReader = Callable[[str, int], Row | None]

# The references between tables: (table, column) -> referenced table.
REFERENCES: dict[tuple[str, str], str] = {
    ("documents", "case_id"): "cases",
    ("case_values", "case_id"): "cases",
    ("case_values", "attribute_id"): "attributes",
    ("codes", "parent_id"): "codes",
    ("codings", "document_id"): "documents",
    ("codings", "code_id"): "codes",
    ("codings", "coder_id"): "coders",
    ("summaries", "case_id"): "cases",
    ("summaries", "code_id"): "codes",
}
_NOUN = {"cases": "case", "documents": "document", "attributes": "attribute", "codes": "code",
         "coders": "coder"}
# A later edit's time stamps and authors are not a change of content worth naming.
_IGNORED = {"updated_at", "created_by", "changed_by", "changed_at"}


def describe(table: str, row: Row | None, read: RowReader, row_id: int = 0) -> str:
    """A short name for a row: "code 'Bond'", "the coding of 'Bond' in P03 (120-188)"."""
    if row is None:
        return f"a {table[:-1]} (id {row_id})"
    if table in _NOUN:
        return f"{_NOUN[table]} '{row['name']}'"
    if table == "codings":
        return f"the coding of {_name(read, 'codes', row['code_id'])} in " \
               f"{_name(read, 'documents', row['document_id'])} ({row['start']}-{row['end']})"
    if table == "summaries":
        return f"the summary of {_name(read, 'cases', row['case_id'])} × {_name(read, 'codes', row['code_id'])}"
    if table == "memos":
        if row["target_kind"] == "project":
            return "the project memo"
        target = {"document": "documents", "case": "cases", "code": "codes"}[row["target_kind"]]
        return f"the memo of {_NOUN[target]} {_name(read, target, row['target_id'])}"
    if table == "case_values":
        return f"the value of {_name(read, 'attributes', row['attribute_id'])} for case " \
               f"{_name(read, 'cases', row['case_id'])}"
    if table == "saved_views":
        return f"the saved {row['kind']} '{row['name']}'"
    return f"a {table[:-1]} (id {row.get('id')})"


def _name(read: RowReader, table: str, row_id: int) -> str:
    row = read(table, int(row_id))
    return f"'{row['name']}'" if row is not None and "name" in row else f"(deleted {table[:-1]})"


def what_changed(table: str, expected: Row | None, actual: Row | None, read: RowReader,
                 row_id: int) -> str:
    """The sentence for a row that no longer holds `expected`: deleted, taken, renamed or edited."""
    if actual is None:
        return f"{describe(table, expected, read, row_id)} was deleted since"
    if expected is None:
        return f"{describe(table, actual, read, row_id)} was added since in its place"
    if "name" in actual and expected.get("name") != actual["name"]:
        return f"{describe(table, expected, read, row_id)} was renamed to '{actual['name']}' since"
    changed = [c for c in actual if c not in _IGNORED and expected.get(c) != actual[c]]
    fields = ", ".join(c.replace("_id", "").replace("_", " ") for c in changed) or "its content"
    return f"{describe(table, actual, read, row_id)} was changed since ({fields})"


def dangling(table: str, target: Row, read: RowReader) -> str | None:
    """The sentence when `target` (a row about to be written back) refers to a row that is gone."""
    for (ref_table, column), parent in REFERENCES.items():
        if ref_table == table and target.get(column) is not None and read(parent, int(target[column])) is None:
            return f"{describe(table, target, read)} refers to a {_NOUN[parent]} that was deleted since"
    return None


def in_use(table: str, row: Row, count: Callable[[str, str, int], int], read: RowReader) -> str | None:
    """The sentence when `row` (about to be removed again) is now referred to by rows added since;
    `count(table, column, id)` counts the rows of `table` whose `column` holds `id`."""
    for (ref_table, column), parent in REFERENCES.items():
        if parent == table:
            n = count(ref_table, column, int(row["id"]))
            if n:
                noun = "codings" if ref_table == "codings" else ref_table.replace("_", " ")
                return f"{describe(table, row, read)} is now used by {n} {noun if n > 1 else noun[:-1]} " \
                       "added since"
    return None
