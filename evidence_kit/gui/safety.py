"""Safety for someone who may be watched: quick-hide, auto-lock when idle, a neutral name.

- Quick-hide: Esc pressed twice within half a second, or Ctrl+Shift+H, hides every window of the app
  at once and locks the case. A tray icon (with the neutral look) brings the windows back, locked;
  where the desktop has no tray, the app ends once nothing is running (`quit_without_tray`).
- Auto-lock: after the chosen idle minutes without a key, click or mouse move, the case locks.
- Neutral name: every window title, the app name and its icon say 「メモ」/"Notes", nothing else.

One `Safety` per window that holds a case (or none, on the start window); all of them look at the
application's input through one event filter each."""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QSystemTrayIcon, QVBoxLayout, QWidget)

from .lang import language, tr
from .settings import IDLE_CHOICES

DOUBLE_ESC_SECONDS = 0.5
SAME_PRESS_SECONDS = 0.03  # one key press seen again while Qt hands it to the parent widgets
QUIT_WITHOUT_TRAY = False  # the real app (app.run) sets it; tests keep the process
_INPUT = frozenset({QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove, QEvent.Wheel,
                    QEvent.TouchBegin, QEvent.TabletPress})
_neutral = False


def neutral() -> bool:
    return _neutral


def app_title() -> str:
    return tr("gui.neutral_name") if _neutral else tr("gui.app_name")


def window_title(detail: str = "") -> str:
    """A window's title: the neutral name alone, or the app name with what the window shows."""
    if _neutral or not detail:
        return app_title()
    return f"{detail} — {app_title()}"


def apply_neutral(on: bool) -> None:
    """Switch the neutral name on or off for the whole app, every open window included."""
    global _neutral
    from .app import app_icon

    _neutral = bool(on)
    app = QApplication.instance()
    if app is None:
        return
    app.setApplicationDisplayName(tr("gui.neutral_name") if _neutral else "")
    app.setWindowIcon(app_icon(neutral=_neutral))
    for widget in app.topLevelWidgets():
        retitle = getattr(widget, "retitle", None)
        if retitle:
            retitle()
        elif _neutral and widget.isWindow():
            widget.setWindowTitle(app_title())


class Safety(QObject):
    lock_requested = Signal(str)  # "hide" or "idle"
    hidden = Signal()
    restored = Signal()

    def __init__(self, session=None, idle_minutes: int = 10, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.quit_without_tray = QUIT_WITHOUT_TRAY
        self._last_esc = -1.0
        self._last_esc_stamp = 0
        self._last_hide = -1.0
        self._hidden: list[QWidget] = []
        self._tray: QSystemTrayIcon | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._idle_timeout)
        self.set_idle_minutes(idle_minutes)
        QApplication.instance().installEventFilter(self)

    # -- idle --------------------------------------------------------------------------------

    def set_idle_minutes(self, minutes: int) -> None:
        self.set_idle_ms(int(minutes) * 60_000)

    def set_idle_ms(self, ms: int) -> None:
        self._idle.stop()
        self._idle_ms = ms
        if ms > 0 and self.session is not None:
            self._idle.start(ms)

    def _idle_timeout(self) -> None:
        if self.session is None or self.session.locked:
            return
        if self.session.busy():  # the user waits for an export: lock once it is done and still idle
            self._idle.start(self._idle_ms)
            return
        self.lock_requested.emit("idle")

    # -- the filter --------------------------------------------------------------------------

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in _INPUT:
            if self._idle_ms > 0 and self.session is not None:
                self._idle.start(self._idle_ms)
            if kind == QEvent.KeyPress and not event.isAutoRepeat():
                self._key(event)
        elif _neutral and kind in (QEvent.Show, QEvent.WindowTitleChange) and isinstance(obj, QWidget) \
                and obj.isWindow() and obj.windowTitle() != app_title():
            obj.setWindowTitle(app_title())
        return False

    def _key(self, event) -> None:
        now = time.monotonic()
        mods = event.modifiers() & (Qt.ControlModifier | Qt.ShiftModifier | Qt.AltModifier | Qt.MetaModifier)
        if event.key() == Qt.Key_H and mods == (Qt.ControlModifier | Qt.ShiftModifier):
            self.quick_hide()
        elif event.key() == Qt.Key_Escape and not mods:
            # Qt shows one press to the window, then to the focus widget and its parents: the same
            # timestamp (0 for synthetic events: then anything within a few ms is the same press)
            stamp = event.timestamp()
            since = now - self._last_esc
            if (stamp and stamp == self._last_esc_stamp) or (not stamp and since < SAME_PRESS_SECONDS):
                return
            if since <= DOUBLE_ESC_SECONDS:
                self._last_esc, self._last_esc_stamp = -1.0, 0
                self.quick_hide()
            else:
                self._last_esc, self._last_esc_stamp = now, stamp

    # -- quick-hide --------------------------------------------------------------------------

    def quick_hide(self) -> None:
        """Hide every window now, then lock. Nothing asks first: speed is the point."""
        now = time.monotonic()
        if now - self._last_hide < SAME_PRESS_SECONDS:
            return
        self._last_hide = now
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        if not shown and not self._hidden:  # another window's Safety hid them first: only lock
            if self.session is not None:
                self.lock_requested.emit("hide")
            return
        for widget in shown:
            widget.hide()
        # dialogs are closed, not kept to show again: a hidden modal dialog has already left its exec()
        # (and is deleted soon after), and what it showed of the case must not come back unlocked
        dialogs = [w for w in shown if isinstance(w, QDialog)]
        self._hidden += [w for w in shown if w not in self._hidden and w not in dialogs]
        if self.session is not None:
            self.lock_requested.emit("hide")
        for dialog in dialogs:
            if shiboken6.isValid(dialog):
                dialog.done(QDialog.DialogCode.Rejected)  # not reject(): nothing may ask a question now
        self.hidden.emit()
        if QSystemTrayIcon.isSystemTrayAvailable():
            self._show_tray()
        elif self.quit_without_tray:
            self._quit_when_idle()

    def _show_tray(self) -> None:
        from .app import app_icon

        if self._tray is None:
            self._tray = QSystemTrayIcon(self)
            self._tray.activated.connect(lambda *_: self.restore())
        self._tray.setIcon(app_icon(neutral=True))
        self._tray.setToolTip(tr("gui.neutral_name"))
        self._tray.show()

    def _quit_when_idle(self) -> None:
        if self.session is not None and self.session.busy():
            QTimer.singleShot(500, self._quit_when_idle)
        elif not any(w.isVisible() for w in QApplication.topLevelWidgets()):
            QApplication.quit()

    def restore(self) -> None:
        """Show the hidden windows again (the case stays locked)."""
        if self._tray is not None:
            self._tray.hide()
        for widget in self._hidden:
            if shiboken6.isValid(widget):  # a window closed meanwhile (the guide, say) stays closed
                widget.show()
        self._hidden = []
        self.restored.emit()

    def stop(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._idle.stop()
        if self._tray is not None:
            self._tray.hide()


class SafetyDialog(QDialog):
    """The safety settings: the neutral name and the idle minutes before the case locks itself."""

    def __init__(self, settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.neutral = QCheckBox()
        self.neutral.setChecked(settings.neutral_name)
        self.idle = QComboBox()
        self.idle_label = QLabel()
        self.idle_label.setBuddy(self.idle)
        self.keys = QLabel()
        self.keys.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.neutral)
        form.addRow(self.idle_label, self.idle)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.keys)
        layout.addWidget(self.buttons)
        self.retranslate()
        language.changed.connect(self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(window_title(tr("gui.safety.title")))
        self.intro.setText(tr("gui.safety.intro"))
        self.neutral.setText(tr("gui.safety.neutral"))
        self.idle_label.setText(tr("gui.safety.idle"))
        current = self.idle.currentData() if self.idle.count() else self.settings.idle_minutes
        choices = sorted(set(IDLE_CHOICES) | {self.settings.idle_minutes})
        self.idle.clear()
        for minutes in choices:
            self.idle.addItem(tr("gui.safety.never") if minutes == 0 else tr("gui.safety.minutes", n=minutes), minutes)
        self.idle.setCurrentIndex(choices.index(current) if current in choices else 0)
        self.keys.setText(tr("gui.safety.keys"))
        self.buttons.button(QDialogButtonBox.Ok).setText(tr("gui.ok"))
        self.buttons.button(QDialogButtonBox.Cancel).setText(tr("gui.cancel"))

    def accept(self) -> None:
        self.settings.neutral_name = self.neutral.isChecked()
        self.settings.idle_minutes = int(self.idle.currentData())
        self.settings.save()
        apply_neutral(self.settings.neutral_name)
        super().accept()
