"""The matrix's columns, resolved from the codebook (plain `Code` records in tree order).

A column is one code standing for itself and all its descendants. Columns are grouped by framework:
the top-level code they sit under. Top-level codes without children (emergent themes added on their
own) are grouped together as "Emergent themes" (or "Other codes" when deductive), so a per-framework
export does not give each of them a table of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framework_qa.core.model import Code

EMERGENT_GROUP = "Emergent themes"
OTHER_GROUP = "Other codes"


@dataclass(frozen=True, slots=True)
class MatrixColumn:
    code_id: int
    path: str
    name: str
    definition: str
    framework: str
    code_ids: frozenset[int]  # the code and its descendants
    # (code id, path below this code) of each descendant in tree order: a parent column's cell shows
    # its children's summaries when it has none of its own
    descendants: tuple[tuple[int, str], ...] = ()


class CodeTree:
    """Look-ups over codes in tree order (parents before children)."""

    def __init__(self, codes: Sequence[Code]) -> None:
        self.codes = list(codes)
        self.by_id = {c.id: c for c in self.codes}
        self.children: dict[int | None, list[Code]] = {}
        self.paths: dict[int, str] = {}
        for c in self.codes:
            self.children.setdefault(c.parent_id, []).append(c)
            self.paths[c.id] = c.name if c.parent_id is None else f"{self.paths[c.parent_id]}/{c.name}"
        self.by_path = {p: i for i, p in self.paths.items()}

    def subtree(self, code_id: int) -> list[int]:
        out, stack = [], [code_id]
        while stack:
            cid = stack.pop()
            out.append(cid)
            stack.extend(c.id for c in self.children.get(cid, []))
        return out

    def root(self, code_id: int) -> Code:
        code = self.by_id[code_id]
        while code.parent_id is not None:
            code = self.by_id[code.parent_id]
        return code

    def leaves(self) -> list[Code]:
        return [c for c in self.codes if not self.children.get(c.id)]

    def framework_of(self, code_id: int) -> str:
        root = self.root(code_id)
        if self.children.get(root.id):
            return root.name
        return EMERGENT_GROUP if root.origin == "emergent" else OTHER_GROUP

    def column(self, code_id: int) -> MatrixColumn:
        code = self.by_id[code_id]
        subtree = frozenset(self.subtree(code.id))
        prefix = len(self.paths[code.id]) + 1
        below = tuple((c.id, self.paths[c.id][prefix:]) for c in self.codes if c.id in subtree and c.id != code.id)
        return MatrixColumn(code.id, self.paths[code.id], code.name, code.definition,
                            self.framework_of(code.id), subtree, below)


def build_columns(tree: CodeTree, code_ids: Iterable[int] | None) -> list[MatrixColumn]:
    """Columns for the given codes in the given order (None: every leaf code, in tree order)."""
    ids = [c.id for c in tree.leaves()] if code_ids is None else list(dict.fromkeys(code_ids))
    return [tree.column(cid) for cid in ids]


def columns_of_code(columns: Sequence[MatrixColumn]) -> dict[int, list[int]]:
    """Code id -> indices of the columns whose subtree holds it."""
    out: dict[int, list[int]] = {}
    for index, column in enumerate(columns):
        for cid in column.code_ids:
            out.setdefault(cid, []).append(index)
    return out
