"""Texts of the USB backup and of restoring a case from it (evidence_kit/backup.py, the backup and
restore commands), and the README placed in every backup folder."""

ERRORS = {
    "backup_dest_missing": {
        "ja": "バックアップ先のフォルダが見つかりません: {path}。USB メモリが差さっているか、場所が合っているか確かめてください。",
        "en": "The backup folder was not found: {path}. Check that the USB stick is plugged in and the place is right.",
    },
    "backup_inside_case": {
        "ja": "バックアップ先がケースフォルダの中です: {path}。USB メモリなど、ケースフォルダの外を選んでください。",
        "en": "The backup place is inside the case folder: {path}. Choose a place outside it, such as a USB stick.",
    },
    "backup_read_only": {
        "ja": "バックアップ先に書き込めません（読み取り専用です）: {path}。USB メモリの書き込み禁止スイッチを確かめるか、別の場所を選んでください。ケースは何も変わっていません。",
        "en": "The backup place cannot be written (it is read-only): {path}. Check the USB stick's write-protect switch or choose another place. The case is unchanged.",
    },
    "backup_other_case": {
        "ja": "{path} には別のケースのバックアップがあります。上書きしないよう、止めました。",
        "en": "{path} holds the backup of another case. Stopped so as not to overwrite it.",
    },
    "backup_no_space": {
        "ja": "バックアップ先の空きが足りません: {path}。あと {need} MB 必要ですが、空きは {free} MB です。何もコピーしていません。前回のバックアップはそのまま残っています。空きを作るか、大きい USB メモリを使ってください。",
        "en": "There is not enough free space at the backup place: {path}. {need} MB more is needed, but only {free} MB is free. Nothing was copied; the previous backup is as it was. Free some space or use a larger USB stick.",
    },
    "backup_full": {
        "ja": "コピーの途中でバックアップ先がいっぱいになりました: {path}。書きかけのファイルは消しました。前回のバックアップはそのまま残っています。空きを作ってから、もう一度バックアップしてください（続きからコピーします）。",
        "en": "The backup place filled up during the copy: {path}. The half-written file was removed; the previous backup is as it was. Free some space and back up again (it continues where it stopped).",
    },
    "backup_interrupted": {
        "ja": "バックアップ先に書き込めなくなりました: {path}（{reason}）。USB メモリが抜けたか、調子が悪いのかもしれません。前回のバックアップはそのまま残っています。差し直してから、もう一度バックアップしてください（続きからコピーします）。",
        "en": "Writing to the backup place stopped working: {path} ({reason}). The USB stick may have been pulled out or be failing. The previous backup is as it was. Plug it in again and back up again (it continues where it stopped).",
    },
    "backup_readback": {
        "ja": "コピーしたファイルを読み直したところ、内容が一致しませんでした: {path}。USB メモリが壊れかけている可能性があります。別の USB メモリを使ってください。前回のバックアップはそのまま残っています。",
        "en": "A copied file did not read back the same: {path}. The USB stick may be failing; please use another one. The previous backup is as it was.",
    },
    "backup_busy": {
        "ja": "この場所へのバックアップが、いま別の画面かコマンドで進んでいます: {path}。終わってから、もう一度バックアップしてください。",
        "en": "A backup to this place is already running in another window or command: {path}. Back up again once it has finished.",
    },
    "backup_cancelled": {  # the error code stays "cancelled"; this is its text for a backup
        "ja": "バックアップを途中で止めました。前回のバックアップはそのまま残っています。ここまでにコピーして確かめた分は、次のバックアップで使います。",
        "en": "The backup was stopped. The previous backup is as it was; what was copied and checked so far is used by the next backup.",
    },
    "backup_copy": {  # raised by the case core for any write to a backup's copy
        "ja": "{path} はバックアップ（USB メモリなどへの写し）です。写しがバックアップした時と食い違わないよう、ここには何も書き込みません。"
              "このケースで作業するには、evidence-kit restore で別の場所に戻してください。",
        "en": "{path} is a backup (a copy on a USB stick or elsewhere). So that it stays exactly as it was backed up, nothing "
              "is written to it. To work with this case, restore it elsewhere with evidence-kit restore.",
    },
    "backup_manifest_damaged": {
        "ja": "バックアップの一覧ファイルが壊れています: {path}。このバックアップは使わず、新しい場所にもう一度バックアップしてください。",
        "en": "The backup's list file is damaged: {path}. Do not rely on this backup; back up again to a new place.",
    },
    "restore_not_backup": {
        "ja": "{path} に evidence-kit のバックアップが見つかりません。USB メモリの中の「evidence-kit-backup」フォルダを指定してください。",
        "en": "No evidence-kit backup was found in {path}. Choose the \"evidence-kit-backup\" folder on the USB stick.",
    },
    "restore_choose": {
        "ja": "{path} には複数のケースのバックアップがあります（{cases}）。戻したいケースのフォルダを指定してください。",
        "en": "{path} holds backups of several cases ({cases}). Choose the folder of the case to restore.",
    },
    "restore_incomplete": {
        "ja": "{path} のバックアップは最後まで終わっていません。元のケースがあるなら、もう一度バックアップしてください。",
        "en": "The backup in {path} never finished. If you still have the case, back it up again.",
    },
    "restore_exists": {
        "ja": "{path} はすでにあり、空ではありません。上書きしないよう、止めました。新しい名前か空のフォルダを指定してください。",
        "en": "{path} already exists and is not empty. Stopped so as not to overwrite it. Choose a new name or an empty folder.",
    },
    "restore_missing": {
        "ja": "バックアップの中のファイルがありません: {path}。別のバックアップ（もう 1 本の USB メモリ）から戻してください。途中まで作ったものは消しました。",
        "en": "A file of the backup is missing: {path}. Restore from another backup (your second USB stick). What was made so far was removed.",
    },
    "restore_damaged": {
        "ja": "バックアップの中のファイルが変わっています（ハッシュ不一致）: {path}。別のバックアップ（もう 1 本の USB メモリ）から戻してください。途中まで作ったものは消しました。",
        "en": "A file of the backup has changed (hash mismatch): {path}. Restore from another backup (your second USB stick). What was made so far was removed.",
    },
    "restore_cancelled": {  # code "cancelled"
        "ja": "ケースを戻すのを途中で止めました。途中まで作ったものは消しました。バックアップは何も変わっていません。",
        "en": "Restoring the case was stopped. What was made so far was removed; the backup is unchanged.",
    },
    "restore_disk_full": {  # code "disk_full"
        "ja": "ディスクがいっぱいで、ケースを戻せませんでした: {path}。途中まで作ったものは消しました。空きを作るか別の場所を選んで、もう一度戻してください。バックアップは何も変わっていません。",
        "en": "The disk is full, so the case could not be restored: {path}. What was made so far was removed. Free some space or choose another place, and restore again. The backup is unchanged.",
    },
    "restore_too_large": {  # code "io_error"
        "ja": "この場所には大きすぎるファイルがあるため、ケースを戻せませんでした: {path}。FAT32 形式のドライブには "
              "4 GB 以上のファイルを入れられません。パソコンの内蔵ディスクなど、別の場所を選んでください。途中まで作ったものは消しました。",
        "en": "A file is too large for this place, so the case could not be restored: {path}. A FAT32 drive cannot hold "
              "files of 4 GB or more; choose another place, such as the computer's own disk. What was made so far was removed.",
    },
    "restore_unreadable": {
        "ja": "バックアップの中のファイルを読めません: {path}（{reason}）。USB メモリを差し直してもう一度試すか、別のバックアップから戻してください。途中まで作ったものは消しました。",
        "en": "A file of the backup cannot be read: {path} ({reason}). Plug the USB stick in again and retry, or restore from another backup. What was made so far was removed.",
    },
}

TEXTS = {
    "cli.help_backup": {
        "ja": "ケースフォルダ（暗号化されたまま）を USB メモリなどにバックアップし、読み直して確かめます（パスフレーズは不要。2 回目からは新しい分だけコピー）",
        "en": "back the case folder up (still encrypted) to a USB stick or another folder and read it back to check it (no passphrase; later runs copy only what is new)",
    },
    "cli.help_backup_dest": {
        "ja": "バックアップ先（USB メモリなど）。中に evidence-kit-backup フォルダを作ります",
        "en": "where to back up (a USB stick ...); an evidence-kit-backup folder is made in it",
    },
    "cli.help_backup_recheck": {
        "ja": "バックアップ先にすでにあるファイルもすべて読み直し、変わっていたものをコピーし直す",
        "en": "also read back every file already in the backup and copy again any that changed",
    },
    "cli.help_backup_fat32": {
        "ja": "バックアップ先を FAT32 として扱い、4 GiB 以上のファイルを分割して保存する（ふつうは自動で判定します）",
        "en": "treat the backup place as FAT32 and store files of 4 GiB or more in parts (normally detected by itself)",
    },
    "cli.help_restore": {
        "ja": "バックアップから、別の場所に使えるケースを作ります（同じパスフレーズで開けます。既存のフォルダは上書きしません）",
        "en": "make a working case elsewhere from a backup (it opens with the same passphrase; an existing folder is never overwritten)",
    },
    "cli.help_restore_backup": {
        "ja": "バックアップ（USB メモリ、その中の evidence-kit-backup フォルダ、またはケースごとのフォルダ）",
        "en": "the backup (the USB stick, its evidence-kit-backup folder, or the folder of one case)",
    },
    "cli.help_restore_case": {"ja": "新しく作るケースフォルダ（まだないか、空のフォルダ）",
                              "en": "the case folder to make (absent, or an empty folder)"},
    "cli.backup_file": {"ja": "  コピーして確認しました: {path}（{size}）", "en": "  copied and checked: {path} ({size})"},
    "cli.backup_resumed": {
        "ja": "  前回の途中までのコピーを確認して使いました: {count} 件",
        "en": "  checked and used what the interrupted run had copied: {count} file(s)",
    },
    "cli.backup_split": {
        "ja": "  大きいファイルを分割して保存しました（バックアップ先のファイルの大きさの上限のため）: {path}。戻すときは evidence-kit restore が自動でつなぎます。",
        "en": "  a large file was stored in parts (the backup place limits file size): {path}. evidence-kit restore joins them again.",
    },
    "cli.backup_source_damaged": {
        "ja": "  注意: ケースのこのファイルは記録と一致しません（そのままコピーしました）: {path}。evidence-kit verify でケースを確かめてください。",
        "en": "  Warning: this file of the case does not match its record (copied as it is): {path}. Check the case with evidence-kit verify.",
    },
    "cli.backup_kept_earlier": {
        "ja": "  注意: ケースのこのファイルが見つからないか読めません。バックアップには前回コピーしたものを残しました: {path}。"
              "evidence-kit verify でケースを確かめてください。",
        "en": "  Warning: this file of the case is missing or unreadable; the backup keeps the copy made earlier: {path}. "
              "Check the case with evidence-kit verify.",
    },
    "cli.backup_source_missing": {
        "ja": "  注意: ケースのこのファイルが見つからないか読めないため、バックアップできませんでした: {path}。"
              "evidence-kit verify でケースを確かめてください。",
        "en": "  Warning: this file of the case is missing or unreadable, so it could not be backed up: {path}. "
              "Check the case with evidence-kit verify.",
    },
    "cli.backup_done": {
        "ja": "バックアップが終わりました: {path}\n  第 {generation} 世代。ファイル {files} 件のうち、今回コピーしたのは {copied} 件（{size}）で、すべて読み直して確認しました。",
        "en": "Backup finished: {path}\n  Generation {generation}. Of {files} files, {copied} were copied this time ({size}), and all were read back and checked.",
    },
    "cli.backup_not_logged": {
        "ja": "  バックアップは終わりましたが、ケースの記録に残せませんでした: {reason}",
        "en": "  The backup is done, but it could not be noted in the case's log: {reason}",
    },
    "cli.restore_done": {
        "ja": "ケースを戻しました: {path}\n  いつものパスフレーズで開けます。",
        "en": "Case restored: {path}\n  It opens with the usual passphrase.",
    },
    "cli.restore_checked": {
        "ja": "  戻したケースを確認しました: 証拠と記録のファイル {files} 件と署名、問題なし。",
        "en": "  The restored case was checked: {files} evidence and log files and the signatures, no problems.",
    },
    "cli.restore_problems": {
        "ja": "  戻したケースに問題が {count} 件あります（バックアップした時からあったものです）:",
        "en": "  The restored case has {count} problem(s) (they were there when it was backed up):",
    },
    "cli.size_bytes": {"ja": "{n} バイト", "en": "{n} bytes"},
    "cli.size_kb": {"ja": "{n} KB", "en": "{n} KB"},
    "cli.size_mb": {"ja": "{n} MB", "en": "{n} MB"},
}

README_TEXT = """\
このフォルダについて（evidence-kit のバックアップ）
================================================

このフォルダは、evidence-kit のケースフォルダを USB メモリなどにバックアップしたものです。
中身は暗号化されたままです。パスフレーズがなければ誰にも読めません。

- ケースと同じ形のフォルダです。中の README-RECOVERY.txt に、age だけで取り出す方法があります。
- 確かめ方（パスフレーズは不要）:
      evidence-kit verify このフォルダ
  または、このフォルダで:
      sha256sum -c BLOBSUMS          （macOS: shasum -a 256 -c BLOBSUMS）
- 別のパソコンで使うには:
      evidence-kit restore このフォルダ 新しいケースフォルダ
- backup.json は、最後に確認が済んだバックアップの一覧（各ファイルの大きさと SHA-256）です。
- large-files フォルダがあるときは、USB メモリ（FAT32）に入らない大きさのファイルを分けて
  保存してあります。evidence-kit restore が元どおりにつなぎます。手でつなぐときは、番号順に
  つなげます（Linux / macOS: cat 名前.001 名前.002 > 名前、Windows: copy /b 名前.001+名前.002 名前）。
  evidence-kit verify は分けたファイルもつないで確かめます。sha256sum -c では、そのファイルは
  元の場所にないため「開けない」と表示されます。
- .backup-staging フォルダは、途中で止まったバックアップの続きです。次のバックアップで使われます。

このフォルダの中身を変更・削除しないでください。USB メモリは 2 本用意して、交互に使うと安心です。


About this folder (an evidence-kit backup)
==========================================

This folder is a backup of an evidence-kit case folder, made to a USB stick or another place.
Its contents stay encrypted: nobody can read them without the passphrase.

- It has the same shape as the case folder. README-RECOVERY.txt inside says how to get the files
  out with age alone.
- To check it (no passphrase needed):
      evidence-kit verify this-folder
  or, in this folder:
      sha256sum -c BLOBSUMS          (macOS: shasum -a 256 -c BLOBSUMS)
- To use it on another computer:
      evidence-kit restore this-folder new-case-folder
- backup.json lists the last backup that was checked (each file's size and SHA-256).
- A large-files folder holds files too large for the USB stick (FAT32), in numbered parts.
  evidence-kit restore joins them again. To join them by hand, put them together in number order
  (Linux / macOS: cat name.001 name.002 > name; Windows: copy /b name.001+name.002 name).
  evidence-kit verify joins the parts when it checks them; sha256sum -c cannot open such a file,
  as it is not at its own place.
- A .backup-staging folder holds the rest of a backup that stopped half-way; the next backup uses it.

Do not change or delete anything in this folder. Keeping two USB sticks and using them in turn is safer.
"""
