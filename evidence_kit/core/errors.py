"""Typed errors with a stable code; the text comes from evidence_kit.i18n in Japanese or English."""

from __future__ import annotations

from ..i18n import tr


class EvidenceKitError(Exception):
    """An error the user should see. `code` is stable; `params` fill the message."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str = "ja") -> str:
        return tr("error." + self.code, lang, **self.params)
