"""The result of one agreement statistic: a value, or the reason it has none.

A coefficient that is 0/0 (kappa when chance agreement is certain, alpha when there is no variation) is not
1 and not 0; reporting either would misstate the data. Every function in this package therefore returns a
`Measure`, which holds exactly one of a value or a human-readable reason, so the reason can be shown in place
of the number in tables and exports.
"""

from __future__ import annotations

from dataclasses import dataclass

NO_UNITS = "no units: the text is empty"
NEITHER_CODED = "no variation: neither coder coded this text"
BOTH_CODED_ALL = "no variation: both coders coded all of it"
NO_PAIRABLE = "no pairable values: no unit has values from two or more coders"
NO_VARIATION = "no variation: every pairable value is the same"


@dataclass(frozen=True, slots=True)
class Measure:
    """`value` when the statistic is defined, otherwise `value is None` and `reason` says why."""

    value: float | None
    reason: str | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.reason is None):
            raise ValueError("a Measure holds exactly one of value or reason")

    @classmethod
    def of(cls, value: float) -> Measure:
        return cls(float(value), None)

    @classmethod
    def undefined(cls, reason: str) -> Measure:
        return cls(None, reason)

    @property
    def is_defined(self) -> bool:
        return self.value is not None

    def format(self, digits: int = 3) -> str:
        """The value rounded for display, or "undefined (<reason>)"."""
        if self.value is None:
            return f"undefined ({self.reason})"
        return f"{self.value:.{digits}f}"
