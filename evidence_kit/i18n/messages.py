"""Every message the user can see, in Japanese and English. Keys are stable."""

MESSAGES: dict[str, dict[str, str]] = {
    # errors (EvidenceKitError codes)
    "error.wrong_passphrase": {
        "ja": "パスフレーズが違います。もう一度入力してください（大文字・小文字、全角・半角も区別されます）。",
        "en": "The passphrase is not correct. Please try again (upper/lower case and full-width/half-width characters count).",
    },
    "error.not_a_case": {
        "ja": "{path} はケースフォルダではありません（case.json がないか、読めません）。",
        "en": "{path} is not a case folder (case.json is missing or unreadable).",
    },
    "error.newer_format": {
        "ja": "{path} は新しい版の evidence-kit で作られたケースです（形式 {version}）。evidence-kit を更新してから開いてください。中身は変更していません。",
        "en": "{path} was written by a newer evidence-kit (format {version}). Update evidence-kit to open it. Nothing was changed.",
    },
    "error.source_missing": {
        "ja": "ファイルが見つかりません: {path}",
        "en": "File not found: {path}",
    },
    "error.source_unreadable": {
        "ja": "ファイルを読めません: {path}（{reason}）",
        "en": "Cannot read the file: {path} ({reason})",
    },
    "error.source_is_folder": {
        "ja": "{path} はフォルダです。フォルダごと取り込むときは、フォルダを指定してまとめて取り込んでください。",
        "en": "{path} is a folder. Import it as a folder to take in everything inside.",
    },
    "error.read_only": {
        "ja": "ケースフォルダに書き込めません（読み取り専用です）: {path}。書き込める場所にコピーするか、書き込み禁止を解除してください。何も失われていません。",
        "en": "The case folder cannot be written (it is read-only): {path}. Copy it somewhere writable or remove the write protection. Nothing was lost.",
    },
    "error.disk_full": {
        "ja": "ディスクがいっぱいで保存できませんでした: {path}。途中まで書いたものは片付けました。空きを作ってからもう一度取り込んでください。",
        "en": "The disk is full, so this could not be saved: {path}. The partial copy was removed. Free some space and import again.",
    },
    "error.case_exists": {
        "ja": "{path} はすでに存在し、空ではありません。新しいケースには、空のフォルダか新しい名前を指定してください。",
        "en": "{path} already exists and is not empty. Choose an empty folder or a new name for the new case.",
    },
    "error.case_busy": {
        "ja": "このケースは別の処理が使用中です: {path}。しばらく待ってからもう一度お試しください。",
        "en": "Another task is using this case: {path}. Wait a moment and try again.",
    },
    "error.case_locked": {
        "ja": "ケースがロックされています。パスフレーズで解除してください。",
        "en": "The case is locked. Unlock it with the passphrase.",
    },
    "error.passphrase_empty": {
        "ja": "パスフレーズが空です。",
        "en": "The passphrase is empty.",
    },
    "error.passphrase_too_short": {
        "ja": "パスフレーズが短すぎます。{minimum} 文字以上にしてください（いくつかの単語を並べると覚えやすく安全です）。",
        "en": "The passphrase is too short. Use at least {minimum} characters (a few words in a row are easy to remember and safe).",
    },
    "error.passphrase_mismatch": {
        "ja": "2 回入力したパスフレーズが一致しません。",
        "en": "The two passphrases do not match.",
    },
    "error.passphrase_needed": {
        "ja": "パスフレーズが必要です。入力画面がないため、EVIDENCE_KIT_PASSPHRASE か --passphrase-file で指定してください。",
        "en": "A passphrase is needed. There is no terminal to ask on: set EVIDENCE_KIT_PASSPHRASE or use --passphrase-file.",
    },
    "error.passphrase_file": {
        "ja": "パスフレーズのファイルを読めません: {path}",
        "en": "Cannot read the passphrase file: {path}",
    },
    "error.identity_missing": {
        "ja": "鍵ファイルがありません: {path}。バックアップか印刷した復元シートから戻してください。",
        "en": "The key file is missing: {path}. Restore it from a backup or the printed recovery sheet.",
    },
    "error.identity_damaged": {
        "ja": "鍵ファイルが壊れています: {path}。バックアップか印刷した復元シートから戻してください。",
        "en": "The key file is damaged: {path}. Restore it from a backup or the printed recovery sheet.",
    },
    "error.identity_mismatch": {
        "ja": "鍵ファイルがこのケースのものではありません（case.json の公開鍵と一致しません）。",
        "en": "The key file does not belong to this case (it does not match the public key in case.json).",
    },
    "error.head_missing": {
        "ja": "記録の先頭（custody/HEAD）がありません。",
        "en": "The custody log head (custody/HEAD) is missing.",
    },
    "error.head_damaged": {
        "ja": "記録の先頭（custody/HEAD）が壊れています。",
        "en": "The custody log head (custody/HEAD) is damaged.",
    },
    "error.head_behind": {
        "ja": "記録の先頭（custody/HEAD）が最後の記録より前を指しています。記録を上書きしないよう、追記を止めました。evidence-kit verify --deep で確認してください。",
        "en": "The custody log head (custody/HEAD) points before the last entry. To overwrite nothing, no entry was added. Check with evidence-kit verify --deep.",
    },
    "error.log_damaged": {
        "ja": "記録（カストディ・ログ）に問題があるため、署名しませんでした。evidence-kit verify --deep で確認してください。",
        "en": "The custody log has problems, so it was not signed. Check with evidence-kit verify --deep.",
    },
    "error.case_damaged": {
        "ja": "ケースフォルダの一部が見つかりません: {path}。バックアップから戻すか、evidence-kit verify で確認してください。",
        "en": "Part of the case folder is missing: {path}. Restore it from a backup, or check with evidence-kit verify.",
    },
    "error.case_json_damaged": {
        "ja": "ケースの設定ファイルが壊れています: {path}。バックアップから戻してください。",
        "en": "The case settings file is damaged: {path}. Restore it from a backup.",
    },
    "error.io_error": {
        "ja": "読み書きに失敗しました: {path}（{reason}）。何も失われていません。",
        "en": "Reading or writing failed: {path} ({reason}). Nothing was lost.",
    },
    "error.cannot_create": {
        "ja": "ケースフォルダを作れません: {path}（{reason}）。別の場所を選んでください。",
        "en": "Cannot create the case folder: {path} ({reason}). Choose another place.",
    },
    "error.date_order_ambiguous": {
        "ja": "{path} の日付が「日/月」か「月/日」か、ファイルから決められません。スマートフォンの地域設定に合わせて選んでください（コマンドでは --date-order dmy（日/月）または mdy（月/日））。",
        "en": "Cannot tell from {path} whether its dates are day/month or month/day. Choose the one your phone's region uses (on the command line: --date-order dmy or mdy).",
    },
    "error.parse_failed": {
        "ja": "{path} を読み取れませんでした（{reason}）。取り込めば、そのままの形で保存されます。",
        "en": "Could not read {path} ({reason}). Imported, it is kept as it is.",
    },
    "error.cancelled": {
        "ja": "取り消しました。途中のものは片付け、それまでに取り込んだものは残っています。",
        "en": "Cancelled. The unfinished item was removed; what was imported before is kept.",
    },
    "error.readback_mismatch": {
        "ja": "保存したファイルを読み直したところ、内容が一致しませんでした: {path}。ディスクの故障の可能性があります。",
        "en": "The stored file did not read back the same: {path}. The disk may be failing.",
    },
    # verify findings
    "verify.blobsums_missing": {"ja": "ハッシュ一覧 {path} がありません", "en": "the hash list {path} is missing"},
    "verify.blobsums_line": {"ja": "ハッシュ一覧 {path} の {line} 行目が読めません", "en": "line {line} of the hash list {path} is unreadable"},
    "verify.missing": {"ja": "{what}がありません: {path}", "en": "{what} is missing: {path}"},
    "verify.unreadable": {"ja": "{what}を読めません: {path}", "en": "{what} cannot be read: {path}"},
    "verify.damaged": {"ja": "{what}が変更されています（ハッシュ不一致）: {path}", "en": "{what} has been changed (hash mismatch): {path}"},
    "verify.unlisted": {"ja": "記録にないファイルがあります: {path}", "en": "a file that is in no record: {path}"},
    "verify.head_missing": {"ja": "記録の先頭がありません: {path}", "en": "the log head is missing: {path}"},
    "verify.head_damaged": {"ja": "記録の先頭が壊れています: {path}", "en": "the log head is damaged: {path}"},
    "verify.head_mismatch": {"ja": "記録の先頭が最後の記録と一致しません: {path}", "en": "the log head does not match the last entry: {path}"},
    "verify.head_behind": {"ja": "記録の先頭より後ろに記録があります: {path}", "en": "there are log entries after the log head: {path}"},
    "verify.checkpoint_signature": {"ja": "チェックポイントの署名が正しくありません: {path}", "en": "the checkpoint signature is not valid: {path}"},
    "verify.checkpoint_beyond_head": {"ja": "署名済みチェックポイントより記録が短くなっています（記録の削除）: {path}", "en": "the log is shorter than a signed checkpoint (entries removed): {path}"},
    "verify.checkpoint_mismatch": {"ja": "チェックポイントが記録の内容と一致しません: {path}", "en": "the checkpoint does not match the log: {path}"},
    "verify.entry_unreadable": {"ja": "記録を復号できません: {path}", "en": "a log entry cannot be decrypted: {path}"},
    "verify.chain_json": {"ja": "記録の形式が正しくありません: {path}", "en": "a log entry is malformed: {path}"},
    "verify.chain_seq": {"ja": "記録の番号が順番どおりではありません: {path}", "en": "a log entry is out of sequence: {path}"},
    "verify.chain_prev": {"ja": "記録のつながり（直前のハッシュ）が切れています: {path}", "en": "the hash chain is broken at: {path}"},
    "verify.chain_head": {"ja": "最後の記録が記録の先頭（HEAD）と一致しません: {path}", "en": "the last entry does not match the log head: {path}"},
    "verify.meta_mismatch": {"ja": "メタデータが記録と一致しません: {path}", "en": "the metadata does not match the log: {path}"},
    "verify.undecryptable": {"ja": "{what}を復号できません（壊れています）: {path}", "en": "{what} cannot be decrypted (damaged): {path}"},
    "verify.blobsums_disagree": {"ja": "ハッシュ一覧と記録が食い違っています: {path}", "en": "the hash list and the log disagree: {path}"},
    "verify.content_mismatch": {"ja": "証拠の内容が取り込み時のハッシュと一致しません: {path}", "en": "the item's content does not match its hash at import: {path}"},
    "verify.identity_missing": {"ja": "鍵ファイルがありません（パスフレーズで開けなくなります）: {path}", "en": "the key file is missing (the passphrase can no longer open the case): {path}"},
    "verify.identity_damaged": {"ja": "鍵ファイルが壊れています: {path}", "en": "the key file is damaged: {path}"},
    "verify.no_checkpoint": {"ja": "署名済みチェックポイントが 1 つもありません: {path}", "en": "there is no signed checkpoint: {path}"},
    "verify.checkpoint_missing": {"ja": "記録にあるチェックポイントのファイルがありません: {path}", "en": "a checkpoint the log records is missing: {path}"},
    "verify.blobsums_wrong": {"ja": "ハッシュ一覧の記載が誤っています（ファイル自体は記録どおりです）: {path}", "en": "the hash list is wrong about this file (the file itself matches the log): {path}"},
    "verify.not_in_log": {"ja": "記録に取り込みの記載がないファイルです: {path}", "en": "a file with no import in the log: {path}"},
    "what.blob": {"ja": "証拠ファイル", "en": "evidence file"},
    "what.meta": {"ja": "メタデータ", "en": "metadata file"},
    "what.log": {"ja": "記録（カストディ・ログ）", "en": "custody log entry"},
    "what.other": {"ja": "ファイル", "en": "file"},
    # command line
    "cli.description": {
        "ja": "evidence-kit: 詐欺・ストーカー被害の証拠を暗号化して保存し、警察に渡せる形にします。",
        "en": "evidence-kit: keep evidence of scams and stalking encrypted, and ready to hand to the police.",
    },
    "cli.prompt_passphrase": {"ja": "パスフレーズ: ", "en": "Passphrase: "},
    "cli.prompt_new_passphrase": {"ja": "新しいパスフレーズ: ", "en": "New passphrase: "},
    "cli.prompt_again": {"ja": "もう一度入力してください: ", "en": "Enter it again: "},
    "cli.created": {
        "ja": "ケースを作成しました: {path}\nケース ID: {case_id}\n署名鍵の指紋: {fingerprint}\nパスフレーズを忘れると誰にも復元できません。安全な場所に控えてください。",
        "en": "Case created: {path}\nCase ID: {case_id}\nSigning key fingerprint: {fingerprint}\nWithout the passphrase nobody can recover the case. Keep it somewhere safe.",
    },
    "cli.imported": {"ja": "取り込みました: {name}（{size} バイト, SHA-256 {sha256}）", "en": "Imported: {name} ({size} bytes, SHA-256 {sha256})"},
    "cli.imported_empty": {
        "ja": "取り込みました（注意: 0 バイトの空のファイルです）: {name}",
        "en": "Imported (note: an empty, 0-byte file): {name}",
    },
    "cli.imported_members": {
        "ja": "  （ZIP の中の写真・動画などの添付 {count} 件も、それぞれ証拠として取り込みました）",
        "en": "  (the {count} attached photos, videos and files in the zip were imported as items of their own)",
    },
    "cli.member_failed": {
        "ja": "  {name} の中の「{member}」は取り込めませんでした（{name} 自体は保存済みです）: {message}",
        "en": "  \"{member}\" inside {name} was not imported ({name} itself is stored): {message}",
    },
    "cli.duplicate": {
        "ja": "同じ内容がすでにケースにあるため、重ねて保存しませんでした: {name}（既存の証拠 {item}）",
        "en": "Already in the case with the same content, not stored again: {name} (existing item {item})",
    },
    "cli.failed": {"ja": "取り込めませんでした: {message}", "en": "Not imported: {message}"},
    "cli.import_summary": {
        "ja": "取り込み {imported} 件、重複 {duplicates} 件、失敗 {failed} 件。",
        "en": "{imported} imported, {duplicates} duplicates, {failed} failed.",
    },
    "cli.locked_import_note": {
        "ja": "（ロックしたまま取り込みました。すでにある証拠との重複は、次にロックを解除したときに確認されます。）",
        "en": "(Imported while locked. Duplicates of earlier items are checked at the next unlock.)",
    },
    "cli.unlock_unsigned": {
        "ja": "前回の署名のあとに追加された記録が {count} 件あります（ロック中の取り込みなど）。今回の署名に含めました。",
        "en": "{count} log entries were added since the last signature (e.g. imports while locked). They are now signed.",
    },
    "cli.unlock_duplicates": {
        "ja": "ロック中に取り込んだ証拠のうち {count} 件は、すでにある証拠と同じ内容でした（記録に注記しました）。",
        "en": "{count} items imported while locked have the same content as earlier items (noted in the log).",
    },
    "cli.unlock_chain_problem": {
        "ja": "警告: 記録に問題があります。evidence-kit verify --deep で詳しく確認してください。",
        "en": "Warning: the custody log has problems. Run evidence-kit verify --deep for details.",
    },
    "cli.list_empty": {"ja": "証拠はまだありません。", "en": "No evidence yet."},
    "cli.list_header": {
        "ja": "番号  取り込み日時(UTC)       大きさ(バイト)  SHA-256(先頭16桁)  名前",
        "en": "No.   Imported (UTC)          Size (bytes)    SHA-256 (first 16)  Name",
    },
    "cli.list_empty_flag": {"ja": "［空のファイル］", "en": "[empty file]"},
    "cli.list_duplicate_flag": {"ja": "［重複: {item}］", "en": "[duplicate of {item}]"},
    "cli.verify_ok": {
        "ja": "問題ありません。{files} 個のファイル、チェックポイント {checkpoints} 件を確認しました。",
        "en": "No problems. Checked {files} files and {checkpoints} checkpoints.",
    },
    "cli.verify_ok_deep": {
        "ja": "記録 {entries} 件のつながりと、証拠 {items} 件の中身（復号して再計算したハッシュ）も確認しました。",
        "en": "Also checked the chain of {entries} log entries and the content of {items} items (decrypted and hashed again).",
    },
    "cli.verify_problems": {"ja": "問題が {count} 件見つかりました:", "en": "Problems found: {count}"},
    "cli.verify_not_logged": {
        "ja": "（確認したことは記録に残せませんでした: {reason}）",
        "en": "(This check could not be written to the custody log: {reason})",
    },
    "cli.item_name": {"ja": "「{name}」", "en": "\"{name}\""},
    "cli.passwd_done": {
        "ja": "パスフレーズを変更しました。古いバックアップは古いパスフレーズのままです。",
        "en": "Passphrase changed. Older backups still open with the old passphrase.",
    },
    "cli.demo_done": {
        "ja": "デモのケースを作りました: {path}（パスフレーズ: {passphrase}）",
        "en": "Demo case made: {path} (passphrase: {passphrase})",
    },
    "cli.inspect_unknown": {
        "ja": "{path}: どの形式にも当てはまりません。取り込むと、そのままの形で（読み取らずに）保存されます。",
        "en": "{path}: no known format. Imported, it is kept as it is (not read).",
    },
    "cli.inspect_summary": {
        "ja": "形式: {format}（{variant}）、文字コード: {encoding}、記録 {records} 件、警告 {warnings} 件",
        "en": "Format: {format} ({variant}), encoding: {encoding}, {records} records, {warnings} warnings",
    },
    "cli.inspect_warning": {"ja": "警告 {line} 行目: {message}", "en": "Warning, line {line}: {message}"},
    "cli.interrupted": {"ja": "中断しました。", "en": "Interrupted."},
}
