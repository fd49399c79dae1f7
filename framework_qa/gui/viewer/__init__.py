"""The transcript viewer: read-only text with coding highlights, paragraph numbers and coding stripes."""

from framework_qa.gui.viewer.viewer import TranscriptViewer

__all__ = ["TranscriptViewer"]
