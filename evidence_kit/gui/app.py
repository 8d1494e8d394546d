"""Starting the desktop app: `evidence-kit` with no arguments, or `evidence-kit gui [--case PATH]`.

One QApplication with the BIZ UDGothic font (assets/fonts), the app icon, the remembered language; the
start window first, then one main window for the case the user opened."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QObject, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from ..resources import assets_dir
from .lang import language

FONT_FILES = ("BIZUDGothic-Regular.ttf", "BIZUDGothic-Bold.ttf")
_font_family: str | None = None


def register_fonts() -> str | None:
    """Add BIZ UDGothic to Qt's fonts (once) and return its family name; None when the files are missing."""
    global _font_family
    if _font_family is None:
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(assets_dir() / "fonts" / name))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families and _font_family is None:
                _font_family = families[0]
    return _font_family


def app_font(point_size: float = 10.5) -> QFont:
    family = register_fonts()
    font = QFont(family) if family else QFont()
    font.setPointSizeF(point_size)
    return font


def app_icon(neutral: bool = False) -> QIcon:
    """Drawn here, so no image file is needed: a folder with a lock, or (neutral) a plain note."""
    icon = QIcon()
    for size in (16, 32, 64, 128, 256):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.Antialiasing)
        p.scale(size / 64, size / 64)
        if neutral:
            p.setPen(QPen(QColor("#8a7a3c"), 2))
            p.setBrush(QColor("#f6e7a1"))
            p.drawRoundedRect(QRectF(10, 6, 44, 52), 4, 4)
            for y in (20, 30, 40):
                p.drawLine(QPointF(18, y), QPointF(46, y))
        else:
            p.setPen(Qt.NoPen)
            p.setBrush(QColor("#2f6f73"))
            folder = QPainterPath()
            folder.addRoundedRect(QRectF(4, 14, 56, 42), 6, 6)
            folder.addRoundedRect(QRectF(4, 8, 24, 12), 4, 4)
            p.drawPath(folder.simplified())
            p.setBrush(QColor("#ffffff"))
            p.drawRoundedRect(QRectF(22, 32, 20, 16), 3, 3)
            p.setPen(QPen(QColor("#ffffff"), 3.5))
            p.setBrush(Qt.NoBrush)
            p.drawArc(QRectF(25, 22, 14, 18), 0, 180 * 16)
        p.end()
        icon.addPixmap(pixmap)
    return icon


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(["evidence-kit", *(argv or [])])
    app.setApplicationName("evidence-kit")
    app.setOrganizationName("evidence-kit")
    app.setStyle("Fusion")
    app.setFont(app_font())
    app.setWindowIcon(app_icon())
    return app


class Shell(QObject):
    """The start window, then the main window of the case opened from it."""

    def __init__(self, settings, parent: QObject | None = None):
        super().__init__(parent)
        from .safety import apply_neutral
        from .start import StartWindow

        self.settings = settings
        self.windows: list = []
        apply_neutral(settings.neutral_name)
        self.start = StartWindow(settings)
        self.start.opened.connect(self.open_main)

    def open_main(self, session, report=None) -> None:
        from .main_window import MainWindow

        window = MainWindow(session, self.settings)
        self.windows.append(window)
        window.show()
        self.start.hide()
        self.start.safety.stop()  # the main window's own Safety takes over (one tray icon, not two)
        window.show_unlock_report(report)

    def shutdown(self) -> None:
        """After the event loop: stop what still runs and lock every case (quick-hide may have quit)."""
        for window in self.windows:
            window.session.stop_all()
            window.session.lock()
            window.session.wait_locked()  # the process must not end before the case is locked


def run(argv: list[str] | None = None) -> int:
    from .settings import Settings

    parser = argparse.ArgumentParser(prog="evidence-kit gui")
    parser.add_argument("--case")
    parser.add_argument("--lang", choices=("ja", "en"))
    parser.add_argument("--screenshot", metavar="PNG", help=argparse.SUPPRESS)  # checks of the frozen app, README pictures
    args, qt_args = parser.parse_known_args(argv or [])
    app = make_app(qt_args)
    settings = Settings.load()
    language.set(args.lang or settings.language or language.code)
    from . import safety

    safety.QUIT_WITHOUT_TRAY = True  # quick-hide without a tray icon to come back through: end the app
    shell = Shell(settings)
    if args.screenshot:
        return _screenshot(app, shell, Path(args.case), Path(args.screenshot))
    shell.start.show()
    if args.case:
        shell.start.open_case(Path(args.case))
    code = app.exec()
    shell.shutdown()
    return code


def _screenshot(app: QApplication, shell: Shell, case_path: Path, out: Path) -> int:
    """Open the case with the passphrase in EVIDENCE_KIT_PASSPHRASE, show its main window, save a picture of it
    once nothing is loading any more, and quit: 0 when the picture was written. Used to check a frozen build
    and to take the README's pictures; never asks anything."""
    import os

    from PySide6.QtCore import QElapsedTimer, QTimer

    from ..core.case import Case
    from .session import Session

    case = Case.open(case_path)
    report = case.unlock(os.environ["EVIDENCE_KIT_PASSPHRASE"])
    shell.open_main(Session(case), report)
    window = shell.windows[-1]
    window.resize(1280, 800)
    clock, result = QElapsedTimer(), {"code": 1}
    clock.start()

    def check() -> None:
        if clock.elapsed() < 1500 or (window.session.busy() and clock.elapsed() < 60_000):
            return
        result["code"] = 0 if window.grab().save(str(out)) else 1
        app.quit()

    timer = QTimer(interval=200, timeout=check)
    timer.start()
    app.exec()
    shell.shutdown()
    return result["code"]


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
