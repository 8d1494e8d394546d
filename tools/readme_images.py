"""Takes the README's pictures from the real app and the real PDF: builds the demo case in a temporary
folder, shows the windows offscreen and saves them, and renders PDF pages with pdftoppm.
Run: QT_QPA_PLATFORM=offscreen python tools/readme_images.py   (writes docs/images/*.png)"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"


def wait(app, condition, seconds: float = 60) -> None:
    import time

    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for the app")
        app.processEvents()
        time.sleep(0.02)


def settle(app, seconds: float = 0.6) -> None:
    """Lets the window paint (thumbnails, layout) before the picture."""
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def pdf_page(pdf: Path, text: str) -> int:
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    for n in range(1, pages + 1):
        page = subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        if text in page and "目次" not in page:  # the section itself, not the contents
            return n
    raise SystemExit(f"no page of {pdf.name} holds {text!r}")


def render(pdf: Path, page: int, name: str) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-singlefile", "-f", str(page), "-l", str(page), str(pdf),
                    str(OUT / name)], check=True)


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="ek-readme-"))
    os.environ["EVIDENCE_KIT_CONFIG_DIR"] = str(work / "config")
    OUT.mkdir(parents=True, exist_ok=True)

    from evidence_kit.core.case import Case
    from evidence_kit.demo import build_demo, export_bundles
    from evidence_kit.gui import lang
    from evidence_kit.gui.app import make_app
    from evidence_kit.gui.dialogs.export import ExportDialog
    from evidence_kit.gui.main_window import MainWindow
    from evidence_kit.gui.session import Session
    from evidence_kit.gui.settings import Settings
    from evidence_kit.gui.start import StartWindow

    path, passphrase = build_demo(work / "demo")
    case = Case.open(path)
    case.unlock(passphrase)
    bundles = [pdf for pdf, _pages in export_bundles(case, work / "demo")]
    police = next(p for p in bundles if p.name.endswith("-police.pdf"))
    render(police, 1, "pdf-cover")
    render(police, pdf_page(police, "被害金一覧表（送金一覧）"), "pdf-money")
    render(police, pdf_page(police, "時系列表（被害経過一覧）"), "pdf-timeline")

    app = make_app([])
    settings = Settings.load()
    lang.language.set("ja")
    start = StartWindow(settings)
    start.resize(640, 520)
    start.show()
    settle(app)
    start.grab().save(str(OUT / "app-start-ja.png"))
    start.close()

    session = Session(case)
    window = MainWindow(session, settings)
    window.resize(1280, 800)
    window.show()
    wait(app, lambda: not session.busy())
    settle(app, 1.5)
    shot = next(i["id"] for i in case.items() if i["original_name"].startswith("Screenshot_20240520"))
    window.evidence_list.select_item(shot)
    settle(app)
    window.grab().save(str(OUT / "app-evidence-ja.png"))
    window.show_tab(1)
    settle(app)
    window.grab().save(str(OUT / "app-timeline-ja.png"))
    lang.language.set("en")
    window.show_tab(0)
    settle(app)
    window.grab().save(str(OUT / "app-evidence-en.png"))
    lang.language.set("ja")

    dialog = ExportDialog(session, window)
    dialog.resize(820, 640)
    dialog.show()
    wait(app, lambda: not session.busy())
    settle(app, 1.0)
    dialog.grab().save(str(OUT / "app-export-ja.png"))
    dialog.close()
    window.close()
    session.stop_all()
    case.lock()
    for png in sorted(OUT.glob("*.png")):
        print(png.relative_to(ROOT))


if __name__ == "__main__":
    sys.exit(main())
