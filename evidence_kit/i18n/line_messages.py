"""Warnings of the LINE importer (shown as "parse.<code>"). `{line}` is the line number in the file."""

WARNINGS = {
    "line_unparsed": {
        "ja": "{line} 行目は LINE のトーク履歴の形に当てはまりませんでした。内容はそのまま残しています。",
        "en": "Line {line} does not match the LINE chat-history format. It is kept exactly as it is.",
    },
    "line_time_24": {
        "ja": "{line} 行目の時刻が「24:xx」と書かれています。古い Android 版の書き方とみて、その日の 0:xx として扱いました。",
        "en": "Line {line} gives the time as \"24:xx\". As in old Android exports, it was read as 0:xx of that day.",
    },
    "line_time_invalid": {
        "ja": "{line} 行目の時刻はありえない値のため、日時を付けていません。書かれている時刻はそのまま残しています。",
        "en": "The time on line {line} is impossible, so no date and time were given to it. The time as written is kept.",
    },
    "line_date_invalid": {
        "ja": "{line} 行目の日付は読み取れない、またはありえない日付です。次の日付までのメッセージには日時を付けていません。",
        "en": "The date on line {line} cannot be read or does not exist. Messages up to the next date have no date and time.",
    },
    "line_no_date": {
        "ja": "{line} 行目のメッセージより前に日付の行がないため、時刻だけを残し、日時は付けていません。",
        "en": "There is no date line before the message on line {line}: only its time of day is kept, with no date.",
    },
    "line_date_not_increasing": {
        "ja": "{line} 行目の日付が、前の日付より前（または同じ）になっています。ファイルがつなぎ合わされたか編集された可能性があります。",
        "en": "The date on line {line} is not later than the previous date. The file may have been joined or edited.",
    },
    "line_separator_altered": {
        "ja": "このファイルでは、時刻・名前・本文の区切りがタブではなく「$」になっています（{line} 行目から）。LINE が書き出したままのファイルではなく、後から変換された可能性があります。",
        "en": "In this file, time, name and text are separated by \"$\" instead of tabs (from line {line}). It is probably not the file as LINE exported it.",
    },
    "line_desktop_sender_names": {
        "ja": "パソコン版 LINE で保存したトーク（{line} 行目から）は、名前と本文が空白で区切られているため、空白を含む名前を正しく分けられないことがあります。送信者名を確かめてください。",
        "en": "This chat was saved from LINE for PC (from line {line}): names and text are separated by spaces, so names containing spaces may be split wrongly. Please check the senders.",
    },
    "line_continuation_timed": {
        "ja": "{line} 行目は時刻で始まっていますが、メッセージ行の形ではないため、前のメッセージの続きとして扱いました。",
        "en": "Line {line} starts with a time but is not shaped like a message line, so it was read as the continuation of the previous message.",
    },
}
