"""Texts of the PDF bundle's checks before export (shown as "check.<code>"), and of the report
command. {exhibits} is the list of exhibit numbers a check concerns."""

ERRORS = {
    "report_no_bank": {
        "ja": "銀行向けの資料を作る振込先口座がありません。先に「evidence-kit account add」で振込先口座を登録し、明細の行と結び付けてください。",
        "en": "There is no destination account to make a bank bundle for. Add one with \"evidence-kit account add\" and link the statement rows to it first.",
    },
    "report_blocked": {
        "ja": "出力を止めました。先に対応が必要な項目が {count} 件あります（上の「要対応」）。口座の項目が足りない場合は、"
              "内容を確かめたうえで --acknowledge を付けると出力できます。ケースの検査の問題は、解決するまで出力できません。",
        "en": "Export stopped: {count} item(s) must be dealt with first (\"Must fix\" above). For missing account details you may "
              "export anyway with --acknowledge after checking them. Problems found by checking the case block the export until solved.",
    },
    "report_item_unknown": {
        "ja": "「{item}」という証拠（ファイル）はケースにありません。「evidence-kit list --json」で表示される id（先頭の数文字でも可）か、元のファイル名で指定してください。",
        "en": "The case holds no item \"{item}\". Give its id as \"evidence-kit list --json\" shows it (its first few characters are enough) or its original file name.",
    },
    "report_item_ambiguous": {
        "ja": "「{item}」に当てはまる証拠が {count} 件あります。id をもう少し長く指定してください。",
        "en": "{count} items match \"{item}\". Give more characters of the id.",
    },
}

TEXTS = {
    "cli.report_done": {
        "ja": "PDF を書き出しました: {path}（{pages} ページ、SHA-256 {sha256}）",
        "en": "PDF written: {path} ({pages} pages, SHA-256 {sha256})",
    },
    "cli.demo_bundle": {"ja": "  PDF: {path}（{pages} ページ）", "en": "  PDF: {path} ({pages} pages)"},
    "cli.help_report": {
        "ja": "警察・弁護士・銀行に渡す PDF 資料を作ります（作る前に内容を確認し、署名を残します）",
        "en": "export the PDF bundle for the police, a lawyer or a bank (checked first, and signed)",
    },
    "cli.help_report_out": {"ja": "書き出す PDF ファイル", "en": "the PDF file to write"},
    "cli.help_report_audience": {
        "ja": "渡す相手: police（資料1…）、lawyer（甲1…）、bank（振込先の銀行ごとの凍結申出シート）",
        "en": "who it is for: police (資料1 ...), lawyer (甲1 ...), bank (a freeze sheet per destination bank)",
    },
    "cli.help_report_bank": {"ja": "bank のとき、この金融機関コードの銀行だけ", "en": "for bank: only the bank with this code"},
    "cli.help_report_acknowledge": {
        "ja": "「要対応」の項目（口座の項目不足）を確認したうえで、そのまま出力する",
        "en": "export although \"must fix\" items (missing account details) remain, after checking them",
    },
    "cli.help_about": {
        "ja": "申告者（あなた）の情報と、被害の概要に載せる文章を入力・表示します（入力しない項目は変わりません）",
        "en": "enter or show the reporter's details and the overview the bundle opens with (fields not given stay as they are)",
    },
    "cli.help_about_statement_file": {"ja": "陳述書の文章（UTF-8 のテキストファイル）", "en": "the written statement (a UTF-8 text file)"},
    "cli.about_name": {"ja": "氏名", "en": "Name"},
    "cli.about_kana": {"ja": "ふりがな", "en": "Name in kana"},
    "cli.about_age": {"ja": "年齢", "en": "Age"},
    "cli.about_job": {"ja": "職業", "en": "Occupation"},
    "cli.about_address": {"ja": "住所", "en": "Address"},
    "cli.about_phone": {"ja": "連絡先", "en": "Phone"},
    "cli.about_email": {"ja": "メールアドレス", "en": "E-mail"},
    "cli.about_agent": {"ja": "代理人", "en": "Representative"},
    "cli.about_case_type": {"ja": "事案の種別", "en": "Kind of case"},
    "cli.about_submit_to": {"ja": "提出先", "en": "Submitted to"},
    "cli.about_how": {"ja": "どのように（手口）", "en": "How it happened"},
    "cli.about_status": {"ja": "現在の状況", "en": "Current situation"},
    "cli.about_wants": {"ja": "求める対応", "en": "What you ask for"},
    "cli.about_statement": {"ja": "陳述書", "en": "Statement"},
    "cli.about_statement_chars": {"ja": "{count} 文字", "en": "{count} characters"},
    "cli.help_exhibit": {
        "ja": "証拠1点の注記を表示・変更します（PDF に載せる標目・立証趣旨・作成者、重要な証拠の印、資料から外す）。空の文字 \"\" を指定するとその項目を元に戻します",
        "en": "show or change your note on one exhibit (the title, purpose and author the PDF prints, key evidence, leave it out); an empty text \"\" puts a field back as it was",
    },
    "cli.help_exhibit_item": {
        "ja": "証拠の id（先頭の数文字でも可。「list --json」で表示）または元のファイル名",
        "en": "the item's id (its first few characters are enough; see \"list --json\") or its original file name",
    },
    "cli.help_exhibit_title": {"ja": "証拠目録に載せる標目（自動で付く名前の代わり）", "en": "the title (標目) the exhibit list prints instead of the automatic one"},
    "cli.help_exhibit_purpose": {"ja": "立証趣旨（この証拠で何を示すか、1文で）", "en": "what this exhibit proves (立証趣旨), in one sentence"},
    "cli.help_exhibit_author": {"ja": "作成者（自動で付く名前の代わり）", "en": "the author (作成者) instead of the automatic one"},
    "cli.help_exhibit_note": {"ja": "自分用のメモ（PDF には載りません）", "en": "a note for yourself (not printed in the PDF)"},
    "cli.help_exhibit_key": {"ja": "特に重要な証拠として印を付ける（--no-key で外す）", "en": "mark it as key evidence (--no-key to unmark)"},
    "cli.help_exhibit_exclude": {
        "ja": "この証拠を PDF 資料から外す（一度付いた証拠番号は「欠番」として残ります）",
        "en": "leave this item out of the PDF bundles (a number it already had stays reserved, shown as withheld)",
    },
    "cli.help_exhibit_include": {"ja": "外した証拠を PDF 資料に戻す", "en": "put a left-out item back into the PDF bundles"},
    "cli.exhibit_head": {"ja": "証拠 {id}…（{name}）", "en": "Item {id}... ({name})"},
    "cli.exhibit_saved": {"ja": "注記を保存しました。", "en": "Note saved."},
    "cli.exhibit_title": {"ja": "標目", "en": "Title"},
    "cli.exhibit_purpose": {"ja": "立証趣旨", "en": "What it proves"},
    "cli.exhibit_author": {"ja": "作成者", "en": "Author"},
    "cli.exhibit_key": {"ja": "重要な証拠", "en": "Key evidence"},
    "cli.exhibit_excluded": {"ja": "資料から外す", "en": "Left out of the bundles"},
    "cli.exhibit_note": {"ja": "メモ", "en": "Note"},
    "cli.exhibit_yes": {"ja": "はい", "en": "yes"},
    "cli.exhibit_no": {"ja": "いいえ", "en": "no"},
    "check.severity.error": {"ja": "要対応", "en": "Must fix"},
    "check.severity.warning": {"ja": "注意", "en": "Warning"},
    "check.severity.info": {"ja": "お知らせ", "en": "Note"},
    "check.integrity": {
        "ja": "ケースの検査で {count} 件の問題が見つかりました。証拠が変わっている可能性があるため、このままでは出力できません。「evidence-kit verify --deep」で内容を確かめてください。",
        "en": "Checking the case found {count} problem(s). Evidence may have changed, so the bundle cannot be exported as it is. Run \"evidence-kit verify --deep\" to see them.",
    },
    "check.account_incomplete": {
        "ja": "振込先口座 {account} の {missing} が入力されていません。口座凍結の申出には、金融機関・支店・種別・口座番号・名義（カナ）の5つが必要です。振込受付書、ATM の控え、相手の指示の画面から補ってください。",
        "en": "Destination account {account} is missing: {missing}. A freeze request needs all five: bank, branch, type, number and holder name (kana). Take them from the transfer receipt, the ATM slip or the scammer's instructions.",
    },
    "check.image_no_time": {
        "ja": "撮影日時が分からない画像があります（{exhibits}）。いつの画像か、メモに書き添えてください。",
        "en": "Some images have no capture time ({exhibits}). Please add a note saying when each is from.",
    },
    "check.image_not_original": {
        "ja": "LINE などで送られて撮影情報が消えた画像があります（{exhibits}）。スマートフォンに元の画像が残っていれば、それも取り込んでください。",
        "en": "Some images lost their camera information when sent through an app such as LINE ({exhibits}). If the originals are still on the phone, import them too.",
    },
    "check.image_edited": {
        "ja": "画像編集アプリで保存された画像があります（{exhibits}）。加工していない元の画像があれば、それを証拠にしてください。",
        "en": "Some images were saved by a photo editor ({exhibits}). If the unedited originals exist, use them as evidence.",
    },
    "check.chat_unsent": {
        "ja": "{who} が送信を取り消したメッセージがあります（{exhibits}）。取り消す前の画面を撮っていれば、それも取り込んでください。",
        "en": "{who} unsent messages ({exhibits}). If you took screenshots before they were unsent, import them too.",
    },
    "check.chat_deleted": {
        "ja": "削除されたメッセージがあります（{exhibits}）。削除前の画面を撮っていれば、それも取り込んでください。",
        "en": "Some messages were deleted ({exhibits}). If you took screenshots before, import them too.",
    },
    "check.chat_media_missing": {
        "ja": "トーク履歴に写真・動画・ファイルが含まれていない箇所があります（{exhibits}）。スマートフォンに残っている写真などを別に取り込んでください。",
        "en": "The chat export does not include some photos, videos or files ({exhibits}). Import them separately from the phone.",
    },
    "check.chat_export_early": {
        "ja": "最後の出来事より前に保存されたトーク履歴があります（{exhibits}）。最新のトーク履歴を保存し直して取り込んでください。",
        "en": "Some chat exports were saved before the last event ({exhibits}). Export the chat again and import it.",
    },
    "check.party_missing": {
        "ja": "相手方の名前が入力されていません。相手が名乗った名前を入力してください。",
        "en": "The other party's name is not entered. Enter the name they used.",
    },
    "check.party_no_identifier": {
        "ja": "相手方の ID・電話番号・URL などが入力されていません。表示名は変えられるため、ID や URL があると調べやすくなります。",
        "en": "None of the other party's IDs, phone numbers or URLs is entered. Display names can change; IDs and URLs let the police trace them.",
    },
    "check.no_receipt_number": {
        "ja": "警察の受理番号が記録されていません。相談・届出をしたら、受理番号を聞いて記録してください（まだなら「未取得」と表示されます）。",
        "en": "No police reference number is recorded. When you report, ask for it and record it (until then the bundle says \"not yet\").",
    },
    "check.rows_unconfirmed": {
        "ja": "被害金一覧表に、名義の一致から推定しただけの明細が {count} 行あります。自分で確かめて、振込先口座に結び付けてください。",
        "en": "{count} statement row(s) in the money list are only guessed from the payee name. Check them and link them to the destination account.",
    },
    "check.crypto_no_txid": {
        "ja": "{asset} の送付に、送付先アドレスまたは TxID がない記録があります。取引所の送付履歴の画面から補ってください。",
        "en": "A {asset} send has no destination address or TxID. Take them from the exchange's send history screen.",
    },
    "check.recent_transfer": {
        "ja": "{days} 日以内の送金が {count} 件あります。すぐに振込先の銀行へ連絡して口座の凍結を依頼し、警察に届け出てください。",
        "en": "{count} transfer(s) were made within {days} days. Call the destination bank now to ask for a freeze, and report to the police.",
    },
}
