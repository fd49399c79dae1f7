"""The framework matrix view: `MatrixPanel(session)`, a self-contained widget for a tab or dock."""

from framework_qa.gui.matrix.panel import MatrixPanel
from framework_qa.gui.matrix.table_model import MatrixTableModel

__all__ = ["MatrixPanel", "MatrixTableModel"]
