"""Texts of the desktop app's shell (start window, create and unlock dialogs, main window frame,
safety). Keys start with "gui."; the views, import, details, export and guide have their own modules."""

ERRORS = {
    "unexpected": {
        "ja": "予期しないエラーが起きました。証拠データは変更されていません。({reason})",
        "en": "An unexpected error occurred. No evidence was changed. ({reason})",
    },
}

TEXTS = {
    "gui.app_name": {"ja": "evidence-kit 証拠保全キット", "en": "evidence-kit"},
    "gui.neutral_name": {"ja": "メモ", "en": "Notes"},
    "gui.ok": {"ja": "OK", "en": "OK"},
    "gui.cancel": {"ja": "キャンセル", "en": "Cancel"},
    "gui.passphrase": {"ja": "パスフレーズ(&P):", "en": "&Passphrase:"},
    "gui.show_passphrase": {"ja": "入力した文字を表示する(&S)", "en": "&Show what I type"},

    # start window
    "gui.start.heading": {"ja": "証拠を安全に保管します", "en": "Keep your evidence safe"},
    "gui.start.intro": {
        "ja": "スクリーンショット、トーク履歴、振込の記録などを、暗号化した「事件フォルダー」にまとめて保管し、"
              "警察や弁護士に渡す資料を作ります。インターネットには一切つながりません。",
        "en": "Keep screenshots, chat histories, transfer records and more together in an encrypted case folder, "
              "and make the papers to hand to the police or a lawyer. Nothing ever goes on the internet.",
    },
    "gui.start.create": {"ja": "新しい事件を作る(&N)…", "en": "&New case…"},
    "gui.start.open_folder": {"ja": "事件フォルダーを開く(&O)…", "en": "&Open a case folder…"},
    "gui.start.open_folder_title": {"ja": "事件フォルダーを選んでください", "en": "Choose a case folder"},
    "gui.start.recent": {"ja": "最近開いた事件(&C)", "en": "Recent &cases"},  # &R is 復元 (restore)
    "gui.start.no_recent": {"ja": "（まだありません）", "en": "(none yet)"},
    "gui.start.missing": {"ja": "（見つかりません）", "en": "(not found)"},
    "gui.start.open": {"ja": "開く(&E)", "en": "Op&en"},
    "gui.start.forget": {"ja": "一覧から外す(&F)", "en": "Remove from li&st"},  # &L is the language
    "gui.start.language": {"ja": "言語 / Language(&L):", "en": "&Language / 言語:"},
    "gui.start.safety": {"ja": "安全の設定(&A)…", "en": "S&afety settings…"},

    # create
    "gui.create.title": {"ja": "新しい事件を作る", "en": "New case"},
    "gui.create.intro": {
        "ja": "事件フォルダーの名前と保存場所、パスフレーズを決めてください。証拠はこのパスフレーズで守られます。"
              "忘れると誰にも開けられないので、紙に書くなどして安全に保管してください。",
        "en": "Choose a name and a place for the case folder, and a passphrase. The passphrase protects the "
              "evidence; if it is forgotten nobody can open the case, so keep it somewhere safe, on paper for example.",
    },
    "gui.create.default_name": {"ja": "記録 {date}", "en": "Records {date}"},
    "gui.create.name": {"ja": "名前(&M):", "en": "Na&me:"},
    "gui.create.location": {"ja": "保存場所(&D):", "en": "Fol&der:"},  # &P is the passphrase
    "gui.create.browse": {"ja": "参照(&B)…", "en": "&Browse…"},
    "gui.create.target": {"ja": "作られるフォルダー: {path}", "en": "The folder made: {path}"},
    "gui.create.first": {"ja": "パスフレーズ(&P):", "en": "&Passphrase:"},
    "gui.create.second": {"ja": "もう一度(&G):", "en": "A&gain:"},
    "gui.create.match": {"ja": "2つのパスフレーズは同じです。", "en": "The two passphrases are the same."},
    "gui.create.no_match": {"ja": "2つのパスフレーズが違います。", "en": "The two passphrases differ."},
    "gui.create.sheet": {"ja": "作成後に回復用シートを印刷する(&R)", "en": "Print a &recovery sheet afterwards"},
    "gui.create.sheet_note": {
        "ja": "回復用シートがあれば、パスフレーズを忘れても証拠を取り出せます。その代わり、シートを見た人も取り出せる"
              "ので、パスフレーズと同じように大切に保管してください。",
        "en": "With the recovery sheet the evidence can be recovered even if the passphrase is forgotten. Anyone who "
              "sees the sheet can do the same, so keep it as safely as the passphrase.",
    },
    "gui.create.ok": {"ja": "作成する", "en": "Create"},
    "gui.create.busy": {"ja": "事件フォルダーを作っています…", "en": "Making the case folder…"},
    "gui.create.bad_name": {
        "ja": "名前を入力してください。次の文字は使えません: \\ / : * ? \" < > |",
        "en": "Please enter a name. These characters cannot be used: \\ / : * ? \" < > |",
    },
    "gui.create.no_location": {"ja": "保存場所を選んでください。", "en": "Please choose a place."},
    "gui.strength.empty": {
        "ja": "{minimum}文字以上。単語をいくつか並べると、覚えやすく安全です。",
        "en": "At least {minimum} characters. A few words in a row are easy to remember and safe.",
    },
    "gui.strength.0": {"ja": "短すぎます（{minimum}文字以上にしてください）。", "en": "Too short (use at least {minimum} characters)."},
    "gui.strength.1": {
        "ja": "強さ: 弱い。もっと長くするか、数字や記号を混ぜてください。",
        "en": "Strength: weak. Make it longer, or mix in digits and symbols.",
    },
    "gui.strength.2": {"ja": "強さ: ふつう。もう一語足すと強くなります。", "en": "Strength: fair. One more word makes it strong."},
    "gui.strength.3": {"ja": "強さ: 強い。", "en": "Strength: strong."},

    # unlock
    "gui.unlock.title": {"ja": "鍵を開ける", "en": "Unlock"},
    "gui.unlock.intro": {
        "ja": "「{name}」を開きます。パスフレーズを入力してください。",
        "en": "Opening “{name}”. Please enter the passphrase.",
    },
    "gui.unlock.ok": {"ja": "開く", "en": "Unlock"},
    "gui.unlock.busy": {"ja": "パスフレーズを確かめています…", "en": "Checking the passphrase…"},
    "gui.unlock.chain_problem": {
        "ja": "記録（カストディ・ログ）に傷んだところが見つかりました。証拠は開けますが、報告書にはそのことが書かれます。",
        "en": "The custody log is damaged in places. The evidence still opens, but the report will say so.",
    },
    "gui.unlock.signed": {
        "ja": "鍵がかかっている間に取り込んだ {count} 件の記録に署名しました。",
        "en": "Signed the {count} log entries added while the case was locked.",
    },
    "gui.unlock.duplicates": {
        "ja": "同じ内容の証拠が {count} 件見つかりました（重複として記録しました）。",
        "en": "Found {count} items with the same content (recorded as duplicates).",
    },

    # recovery sheet (printed in both languages)
    "gui.sheet.print_title": {"ja": "回復用シートを印刷", "en": "Print the recovery sheet"},
    "gui.sheet.title": {"ja": "回復用シート（evidence-kit 事件フォルダー）", "en": "Recovery sheet (evidence-kit case folder)"},
    "gui.sheet.warning": {
        "ja": "このシートはパスフレーズと同じ力を持ちます。下の鍵があれば、誰でもこの事件の証拠をすべて取り出せます。"
              "人に見せず、鍵のかかる場所に保管してください。PDF に保存した場合は、印刷したらそのファイルを削除してください。",
        "en": "This sheet is as powerful as the passphrase: with the key below anyone can recover all the evidence "
              "of this case. Show it to nobody and keep it locked away. If you saved it as a PDF, delete that file "
              "once it is printed.",
    },
    "gui.sheet.case_id": {"ja": "事件ID", "en": "Case ID"},
    "gui.sheet.created": {"ja": "作成日時 (UTC)", "en": "Created (UTC)"},
    "gui.sheet.folder": {"ja": "フォルダー", "en": "Folder"},
    "gui.sheet.fingerprint": {"ja": "署名鍵の指紋", "en": "Signing key fingerprint"},
    "gui.sheet.key": {
        "ja": "秘密鍵（1行、大文字・数字のみ。1文字でも違うと使えません。誤りはチェック文字で分かります）:",
        "en": "Secret key (one line, capital letters and digits only; a typo is caught by its checksum):",
    },
    "gui.sheet.how": {
        "ja": "使い方: 上の鍵の行をそのまま「recovery.txt」というテキストファイルに書き、無料の標準ツール age"
              "（https://age-encryption.org）で証拠ファイルを 1 つずつ取り出します。パスフレーズは不要です:",
        "en": "How to use it: type the key line into a text file named recovery.txt, then recover each evidence "
              "file with the free standard tool age (https://age-encryption.org); no passphrase is needed:",
    },
    "gui.sheet.after": {
        "ja": "元のファイル名などは各ファイルの隣の *.meta.age に同じ方法で取り出せます（フォルダー内の "
              "README-RECOVERY.txt も参照）。終わったら recovery.txt を削除してください。",
        "en": "The original names and more are in the *.meta.age file next to each item, recovered the same way "
              "(see README-RECOVERY.txt in the folder). Delete recovery.txt when you are done.",
    },

    # main window
    "gui.menu.file": {"ja": "ファイル(&F)", "en": "&File"},
    "gui.menu.case": {"ja": "事件(&C)", "en": "&Case"},
    "gui.menu.view": {"ja": "表示(&V)", "en": "&View"},
    "gui.menu.help": {"ja": "ヘルプ(&H)", "en": "&Help"},
    "gui.menu.language": {"ja": "言語(&L)", "en": "&Language"},
    "gui.action.import": {"ja": "証拠を取り込む(&I)…", "en": "&Import evidence…"},
    "gui.action.import_folder": {"ja": "フォルダーごと取り込む(&D)…", "en": "Import a fol&der…"},
    "gui.action.export": {"ja": "報告書(PDF)を作成(&E)…", "en": "Make the &report (PDF)…"},
    "gui.action.lock": {"ja": "事件をロック(&L)", "en": "&Lock the case"},
    "gui.action.unlock": {"ja": "事件の鍵を開ける(&L)…", "en": "Un&lock the case…"},
    "gui.action.hide": {"ja": "すぐに隠す(&H)", "en": "&Hide now"},
    "gui.action.safety": {"ja": "安全の設定(&S)…", "en": "&Safety settings…"},
    "gui.action.quit": {"ja": "終了(&X)", "en": "E&xit"},
    "gui.action.party": {"ja": "相手方(&P)…", "en": "The other &party…"},
    "gui.action.accounts": {"ja": "振込先口座(&A)…", "en": "Destination &accounts…"},
    "gui.action.actions": {"ja": "これまでの対応(&T)…", "en": "Ac&tions taken…"},
    "gui.action.summary": {"ja": "被害の概要・陳述書(&S)…", "en": "&Summary and statement…"},
    "gui.action.acts": {"ja": "つきまとい・加害行為(&K)…", "en": "Stal&king and harassment acts…"},
    "gui.action.refusals": {"ja": "拒否の意思表示(&R)…", "en": "&Refusals of contact…"},
    "gui.action.lang_ja": {"ja": "日本語", "en": "日本語"},
    "gui.action.lang_en": {"ja": "English", "en": "English"},
    "gui.action.show_list": {"ja": "証拠一覧(&E)", "en": "&Evidence list"},
    "gui.action.show_timeline": {"ja": "時系列(&T)", "en": "&Timeline"},
    "gui.action.guide": {"ja": "ガイド(&G)…", "en": "&Guide…"},
    "gui.action.about": {"ja": "このアプリについて(&A)", "en": "&About this app"},
    "gui.toolbar": {"ja": "主な操作", "en": "Main actions"},
    "gui.tab.list": {"ja": "証拠一覧", "en": "Evidence"},
    "gui.tab.timeline": {"ja": "時系列", "en": "Timeline"},
    "gui.locked.heading": {"ja": "この事件には鍵がかかっています", "en": "This case is locked"},
    "gui.locked.text": {
        "ja": "証拠は暗号化されて、安全に保管されています。見るには、パスフレーズで鍵を開けてください。"
              "鍵がかかったままでも、新しい証拠の取り込み（ファイルをこの画面にドラッグ、または Ctrl+I）はできます。",
        "en": "The evidence is encrypted and kept safe. To see it, unlock the case with the passphrase. "
              "You can add new evidence while it stays locked: drag files onto this window, or press Ctrl+I.",
    },
    "gui.locked.unlock": {"ja": "鍵を開ける(&U)…", "en": "&Unlock…"},
    "gui.import.dock": {"ja": "取り込み", "en": "Import"},
    "gui.import.choose_files": {"ja": "取り込むファイルを選んでください", "en": "Choose the files to import"},
    "gui.import.choose_folder": {"ja": "取り込むフォルダーを選んでください", "en": "Choose the folder to import"},
    "gui.status.case": {"ja": "事件: {name}", "en": "Case: {name}"},
    "gui.status.locked": {"ja": "ロック中", "en": "Locked"},
    "gui.status.unlocked": {"ja": "鍵が開いています", "en": "Unlocked"},
    "gui.status.items": {"ja": "証拠 {count} 件", "en": "{count} item(s)"},
    "gui.close.busy": {
        "ja": "まだ作業の途中です（取り込みや報告書の作成）。このまま続けますか？ 中止しても、"
              "取り込みが終わった証拠はそのまま残ります。",
        "en": "Work is still running (an import or a report). Keep it going? If you stop it, the evidence already "
              "imported stays as it is.",
    },
    "gui.close.keep": {"ja": "続ける", "en": "Keep going"},
    "gui.close.stop": {"ja": "中止して閉じる", "en": "Stop and close"},
    "gui.about": {
        "ja": "evidence-kit {version}\n\n詐欺やつきまといの証拠を、暗号化したフォルダーに改ざんが分かる形で保管し、"
              "警察・弁護士・銀行に渡す資料を作ります。インターネットには一切接続しません。\n\n"
              "フォント: BIZ UDゴシック（SIL Open Font License）",
        "en": "evidence-kit {version}\n\nKeeps evidence of fraud and stalking in an encrypted folder where any change "
              "shows, and makes the papers for the police, a lawyer or a bank. It never connects to the internet.\n\n"
              "Font: BIZ UDGothic (SIL Open Font License)",
    },

    # safety
    "gui.safety.title": {"ja": "安全の設定", "en": "Safety settings"},
    "gui.safety.intro": {
        "ja": "誰かに画面やパソコンを見られるおそれがあるときのための設定です。",
        "en": "Settings for when someone might see your screen or use your computer.",
    },
    "gui.safety.neutral": {
        "ja": "目立たない名前にする（ウィンドウの題名とタスクバーに「メモ」とだけ表示）(&N)",
        "en": "Use a plain &name (window titles and the taskbar say only “Notes”)",
    },
    "gui.safety.idle": {"ja": "操作がないとき自動でロック(&I):", "en": "Lock by itself when &idle:"},
    "gui.safety.never": {"ja": "しない", "en": "never"},
    "gui.safety.minutes": {"ja": "{n} 分後", "en": "after {n} min"},
    "gui.safety.keys": {
        "ja": "すぐに隠す: Esc キーを素早く2回、または Ctrl+Shift+H。すべてのウィンドウが消え、事件にはロックがかかります。",
        "en": "Hide at once: press Esc twice quickly, or Ctrl+Shift+H. Every window disappears and the case locks.",
    },
}
