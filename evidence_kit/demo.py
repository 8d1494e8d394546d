"""The demo case: a made-up romance and investment scam built from assets/demo/files (written by
tools/make_demo_assets.py), for trying the app."""

from __future__ import annotations

from pathlib import Path

from .core.case import create_case
from .resources import assets_dir

DEMO_PASSPHRASE = "demo-passphrase-2024"


def build_demo(out_dir: Path) -> tuple[Path, str]:
    """Create `out_dir/demo-case` (or demo-case-2 ...) from the demo sources; return its path and passphrase."""
    target = Path(out_dir) / "demo-case"
    n = 1
    while target.exists():  # running the demo again makes a new one next to the old
        n += 1
        target = Path(out_dir) / f"demo-case-{n}"
    case = create_case(target, DEMO_PASSPHRASE)
    try:
        sources = sorted(p for p in (assets_dir() / "demo" / "files").iterdir() if p.is_file())
        case.import_paths(sources, source="demo")
    finally:
        case.lock()
    return case.path, DEMO_PASSPHRASE
