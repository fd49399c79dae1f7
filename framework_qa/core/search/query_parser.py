"""whoosh's query parser as the search uses it: quoted phrases and patterns on the `exact` field.

Kept apart from `query` because importing and building it costs a one-shot process tens of milliseconds,
which a query of one plain word does not need (see `query.plain_word`).
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.qparser import FuzzyTermPlugin, PhrasePlugin, QueryParser, WildcardPlugin
from whoosh.qparser.syntax import SyntaxNode

from .analysis import build_schema


class _ExactPhrasePlugin(PhrasePlugin):
    """Quoted phrases on the default field search the unstemmed `exact` field."""

    class PhraseNode(PhrasePlugin.PhraseNode):
        def query(self, parser: QueryParser) -> wq.Query:
            if (getattr(self, "fieldname", None) or parser.fieldname) == "text":
                self.fieldname = "exact"
            return super().query(parser)

    class PhraseTagger(PhrasePlugin.PhraseTagger):
        def create(self, parser: QueryParser, match: re.Match[str]) -> SyntaxNode:
            node = super().create(parser, match)
            return _ExactPhrasePlugin.PhraseNode(node.text, node.textstartchar, node.slop)

    def taggers(self, parser: QueryParser) -> list[tuple[object, int]]:
        return [(self.PhraseTagger(self.expr), 0)]


class _Parser(QueryParser):
    """Sends pattern and fuzzy terms for the default field to the `exact` field."""

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):  # type: ignore[no-untyped-def]
        if fieldname == "text" and termclass is not wq.Term:
            fieldname = "exact"
        return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)


@lru_cache(maxsize=1)
def _query_schema() -> Schema:
    """The fields and analyzers a query is parsed with (built once: its analyzers compile a large pattern)."""
    return build_schema()


_parsers = threading.local()


def make_parser() -> QueryParser:
    """This thread's parser (made once per thread: making one compiles dozens of patterns)."""
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = _new_parser()
    return parser


def _new_parser() -> QueryParser:
    parser = _Parser("text", _query_schema())
    parser.remove_plugin_class(PhrasePlugin)
    parser.add_plugin(_ExactPhrasePlugin())
    parser.add_plugin(FuzzyTermPlugin())
    assert any(isinstance(p, WildcardPlugin) for p in parser.plugins)
    return parser
