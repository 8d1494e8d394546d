"""The main window of one case: menus, toolbar, the evidence list and timeline beside the item pane,
the import panel at the bottom, the status bar, and a calm locked page while the case is locked.

Views and dialogs come from the other GUI modules; the dialogs are imported when their action runs."""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QApplication, QDialog, QDockWidget, QFileDialog, QLabel, QMainWindow,
                               QMessageBox, QPushButton, QSplitter, QStackedWidget, QTabWidget,
                               QToolBar, QVBoxLayout, QWidget)

from .. import __version__
from .lang import error_text, language, tr
from .safety import Safety, SafetyDialog, window_title
from .start import UnlockDialog, heading_label

# action name -> (text key, shortcut, needs the case unlocked)
ACTIONS = {
    "import": ("gui.action.import", "Ctrl+I", False),
    "import_folder": ("gui.action.import_folder", "Ctrl+Shift+I", False),
    "export": ("gui.action.export", "Ctrl+E", True),
    "handover": ("guitools.action.handover", "", True),
    "backup": ("guitools.action.backup", "", False),  # the copy stays encrypted: no passphrase needed
    "lock": ("gui.action.lock", "Ctrl+L", False),
    "hide": ("gui.action.hide", "Ctrl+Shift+H", False),
    "safety": ("gui.action.safety", "", False),
    "quit": ("gui.action.quit", "Ctrl+Q", False),
    "party": ("gui.action.party", "", True),
    "accounts": ("gui.action.accounts", "", True),
    "actions": ("gui.action.actions", "", True),
    "summary": ("gui.action.summary", "", True),
    "acts": ("gui.action.acts", "", True),
    "refusals": ("gui.action.refusals", "", True),
    "watch": ("guitools.action.watch", "", True),
    "lang_ja": ("gui.action.lang_ja", "", False),
    "lang_en": ("gui.action.lang_en", "", False),
    "show_list": ("gui.action.show_list", "Ctrl+1", True),
    "show_timeline": ("gui.action.show_timeline", "Ctrl+2", True),
    "guide": ("gui.action.guide", "F1", False),
    "about": ("gui.action.about", "", False),
}
MENUS = {
    "file": ("import", "import_folder", "export", "handover", "backup", None, "lock", "hide", "safety", None, "quit"),
    "case": ("party", "accounts", "actions", "summary", None, "acts", "refusals", None, "watch"),
    "view": ("@language", None, "show_list", "show_timeline"),
    "help": ("guide", "about"),
}
TOOLBAR = ("import", "export", "lock", "guide")
MNEMONIC = re.compile(r"\(&\w\)|&(?=\w)|…$")  # "証拠を取り込む(&I)…" -> "証拠を取り込む" on the toolbar


class LockedPage(QWidget):
    """Shown instead of the evidence while the case is locked: what that means and how to open it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = heading_label(1.4)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignHCenter)
        self.button = QPushButton()
        self.button.setMinimumHeight(40)
        self.button.setDefault(True)
        box = QWidget()
        box.setFixedWidth(560)  # a wrapped label in a centred layout needs a width to wrap to
        inner = QVBoxLayout(box)
        inner.setSpacing(16)
        inner.addWidget(self.heading, 0, Qt.AlignHCenter)
        inner.addWidget(self.text)
        inner.addWidget(self.button, 0, Qt.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignHCenter)
        layout.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(tr("gui.locked.heading"))
        self.text.setText(tr("gui.locked.text"))
        self.text.setMinimumHeight(self.text.heightForWidth(self.text.parentWidget().width() - 24))
        self.button.setText(tr("gui.locked.unlock"))


class MainWindow(QMainWindow):
    def __init__(self, session, settings=None, parent: QWidget | None = None):
        super().__init__(parent)
        from .settings import Settings

        self.session = session
        self.settings = settings if settings is not None else Settings.load()
        self.safety = Safety(session, self.settings.idle_minutes, parent=self)
        self.safety.lock_requested.connect(lambda reason: self.lock_case())
        self.actions_: dict[str, QAction] = {}
        self.menus: dict[str, object] = {}
        self.guide = None
        self.import_panel = None
        self.import_dock: QDockWidget | None = None
        self.views_built = False
        self._make_actions()
        self._make_menus()
        self._make_toolbar()

        self.tabs = QTabWidget()
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.locked_page = LockedPage()
        self.locked_page.button.clicked.connect(self.unlock_case)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self.locked_page)
        self.setCentralWidget(self.stack)

        self.status_case, self.status_lock, self.status_count = QLabel(), QLabel(), QLabel()
        for label in (self.status_case, self.status_lock, self.status_count):
            label.setContentsMargins(10, 0, 10, 0)
            self.statusBar().addPermanentWidget(label)
        self.setAcceptDrops(True)
        self.resize(1200, 780)

        self.folder_watch = None
        from .dialogs.watch import attach as attach_watch

        attach_watch(self)  # the watched folder's status-bar entry (事件 > フォルダを見張る…)
        session.lock_changed.connect(self._lock_changed)
        session.lock_failed.connect(lambda exc: self.statusBar().showMessage(error_text(exc)))
        session.changed.connect(self.update_status)
        if not session.locked:
            self._build_views()
        language.changed.connect(self.retranslate)
        self.retranslate()
        self._lock_changed(session.locked)

    # -- building ----------------------------------------------------------------------------

    def _make_actions(self) -> None:
        handlers = {
            "import": self.choose_files, "import_folder": self.choose_folder, "export": self.open_export,
            "lock": self.toggle_lock, "hide": self.safety.quick_hide, "safety": self.edit_safety,
            "quit": self.close, "party": lambda: self.open_details("PartyDialog"),
            "accounts": lambda: self.open_details("AccountsDialog"),
            "actions": lambda: self.open_details("ActionsDialog"),
            "summary": lambda: self.open_details("SummaryDialog"),
            "acts": lambda: self.open_details("ActsDialog"),
            "refusals": lambda: self.open_details("RefusalsDialog"),
            "handover": self.open_handover, "backup": self.open_backup, "watch": self.open_watch,
            "lang_ja": lambda: self.set_language("ja"), "lang_en": lambda: self.set_language("en"),
            "show_list": lambda: self.show_tab(0), "show_timeline": lambda: self.show_tab(1),
            "guide": self.open_guide, "about": self.about,
        }
        group = QActionGroup(self)
        for name, (_key, shortcut, _needs) in ACTIONS.items():
            action = QAction(self)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(lambda _checked=False, f=handlers[name]: f())
            self.actions_[name] = action
        for name in ("lang_ja", "lang_en"):
            self.actions_[name].setCheckable(True)
            group.addAction(self.actions_[name])
        self.actions_["quit"].setMenuRole(QAction.QuitRole)
        self.actions_["about"].setMenuRole(QAction.AboutRole)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        for menu_name, names in MENUS.items():
            menu = bar.addMenu("")
            self.menus[menu_name] = menu
            for name in names:
                if name is None:
                    menu.addSeparator()
                elif name == "@language":
                    sub = menu.addMenu("")
                    self.menus["language"] = sub
                    sub.addAction(self.actions_["lang_ja"])
                    sub.addAction(self.actions_["lang_en"])
                else:
                    menu.addAction(self.actions_[name])

    def _make_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("main-toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonTextOnly)  # words, not symbols that may alarm
        self.toolbar.setStyleSheet("QToolButton { padding: 4px 10px; }")
        for name in TOOLBAR:
            self.toolbar.addAction(self.actions_[name])
        self.addToolBar(Qt.TopToolBarArea, self.toolbar)

    def _build_views(self) -> None:
        """The evidence list and the timeline on the left, the item pane on the right (once, at the
        first unlock: the views read the case)."""
        if self.views_built:
            return
        self.views_built = True
        from .views.evidence import EvidenceList
        from .views.item import ItemPane
        from .views.timeline import TimelineView

        self.evidence_list = EvidenceList(self.session)
        self.timeline = TimelineView(self.session)
        self.item_pane = ItemPane(self.session)
        self.tabs.addTab(self.evidence_list, "")
        self.tabs.addTab(self.timeline, "")
        self.splitter.addWidget(self.item_pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.evidence_list.item_selected.connect(self.item_pane.show_item)
        self.timeline.item_selected.connect(self.item_pane.show_item)

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.retitle()
        for name, action in self.actions_.items():
            action.setText(tr(ACTIONS[name][0]))
        self._lock_text()
        for name, menu in self.menus.items():
            menu.setTitle(tr(f"gui.menu.{name}"))
        self.actions_["lang_ja"].setText("日本語")
        self.actions_["lang_en"].setText("English")
        self.actions_[f"lang_{language.code}"].setChecked(True)
        self.toolbar.setWindowTitle(tr("gui.toolbar"))
        for n, key in enumerate(("gui.tab.list", "gui.tab.timeline")):
            if n < self.tabs.count():
                self.tabs.setTabText(n, tr(key))
        self.locked_page.retranslate()
        if self.import_dock is not None:
            self.import_dock.setWindowTitle(tr("gui.import.dock"))
        self.update_status()

    def retitle(self) -> None:
        self.setWindowTitle(window_title(self.session.case.path.name))

    def update_status(self) -> None:
        self.status_case.setText(tr("gui.status.case", name=self.session.case.path.name))
        self.status_lock.setText(tr("gui.status.locked" if self.session.locked else "gui.status.unlocked"))
        if self.session.locked:
            self.status_count.setText("")
        else:
            try:
                count = len(self.session.case.items())
            except Exception:  # noqa: BLE001 - locked meanwhile by another thread; the next change fixes it
                count = None
            self.status_count.setText("" if count is None else tr("gui.status.items", count=count))

    def set_language(self, code: str) -> None:
        self.settings.language = code
        self.settings.save()
        language.set(code)

    # -- lock state --------------------------------------------------------------------------

    def _lock_changed(self, locked: bool) -> None:
        if not locked:
            self._build_views()
        self.stack.setCurrentWidget(self.locked_page if locked else self.splitter)
        for name, (_key, _shortcut, needs_unlocked) in ACTIONS.items():
            if needs_unlocked:
                self.actions_[name].setEnabled(not locked)
        for menu_name in ("case",):
            self.menus[menu_name].setEnabled(not locked)
        self._lock_text()
        if locked:
            self.locked_page.button.setFocus()
        elif self.tabs.count():
            self._focus_view()  # the list, ready for the arrow keys (not the tab bar above it)
        self.update_status()

    def _lock_text(self) -> None:
        self.actions_["lock"].setText(tr("gui.action.unlock" if self.session.locked else "gui.action.lock"))
        for name in TOOLBAR:
            self.actions_[name].setIconText(MNEMONIC.sub("", self.actions_[name].text()))

    def lock_case(self) -> None:
        """Lock now, and close every dialog, so nothing decrypted stays on screen. The lock comes first:
        the case's dialogs close themselves on it without asking about unsaved edits (a question would
        hold the lock back while nobody is there to answer it, as when the idle time runs out)."""
        try:
            self.session.lock()
        except Exception as exc:  # noqa: BLE001 - say what failed; the views are emptied all the same
            self.statusBar().showMessage(error_text(exc))
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.done(QDialog.DialogCode.Rejected)  # not reject(): that may ask first

    def unlock_case(self) -> bool:
        dialog = UnlockDialog(self.session.case, self, before=self.session.wait_locked)
        accepted, report = dialog.exec() == QDialog.Accepted, dialog.report
        dialog.deleteLater()
        if not accepted:
            return False
        self.session.lock_changed.emit(False)
        self.session.changed.emit()
        self.show_unlock_report(report)
        return True

    def toggle_lock(self) -> None:
        if self.session.locked:
            self.unlock_case()
        else:
            self.lock_case()

    def show_unlock_report(self, report) -> None:
        if report is None:
            return
        if report.chain_problems:
            QMessageBox.warning(self, window_title(), tr("gui.unlock.chain_problem"))
        notes = []
        if report.unsigned_entries and report.signed:
            notes.append(tr("gui.unlock.signed", count=report.unsigned_entries))
        if report.duplicates:
            notes.append(tr("gui.unlock.duplicates", count=len(report.duplicates)))
        if notes:
            self.statusBar().showMessage("　".join(notes), 15000)

    # -- actions -----------------------------------------------------------------------------

    def show_tab(self, index: int) -> None:
        if index < self.tabs.count():
            self.tabs.setCurrentIndex(index)
            self._focus_view()

    def _focus_view(self) -> None:
        view = self.tabs.currentWidget()
        getattr(view, "body", view).setFocus()  # the list itself, not the filters above it

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("gui.import.choose_files"))
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("gui.import.choose_folder"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Hand the files and folders to the import panel at the bottom (made on first use)."""
        if self.import_panel is None:
            from .dialogs.importing import ImportPanel

            self.import_panel = ImportPanel(self.session)
            self.import_dock = QDockWidget(tr("gui.import.dock"), self)
            self.import_dock.setObjectName("import-dock")
            self.import_dock.setFeatures(QDockWidget.DockWidgetClosable)
            self.import_dock.setWidget(self.import_panel)
            self.addDockWidget(Qt.BottomDockWidgetArea, self.import_dock)
        self.import_dock.show()
        self.import_panel.start(list(paths))

    def open_export(self) -> None:
        from .dialogs.export import ExportDialog
        from .dialogs.handover import add_to_export

        dialog = ExportDialog(self.session, self)
        add_to_export(dialog)  # its 「渡す一式も作る…」 and 「USBにバックアップ…」 buttons
        self._run_dialog(dialog)

    def open_handover(self) -> None:
        from .dialogs.handover import HandoverDialog

        self._run_dialog(HandoverDialog(self.session, self))

    def open_backup(self) -> None:
        from .dialogs.backup import BackupDialog

        self._run_dialog(BackupDialog(self.session, self))

    def open_watch(self) -> None:
        from .dialogs.watch import open_dialog

        open_dialog(self)

    def open_details(self, name: str) -> None:
        from .dialogs import details

        self._run_dialog(getattr(details, name)(self.session, self))

    @staticmethod
    def _run_dialog(dialog) -> int:
        result = dialog.exec()
        dialog.deleteLater()
        return result

    def open_guide(self) -> None:
        from .dialogs.guide import open_guide

        self.guide = open_guide()

    def edit_safety(self) -> None:
        if self._run_dialog(SafetyDialog(self.settings, self)) == QDialog.Accepted:
            self.safety.set_idle_minutes(self.settings.idle_minutes)

    def about(self) -> None:
        QMessageBox.about(self, window_title(tr("gui.action.about")), tr("gui.about", version=__version__))

    # -- drag and drop -----------------------------------------------------------------------

    @staticmethod
    def _dropped_paths(mime) -> list[Path]:
        if not mime.hasUrls():
            return []
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._dropped_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = self._dropped_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- closing -----------------------------------------------------------------------------

    def ask_stop_jobs(self) -> bool:
        """Work is running: True to stop it and close, False to keep going."""
        box = QMessageBox(QMessageBox.Question, window_title(), tr("gui.close.busy"), parent=self)
        keep = box.addButton(tr("gui.close.keep"), QMessageBox.RejectRole)
        stop = box.addButton(tr("gui.close.stop"), QMessageBox.DestructiveRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is stop

    def closeEvent(self, event) -> None:  # noqa: N802
        if self.session.busy():
            if not self.ask_stop_jobs():
                event.ignore()
                return
            QApplication.setOverrideCursor(Qt.WaitCursor)
            try:
                self.session.stop_all()
            finally:
                QApplication.restoreOverrideCursor()
        if self.folder_watch is not None:
            self.folder_watch.stop()
        self.lock_case()
        self.safety.stop()
        if self.guide is not None and shiboken6.isValid(self.guide):
            self.guide.close()
        super().closeEvent(event)
