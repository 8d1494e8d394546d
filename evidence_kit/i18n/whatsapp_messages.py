"""Texts for the WhatsApp importer (warnings, under "parse.<code>") and for refused zip files
(errors, under "error.<code>"). Japanese first."""

WARNINGS = {
    "whatsapp_unparsed": {
        "ja": "{line} 行目はメッセージとして読み取れませんでした。内容はそのまま残しています。",
        "en": "Line {line} could not be read as a message. It is kept exactly as it is.",
    },
    "whatsapp_time_invalid": {
        "ja": "{line} 行目の日時はありえない値です（例: 2月31日、23:59 PM）。日時は空欄にし、元の表記をそのまま残しています。",
        "en": "Line {line} has an impossible date or time (such as 31 February or 23:59 PM). The time is left "
              "empty; the original text is kept.",
    },
    "whatsapp_header_like": {
        "ja": "{line} 行目は日時で始まっていますが、このファイルの他の行と形が違うため、前のメッセージの続きとして扱いました。念のため確認してください。",
        "en": "Line {line} starts with a date and time, but in a different shape from the rest of the file, so "
              "it was kept as part of the message above. Please check it.",
    },
}

ERRORS = {
    "zip_invalid": {
        "ja": "{path} は壊れているか、ZIP ファイルではないため読めません。",
        "en": "{path} is damaged or is not a zip file, so it cannot be read.",
    },
    "zip_path_traversal": {
        "ja": "{path} の中に、フォルダの外を指す名前のファイル（{member}）があるため、安全のため読み込みません。",
        "en": "{path} contains a file whose name points outside its folder ({member}); it is refused for safety.",
    },
    "zip_absolute_path": {
        "ja": "{path} の中に、絶対パスの名前のファイル（{member}）があるため、安全のため読み込みません。",
        "en": "{path} contains a file with an absolute path ({member}); it is refused for safety.",
    },
    "zip_symlink": {
        "ja": "{path} の中にシンボリックリンク（{member}）があるため、安全のため読み込みません。",
        "en": "{path} contains a symbolic link ({member}); it is refused for safety.",
    },
    "zip_too_many_members": {
        "ja": "{path} にはファイルが多すぎるため、安全のため読み込みません。",
        "en": "{path} contains too many files; it is refused for safety.",
    },
    "zip_too_large": {
        "ja": "{path} は展開すると大きすぎるため、安全のため読み込みません。",
        "en": "{path} would be too large once unpacked; it is refused for safety.",
    },
    "zip_ratio": {
        "ja": "{path} の中のファイル（{member}）は圧縮率が異常に高く（ZIP 爆弾の疑い）、安全のため読み込みません。",
        "en": "A file in {path} ({member}) is compressed far more than real files are (a possible zip bomb); "
              "it is refused for safety.",
    },
    "zip_duplicate_member": {
        "ja": "{path} の中に同じ名前のファイル（{member}）が複数あり、どれが本物か決められないため読み込みません。",
        "en": "{path} contains the same file name twice ({member}), so which one is genuine cannot be told; "
              "it is refused.",
    },
    "zip_encrypted": {
        "ja": "{path} の中のファイル（{member}）はパスワードで保護されているため読めません。",
        "en": "A file in {path} ({member}) is password-protected and cannot be read.",
    },
    "zip_member_missing": {
        "ja": "{path} の中に {member} が見つかりません。",
        "en": "{member} is not in {path}.",
    },
    "whatsapp_zip_no_chat": {
        "ja": "{path} の中に WhatsApp のトーク履歴（.txt）が見つかりません。",
        "en": "No WhatsApp chat text (.txt) was found in {path}.",
    },
    "whatsapp_not_text": {
        "ja": "{path} は文字として読めません（UTF-8、UTF-16、Shift_JIS のどれでもありません）。",
        "en": "{path} cannot be read as text (it is not UTF-8, UTF-16 or Shift_JIS).",
    },
}
