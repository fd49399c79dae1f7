"""REFI-QDA exchange in the GUI: File-menu actions and the import report dialog."""

from .actions import RefiActions, refi_actions
from .report_dialog import ImportReportDialog

__all__ = ["ImportReportDialog", "RefiActions", "refi_actions"]
