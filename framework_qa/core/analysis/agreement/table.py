"""The two-coder 2x2 table over units for one code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AgreementTable:
    """Counts of units coded by both coders, by A only, by B only, and by neither.

    Tables add (`t1 + t2`), which is how documents are pooled: the sum of per-document tables is the table of
    the concatenated corpus.
    """

    both: int = 0
    only_a: int = 0
    only_b: int = 0
    neither: int = 0

    def __post_init__(self) -> None:
        if min(self.both, self.only_a, self.only_b, self.neither) < 0:
            raise ValueError("table counts cannot be negative")

    @classmethod
    def from_matrix(cls, matrix: Sequence[Sequence[int]]) -> AgreementTable:
        """From [[yes/yes, A yes B no], [A no B yes, no/no]] (rows coder A, columns coder B)."""
        (both, only_a), (only_b, neither) = matrix
        return cls(both, only_a, only_b, neither)

    @property
    def total(self) -> int:
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def agreements(self) -> int:
        return self.both + self.neither

    @property
    def coded_a(self) -> int:
        return self.both + self.only_a

    @property
    def coded_b(self) -> int:
        return self.both + self.only_b

    def __add__(self, other: AgreementTable) -> AgreementTable:
        return AgreementTable(
            self.both + other.both,
            self.only_a + other.only_a,
            self.only_b + other.only_b,
            self.neither + other.neither,
        )
