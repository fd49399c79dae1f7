"""The framework matrix: cases (rows) charted against codes (columns), with the analyst's summaries.

Compute with `build_matrix(project, MatrixSpec(...))`; the counting contract (codings once per column,
characters as the union of coded ranges) is in `counting`. Pure parts: `spec`, `rows`, `columns`,
`counting`, `grid`, `report`; `project_matrix` is the thin layer over a `Project`.
"""

from framework_qa.core.analysis.matrix.grid import Cell, Matrix, compute_matrix
from framework_qa.core.analysis.matrix.project_matrix import (
    Excerpt,
    build_matrix,
    cell_excerpts,
    delete_matrix,
    draft_cell_summary,
    draft_summary,
    matrix_dataframe,
    matrix_report,
    save_matrix,
    saved_matrices,
)
from framework_qa.core.analysis.matrix.report import MatrixReport
from framework_qa.core.analysis.matrix.spec import Condition, MatrixSpec, parse_condition, parse_conditions

__all__ = ["Cell", "Condition", "Excerpt", "Matrix", "MatrixReport", "MatrixSpec", "build_matrix",
           "cell_excerpts", "compute_matrix", "delete_matrix", "draft_cell_summary", "draft_summary",
           "matrix_dataframe", "matrix_report", "parse_condition", "parse_conditions", "save_matrix",
           "saved_matrices"]
