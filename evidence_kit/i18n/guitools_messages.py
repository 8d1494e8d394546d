"""Texts of the app's hand-over, backup, restore and watched-folder windows (evidence_kit/gui/dialogs/
handover.py, backup.py, watch.py). The core's own errors (backup_full, handover_exists ...) are shown as
they are; these are the GUI's words around them."""

TEXTS = {
    # -- menu entries --------------------------------------------------------------------------------
    "guitools.action.handover": {"ja": "警察・弁護士に渡す一式を作る(&P)…",
                                 "en": "Hand-over folder for the &police or a lawyer…"},
    "guitools.action.backup": {"ja": "USBにバックアップ(&B)…", "en": "&Back up to a USB stick…"},
    "guitools.action.watch": {"ja": "フォルダを見張る(&W)…", "en": "&Watch a folder…"},
    "guitools.export.handover": {"ja": "元のファイルも付けて渡す一式を作る…", "en": "Hand-over folder with the originals…"},
    "guitools.export.backup": {"ja": "USB にバックアップ…", "en": "Back up to a USB stick…"},
    "guitools.start.restore": {"ja": "バックアップから復元(&R)…", "en": "&Restore from a backup…"},
    "guitools.browse": {"ja": "選ぶ…", "en": "Choose…"},
    "guitools.stop": {"ja": "止める", "en": "Stop"},
    "guitools.stopping": {"ja": "止めています…", "en": "Stopping…"},
    "guitools.close": {"ja": "閉じる", "en": "Close"},
    "guitools.open_folder": {"ja": "フォルダを開く(&O)", "en": "&Open the folder"},
    "guitools.bytes": {"ja": "{n} バイト", "en": "{n} bytes"},
    "guitools.seconds": {"ja": "{n} 秒", "en": "{n} s"},
    "guitools.minutes": {"ja": "{m} 分 {s} 秒", "en": "{m} min {s} s"},

    # -- hand-over -----------------------------------------------------------------------------------
    "guitools.handover.title": {"ja": "警察・弁護士に渡す一式を作る", "en": "Hand-over folder for the police or a lawyer"},
    "guitools.handover.heading": {
        "ja": "警察や弁護士にそのまま渡せるフォルダを作ります。中身は PDF 資料、取り込んだときのままの元のファイル、"
              "そして何も変わっていないことを相手が自分で確かめるための記録（ハッシュ値の一覧 SHA256SUMS、保全記録と署名、"
              "確かめ方を書いた VERIFY.txt）です。",
        "en": "This makes a folder you can give as it is to the police or a lawyer. It holds the PDF bundle, the "
              "original files exactly as they were imported, and what they need to check for themselves that nothing "
              "has changed (the list of hashes SHA256SUMS, the custody log with its signature, and VERIFY.txt on how "
              "to check).",
    },
    "guitools.handover.plain_warning": {
        "ja": "このフォルダは暗号化されていません。パスフレーズがなくても誰でも中を見られるので、警察・弁護士以外には"
              "渡さず、渡し終えたらこのパソコンに残ったフォルダは削除してください（ケースの中の証拠はそのまま残ります）。",
        "en": "This folder is not encrypted: anyone can open it without the passphrase. Give it only to the police or "
              "your lawyer, and once it is handed over, delete the copy left on this computer (the evidence in the "
              "case stays as it is).",
    },
    "guitools.handover.path": {"ja": "作るフォルダ(&F):", "en": "&Folder to make:"},
    "guitools.handover.choose": {"ja": "フォルダを作る場所", "en": "Where to make the folder"},
    "guitools.handover.name_police": {"ja": "警察に渡す資料_{day}", "en": "police-handover_{day}"},
    "guitools.handover.name_lawyer": {"ja": "弁護士に渡す資料_{day}", "en": "lawyer-handover_{day}"},
    "guitools.handover.go": {"ja": "一式を作る(&M)", "en": "&Make the folder"},
    "guitools.handover.stage_pdf": {"ja": "PDF 資料を作っています…", "en": "Making the PDF bundle…"},
    "guitools.handover.stage_file": {
        "ja": "元のファイルを書き出しています（{done} / {total}）: {name}",
        "en": "Writing the original files ({done} / {total}): {name}",
    },
    "guitools.handover.cancelled": {
        "ja": "止めました。書きかけのフォルダは消しました。",
        "en": "Stopped. The half-written folder was removed.",
    },
    "guitools.handover.done": {
        "ja": "作りました: {path}\nPDF「{pdf}」（{pages} ページ）と元のファイル {count} 件、全部で {files} ファイルです。"
              "確かめ方は中の VERIFY.txt にあります。\nSHA256SUMS の SHA-256: {sums}",
        "en": "Made: {path}\nThe PDF \"{pdf}\" ({pages} pages) and {count} original file(s), {files} files in all. "
              "VERIFY.txt inside says how to check them.\nSHA-256 of SHA256SUMS: {sums}",
    },
    "guitools.handover.open_pdf": {"ja": "PDFを開く(&D)", "en": "Open the P&DF"},

    # -- backup --------------------------------------------------------------------------------------
    "guitools.backup.title": {"ja": "USB メモリにバックアップ", "en": "Back up to a USB stick"},
    "guitools.backup.heading": {
        "ja": "ケースフォルダを、暗号化したまま USB メモリなどにコピーし、コピーしたファイルをすべて読み直して確かめます。"
              "パスフレーズは要りません（ロック中でもできます）。2 回目からは新しい分だけをコピーします。",
        "en": "This copies the case folder, still encrypted, to a USB stick or another place, and reads every copied "
              "file back to check it. No passphrase is needed (it works while the case is locked). Later backups copy "
              "only what is new.",
    },
    "guitools.backup.dest": {"ja": "バックアップ先(&D):", "en": "Back up &to:"},
    "guitools.backup.choose": {"ja": "バックアップ先（USB メモリなど）", "en": "Where to back up (a USB stick…)"},
    "guitools.backup.looking": {"ja": "バックアップ先を調べています…", "en": "Looking at the place…"},
    "guitools.backup.no_dest": {"ja": "バックアップ先のフォルダを選んでください。",
                                "en": "Choose the folder to back up to."},
    "guitools.backup.missing": {
        "ja": "このフォルダは見つかりません。USB メモリが差さっているか確かめてください。",
        "en": "This folder was not found. Check that the USB stick is plugged in.",
    },
    "guitools.backup.space": {"ja": "空き: {free}　　ケースの大きさ: {size}",
                              "en": "Free: {free}    Size of the case: {size}"},
    "guitools.backup.previous": {
        "ja": "ここには、このケースの前回のバックアップがあります（第 {generation} 世代、{made}）。新しい分だけをコピーします。",
        "en": "This place holds an earlier backup of this case (generation {generation}, {made}). Only what is new "
              "will be copied.",
    },
    "guitools.backup.first": {"ja": "ここには、このケースのバックアップはまだありません。",
                              "en": "This place holds no backup of this case yet."},
    "guitools.backup.short": {
        "ja": "空きが足りないかもしれません。空きを作るか、大きい USB メモリを使ってください。",
        "en": "There may not be enough free space. Free some space or use a larger USB stick.",
    },
    "guitools.backup.fat32": {
        "ja": "この USB メモリは FAT32 形式のようです。FAT32 には 4 GB 以上のファイルを 1 つのファイルとして保存できないため、"
              "それより大きい証拠は分けて保存します。復元するときに自動でつなぎ直すので、そのままで大丈夫です。",
        "en": "This USB stick looks like FAT32. FAT32 cannot hold a single file of 4 GB or more, so larger evidence "
              "files are stored in parts. Restoring joins them again by itself, so nothing needs to be done.",
    },
    "guitools.backup.read_only": {
        "ja": "このフォルダには書き込めません（読み取り専用です）。USB メモリの書き込み禁止スイッチを確かめるか、別の場所を選んでください。",
        "en": "This folder cannot be written (it is read-only). Check the USB stick's write-protect switch or choose "
              "another place.",
    },
    "guitools.backup.go": {"ja": "バックアップする(&B)", "en": "&Back up"},
    "guitools.backup.starting": {"ja": "始めています（ケースの一覧を読んでいます）…",
                                 "en": "Starting (reading the list of the case's files)…"},
    "guitools.backup.copying": {"ja": "コピーして確かめています: {path}", "en": "Copying and checking: {path}"},
    "guitools.backup.lines": {"ja": "コピーしたファイル(&L):", "en": "Copied fi&les:"},
    "guitools.backup.line": {"ja": "コピーして確かめました: {path}（{size}）", "en": "Copied and checked: {path} ({size})"},
    "guitools.backup.done": {
        "ja": "バックアップが終わりました: {folder}\n第 {generation} 世代。ファイル {files} 件のうち、今回コピーしたのは {copied} 件"
              "（{size}）で、すべて読み直して元と同じであることを確かめました。\n終わった時刻: {time}　かかった時間: {elapsed}",
        "en": "Backup finished: {folder}\nGeneration {generation}. Of {files} files, {copied} were copied this time "
              "({size}), and every one was read back and found the same as the original.\nFinished at: {time}    "
              "Time taken: {elapsed}",
    },
    "guitools.backup.nothing_new": {
        "ja": "バックアップが終わりました: {folder}\n第 {generation} 世代。前回から新しいものはなく、ファイル {files} 件はすべて"
              "バックアップ先にそろっています。\n終わった時刻: {time}　かかった時間: {elapsed}",
        "en": "Backup finished: {folder}\nGeneration {generation}. Nothing was new since last time; all {files} files "
              "are in the backup.\nFinished at: {time}    Time taken: {elapsed}",
    },
    "guitools.backup.resumed": {
        "ja": "前回途中まで進んだコピーのうち、確かめて使えたもの: {count} 件",
        "en": "Files an interrupted backup had copied, checked and used: {count}",
    },
    "guitools.backup.split": {
        "ja": "大きいファイルを分けて保存しました（復元するときに自動でつなぎます）: {path}",
        "en": "A large file was stored in parts (restoring joins them again): {path}",
    },
    "guitools.backup.source_damaged": {
        "ja": "注意: ケースのこのファイルは記録と一致しません（そのままコピーしました）: {path}",
        "en": "Warning: this file of the case does not match its record (copied as it is): {path}",
    },
    "guitools.backup.not_logged": {
        "ja": "バックアップはできましたが、ケースの記録に残せませんでした: {reason}",
        "en": "The backup is done, but it could not be noted in the case's log: {reason}",
    },
    "guitools.backup.cancelled": {
        "ja": "止めました。前回のバックアップはそのまま残っています。もう一度バックアップすると、続きからコピーします。",
        "en": "Stopped. The previous backup is as it was. Backing up again continues where this one stopped.",
    },

    # -- restore -------------------------------------------------------------------------------------
    "guitools.restore.title": {"ja": "バックアップから復元", "en": "Restore from a backup"},
    "guitools.restore.heading": {
        "ja": "USB メモリなどのバックアップから、このパソコンにケースを作り直します。できたケースは、いつものパスフレーズで"
              "開けます。バックアップは読むだけで、何も変えません。",
        "en": "This makes the case again on this computer from a backup on a USB stick or elsewhere. The new case "
              "opens with the usual passphrase. The backup is only read, never changed.",
    },
    "guitools.restore.backup": {"ja": "バックアップ(&B):", "en": "&Backup:"},
    "guitools.restore.choose_backup": {
        "ja": "バックアップのある場所（USB メモリ、またはその中の evidence-kit-backup フォルダ）",
        "en": "Where the backup is (the USB stick, or the evidence-kit-backup folder on it)",
    },
    "guitools.restore.found": {
        "ja": "ケース {case_id} のバックアップです（第 {generation} 世代、{made}、ファイル {files} 件）。",
        "en": "A backup of case {case_id} (generation {generation}, {made}, {files} files).",
    },
    "guitools.restore.location": {"ja": "作る場所(&L):", "en": "&Place:"},
    "guitools.restore.choose_location": {"ja": "新しいケースを作る場所", "en": "Where to make the new case"},
    "guitools.restore.name": {"ja": "新しいケースの名前(&N):", "en": "&Name of the new case:"},
    "guitools.restore.default_name": {"ja": "復元したケース {date}", "en": "Restored case {date}"},
    "guitools.restore.target": {"ja": "作るフォルダ: {path}", "en": "Folder to make: {path}"},
    "guitools.restore.go": {"ja": "復元する(&R)", "en": "&Restore"},
    "guitools.restore.copying": {"ja": "戻して確かめています: {path}", "en": "Restoring and checking: {path}"},
    "guitools.restore.lines": {"ja": "戻したファイル(&I):", "en": "Restored f&iles:"},
    "guitools.restore.line": {"ja": "戻して確かめました: {path}（{size}）", "en": "Restored and checked: {path} ({size})"},
    "guitools.restore.checking": {"ja": "戻したケースを確かめています…", "en": "Checking the restored case…"},
    "guitools.restore.done": {
        "ja": "ケースを戻しました: {path}\nファイル {files} 件と署名を確かめ、問題はありませんでした。いつものパスフレーズで開けます。",
        "en": "Case restored: {path}\n{files} files and the signatures were checked: no problems. It opens with the "
              "usual passphrase.",
    },
    "guitools.restore.problems": {
        "ja": "ケースを戻しました: {path}\nただし、確かめたところ問題が {count} 件ありました（バックアップした時からあったものです）。"
              "開いたあと、内容を確かめてください。",
        "en": "Case restored: {path}\nBut the check found {count} problem(s) (they were there when it was backed up). "
              "Look at the case once it is open.",
    },
    "guitools.restore.cancelled": {
        "ja": "止めました。途中まで作ったものは消しました。バックアップは何も変わっていません。",
        "en": "Stopped. What was made so far was removed; the backup is unchanged.",
    },
    "guitools.restore.bad_name": {
        "ja": "新しいケースの名前を入れてください（\\ / : * ? \" < > | は使えません）。",
        "en": "Enter a name for the new case (\\ / : * ? \" < > | cannot be used).",
    },
    "guitools.restore.open": {"ja": "このケースを開く(&O)", "en": "&Open this case"},

    # -- watched folder ------------------------------------------------------------------------------
    "guitools.watch.title": {"ja": "フォルダを見張る", "en": "Watch a folder"},
    "guitools.watch.heading": {
        "ja": "選んだフォルダに新しいファイル（スマートフォンのスクリーンショットなど）が届くと、書き込みが終わるのを待って"
              "自動でこのケースに取り込みます。いまフォルダにあるファイルも取り込みます。同じ内容は二度取り込みません。"
              "ロックすると見張りは止まり、鍵を開けるとまた始まります。",
        "en": "When new files (screenshots from a phone, for example) arrive in the chosen folder, they are imported "
              "into this case once they have finished being written. Files already in the folder are imported too. "
              "The same content is never imported twice. Locking the case stops the watching; unlocking starts it "
              "again.",
    },
    "guitools.watch.folder": {"ja": "見張るフォルダ(&F):", "en": "&Folder to watch:"},
    "guitools.watch.choose": {"ja": "見張るフォルダ", "en": "The folder to watch"},
    "guitools.watch.start": {"ja": "見張りを始める(&S)", "en": "&Start watching"},
    "guitools.watch.stop": {"ja": "見張りを止める(&S)", "en": "&Stop watching"},
    "guitools.watch.no_folder": {"ja": "見張るフォルダを選んでください。", "en": "Choose the folder to watch."},
    "guitools.watch.missing": {"ja": "このフォルダは見つかりません: {folder}", "en": "This folder was not found: {folder}"},
    "guitools.watch.notice_imported": {"ja": "見張っているフォルダから取り込みました: {name}",
                                       "en": "Imported from the watched folder: {name}"},
    "guitools.watch.notice_duplicate": {"ja": "見張っているフォルダ: {name} と同じ内容はすでにケースにあります",
                                        "en": "Watched folder: the same content as {name} is already in the case"},
    "guitools.watch.notice_failed": {"ja": "見張っているフォルダ: {name} を取り込めませんでした（くわしくは「フォルダを見張る」に）",
                                     "en": "Watched folder: {name} could not be imported (see \"Watch a folder\")"},
    "guitools.watch.events": {"ja": "届いたもの(&E):", "en": "What has arri&ved:"},
    "guitools.watch.started": {
        "ja": "見張りを始めました: {folder}（いまあった {existing} 件も取り込みます）",
        "en": "Watching: {folder} (the {existing} file(s) already there are imported too)",
    },
    "guitools.watch.started_known": {
        "ja": "見張りを始めました: {folder}（いまあった {existing} 件も取り込みます。以前の見張りで取り込み、その後変わっていない "
              "{known} 件は読みません）",
        "en": "Watching: {folder} (the {existing} file(s) already there are imported too; {known} handed over by an "
              "earlier watch and unchanged since are left alone)",
    },
    "guitools.watch.ended": {
        "ja": "見張りを止めました。取り込み {imported} 件、重複 {duplicates} 件、失敗 {failed} 件。",
        "en": "Stopped watching. {imported} imported, {duplicates} duplicates, {failed} failed.",
    },
    "guitools.watch.status_on": {"ja": "見張り中: {name}", "en": "Watching: {name}"},
    "guitools.watch.status_starting": {"ja": "見張りを始めています: {name}", "en": "Starting to watch: {name}"},
    "guitools.watch.status_off": {"ja": "見張り: 停止", "en": "Watching: off"},
    "guitools.watch.status_paused": {"ja": "見張り: 停止（鍵を開けると再開）", "en": "Watching: paused (resumes when unlocked)"},
    "guitools.watch.status_missing": {"ja": "見張り: フォルダが見つかりません（{name}）",
                                      "en": "Watching: the folder is not there ({name})"},
    "guitools.watch.status_tip": {"ja": "クリックすると「フォルダを見張る」を開きます", "en": "Click to open \"Watch a folder\""},
}
