"""Texts of the watched folder (evidence_kit/watch.py) and the `watch` command."""

ERRORS = {
    "watch_inside_case": {
        "ja": "ケースフォルダの中は見張れません: {folder}。新しいファイルが届く別のフォルダを選んでください。",
        "en": "A folder inside the case folder cannot be watched: {folder}. Choose the folder where new files arrive.",
    },
}

TEXTS = {
    "watch.imported": {
        "ja": "取り込みました: {name}（{size} バイト、SHA-256 {sha256}）",
        "en": "Imported: {name} ({size} bytes, SHA-256 {sha256})",
    },
    "watch.imported_members": {
        "ja": "取り込みました: {name}（{size} バイト、SHA-256 {sha256}。中のファイル {members} 件も）",
        "en": "Imported: {name} ({size} bytes, SHA-256 {sha256}; and {members} file(s) inside it)",
    },
    "watch.duplicate": {
        "ja": "同じ内容がすでにケースにあるため、重ねて保存しませんでした: {name}（既存の証拠 {item}）",
        "en": "Already in the case with the same content, not stored again: {name} (existing item {item})",
    },
    "watch.failed": {"ja": "取り込めませんでした: {name}: {reason}", "en": "Not imported: {name}: {reason}"},
    "watch.folder_missing": {
        "ja": "見張っているフォルダが見つかりません（スマートフォンや USB メモリを外しましたか）。戻るのを待っています: {folder}",
        "en": "The watched folder is not there (was the phone or USB stick unplugged?). Waiting for it to come back: {folder}",
    },
    "watch.folder_back": {
        "ja": "フォルダが戻りました。見張りを続けます: {folder}",
        "en": "The folder is back. Watching it again: {folder}",
    },
    "cli.help_watch": {
        "ja": "フォルダを見張り、新しく届いたファイルを自動でケースに取り込む（ロックしたまま、Ctrl+C で終了）",
        "en": "watch a folder and import new files into the case as they arrive (the case stays locked; Ctrl+C ends)",
    },
    "cli.help_watch_dir": {"ja": "見張るフォルダ", "en": "the folder to watch"},
    "cli.help_watch_settle": {
        "ja": "ファイルの大きさと更新時刻がこの秒数変わらなければ、書き込みが終わったとみなす（既定 {default}）",
        "en": "a file whose size and time have not changed for this many seconds is complete (default {default})",
    },
    "cli.watch_bad_settle": {
        "ja": "秒数は 0 より大きい数で指定してください: {value}",
        "en": "give the seconds as a number above 0: {value}",
    },
    "cli.watch_started": {
        "ja": "見張りを始めました: {folder}\n"
              "新しいファイルは、書き込みが終わって {settle} 秒たつと取り込みます。いまフォルダにある {existing} 件も取り込みます。"
              "同じ内容は重ねて保存しません（以前に取り込んだ証拠との重複は、次にロックを解除したときに確認されます）。"
              "終えるには Ctrl+C を押してください。",
        "en": "Watching: {folder}\n"
              "New files are imported {settle} seconds after they stop changing. The {existing} file(s) already in the "
              "folder are imported too. The same content is not stored twice (duplicates of items imported earlier are "
              "found at the next unlock). Press Ctrl+C to stop.",
    },
    "cli.watch_stopped": {
        "ja": "見張りを終えました。取り込み {imported} 件、重複 {duplicates} 件、失敗 {failed} 件。",
        "en": "Stopped watching. {imported} imported, {duplicates} duplicates, {failed} failed.",
    },
}
