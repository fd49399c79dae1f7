"""The agreement view: `AgreementPanel(session)` (choices, table, comparison and reconciling, export)."""

from framework_qa.gui.agreement.compare import ComparisonView
from framework_qa.gui.agreement.model import AgreementTreeModel
from framework_qa.gui.agreement.panel import AgreementPanel

__all__ = ["AgreementPanel", "AgreementTreeModel", "ComparisonView"]
