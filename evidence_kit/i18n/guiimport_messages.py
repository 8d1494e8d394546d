"""Texts of the import panel and its two questions (evidence_kit/gui/dialogs/importing.py). Keys start
with "guiimport."."""

TEXTS = {
    # -- the panel ------------------------------------------------------------------------------------------
    "guiimport.title": {"ja": "取り込み", "en": "Import"},
    "guiimport.choose_files": {"ja": "ファイルを選んで取り込む(&I)…", "en": "&Import files…"},
    "guiimport.choose_folder": {"ja": "フォルダーを選んで取り込む(&L)…", "en": "Import a fold&er…"},
    "guiimport.cancel": {"ja": "取り消す(&Q)", "en": "Cancel impo&rt"},
    "guiimport.files_dialog": {"ja": "取り込むファイルを選ぶ", "en": "Choose the files to import"},
    "guiimport.folder_dialog": {"ja": "取り込むフォルダーを選ぶ", "en": "Choose the folder to import"},
    "guiimport.drop_hint": {
        "ja": "ファイルやフォルダーを、この画面（またはウィンドウのどこか）へドラッグして放しても取り込めます。元のファイルは変更されません。",
        "en": "You can also drag files or folders onto this panel (or anywhere on the window) and drop them. "
              "The original files are not changed.",
    },
    "guiimport.locked_note": {
        "ja": "ケースはロックされています。ロックしたままでも取り込めます（パスフレーズは要りません）。"
              "前からある証拠と同じものかどうかは、次にロックを解除したときに確かめます。",
        "en": "The case is locked. You can import without unlocking it (no passphrase needed). "
              "Whether a file is the same as earlier evidence is checked the next time you unlock.",
    },
    "guiimport.idle": {"ja": "まだ何も取り込んでいません。", "en": "Nothing imported yet."},
    "guiimport.preparing": {"ja": "ファイルを確かめています…", "en": "Looking at the files…"},
    "guiimport.running": {
        "ja": "取り込んでいます。待つあいだも、ほかの操作ができます。",
        "en": "Importing. You can keep using the app meanwhile.",
    },
    "guiimport.cancelling": {
        "ja": "取り消しています… 今のファイルの次の区切りで止まります。",
        "en": "Cancelling… the import stops at the next step of the current file.",
    },
    "guiimport.asking": {
        "ja": "確かめたいことがあります。開いた画面で答えてください。",
        "en": "There is a question about a file. Please answer it in the window that opened.",
    },
    "guiimport.done": {
        "ja": "終わりました。取り込み {imported} 件、重複 {duplicates} 件、取り込めなかったもの {failed} 件。",
        "en": "Finished. {imported} imported, {duplicates} duplicates, {failed} not imported.",
    },
    "guiimport.done_cancelled": {
        "ja": "取り消しました。取り込み {imported} 件、重複 {duplicates} 件、まだ取り込んでいないもの {left} 件。"
              "ケースに入ったものは、そのまま残っています。",
        "en": "Cancelled. {imported} imported, {duplicates} duplicates, {left} not imported yet. "
              "What went into the case stays there.",
    },
    "guiimport.unexpected": {"ja": "取り込みが途中で止まりました: {message}", "en": "The import stopped: {message}"},
    "guiimport.overall": {"ja": "全体:", "en": "Overall:"},
    "guiimport.overall_bar": {"ja": "{index} / {count} 件 ・ {done} / {total}", "en": "{index} of {count} · {done} of {total}"},
    "guiimport.current": {"ja": "{index} / {count} 件目: {name}", "en": "File {index} of {count}: {name}"},
    "guiimport.file_bar": {"ja": "{done} / {total}", "en": "{done} of {total}"},
    "guiimport.results": {"ja": "結果(&R):", "en": "Results:"},
    "guiimport.bytes": {"ja": "{n} バイト", "en": "{n} bytes"},

    # -- one line per file ----------------------------------------------------------------------------------
    "guiimport.imported": {"ja": "取り込みました: {name}（{kind}）", "en": "Imported: {name} ({kind})"},
    "guiimport.imported_empty": {
        "ja": "取り込みました: {name}（注意: 中身のない 0 バイトのファイルです）",
        "en": "Imported: {name} (note: an empty, 0-byte file)",
    },
    "guiimport.duplicate": {
        "ja": "重複: {name} と同じ内容がすでにケースにあるため、もう一度は保存していません。",
        "en": "Duplicate: the case already holds the same content as {name}, so it was not stored again.",
    },
    "guiimport.failed": {"ja": "取り込めませんでした: {name} — {message}", "en": "Not imported: {name} — {message}"},
    "guiimport.cancelled": {
        "ja": "取り消したため保存していません: {name}（書きかけの分は片付けました）",
        "en": "Not stored, because you cancelled: {name} (the unfinished part was removed)",
    },
    "guiimport.not_started": {"ja": "まだ取り込んでいません: {name}", "en": "Not imported yet: {name}"},
    "guiimport.ask_date": {
        "ja": "確認待ち: {name} の日付の順番（日/月か、月/日か）",
        "en": "Waiting for your answer: the date order of {name} (day/month or month/day)",
    },
    "guiimport.ask_mapping": {
        "ja": "確認待ち: {name} のどの列が日付や金額か",
        "en": "Waiting for your answer: which columns of {name} hold the date and the amount",
    },
    "guiimport.declined": {
        "ja": "取り込みませんでした（選ばれたとおり）: {name}",
        "en": "Not imported, as you chose: {name}",
    },
    "guiimport.detail_hash": {"ja": "大きさ {size}、SHA-256 {sha256}", "en": "Size {size}, SHA-256 {sha256}"},
    "guiimport.detail_members": {
        "ja": "中の写真・動画・添付ファイル {count} 件も、それぞれ証拠として取り込みました。",
        "en": "The {count} photos, videos and attachments inside were imported as items of their own.",
    },
    "guiimport.detail_member_failed": {
        "ja": "中の「{member}」は取り込めませんでした（{name} そのものは保存済みです）: {message}",
        "en": "\"{member}\" inside was not imported ({name} itself is stored): {message}",
    },
    "guiimport.detail_warning": {"ja": "注意: {message}", "en": "Note: {message}"},
    "guiimport.detail_more_warnings": {"ja": "ほかに注意が {count} 件あります。", "en": "{count} more notes."},
    "guiimport.detail_date_order": {
        "ja": "日付は「{order}」の順として読みました（あなたの答えです）。",
        "en": "The dates were read as {order} (your answer).",
    },
    "guiimport.detail_profile_saved": {
        "ja": "明細の形を「{name}」として保存しました。次から同じ形の明細は自動で読み取ります。",
        "en": "The statement layout was saved as \"{name}\". Statements of the same layout are read by it from now on.",
    },
    "guiimport.detail_profile_failed": {
        "ja": "明細の形は保存できませんでした: {message}",
        "en": "The statement layout could not be saved: {message}",
    },
    "guiimport.kind_line": {"ja": "LINE のトーク履歴、{count} 件", "en": "LINE chat history, {count} entries"},
    "guiimport.kind_whatsapp": {"ja": "WhatsApp のトーク履歴、{count} 件", "en": "WhatsApp chat, {count} entries"},
    "guiimport.kind_image": {"ja": "画像", "en": "image"},
    "guiimport.kind_email": {"ja": "メール", "en": "e-mail"},
    "guiimport.kind_media": {"ja": "音声・動画", "en": "audio or video"},
    "guiimport.kind_money": {"ja": "明細「{institution}」、{rows} 行", "en": "statement \"{institution}\", {rows} rows"},
    "guiimport.kind_ofx": {"ja": "明細（OFX）、{rows} 行", "en": "statement (OFX), {rows} rows"},
    "guiimport.kind_other": {
        "ja": "そのままの形で保存。中身の読み取りはしていません",
        "en": "stored as it is; its content is not read",
    },
    "guiimport.kind_unread": {
        "ja": "中身は読み取れませんでしたが、そのままの形で保存",
        "en": "its content could not be read, but it is stored as it is",
    },

    # -- the day/month question -------------------------------------------------------------------------------
    "guiimport.date_title": {"ja": "日付の順番の確認", "en": "Which way round are the dates?"},
    "guiimport.date_intro": {
        "ja": "「{name}」の日付が「日/月」の順か「月/日」の順か、ファイルからは決められません。"
              "書き出したスマートフォンの言語と地域の設定で変わります。下の例を見て、正しい方を選んでください。",
        "en": "The dates in \"{name}\" could be day/month or month/day: the file alone does not tell. It depends on the "
              "language and region settings of the phone that exported it. Look at the examples and choose the right one.",
    },
    "guiimport.date_hint": {
        "ja": "たとえば、アメリカの英語の設定では「月/日」、イギリスやヨーロッパの多くの設定では「日/月」です。"
              "わからないときは、やりとりした日を一つ思い出して、合う方を選んでください。",
        "en": "For example, US English settings write month/day; British and most European settings write day/month. "
              "If unsure, think of one day you know you messaged, and choose the reading that fits it.",
    },
    "guiimport.date_examples": {"ja": "ファイルの中の例:", "en": "Examples from the file:"},
    "guiimport.date_col_line": {"ja": "ファイルの行", "en": "Line in the file"},
    "guiimport.date_col_dmy": {"ja": "「日/月」と読むと", "en": "Read as day/month"},
    "guiimport.date_col_mdy": {"ja": "「月/日」と読むと", "en": "Read as month/day"},
    "guiimport.date_impossible": {"ja": "ありえない日付", "en": "not a real date"},
    "guiimport.date_no_examples": {
        "ja": "例として見せられる行が見つかりませんでした。",
        "en": "No line could be found to show as an example.",
    },
    "guiimport.date_choice_dmy": {"ja": "日/月 の順{example}(&D)", "en": "&Day/month{example}"},
    "guiimport.date_choice_mdy": {"ja": "月/日 の順{example}(&M)", "en": "&Month/day{example}"},
    "guiimport.date_choice_example": {"ja": "（最初の例なら {date}）", "en": " (the first example: {date})"},
    "guiimport.date_ok": {"ja": "この順で取り込む(&I)", "en": "&Import with this order"},
    "guiimport.not_now": {"ja": "今は取り込まない", "en": "Not now"},
    "guiimport.order_dmy": {"ja": "日/月", "en": "day/month"},
    "guiimport.order_mdy": {"ja": "月/日", "en": "month/day"},
    "guiimport.date": {"ja": "{y}年{m}月{d}日", "en": "{d} {mon} {y}"},

    # -- the column question ----------------------------------------------------------------------------------
    "guiimport.map_title": {"ja": "明細の列の確認", "en": "Which column is which?"},
    "guiimport.map_intro": {
        "ja": "「{name}」は、このアプリがまだ知らない形の表（CSV）です。銀行などの明細なら、それぞれの列が何を表すかを"
              "選んでください。日付と金額を読み取ってから取り込みます。明細でなければ「読み取らずにそのまま保存」を選べます。",
        "en": "\"{name}\" is a table (CSV) in a layout this app does not know yet. If it is a bank or card statement, "
              "choose what each column holds: the dates and amounts are then read as it is imported. If it is not a "
              "statement, choose \"Store as it is\".",
    },
    "guiimport.map_header_row": {"ja": "列の名前が書かれている行(&N):", "en": "Row with the column &names:"},
    "guiimport.map_columns": {"ja": "各列の意味（表の一番上で選びます）(&L):", "en": "What each co&lumn holds (choose in the top row):"},
    "guiimport.map_date_format": {"ja": "日付の書き方(&T):", "en": "Date forma&t:"},
    "guiimport.map_fmt_auto": {"ja": "自動で判断", "en": "Automatic"},
    "guiimport.map_fmt_ymd": {"ja": "年/月/日（2024/05/01、2024-05-01）", "en": "year/month/day (2024/05/01, 2024-05-01)"},
    "guiimport.map_fmt_compact": {"ja": "8 桁の数字（20240501）", "en": "8 digits (20240501)"},
    "guiimport.map_fmt_wareki": {"ja": "和暦（R6.5.1、令和6年5月1日）", "en": "Japanese era (R6.5.1, 令和6年5月1日)"},
    "guiimport.map_fmt_yymmdd": {"ja": "6 桁の数字（240501）", "en": "6 digits (240501)"},
    "guiimport.map_fmt_month_day": {
        "ja": "月/日だけ（5/1。年はファイル名などから）",
        "en": "month/day only (5/1; the year from the file name)",
    },
    "guiimport.role_none": {"ja": "使わない", "en": "Not used"},
    "guiimport.role_date": {"ja": "日付", "en": "Date"},
    "guiimport.role_out": {"ja": "出金（支払い）", "en": "Money out"},
    "guiimport.role_in": {"ja": "入金（受け取り）", "en": "Money in"},
    "guiimport.role_amount": {"ja": "金額（＋/−つき）", "en": "Amount (with + / −)"},
    "guiimport.role_desc": {"ja": "内容・摘要", "en": "Description"},
    "guiimport.role_balance": {"ja": "残高", "en": "Balance"},
    "guiimport.role_counterparty": {"ja": "相手の名前", "en": "Other party"},
    "guiimport.map_unnamed": {"ja": "（名前なし）", "en": "(no name)"},
    "guiimport.map_preview": {"ja": "読み取りの確認:", "en": "Preview:"},
    "guiimport.map_need_date": {
        "ja": "日付の列を 1 つと、金額の列（出金・入金、または ＋/− つきの金額）を選んでください。",
        "en": "Choose one date column and the amount column(s): money out and/or in, or one amount with + / −.",
    },
    "guiimport.map_role_twice": {
        "ja": "「{role}」が 2 つの列で選ばれています。1 つにしてください。",
        "en": "\"{role}\" is chosen for two columns. Choose it for one only.",
    },
    "guiimport.map_no_rows": {
        "ja": "この対応では、日付と金額のある行が見つかりません。列の選び方と日付の書き方を見直してください。",
        "en": "With this choice no row has a date and an amount. Check the columns and the date format.",
    },
    "guiimport.map_ok": {
        "ja": "{rows} 行を読み取りました（注意 {warnings} 件）。最初の行は次のとおりです。",
        "en": "{rows} rows read ({warnings} notes). The first ones:",
    },
    "guiimport.map_ok_cut": {
        "ja": "最初の {lines} 行で試したところ、{rows} 行を読み取りました（注意 {warnings} 件）。最初の行は次のとおりです。",
        "en": "Tried on the first {lines} lines: {rows} rows read ({warnings} notes). The first ones:",
    },
    "guiimport.map_col_date": {"ja": "日付", "en": "Date"},
    "guiimport.map_col_amount": {"ja": "金額", "en": "Amount"},
    "guiimport.map_col_balance": {"ja": "残高", "en": "Balance"},
    "guiimport.map_col_desc": {"ja": "内容", "en": "Description"},
    "guiimport.map_save": {
        "ja": "この形に名前をつけて保存する（次から自動で読み取ります。空のままなら保存しません）(&S):",
        "en": "&Save this layout under a name (statements like it are then read automatically; leave empty not to save):",
    },
    "guiimport.map_save_placeholder": {"ja": "例: ○○銀行の明細", "en": "e.g. My bank statement"},
    "guiimport.map_import": {"ja": "この対応で取り込む(&I)", "en": "&Import with these columns"},
    "guiimport.map_as_is": {"ja": "読み取らずにそのまま保存(&K)", "en": "Store as it is (&keep unread)"},
}
