"""Warnings and errors of the money-statement importers (shown as "parse.<code>" and "error.<code>").
`{line}` is the line number in the file; errors name the file as `{path}`."""

WARNINGS = {
    "money_balance_mismatch": {
        "ja": "{line} 行目で残高が合いません（前の行の残高にこの行の金額を足し引きした値と、書かれている残高が違います）。行が抜けているか、ファイルが編集された可能性があります。",
        "en": "The balance does not add up on line {line} (the previous balance plus or minus this row's amount differs from the balance written). A row may be missing, or the file may have been edited.",
    },
    "money_bad_amount": {
        "ja": "{line} 行目の金額が数字として読めないため、この行は取引として数えていません。書かれている内容はそのまま残しています。",
        "en": "The amount on line {line} is not a number, so this row is not counted as a transaction. It is kept exactly as written.",
    },
    "money_bad_date": {
        "ja": "{line} 行目の日付が読み取れないため、この行は取引として数えていません。書かれている内容はそのまま残しています。",
        "en": "The date on line {line} cannot be read, so this row is not counted as a transaction. It is kept exactly as written.",
    },
    "money_row_short": {
        "ja": "{line} 行目は列が足りず、途中で切れているようです。この行は取引として数えていません。ファイルを取り直してください。",
        "en": "Line {line} has too few columns and seems cut off. It is not counted as a transaction. Please download the file again.",
    },
    "money_duplicate_row": {
        "ja": "{line} 行目は、このファイルの前の行とまったく同じ内容です。同じ日に同じ金額の取引が本当に2回あったのか確かめてください（どちらも残しています）。",
        "en": "Line {line} is identical to an earlier row of this file. Please check whether the same transaction really happened twice (both are kept).",
    },
    "money_two_directions": {
        "ja": "{line} 行目には出金と入金の両方に金額があるため、向きが決められず、取引として数えていません。",
        "en": "Line {line} has an amount both as money out and as money in, so its direction is unknown and it is not counted.",
    },
    "money_bad_direction": {
        "ja": "{line} 行目の入金・出金の区分が読み取れないため、取引として数えていません。",
        "en": "Whether line {line} is money in or out cannot be read, so it is not counted.",
    },
    "money_direction_mismatch": {
        "ja": "{line} 行目の入払区分が、金額の列（出金か入金か）と食い違っています。",
        "en": "On line {line}, the in/out type column disagrees with the amount column (money out or in).",
    },
    "money_year_unknown": {
        "ja": "このファイルの日付には年がありません（{line} 行目から）。年はファイル名からも分からなかったため、日付を付けていません。列の対応づけで年を指定してください。",
        "en": "The dates in this file have no year (from line {line}), and the file name gives none, so no dates were set. Please give the year in the column mapping.",
    },
    "money_year_wrap": {
        "ja": "この明細の日付には年がなく、{line} 行目で年をまたいでいるようです。年はファイル名（または指定）から一つしか分からないため、年末か年明けの日付が1年ずれている可能性があります。日付を確かめてください。",
        "en": "The dates in this file have no year, and they seem to run over the year's end at line {line}. Only one year is known (from the file name or the mapping), so the dates on one side of the new year may be a year off. Please check them.",
    },
}

ERRORS = {
    "money_not_csv": {
        "ja": "「{path}」は CSV ではなく Excel のファイルです。Excel で開き、「CSV」形式で保存し直してから取り込んでください。",
        "en": "\"{path}\" is an Excel file, not a CSV. Open it in Excel, save it as CSV, and import that file.",
    },
    "money_undecodable": {
        "ja": "「{path}」の文字コードを読み取れません（UTF-8・UTF-16・Shift_JIS(CP932) のどれでもありません）。壊れているか、明細の CSV ではない可能性があります。",
        "en": "The text encoding of \"{path}\" cannot be read (it is not UTF-8, UTF-16 or Shift_JIS/CP932). The file may be damaged or not a statement CSV.",
    },
    "money_unknown_layout": {
        "ja": "「{path}」は、知っている明細の形式のどれにも当てはまりません。列の対応づけ（どの列が日付・金額か）を指定して取り込んでください。",
        "en": "\"{path}\" matches none of the known statement layouts. Please import it with a column mapping (which column is the date, which the amount).",
    },
    "money_profile_mismatch": {
        "ja": "「{path}」には、形式「{profile}」の見出し行が見つかりません。別の銀行・別の形式のファイルではないか確かめてください。",
        "en": "The header row of layout \"{profile}\" is not in \"{path}\". Please check that the file is from that bank and layout.",
    },
    "money_mapping_invalid": {
        "ja": "列の対応づけ「{name}」は使えません（列「{column}」）。日付の列を1つと、金額の列（入出金が1列、または出金と入金の2列）を選び、同じ列を二度使わないでください。",
        "en": "The column mapping \"{name}\" cannot be used (column \"{column}\"). Choose one date column and the amount column(s) (one signed column, or one for money out and one for money in), without using a column twice.",
    },
}
