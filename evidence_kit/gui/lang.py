"""The GUI's language: the same messages as the CLI and the core errors (evidence_kit.i18n), switchable at
run time. Widgets connect `language.changed` to their `retranslate()` and read texts through `tr()`."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..i18n import LANGS, detect_lang, tr as _tr


class Language(QObject):
    changed = Signal(str)

    def __init__(self, code: str | None = None):
        super().__init__()
        self.code = detect_lang(code)

    def set(self, code: str) -> None:
        if code in LANGS and code != self.code:
            self.code = code
            self.changed.emit(code)


language = Language()


def tr(key: str, **params) -> str:
    return _tr(key, language.code, **params)


def error_text(exc: BaseException) -> str:
    """What the user reads for an error: our message, or the general one with the reason."""
    from ..core.errors import EvidenceKitError

    if isinstance(exc, EvidenceKitError):
        return exc.message(language.code)
    if isinstance(exc, OSError):
        return EvidenceKitError("io_error", path=exc.filename or "", reason=exc.strerror or str(exc)).message(language.code)
    return EvidenceKitError("unexpected", reason=f"{type(exc).__name__}: {exc}").message(language.code)
