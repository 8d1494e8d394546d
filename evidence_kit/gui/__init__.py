"""The PySide6 front end (thin): every action calls the same core functions as the CLI.

PySide6 is pinned below 6.12 (pyproject.toml): 6.12.0 returns None, True and False from its methods
and signals without a reference, and on Python 3.11 the interpreter aborts ("deallocating None")
after a few thousand calls. tests/gui/test_workers.py checks the installed version for that leak."""
