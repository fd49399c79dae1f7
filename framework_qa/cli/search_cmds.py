"""`framework-qa search`: full-text search with keyword-in-context, from the project's index cache."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from framework_qa.cli.common import CliError, open_existing, print_json, print_table, shorten

if TYPE_CHECKING:
    from framework_qa.core.search import SearchHit

QUERY_HELP = (
    'words (stemmed: "remind" finds "reminders"), "exact phrases", AND / OR / NOT, brackets, '
    "wildcards (remind*), fuzzy terms (anxious~), speaker:NAME, case:NAME"
)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("search", help="search the transcripts' text (keyword in context)")
    p.add_argument("project")
    p.add_argument("query", help=QUERY_HELP)
    p.add_argument("--limit", type=int, default=100, metavar="N", help="show at most N hits (default 100)")
    p.add_argument("--json", action="store_true",
                   help='a list of {"document", "start", "end", "text", "score", ...}; '
                        "text equals the document text between start and end (code points)")
    p.add_argument("--speaker", action="append", metavar="S", help="only turns by this speaker; repeatable")
    p.add_argument("--case", action="append", metavar="C", help="only documents of this case; repeatable")
    p.add_argument("--where", action="append", metavar="ATTR=VALUE", default=[],
                   help="only cases with this attribute value; repeatable (values of one attribute are "
                        "alternatives, different attributes must all hold)")
    p.add_argument("--code", action="append", metavar="PATH", default=[],
                   help="only text coded with this code (or a code under it); repeatable")
    p.add_argument("--not-code", action="append", metavar="PATH", default=[], dest="not_code",
                   help="leave out text coded with this code (or a code under it); repeatable")
    p.add_argument("--coder", action="append", metavar="NAME",
                   help="code filters count only this coder's codings; repeatable")
    p.set_defaults(func=cmd_search)


def _announce_build(documents: int) -> None:
    """On stderr, so --json output stays clean."""
    print(f"building the search index of {documents} document{'s' if documents != 1 else ''} "
          "(once; it is kept beside the project)...", file=sys.stderr, flush=True)


def cmd_search(args: argparse.Namespace) -> int:
    from framework_qa.core.search.project import ProjectSearch
    from framework_qa.core.search.syntax import simple_query
    if args.limit < 0:
        raise CliError("--limit must be zero or more")
    with open_existing(args.project) as project:
        search = ProjectSearch(project, one_shot=True)
        if args.query.strip() and simple_query(args.query) is None:  # plain words: checked by simple_query
            from framework_qa.core.search.query import parse_query  # whoosh's parser, for everything else
            parse_query(args.query)  # a malformed query is reported before any index is built
        try:
            results = search.search(
                args.query,
                speakers=args.speaker,
                cases=args.case,
                attributes=args.where or None,
                codes=args.code,
                exclude_codes=args.not_code,
                coders=args.coder,
                limit=args.limit,
                announce=_announce_build,
            )
        finally:
            search.close()
    if args.json:
        print_json([hit_json(h) for h in results.hits])
        return 0
    rows = [
        (h.document, h.paragraph, h.speaker or "", f"{h.start}-{h.end}",
         shorten(h.context_before, 40).rjust(40) + " [" + h.text + "] " + shorten(h.context_after, 40))
        for h in results.hits
    ]
    print_table(("document", "para", "speaker", "range", "in context"), rows)
    more = f", showing {len(results.hits)}" if results.truncated else ""
    docs = len(results.counts)
    print(f"{results.total} hit{'s' if results.total != 1 else ''} in {docs} document{'s' if docs != 1 else ''}{more}")
    return 0


def hit_json(hit: SearchHit) -> dict[str, object]:
    return {
        "document": hit.document,
        "start": hit.start,
        "end": hit.end,
        "text": hit.text,
        "score": round(hit.score, 4),
        "paragraph": hit.paragraph,
        "speaker": hit.speaker,
        "context_before": hit.context_before,
        "context_after": hit.context_after,
    }
