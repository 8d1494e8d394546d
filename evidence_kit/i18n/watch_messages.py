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
        "ja": "フォルダを見張り、新しく届いたファイルを自動でケースに取り込む（ロックしたままでも動きます。Ctrl+C で終了）",
        "en": "watch a folder and import new files into the case as they arrive (works with the case locked; Ctrl+C ends)",
    },
    "cli.help_watch_unlock": {
        "ja": "パスフレーズを尋ねてロックを解除してから見張る（以前に取り込んだ証拠と同じ内容をすぐに見分けます）。"
              "EVIDENCE_KIT_PASSPHRASE か --passphrase-file があれば、尋ねずにそれを使います",
        "en": "ask for the passphrase and unlock the case while watching (content imported before is recognised at once); "
              "EVIDENCE_KIT_PASSPHRASE or --passphrase-file, when given, are used without asking",
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
              "新しいファイルは、書き込みが終わって {settle} 秒たつと取り込みます。いまフォルダにある {existing} 件も取り込みます"
              "（以前の見張りで取り込んで、その後変わっていない {known} 件は読みません）。ケースはロックしたままです。"
              "同じ内容は重ねて保存しません。ほかの方法で取り込んだ証拠との重複は、次にロックを解除したときに確かめます。"
              "終えるには Ctrl+C を押してください。",
        "en": "Watching: {folder}\n"
              "New files are imported {settle} seconds after they stop changing. The {existing} file(s) already in the "
              "folder are imported too ({known} handed over by an earlier watch and unchanged since are left alone). "
              "The case stays locked. The same content is not stored twice; duplicates of items imported in other ways "
              "are found at the next unlock. Press Ctrl+C to stop.",
    },
    "cli.watch_started_unlocked": {
        "ja": "見張りを始めました: {folder}\n"
              "新しいファイルは、書き込みが終わって {settle} 秒たつと取り込みます。いまフォルダにある {existing} 件も取り込みます"
              "（以前の見張りで取り込んで、その後変わっていない {known} 件は読みません）。ロックを解除しているので、"
              "ケースにすでにある証拠と同じ内容はすぐに見分け、重ねて保存しません。"
              "終えるには Ctrl+C を押してください（ケースはロックされます）。",
        "en": "Watching: {folder}\n"
              "New files are imported {settle} seconds after they stop changing. The {existing} file(s) already in the "
              "folder are imported too ({known} handed over by an earlier watch and unchanged since are left alone). "
              "The case is unlocked, so content already in the case is recognised at once and not stored again. "
              "Press Ctrl+C to stop (the case is locked again).",
    },
    "cli.watch_stopped": {
        "ja": "見張りを終えました。取り込み {imported} 件、重複 {duplicates} 件、失敗 {failed} 件。",
        "en": "Stopped watching. {imported} imported, {duplicates} duplicates, {failed} failed.",
    },
}
