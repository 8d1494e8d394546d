"""Typed errors with a stable code; the text comes from evidence_kit.i18n in Japanese or English."""

from __future__ import annotations

from ..i18n import tr


class EvidenceKitError(Exception):
    """An error the user should see. `code` is stable; `params` fill the message."""

    def __init__(self, code: str, *, text: str = "", **params):
        self.code = code
        self.text = text or code  # the message under "error.<text>": the same error told for another task
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "ja") -> str:
        return tr("error." + self.text, lang, **self.params)
