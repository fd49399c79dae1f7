"""Full-text search panel: query, filters, keyword-in-context results and coding of hits."""

from framework_qa.gui.search.panel import SearchPanel

__all__ = ["SearchPanel"]
