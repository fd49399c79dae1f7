"""Dialogs of the workbench window: start, coder choice, errors."""
