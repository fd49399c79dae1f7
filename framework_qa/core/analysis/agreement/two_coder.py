"""Two-coder measures over a 2x2 `AgreementTable`: percent agreement, Cohen's kappa, Jaccard, binary alpha."""

from __future__ import annotations

from .measure import BOTH_CODED_ALL, NEITHER_CODED, NO_PAIRABLE, NO_UNITS, NO_VARIATION, Measure
from .table import AgreementTable


def percent_agreement(table: AgreementTable) -> Measure:
    """(both + neither) / total, as a fraction."""
    if table.total == 0:
        return Measure.undefined(NO_UNITS)
    return Measure.of(table.agreements / table.total)


def expected_agreement(table: AgreementTable) -> float:
    """Cohen's chance agreement p_e = p(A yes) p(B yes) + p(A no) p(B no); requires total > 0."""
    t = table.total
    return (table.coded_a * table.coded_b + (t - table.coded_a) * (t - table.coded_b)) / (t * t)


def cohen_kappa(table: AgreementTable) -> Measure:
    """(p_o - p_e) / (1 - p_e), Cohen (1960).

    When p_e = 1 the coefficient is 0/0: that happens exactly when neither coder coded any unit or both
    coded every unit. It is then undefined, with the reason; NVivo shows 1 there, which this deliberately
    does not copy. The check is done in integers, so no rounding can turn 0/0 into a number.
    """
    t = table.total
    if t == 0:
        return Measure.undefined(NO_UNITS)
    chance_units = table.coded_a * table.coded_b + (t - table.coded_a) * (t - table.coded_b)
    if chance_units == t * t:
        return Measure.undefined(NEITHER_CODED if table.coded_a == 0 else BOTH_CODED_ALL)
    p_o = table.agreements / t
    p_e = chance_units / (t * t)
    return Measure.of((p_o - p_e) / (1 - p_e))


def jaccard(table: AgreementTable) -> Measure:
    """both / (both + only_a + only_b): the share of the text coded by either coder that both coded."""
    coded = table.both + table.only_a + table.only_b
    if coded == 0:
        return Measure.undefined(NEITHER_CODED)
    return Measure.of(table.both / coded)


def binary_alpha(table: AgreementTable) -> Measure:
    """Krippendorff's alpha (nominal) for two coders' binary values over the table's units, in closed form.

    Equal to `krippendorff_alpha_weighted` of the table's unit types: every unit has two values, so the
    coincidences are o_11 = 2 both, o_00 = 2 neither, o_10 = o_01 = only_a + only_b, n = 2 total, and
    alpha = 1 - (n - 1) (o_10 + o_01) / (2 n_1 n_0). Undefined without units or without variation.
    """
    n = 2 * table.total
    if n == 0:
        return Measure.undefined(NO_PAIRABLE)
    disagreements = table.only_a + table.only_b
    n_1 = 2 * table.both + disagreements
    n_0 = 2 * table.neither + disagreements
    if n_1 == 0 or n_0 == 0:
        return Measure.undefined(NO_VARIATION)
    return Measure.of(1 - (n - 1) * (2 * disagreements) / (2 * n_1 * n_0))
