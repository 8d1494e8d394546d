"""The app's own settings: a small JSON file in the user's config folder (no QSettings, no registry).

What is kept: the language, the recent case folders, the neutral name switch, the idle minutes before
the case locks itself, the folder last used for a new case and the folder last watched. Nothing from inside a case is kept
here. `EVIDENCE_KIT_CONFIG_DIR` points the file elsewhere (tests)."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from ..core.fsio import atomic_write_bytes

CONFIG_ENV = "EVIDENCE_KIT_CONFIG_DIR"
FILE_NAME = "settings.json"
MAX_RECENT = 10
IDLE_CHOICES = (0, 1, 2, 5, 10, 15, 30, 60)  # minutes; 0 = never lock by itself


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_config_path("evidence-kit", appauthor=False)


def default_cases_dir() -> Path:
    """Where a new case goes unless the user picks another place: Documents/evidence-kit."""
    import platformdirs

    try:
        documents = platformdirs.user_documents_path()
    except Exception:  # noqa: BLE001 - an odd desktop setup: the home folder will do
        documents = Path.home()
    return documents / "evidence-kit"


@dataclass
class Settings:
    language: str = ""  # "" = from the system (evidence_kit.i18n.detect_lang)
    recent: list[str] = field(default_factory=list)  # case folders, newest first
    neutral_name: bool = False
    idle_minutes: int = 10
    last_location: str = ""
    watch_folder: str = ""  # the folder last watched (事件 > フォルダを見張る…), offered again next time

    path: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> "Settings":
        """The saved settings; the defaults for anything missing or unreadable (never an error)."""
        path = Path(path) if path else config_dir() / FILE_NAME
        settings = cls(path=path)
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return settings
        if not isinstance(data, dict):
            return settings
        for f in fields(cls):
            if f.name == "path" or f.name not in data:
                continue
            value = data[f.name]
            default = getattr(settings, f.name)
            if isinstance(default, bool):
                ok = isinstance(value, bool)
            elif isinstance(default, int):
                ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 24 * 60
            elif isinstance(default, list):
                ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
            else:
                ok = isinstance(value, str)
            if ok:
                setattr(settings, f.name, value)
        settings.recent = settings.recent[:MAX_RECENT]
        return settings

    def save(self) -> None:
        """Write the file atomically. A settings file that cannot be written is not worth an error
        dialog for a frightened user: the app keeps working with what it has in memory."""
        if self.path is None:
            return
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.path, json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8") + b"\n")
        except OSError:
            pass

    def add_recent(self, case_path: Path) -> None:
        text = str(Path(case_path).absolute())
        self.recent = [text] + [p for p in self.recent if p != text]
        self.recent = self.recent[:MAX_RECENT]
        self.save()

    def forget_recent(self, case_path: Path | str) -> None:
        text = str(case_path)
        self.recent = [p for p in self.recent if p != text]
        self.save()
