"""Texts of the desktop app (evidence_kit/gui). Keys start with "gui."."""

ERRORS = {
    "unexpected": {
        "ja": "予期しないエラーが起きました。証拠データは変更されていません。({reason})",
        "en": "An unexpected error occurred. No evidence was changed. ({reason})",
    },
}

TEXTS = {
    "gui.app_name": {"ja": "evidence-kit 証拠保全キット", "en": "evidence-kit"},
}
