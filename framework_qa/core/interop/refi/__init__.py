"""REFI-QDA exchange (QDPX projects, QDC codebooks) at file level, over a plain model of its own.

Reading is defensive (archives and XML are checked before anything is returned) and tolerant of what
real tools write; positions are mapped onto code points of the normalised text and verified.
"""

from .errors import RefiError
from .model import (
    ImportReport,
    RefiCase,
    RefiCode,
    RefiCodebook,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
    RefiUser,
    RefiVariable,
)
from .positions import Counting, choose_counting, map_span, normalise_text, offset_map, word_start_share
from .read_codes import read_qdc
from .read_project import read_qde, read_qdpx
from .safe_io import ZipLimits
from .write_project import write_qdc, write_qdpx

__all__ = [
    "Counting",
    "ImportReport",
    "RefiCase",
    "RefiCode",
    "RefiCodebook",
    "RefiError",
    "RefiNote",
    "RefiProject",
    "RefiSelection",
    "RefiSource",
    "RefiUser",
    "RefiVariable",
    "ZipLimits",
    "choose_counting",
    "map_span",
    "normalise_text",
    "offset_map",
    "read_qdc",
    "read_qde",
    "read_qdpx",
    "word_start_share",
    "write_qdc",
    "write_qdpx",
]
