"""Texts of the case's money records (core/caserecords.py, bankcodes.py, money.py): ERRORS found
under "error.<code>", TEXTS under their own keys ("money.<name>")."""

ERRORS = {
    "money_identifier_kind": {
        "ja": "連絡先の種類「{kind}」は使えません。次のどれかを指定してください: {choices}",
        "en": "\"{kind}\" is not a kind of identifier. Use one of: {choices}",
    },
    "money_identifier_empty": {
        "ja": "連絡先（ID・番号・アドレス）が空です。相手が使った ID などをそのまま入力してください。",
        "en": "The identifier is empty. Enter the ID, number or address exactly as the other party used it.",
    },
    "money_action_who": {
        "ja": "相談先「{who}」は使えません。次のどれかを指定してください: {choices}",
        "en": "\"{who}\" is not a kind of contact. Use one of: {choices}",
    },
    "money_action_what": {
        "ja": "何をしたか（相談・被害届の提出・口座凍結の依頼など）を書いてください。",
        "en": "Say what was done (a consultation, a police report, a request to freeze an account ...).",
    },
    "money_bad_date": {
        "ja": "日付「{value}」が読めません。2024-05-01 のように 年-月-日 で入力してください。",
        "en": "The date \"{value}\" cannot be read. Write it as year-month-day, like 2024-05-01.",
    },
    "money_start_needs_date": {
        "ja": "被害が始まった日を 2024-05-01 のように指定してください（記録した日を消すときは --clear）。",
        "en": "Give the day the scam started, like 2024-05-01 (or --clear to forget the day recorded).",
    },
    "money_yucho_symbol": {
        "ja": "ゆうちょ銀行の記号番号「{value}」が読めません。通帳にある 14020-57561701 のような形（記号 5 桁、番号 8 桁まで。記号が 1 で始まる口座の番号は最後が 1 です）で入力してください。",
        "en": "The ゆうちょ 記号-番号 \"{value}\" cannot be read. Write it as in the passbook, like 14020-57561701 (a 5-digit 記号, a 番号 of up to 8 digits; when the 記号 starts with 1, the 番号 ends in 1).",
    },
    "money_yucho_branch_conflict": {
        "ja": "記号番号 {symbol} からは店番（支店番号）が「{made}」になりますが、「{given}」と入力されています。どちらが正しいか確かめてください。",
        "en": "The 記号-番号 {symbol} gives the branch code (店番) \"{made}\", but \"{given}\" was entered. Please check which one is right.",
    },
    "money_yucho_number_conflict": {
        "ja": "記号番号 {symbol} からは口座番号が「{made}」になりますが、「{given}」と入力されています。どちらが正しいか確かめてください。",
        "en": "The 記号-番号 {symbol} gives the account number \"{made}\", but \"{given}\" was entered. Please check which one is right.",
    },
    "money_yucho_bank_conflict": {
        "ja": "記号番号 {symbol} はゆうちょ銀行の口座の番号ですが、金融機関コードが「{given}」になっています。ゆうちょ銀行の口座なら金融機関コードを 9900 にしてください。",
        "en": "The 記号-番号 {symbol} is a ゆうちょ銀行 account number, but the bank code is \"{given}\". For a ゆうちょ銀行 account, make the bank code 9900.",
    },
    "money_bank_code_digits": {
        "ja": "金融機関コード「{value}」は数字 4 桁で入力してください（例: ゆうちょ銀行は 9900）。",
        "en": "The bank code \"{value}\" must be 4 digits (ゆうちょ銀行 is 9900, for example).",
    },
    "money_branch_code_digits": {
        "ja": "支店番号「{value}」は数字 3 桁で入力してください。",
        "en": "The branch code \"{value}\" must be 3 digits.",
    },
    "money_account_type": {
        "ja": "預金種別「{value}」は使えません。{choices} のどれかを指定してください。",
        "en": "The account type \"{value}\" is not known. Use one of {choices}.",
    },
    "money_account_number": {
        "ja": "口座番号「{value}」は数字（8 桁まで）で入力してください。ゆうちょ銀行の記号番号は --yucho で入力できます。",
        "en": "The account number \"{value}\" must be digits (up to 8). A ゆうちょ 記号-番号 goes in --yucho.",
    },
    "money_holder_kana": {
        "ja": "口座名義「{value}」はカタカナで、振込画面や明細に出たとおりに入力してください（英大文字・数字・空白・（）．－／ も使えます）。",
        "en": "Write the account holder \"{value}\" in katakana as the transfer screen or statement shows it (capital letters, digits, spaces and ( ) . - / are allowed too).",
    },
    "money_account_empty": {
        "ja": "口座の情報がありません。銀行名・口座番号・口座名義のどれかは入力してください。",
        "en": "There is nothing about the account. Enter at least the bank, the account number or the holder's name.",
    },
    "money_tx_ref": {
        "ja": "「{ref}」は明細の行の指定になっていません。money や list の表示にある「a1b2c3d4:12」（ファイル番号:行）の形で指定してください。",
        "en": "\"{ref}\" does not name a statement row. Use the form shown by money and list: \"a1b2c3d4:12\" (file:line).",
    },
    "money_tx_unknown": {
        "ja": "「{ref}」に当たる明細の行がありません。evidence-kit money で行の番号を確かめてください。",
        "en": "No statement row matches \"{ref}\". Check the row with evidence-kit money.",
    },
    "money_tx_is_fee": {
        "ja": "{ref} は振込手数料の行で、振込 {transfer} の手数料としてまとめて表示しています。{transfer} の行を指定してください。",
        "en": "{ref} is a transfer fee row, shown as the fee of the transfer {transfer}. Give the row {transfer} instead.",
    },
    "money_tx_ambiguous": {
        "ja": "「{ref}」に当たる明細の行が複数あります。ファイル番号をもっと長く指定してください。",
        "en": "Several statement rows match \"{ref}\". Give more characters of the file id.",
    },
    "money_party_unknown": {
        "ja": "番号 {id} の相手方は記録されていません。party CASE show で番号を確かめてください。",
        "en": "There is no other party number {id}. Check the numbers with party CASE show.",
    },
    "money_identifier_unknown": {
        "ja": "番号 {id} の連絡先はありません。party CASE show で番号を確かめてください。",
        "en": "There is no identifier number {id}. Check the numbers with party CASE show.",
    },
    "money_account_unknown": {
        "ja": "番号 {id} の振込先口座はありません。account CASE list で番号を確かめてください。",
        "en": "There is no destination account number {id}. Check the numbers with account CASE list.",
    },
    "money_action_unknown": {
        "ja": "番号 {id} の対応の記録はありません。action CASE list で番号を確かめてください。",
        "en": "There is no action number {id}. Check the numbers with action CASE list.",
    },
    "money_mark": {
        "ja": "「{value}」という記録の種類はありません。次のどれかを指定してください: {choices}",
        "en": "\"{value}\" is not a kind of mark. Use one of: {choices}",
    },
    "money_mark_scam_direction": {
        "ja": "{ref} は入金の行です。「scam」は支払い（出金）の行に付けます。相手から返ってきたお金なら「returned」にしてください。",
        "en": "{ref} is money in. \"scam\" is for money paid out; for money the other party paid back, use \"returned\".",
    },
    "money_mark_returned_direction": {
        "ja": "{ref} は支払い（出金）の行です。「returned」は入金の行に付けます。詐欺への支払いなら「scam」にしてください。",
        "en": "{ref} is money out. \"returned\" is for money in; for a payment to the scam, use \"scam\".",
    },
    "money_transfer_amount": {
        "ja": "振込の金額「{value}」は 1 円以上の整数で入力してください（例: 300000）。",
        "en": "The transfer amount \"{value}\" must be a whole number of yen above 0 (e.g. 300000).",
    },
    "money_transfer_evidence": {
        "ja": "この振込を何で知ったか（振込受付書、銀行からのメールなど）を書いてください。",
        "en": "Say where this transfer is known from (a transfer slip, the bank's e-mail ...).",
    },
    "money_transfer_unknown": {
        "ja": "番号 {id} の振込の記録はありません。account CASE list で番号を確かめてください。",
        "en": "There is no transfer number {id}. Check the numbers with account CASE list.",
    },
    "money_mapping_part": {
        "ja": "--mapping の「{part}」は「役割=列名」の形ではありません。例: --mapping \"date=日付,out=出金,in=入金,desc=摘要,balance=残高\"",
        "en": "\"{part}\" in --mapping is not \"role=column name\". Example: --mapping \"date=日付,out=出金,in=入金,desc=摘要,balance=残高\"",
    },
    "money_mapping_role": {
        "ja": "--mapping の役割「{role}」はありません。使える役割: {roles}",
        "en": "--mapping has no role \"{role}\". The roles are: {roles}",
    },
    "money_mapping_header": {
        "ja": "--mapping の header=「{value}」は、列の名前が並ぶ行の番号（1 から数えます）で指定してください。",
        "en": "header=\"{value}\" in --mapping must be the number of the row holding the column names (counting from 1).",
    },
    "money_save_needs_mapping": {
        "ja": "--save-profile は --mapping と一緒に使います（保存するのは --mapping で指定した列の対応づけです）。",
        "en": "--save-profile goes with --mapping (it saves the column mapping given there).",
    },
    "money_profile_unknown": {
        "ja": "「{name}」という明細の形式（プロファイル）はありません。",
        "en": "There is no statement layout (profile) named \"{name}\".",
    },
}

TEXTS = {
    "money.warn_bank_unknown": {
        "ja": "注意: 金融機関コード {code} は収録の一覧（{date} 時点）にありません。番号を確かめてください（合併などで新しい場合はそのままで構いません）。",
        "en": "Note: bank code {code} is not in the bundled table (as of {date}). Please check it (if the bank is newer than the table, it can stay).",
    },
    "money.warn_bank_name": {
        "ja": "注意: 金融機関コード {code} は一覧（{date} 時点）では「{table}」です。入力された名前は「{name}」です。",
        "en": "Note: bank code {code} is \"{table}\" in the table (as of {date}); the name entered is \"{name}\".",
    },
    "money.warn_bank_name_unknown": {
        "ja": "注意: 「{name}」という金融機関は収録の一覧（{date} 時点）に見つかりませんでした。金融機関コード（4 桁）がわかれば --bank-code で入力してください（振込の控えや明細に載っています）。",
        "en": "Note: no bank named \"{name}\" is in the bundled table (as of {date}). If you know its 4-digit bank code, enter it with --bank-code (it is on the transfer slip or statement).",
    },
    "money.warn_branch_unknown": {
        "ja": "注意: {bank} の支店番号 {code} は収録の一覧（{date} 時点）にありません。番号を確かめてください。",
        "en": "Note: branch code {code} of {bank} is not in the bundled table (as of {date}). Please check it.",
    },
    "money.warn_branch_name": {
        "ja": "注意: 支店番号 {code} は一覧（{date} 時点）では「{table}」です。入力された名前は「{name}」です。",
        "en": "Note: branch code {code} is \"{table}\" in the table (as of {date}); the name entered is \"{name}\".",
    },
    "money.warn_no_table": {
        "ja": "注意: 金融機関・支店コードの一覧（zengin-code）が見つからないため、コードを確かめられませんでした。入力どおりに記録しています。",
        "en": "Note: the bank and branch code table (zengin-code) is missing, so the codes could not be checked. They were saved as entered.",
    },
    "money.table_date": {
        "ja": "（金融機関・支店コードの一覧: zengin-code、{date} 時点）",
        "en": "(bank and branch codes: zengin-code table as of {date})",
    },
    # why a row is suggested (links) or flagged
    "money.reason_transfer_record": {
        "ja": "口座 {account} への振込の記録（{date}、{amount:,} 円。{evidence}）と金額が同じで、日付の差が 1 営業日以内です",
        "en": "the same amount as the transfer to account {account} known from {evidence} ({date}, {amount:,} yen), within one business day",
    },
    "money.reason_transfer_record_with_fee": {
        "ja": "口座 {account} への振込の記録（{date}、{amount:,} 円。{evidence}）が、この振込と手数料 {fee:,} 円の合計と同じで、日付の差が 1 営業日以内です",
        "en": "the transfer to account {account} known from {evidence} ({date}, {amount:,} yen) is this transfer plus its {fee:,} yen fee, within one business day",
    },
    "money.reason_name_equal": {
        "ja": "振込先の名前が口座 {account} の名義と同じです",
        "en": "the payee's name is the holder name of account {account}",
    },
    "money.reason_name_prefix": {
        "ja": "振込先の名前が口座 {account} の名義と前の部分で一致します（明細では名前が途中で切れることがあります）",
        "en": "the payee's name matches the start of account {account}'s holder name (statements cut names short)",
    },
    "money.reason_marked_account": {
        "ja": "振込先の名前が、相手の口座として記録した口座 {account} の名義と一致します（名前だけの一致です。口座番号は明細にありません）",
        "en": "the payee's name matches the holder of account {account}, recorded as the other party's (the name only: the statement has no account number)",
    },
    "money.reason_paid_back": {
        "ja": "入金元の名前が、相手の口座として記録した口座 {account} の名義と一致します（「利益」として返されたお金の可能性）",
        "en": "the payer's name matches the holder of account {account}, recorded as the other party's (possibly a fake \"profit\")",
    },
    "money.reason_first_time_payee": {
        "ja": "被害が始まった日（{start}）より前の明細には一度も出てこない個人名義への振込です",
        "en": "a transfer to a personal name that appears in no row before the scam started ({start})",
    },
    "money.reason_new_payee": {
        "ja": "それより前の明細には一度も出てこない個人名義への、初めての振込です",
        "en": "the first transfer to a personal name that appears in no earlier row",
    },
    "money.reason_payee_churn": {
        "ja": "{days} 日の間に、初めての個人名義の振込先が {count} つあります（詐欺では振込先の口座が次々に変わることがあります）",
        "en": "{count} different first-time personal payees within {days} days (scammers often switch the accounts they have you pay)",
    },
    "money.reason_exchange_chain": {
        "ja": "暗号資産の取引所への振込の後、{days} 日以内に取引所から外部へ送金されています",
        "en": "a transfer to a crypto exchange, followed within {days} days by a send out of the exchange",
    },
    "money.reason_to_exchange": {
        "ja": "暗号資産の取引所への振込です（取引所の明細があれば、その後の送金とつなげられます）",
        "en": "a transfer to a crypto exchange (with the exchange's statement, it can be tied to what was sent on)",
    },
    "money.reason_round_amount": {
        "ja": "10 万円以上の、1 万円単位のちょうどの金額の振込です（弱い手がかり）",
        "en": "a transfer of a round sum of 100,000 yen or more (a weak sign)",
    },
    "money.row_fee": {
        "ja": "手数料 {fee} 円（手数料の行: {refs}）",
        "en": "fee {fee} yen (fee row: {refs})",
    },
    "money.fees_total": {
        "ja": "振込手数料の合計: {fees} 円（上の支払いの合計には含めていません。口座凍結の申出は振込額そのものについて行います）",
        "en": "Transfer fees in all: {fees} yen (not included in the total paid above; a freeze request is about the sums transferred)",
    },
    "money.undone_not_scam": {
        "ja": "{ref} の「詐欺とは関係ない」の記録は外しました。",
        "en": "The \"not about the scam\" mark on {ref} was removed.",
    },
    "money.undone_link": {
        "ja": "{ref} の振込先口座 {account} への結び付けは外しました。",
        "en": "{ref} is no longer tied to destination account {account}.",
    },
    "money.account_removed_links": {
        "ja": "この口座に結び付けていた明細の行 {count} 件は、どの口座にも結び付いていない扱いになります。",
        "en": "The {count} statement rows tied to this account are no longer tied to any account.",
    },
    "money.who_police": {"ja": "警察", "en": "police"},
    "money.who_bank": {"ja": "銀行", "en": "bank"},
    "money.who_consumer_center_188": {"ja": "消費生活センター（188）", "en": "consumer centre (188)"},
    "money.who_lawyer": {"ja": "弁護士", "en": "lawyer"},
    "money.who_platform": {"ja": "アプリ・サイトの運営会社", "en": "app or site operator"},
    "money.who_other": {"ja": "その他", "en": "other"},
    "money.idkind_line_id": {"ja": "LINE ID", "en": "LINE ID"},
    "money.idkind_whatsapp": {"ja": "WhatsApp の番号", "en": "WhatsApp number"},
    "money.idkind_phone": {"ja": "電話番号", "en": "phone"},
    "money.idkind_email": {"ja": "メールアドレス", "en": "e-mail"},
    "money.idkind_url": {"ja": "URL", "en": "URL"},
    "money.idkind_crypto_address": {"ja": "暗号資産のアドレス", "en": "crypto address"},
    "money.idkind_other": {"ja": "その他", "en": "other"},
    "money.mark_scam": {"ja": "詐欺への支払い", "en": "paid to the scam"},
    "money.mark_not_scam": {"ja": "詐欺とは関係ない", "en": "not about the scam"},
    "money.mark_returned": {"ja": "相手から返ってきたお金", "en": "paid back by the other party"},
    "money.strength_strong": {"ja": "強", "en": "strong"},
    "money.strength_medium": {"ja": "中", "en": "medium"},
    "money.strength_weak": {"ja": "弱", "en": "weak"},
    "money.strength_context": {"ja": "参考", "en": "context"},
    "money.status_confirmed": {"ja": "確認済み", "en": "confirmed"},
    "money.status_flagged": {"ja": "未確認（自動の候補）", "en": "not confirmed (suggested)"},
    "money.status_listed": {"ja": "一覧のみ", "en": "listed only"},
}
