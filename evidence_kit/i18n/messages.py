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
    # statements and the case's money records (cli_money.py)
    "cli.profile_saved": {
        "ja": "明細の形式を「{name}」として保存しました。次から同じ形の明細は自動で読み取ります。",
        "en": "The statement layout was saved as \"{name}\". Statements of the same layout are read by it from now on.",
    },
    "cli.inspect_mapping_hint": {
        "ja": "明細の表のようです。列の対応づけの案（中身を確かめてから使ってください）:\n  evidence-kit inspect {path} {options}",
        "en": "It looks like a statement. A guess at its columns (check the rows it gives before using it):\n  evidence-kit inspect {path} {options}",
    },
    "cli.money_no_rows": {
        "ja": "取り込んだ明細に取引の行はまだありません。銀行などの明細（CSV）を import で取り込んでください。",
        "en": "There are no statement rows in the case yet. Import bank or card statements (CSV) with import.",
    },
    "cli.money_start": {"ja": "被害が始まった日: {date}", "en": "The scam started on: {date}"},
    "cli.money_start_suggested": {
        "ja": "被害が始まった日（推定。evidence-kit scam-start で決められます）: {date}",
        "en": "The scam started on (a guess; set it with evidence-kit scam-start): {date}",
    },
    "cli.money_start_cleared": {"ja": "被害が始まった日の記録を消しました。", "en": "The scam start date was cleared."},
    "cli.money_account_head": {"ja": "■ 振込先口座 {id}: {account}", "en": "■ Destination account {id}: {account}"},
    "cli.money_yucho_form": {"ja": "（記号番号 {symbol}）", "en": "(記号-番号 {symbol})"},
    "cli.money_paid": {
        "ja": "  支払い {count} 件  合計 {total} 円（確認済み {confirmed} 円、未確認 {flagged} 円）  手数料 {fees} 円  {first} 〜 {last}",
        "en": "  Paid: {count} row(s), total {total} yen ({confirmed} confirmed, {flagged} not confirmed), fees {fees} yen, {first} to {last}",
    },
    "cli.money_received": {
        "ja": "  返ってきたお金 {count} 件  合計 {total} 円（確認済み {confirmed} 円、未確認 {flagged} 円）  {first} 〜 {last}",
        "en": "  Paid back: {count} row(s), total {total} yen ({confirmed} confirmed, {flagged} not confirmed), {first} to {last}",
    },
    "cli.money_other_head": {
        "ja": "■ 振込先口座を決めていない支払い（取引所・現金など）",
        "en": "■ Payments with no destination account (an exchange, cash ...)",
    },
    "cli.money_total_paid": {
        "ja": "支払いの合計: {total} 円（{count} 件。確認済み {confirmed} 円、未確認 {flagged} 円）",
        "en": "Paid in all: {total} yen ({count} row(s); {confirmed} confirmed, {flagged} not confirmed)",
    },
    "cli.money_total_received": {
        "ja": "返ってきたお金（「利益」など）の合計: {total} 円（{count} 件。確認済み {confirmed} 円、未確認 {flagged} 円）",
        "en": "Paid back (fake \"profits\" and the like): {total} yen ({count} row(s); {confirmed} confirmed, {flagged} not confirmed)",
    },
    "cli.money_net": {
        "ja": "実際の被害額（支払い − 返ってきたお金）: {net} 円（確認済みの行だけでは {confirmed} 円）",
        "en": "Net damage (paid - paid back): {net} yen ({confirmed} yen from confirmed rows only)",
    },
    "cli.money_by_source": {"ja": "振込元（ご自分の口座）ごとの支払い:", "en": "Paid, per own account:"},
    "cli.money_source_line": {
        "ja": "  {label}: {total} 円（{count} 件。確認済み {confirmed} 円、未確認 {flagged} 円）",
        "en": "  {label}: {total} yen ({count} row(s); {confirmed} confirmed, {flagged} not confirmed)",
    },
    "cli.money_crypto": {"ja": "暗号資産の外部への送金:", "en": "Crypto sent out:"},
    "cli.money_crypto_asset": {"ja": "  {asset}: 合計 {quantity}（{count} 件）", "en": "  {asset}: {quantity} in all ({count} sends)"},
    "cli.money_crypto_send": {
        "ja": "      送金先アドレス {address}  TxID {txid}  ネットワーク {network}",
        "en": "      to address {address}  TxID {txid}  network {network}",
    },
    "cli.money_source": {"ja": "{file} {line} 行目", "en": "{file} line {line}"},
    "cli.money_also_in": {"ja": "（同じ取引: {refs}）", "en": "(same row: {refs})"},
    "cli.money_nothing_suggested": {"ja": "候補はありません。", "en": "Nothing to suggest."},
    "cli.money_link_head": {
        "ja": "振込先口座に結び付ける候補（確かめてから evidence-kit link ケース 行 振込先口座の番号 で結び付けてください）:",
        "en": "Rows that may belong to a destination account (check, then tie them with evidence-kit link CASE ROW ACCOUNT-NUMBER):",
    },
    "cli.money_flag_head": {
        "ja": "詐欺への支払いかもしれない行（決めるのはご自身です。evidence-kit mark で記録できます）:",
        "en": "Rows that may be payments to the scam (you decide; record it with evidence-kit mark):",
    },
    "cli.money_linked": {"ja": "{ref} を振込先口座 {account} に結び付けました:", "en": "{ref} is now tied to destination account {account}:"},
    "cli.money_unlinked": {"ja": "{ref} の結び付けを外しました。", "en": "{ref} is no longer tied to an account."},
    "cli.money_not_linked": {"ja": "{ref} はどの口座にも結び付いていません。", "en": "{ref} is not tied to any account."},
    "cli.money_marked": {"ja": "{ref} を「{mark}」と記録しました:", "en": "{ref} is now marked \"{mark}\":"},
    "cli.money_unmarked": {"ja": "{ref} の記録を外しました。", "en": "{ref} is no longer marked."},
    "cli.money_not_marked": {"ja": "{ref} には何も記録されていません。", "en": "{ref} is not marked."},
    "cli.money_saved": {"ja": "記録しました。", "en": "Saved."},
    "cli.money_removed": {
        "ja": "消しました（消したことも記録に残ります）。",
        "en": "Removed (the removal is kept in the log too).",
    },
    "cli.money_note": {"ja": "  メモ: {note}", "en": "  Note: {note}"},
    "cli.money_no_party": {
        "ja": "相手方の記録はまだありません。evidence-kit party CASE set --name 名前 で記録できます。",
        "en": "Nothing about the other party yet. Record it with evidence-kit party CASE set --name NAME.",
    },
    "cli.money_party_head": {"ja": "■ 相手方 {id}", "en": "■ Other party {id}"},
    "cli.money_party_names": {"ja": "  名乗った名前: {names}", "en": "  Names used: {names}"},
    "cli.money_party_nationality": {"ja": "  国籍（本人が名乗ったもの）: {value}", "en": "  Nationality (as claimed): {value}"},
    "cli.money_party_job": {"ja": "  職業（本人が名乗ったもの）: {value}", "en": "  Job (as claimed): {value}"},
    "cli.money_no_accounts": {
        "ja": "振込先口座の記録はまだありません。evidence-kit account CASE add で記録できます。",
        "en": "No destination accounts yet. Add one with evidence-kit account CASE add.",
    },
    "cli.money_account_saved": {"ja": "振込先口座 {id} を記録しました: {account}", "en": "Destination account {id} saved: {account}"},
    "cli.money_transfer_line": {
        "ja": "  振込の記録 {n}: {date} {amount:,} 円（{evidence}）",
        "en": "  Transfer {n}: {date}, {amount:,} yen ({evidence})",
    },
    "cli.money_no_actions": {
        "ja": "対応の記録はまだありません。evidence-kit action CASE add で記録できます。",
        "en": "No actions recorded yet. Add one with evidence-kit action CASE add.",
    },
    "cli.money_action_saved": {"ja": "対応の記録 {id} を保存しました。", "en": "Action {id} saved."},
    "cli.money_reference": {"ja": "（受理番号など: {ref}）", "en": "(reference: {ref})"},
    # help of the money commands
    "cli.help_mapping": {
        "ja": "どの形式にも当てはまらない明細の列の意味。例: \"date=日付,out=出金,in=入金,desc=摘要,balance=残高\"（役割: {roles}）",
        "en": "for a statement no profile knows, which column is which, e.g. \"date=日付,out=出金,in=入金,desc=摘要,balance=残高\" (roles: {roles})",
    },
    "cli.help_date_format": {
        "ja": "--mapping と一緒に: 日付の書き方。ymd（2024/05/01）、compact（20240501）、wareki（令和6年5月1日）、"
              "yymmdd、month_day、または %%Y/%%m/%%d のような書式（指定しなければ自動）",
        "en": "with --mapping: how the dates are written: ymd (2024/05/01), compact (20240501), wareki (令和6年5月1日), "
              "yymmdd, month_day, or a format like %%Y/%%m/%%d (found by itself when not given)",
    },
    "cli.help_profile": {"ja": "この形式（プロファイルの id）で明細を読む", "en": "read the statement with this profile (its id)"},
    "cli.help_save_profile": {
        "ja": "--mapping と一緒に: この名前で保存し、次から同じ形の明細に使う",
        "en": "with --mapping: save it under this name for the next statements of the same layout",
    },
    "cli.help_lang": {"ja": "表示の言語（ja: 日本語、en: 英語）", "en": "message language (default: Japanese unless the locale is English)"},
    "cli.help_passphrase_file": {
        "ja": "パスフレーズをこのファイルから読む（環境変数 {env} でも指定できます）",
        "en": "read the passphrase from this file (or set {env})",
    },
    "cli.help_new_passphrase_file": {
        "ja": "新しいパスフレーズをこのファイルから読む（環境変数 {env} でも指定できます）",
        "en": "read the new passphrase from this file (or set {env})",
    },
    "cli.help_case_group": {"ja": "ケースフォルダを作ります", "en": "create a case folder"},
    "cli.help_case_create": {"ja": "暗号化された新しいケースフォルダを作る", "en": "create a new encrypted case folder"},
    "cli.help_import": {
        "ja": "ファイルやフォルダを取り込みます（ロックされたままでも取り込めます）",
        "en": "import files or folders (works while locked)",
    },
    "cli.help_date_order": {
        "ja": "日付が 日/月 か 月/日 かファイルから分からないときに指定する（dmy: 日/月、mdy: 月/日）",
        "en": "day/month (dmy) or month/day (mdy), when the file cannot tell",
    },
    "cli.help_list": {"ja": "ケースの証拠の一覧を表示します", "en": "list the evidence in a case"},
    "cli.help_json_lines": {"ja": "1 行に 1 つの JSON で出力する", "en": "one JSON object per line"},
    "cli.help_verify": {"ja": "保存したすべてのファイルと記録（保管の履歴）を確かめます", "en": "check every stored file and the custody log"},
    "cli.help_deep": {
        "ja": "すべての証拠を復号して SHA-256 を計算し直す（パスフレーズが必要です）",
        "en": "also decrypt and re-hash every item (needs the passphrase)",
    },
    "cli.help_inspect": {
        "ja": "ファイルがどう読み取られるかを表示します（ケースは使いません）",
        "en": "show what a file parses to, without any case",
    },
    "cli.help_zone": {
        "ja": "スマートフォンが使っていたタイムゾーン（既定: Asia/Tokyo）",
        "en": "the time zone the phone was in (default Asia/Tokyo)",
    },
    "cli.help_passwd": {"ja": "パスフレーズを変えます", "en": "change the passphrase"},
    "cli.help_demo": {"ja": "OUT_DIR にデモのケースを作ります", "en": "build the demo case in OUT_DIR"},
    "cli.help_case": {"ja": "ケースフォルダ", "en": "the case folder"},
    "cli.help_json": {"ja": "JSON で出力する", "en": "print JSON"},
    "cli.help_money": {
        "ja": "振込先口座ごとの被害額、返ってきたお金、実際の被害額を、元の明細の行とともに表示します",
        "en": "show the money paid per destination account, what was paid back and the net damage, with the statement rows behind each figure",
    },
    "cli.help_suggest": {
        "ja": "口座に結び付ける候補と、詐欺への支払いかもしれない行を理由とともに表示する",
        "en": "show rows that may belong to an account, and rows that may be payments to the scam, each with its reason",
    },
    "cli.help_party": {
        "ja": "相手方（名乗った名前・国籍・職業、LINE ID などの連絡先）を記録・表示します",
        "en": "record or show the other party (names used, claimed nationality and job, LINE ID and other identifiers)",
    },
    "cli.help_party_show": {"ja": "相手方の記録を表示する", "en": "show what is recorded about the other party"},
    "cli.help_party_set": {"ja": "名前・国籍・職業・メモを記録する（指定したものだけ変わります）", "en": "record names, nationality, job or a note (only what you give changes)"},
    "cli.help_party_add_id": {"ja": "連絡先（LINE ID、電話番号など）を 1 つ加える", "en": "add one identifier (LINE ID, phone ...)"},
    "cli.help_party_remove_id": {"ja": "連絡先を番号で 1 つ消す（番号は show で表示されます）", "en": "remove one identifier by its number (as show prints it)"},
    "cli.help_party_id": {"ja": "相手方の番号（相手が複数いるとき。ふつうは 1）", "en": "which other party (when there are several; normally 1)"},
    "cli.help_party_name": {"ja": "相手が名乗った名前（何度でも指定できます。指定すると、記録ずみの名前はここで指定した名前にすべて置き換わります）",
                            "en": "a name the other party used (can be given several times; when given, the recorded names are replaced by the ones given)"},
    "cli.help_party_nationality": {"ja": "相手が名乗った国籍", "en": "the nationality the other party claimed"},
    "cli.help_party_job": {"ja": "相手が名乗った職業", "en": "the job the other party claimed"},
    "cli.help_note": {"ja": "メモ", "en": "a note"},
    "cli.help_identifier_kind": {"ja": "連絡先の種類", "en": "the kind of identifier"},
    "cli.help_identifier_value": {"ja": "ID・番号・アドレス（相手が使ったとおりに）", "en": "the ID, number or address, exactly as used"},
    "cli.help_identifier_number": {"ja": "消す連絡先の番号", "en": "the number of the identifier to remove"},
    "cli.help_account": {
        "ja": "お金を振り込んだ先の口座（銀行・支店・種別・口座番号・名義カナ）を記録・表示します",
        "en": "record or show the accounts money was sent to (bank, branch, type, number, holder in kana)",
    },
    "cli.help_account_add": {"ja": "振込先口座を加える", "en": "add a destination account"},
    "cli.help_account_list": {"ja": "振込先口座の一覧", "en": "list the destination accounts"},
    "cli.help_account_edit": {"ja": "振込先口座を直す（指定したものだけ変わります）", "en": "change a destination account (only what you give changes)"},
    "cli.help_account_add_transfer": {
        "ja": "この口座への振込を、明細以外の証拠（振込受付書・銀行のメールなど）から記録する。明細の行と結び付ける手がかりになります",
        "en": "record a transfer to this account known from other evidence (a transfer slip, the bank's e-mail); it helps find the statement row",
    },
    "cli.help_account_remove_transfer": {"ja": "振込の記録を番号で消す（番号は list で表示されます）", "en": "remove a transfer by its number (as list prints it)"},
    "cli.help_transfer_amount": {"ja": "金額（円。例: 300000 または 300,000）", "en": "the amount in yen (e.g. 300000 or 300,000)"},
    "cli.help_transfer_evidence": {"ja": "何で知ったか（例: 振込受付書）", "en": "where it is known from (e.g. the transfer slip)"},
    "cli.help_transfer_number": {"ja": "消す振込の記録の番号", "en": "the number of the transfer to remove"},
    "cli.help_account_remove": {"ja": "振込先口座を消す", "en": "remove a destination account"},
    "cli.help_account_id": {"ja": "振込先口座の番号（account list で表示されます）", "en": "the destination account's number (as account list prints it)"},
    "cli.help_account_bank": {"ja": "銀行名（例: 〇〇銀行）", "en": "the bank's name"},
    "cli.help_account_bank_code": {"ja": "金融機関コード（4 桁）", "en": "the bank code (4 digits)"},
    "cli.help_account_branch": {"ja": "支店名", "en": "the branch name"},
    "cli.help_account_branch_code": {"ja": "支店番号（3 桁）", "en": "the branch code (3 digits)"},
    "cli.help_account_type": {"ja": "預金種別: 普通・当座・貯蓄（指定しなければ 普通）", "en": "account type: 普通, 当座 or 貯蓄 (普通 unless given)"},
    "cli.help_account_number": {"ja": "口座番号", "en": "the account number"},
    "cli.help_account_holder": {"ja": "口座名義（カナ。振込画面に出たとおりに）", "en": "the holder's name in kana, as the transfer screen showed it"},
    "cli.help_account_yucho": {
        "ja": "ゆうちょ銀行の記号番号（例: 14020-57561701）。店番・口座番号に直して両方記録します",
        "en": "a ゆうちょ 記号-番号 (e.g. 14020-57561701); converted to 店番 and 口座番号, both kept",
    },
    "cli.help_account_note": {"ja": "メモ", "en": "a note"},
    "cli.help_action": {
        "ja": "警察・銀行・188・弁護士などへの相談や届出を記録・表示します",
        "en": "record or show what was done: police, bank, 188, lawyer, platform",
    },
    "cli.help_action_add": {"ja": "対応を 1 件記録する", "en": "record one action"},
    "cli.help_action_list": {"ja": "対応の一覧", "en": "list the actions"},
    "cli.help_action_remove": {"ja": "対応の記録を消す", "en": "remove an action"},
    "cli.help_action_id": {"ja": "対応の番号（action list で表示されます）", "en": "the action's number (as action list prints it)"},
    "cli.help_action_who": {"ja": "相談先の種類", "en": "who it was with"},
    "cli.help_action_what": {"ja": "したこと（例: 被害届を提出）", "en": "what was done (e.g. filed a police report)"},
    "cli.help_action_org": {"ja": "相談先の名前（例: 〇〇警察署 生活安全課）", "en": "the organisation (e.g. the police station and section)"},
    "cli.help_action_ref": {"ja": "受理番号などの番号", "en": "a reference number such as the 受理番号"},
    "cli.help_date": {"ja": "日付（例: 2024-05-01）", "en": "the date (e.g. 2024-05-01)"},
    "cli.help_tx": {
        "ja": "明細の行（money の表示にある「a1b2c3d4:12」の形）",
        "en": "a statement row, as money prints it (\"a1b2c3d4:12\")",
    },
    "cli.help_link": {"ja": "明細の行を振込先口座に結び付けます", "en": "tie a statement row to a destination account"},
    "cli.help_unlink": {"ja": "明細の行と口座の結び付けを外します", "en": "untie a statement row from its account"},
    "cli.help_mark": {
        "ja": "明細の行に記録を付けます: scam（詐欺への支払い）、not_scam（関係ない）、returned（相手から返ってきたお金）",
        "en": "mark a statement row: scam (paid to the scam), not_scam (not about it), returned (paid back by the other party)",
    },
    "cli.help_unmark": {"ja": "明細の行の記録を外します", "en": "remove a row's mark"},
    "cli.help_mark_as": {"ja": "scam・not_scam・returned のどれか", "en": "scam, not_scam or returned"},
    "cli.help_scam_start": {
        "ja": "被害が始まった日を記録します（この日より前からの振込先は「初めての相手」になりません）",
        "en": "record the day the scam started (payees paid before it are not \"first-time\" payees)",
    },
    "cli.help_clear": {"ja": "記録した日を消す", "en": "clear the recorded date"},
}
