"""Japanese (default) and English messages."""

from __future__ import annotations

import os

from .messages import MESSAGES


def _add_importer_messages() -> None:
    """Each chat importer keeps its texts in i18n/<name>_messages.py: WARNINGS {code: {"ja", "en"}}
    found under "parse.<code>", ERRORS (optional) found under "error.<code>", and TEXTS (optional)
    under their own keys."""
    import importlib

    for name in ("line", "whatsapp", "media", "money", "money_case", "report", "acts", "gui", "guiviews", "guiimport",
                 "guidetails", "guitools", "guide", "handover", "backup", "watch", "timestamps"):
        try:
            module = importlib.import_module(f"{__name__}.{name}_messages")
        except ModuleNotFoundError:
            continue
        for code, texts in getattr(module, "WARNINGS", {}).items():
            MESSAGES["parse." + code] = texts
        for code, texts in getattr(module, "ERRORS", {}).items():
            MESSAGES["error." + code] = texts
        MESSAGES.update(getattr(module, "TEXTS", {}))


_add_importer_messages()

LANGS = ("ja", "en")


def detect_lang(explicit: str | None = None) -> str:
    """--lang wins; otherwise an English locale gives English; everything else Japanese."""
    if explicit:
        return explicit if explicit in LANGS else "ja"
    for var in ("EVIDENCE_KIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "ja"
    return "ja"


def tr(key: str, lang: str = "ja", **params) -> str:
    texts = MESSAGES[key]
    return texts.get(lang, texts["ja"]).format(**params)
