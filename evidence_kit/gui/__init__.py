"""The PySide6 front end (thin): every action calls the same core functions as the CLI."""

import ctypes as _ctypes
import sys as _sys


def _fix_signal_refcounts() -> None:
    """PySide6 6.12's SignalInstance.emit / connect / disconnect return True, False or None without
    taking a reference to it. On Python 3.11 (no immortal objects) every emit lowers the refcount of
    True until the interpreter aborts ("deallocating True or False") after a few thousand signals.
    Give each such result its missing reference (harmless where the bug is fixed: these objects are
    never freed)."""
    if _sys.version_info >= (3, 12):
        return  # True, False and None are immortal there
    from PySide6.QtCore import SignalInstance

    incref = _ctypes.pythonapi.Py_IncRef
    incref.argtypes = [_ctypes.py_object]
    incref.restype = None
    for name in ("emit", "connect", "disconnect"):
        original = getattr(SignalInstance, name)
        if getattr(original, "_refcount_fixed", False):
            continue

        def call(self, *args, _original=original, **kwargs):
            result = _original(self, *args, **kwargs)
            if result is True or result is False or result is None:
                incref(result)
            return result

        call._refcount_fixed = True
        setattr(SignalInstance, name, call)


def _keep_singletons_alive() -> None:
    """The same PySide6 bug, everywhere else: every method that returns nothing (setText, setValue,
    processEvents, QEventLoop.exec...) hands back None without a reference, so None's refcount falls by
    one per call and the interpreter aborts ("deallocating None") after a few thousand calls: an import
    panel updating its progress bars got there within seconds. Give None, True and False a reference
    count no program can use up (2**40: on Python 3.12 they are immortal anyway)."""
    if _sys.version_info >= (3, 12):
        return
    for obj in (None, True, False):
        refcount = _ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt, the first field of every object
        if refcount.value < 1 << 40:
            refcount.value += 1 << 40


_fix_signal_refcounts()
_keep_singletons_alive()
