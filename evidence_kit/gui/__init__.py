"""The PySide6 front end (thin): every action calls the same core functions as the CLI."""
