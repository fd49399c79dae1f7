"""The transcript viewer: read-only text with coding highlights, paragraph numbers and coding stripes."""

from framework_qa.gui.app import protect_none
from framework_qa.gui.viewer.viewer import TranscriptViewer

protect_none()

__all__ = ["TranscriptViewer"]
