"""Sub-commands for inter-coder agreement: `agreement` (the report) and `merge-coder` (bring codings in).

`agreement` prints a table per code (pooled over documents) with the overall row, then the methods
paragraph; `--json` prints the report's documented JSON shape instead and `--xlsx FILE` also writes the
Excel report. `--overlap` is a percentage here (0-100); the core takes a fraction.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from framework_qa.cli.common import CliError, ListOption, open_existing, print_json, print_table, shorten

if TYPE_CHECKING:
    from framework_qa.core.analysis.agreement import Measure
    from framework_qa.core.analysis.agreement_report import AgreementReport
    from framework_qa.core.merge import MergeReport


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("agreement", help="inter-coder agreement between two or more coders",
                       description="Percent agreement, Cohen's kappa, Krippendorff's alpha and Jaccard per code "
                                   "x document, per code (pooled over documents), per category and overall.")
    p.add_argument("project")
    p.add_argument("--coders", action=ListOption, required=True, metavar="CODER", help="two or more coder names; repeatable")
    p.add_argument("--unit", choices=("character", "paragraph", "segment"), default="character",
                   help="what counts as one unit (default character)")
    p.add_argument("--overlap", type=float, default=90.0, metavar="PCT",
                   help="segment unit: overlap needed for two segments to agree, percent 0-100 (default 90)")
    p.add_argument("--codes", action=ListOption, metavar="PATH",
                   help="code paths to compare (default: every code the coders applied); a parent path means "
                        "that code itself, not its children; repeatable")
    p.add_argument("--documents", action=ListOption, metavar="NAME", help="documents to compare (default: all); repeatable")
    p.add_argument("--uncoded", choices=("missing", "none"), default="missing",
                   help="per-category alpha: uncoded text is missing (default) or its own value 'none'")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--xlsx", metavar="FILE", help="also write the report as an Excel workbook")
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser("merge-coder", help="bring a coder's codings in from a copy of the project")
    p.add_argument("project")
    p.add_argument("other", metavar="OTHER.fqa", help="the copy the coder worked in")
    p.add_argument("--coder", required=True, metavar="NAME", help="whose codings to bring in")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_merge_coder)


def _fmt(m: Measure) -> str:
    return "—" if m.value is None else f"{m.value:.3f}"


def _print_report(report: AgreementReport) -> None:
    from framework_qa.core.analysis.agreement_report import LABELS
    keys = report.measure_keys
    active = [k for k in keys if any(r.measures[k].value is not None for r in report.per_code)] or keys[:1]
    coders = list(report.settings.coders)
    headers = ["Code", *[LABELS[k] for k in active], "Units", "Both", *[f"Only {c}" for c in coders], "Neither"]
    rows = []
    for r in [*report.per_code, *([report.overall] if report.overall else [])]:
        c = r.counts
        rows.append([shorten(r.code or "OVERALL (pooled over codes)", 60), *[_fmt(r.measures[k]) for k in active],
                     c.units, c.both, *[c.only.get(name, "") for name in coders],
                     "" if c.neither is None else c.neither])
    sys.stdout.write(f"Agreement between {', '.join(coders)} ({report.settings.unit.value} level, pooled over "
                     f"{len(report.document_names)} documents; — = undefined, see --json notes)\n\n")
    print_table(headers, rows)
    if report.per_category:
        sys.stdout.write("\n")
        print_table(["Category", LABELS["krippendorff_alpha"], "Why undefined"],
                    [[shorten(c.category, 60), _fmt(c.alpha), shorten(c.alpha.reason or "", 70)]
                     for c in report.per_category])
    remarks = [n.reason if n.document is None else f"{n.document}: {n.reason}"
               for n in report.notes if n.where == "settings"]
    if remarks:
        sys.stdout.write("\nNotes:\n" + "".join(f"- {r}\n" for r in remarks))
    sys.stdout.write("\nMethods:\n" + report.methods + "\n")


def cmd_agreement(args: argparse.Namespace) -> int:
    from framework_qa.core.analysis.agreement_report import agreement_report
    if not 0 < args.overlap <= 100:
        raise CliError(f"--overlap is a percentage above 0 and at most 100 (got {args.overlap:g})")
    with open_existing(args.project) as project:
        report = agreement_report(project, args.coders, documents=args.documents, codes=args.codes,
                                  unit=args.unit, overlap=args.overlap / 100, uncoded=args.uncoded)
        if args.xlsx:
            from framework_qa.core.exporters.agreement_xlsx import write_agreement_xlsx

            try:
                write_agreement_xlsx(report, args.xlsx)
            except OSError as exc:
                raise CliError(f"cannot write {args.xlsx}: {exc.strerror or exc}") from None
    if args.json:
        print_json(report.as_json())
    else:
        _print_report(report)
        if args.xlsx:
            sys.stdout.write(f"\nwrote {args.xlsx}\n")
    return 0


def cmd_merge_coder(args: argparse.Namespace) -> int:
    from framework_qa.core.merge import merge_coder

    with open_existing(args.project) as project:
        report = merge_coder(project, args.other, args.coder)
    print_merge_report(report, as_json=args.json)
    return 0


def print_merge_report(report: MergeReport, *, as_json: bool = False) -> None:
    """A merge report as `merge-coder` and `checkin` print it: counts, matches, and every coding not copied."""
    if as_json:
        print_json(report.as_json())
        return
    print(f"copied {report.copied} codings of '{report.coder}' from {report.source} "
          f"({report.already_present} already present, {report.moved} moved to where their text is, "
          f"{len(report.not_copied)} not copied)")
    for m in report.documents:
        print(f"  document {m.source} -> {m.target} (by {m.by})")
    for m in report.codes:
        if m.by != "guid":
            print(f"  code {m.source} -> {m.target} (by {m.by})")
    for name in report.unmatched_documents:
        print(f"  NOT MATCHED document: {name}")
    for path in report.unmatched_codes:
        print(f"  NOT MATCHED code: {path}")
    for s in report.not_copied:
        print(f"  not copied: {s.document} {s.start}-{s.end} {s.code}: {s.reason}")
