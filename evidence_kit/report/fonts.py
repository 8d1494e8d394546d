"""The shipped Japanese font, registered with ReportLab once per process."""

from __future__ import annotations

import functools

from ..resources import assets_dir

REGULAR = "BIZUDGothic"
BOLD = "BIZUDGothic-Bold"


@functools.cache
def register() -> tuple[str, str]:
    """Register BIZ UDGothic (assets/fonts) and return the (regular, bold) names to draw with.

    The PDF embeds a subset of the font, so the bundle reads the same on a machine without it."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = assets_dir() / "fonts"
    pdfmetrics.registerFont(TTFont(REGULAR, str(folder / "BIZUDGothic-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(folder / "BIZUDGothic-Bold.ttf")))
    for italic in (0, 1):  # the font has no italic: <i> in a paragraph stays upright
        addMapping(REGULAR, 0, italic, REGULAR)
        addMapping(REGULAR, 1, italic, BOLD)
    return REGULAR, BOLD


@functools.cache
def glyphs() -> frozenset[int]:
    """The code points both fonts can draw (a character outside them would print as an empty box)."""
    from reportlab.pdfbase import pdfmetrics

    regular, bold = register()
    return frozenset(pdfmetrics.getFont(regular).face.charToGlyph) & frozenset(pdfmetrics.getFont(bold).face.charToGlyph)
