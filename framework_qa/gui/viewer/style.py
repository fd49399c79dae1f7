"""Colours of the viewer derived from the system palette, so light and dark themes both read well."""

from __future__ import annotations

import zlib

from PySide6.QtGui import QColor, QPalette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def highlight_colour(hex_colour: str, palette: QPalette, strong: bool = False) -> QColor:
    """A translucent tint of a code's colour: overlapping codings add up to a visibly darker tint."""
    colour = QColor(hex_colour)
    if not colour.isValid():
        colour = QColor("#888888")
    alpha = 70 if not is_dark(palette) else 95
    colour.setAlpha(min(255, alpha * 2) if strong else alpha)
    return colour


def stripe_colour(hex_colour: str, palette: QPalette) -> QColor:
    colour = QColor(hex_colour)
    if not colour.isValid():
        colour = QColor("#888888")
    return colour.lighter(125) if is_dark(palette) else colour


def speaker_colour(name: str, palette: QPalette) -> QColor:
    """A stable colour per speaker name, dark on light themes and light on dark ones."""
    hue = zlib.crc32(name.encode("utf-8")) % 360
    return QColor.fromHsv(hue, 150, 225 if is_dark(palette) else 130)
