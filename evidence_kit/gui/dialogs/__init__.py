"""Dialogs of the desktop app: import, case details, export, guide."""
