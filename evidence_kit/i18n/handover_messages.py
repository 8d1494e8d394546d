"""Texts of the hand-over package (evidence_kit/handover.py, the handover command), and the two
halves of its VERIFY.txt. The VERIFY templates are filled with str.format: braces that PowerShell
needs are doubled."""

ERRORS = {
    "handover_exists": {
        "ja": "{path} はすでにあり、空ではありません。上書きしないよう、止めました。新しいフォルダ名を指定してください。",
        "en": "{path} already exists and is not empty. Stopped so as not to overwrite it. Choose a new folder name.",
    },
    "handover_write": {
        "ja": "引き渡し用のフォルダを書き出せませんでした: {path}（{reason}）。書きかけのものは消しました。ケースは何も変わっていません。",
        "en": "The hand-over folder could not be written: {path} ({reason}). What was half-written was removed; the case is unchanged.",
    },
    "handover_inside_case": {
        "ja": "引き渡し用のフォルダをケースフォルダの中には作れません: {path}。中身は暗号化されていないため、"
              "ケースフォルダ（とそのバックアップ）に平文の証拠が残ってしまいます。ケースフォルダの外を選んでください。",
        "en": "The hand-over folder cannot be made inside the case folder: {path}. Its contents are not encrypted, so "
              "plain copies of the evidence would stay in the case folder (and its backups). Choose a place outside it.",
    },
    "handover_cancelled": {  # the error code stays "cancelled"; this is its text for a hand-over
        "ja": "引き渡し用フォルダの作成を途中で止めました。書きかけのものは消しました。ケースの証拠は何も変わっていません。",
        "en": "Stopped making the hand-over folder. What was half-written was removed; the case's evidence is unchanged.",
    },
    "handover_disk_full": {  # code "disk_full"
        "ja": "ディスクがいっぱいで、引き渡し用フォルダを書き出せませんでした: {path}。書きかけのものは消しました。空きを作るか別の場所を選んで、もう一度作ってください。ケースは何も変わっていません。",
        "en": "The disk is full, so the hand-over folder could not be written: {path}. What was half-written was removed. Free some space or choose another place, and make it again. The case is unchanged.",
    },
    "handover_too_large": {  # code "handover_write"
        "ja": "この場所には大きすぎるファイルがあるため、引き渡し用フォルダを書き出せませんでした: {path}。"
              "FAT32 形式の USB メモリには 4 GB 以上のファイルを入れられません。exFAT か NTFS の USB メモリを使ってください。"
              "書きかけのものは消しました。ケースは何も変わっていません。",
        "en": "A file is too large for this place, so the hand-over folder could not be written: {path}. A FAT32 USB "
              "stick cannot hold files of 4 GB or more; use an exFAT or NTFS stick. What was half-written was removed; "
              "the case is unchanged.",
    },
    "handover_item_damaged": {
        "ja": "証拠「{name}」を取り出したところ、取り込んだ時の内容と一致しませんでした。引き渡し用のフォルダは作っていません。evidence-kit verify --deep でケースを確かめてください。",
        "en": "The item \"{name}\" did not come out the same as when it was imported. No hand-over folder was made. Check the case with evidence-kit verify --deep.",
    },
}

TEXTS = {
    "cli.help_handover": {
        "ja": "警察・弁護士に渡すフォルダを作ります（PDF 資料、元のファイル、SHA256SUMS、保全記録と署名、確認方法の VERIFY.txt）",
        "en": "make the folder to give the police or a lawyer (the PDF bundle, the original files, SHA256SUMS, the custody log and its signature, VERIFY.txt on how to check them)",
    },
    "cli.help_handover_out": {
        "ja": "作るフォルダ（まだないか、空のフォルダ）",
        "en": "the folder to make (absent, or an empty folder)",
    },
    "cli.help_handover_audience": {
        "ja": "渡す相手: police（資料1…）、lawyer（甲1…）",
        "en": "who it is for: police (資料1 ...), lawyer (甲1 ...)",
    },
    "cli.handover_file": {"ja": "  書き出しました: {path}", "en": "  written: {path}"},
    "cli.handover_done": {
        "ja": "引き渡し用のフォルダを作りました: {path}\n  PDF {pdf}（{pages} ページ）と元のファイル {count} 件。確認のしかたは中の VERIFY.txt にあります。\n  SHA256SUMS の SHA-256: {sums}",
        "en": "Hand-over folder made: {path}\n  PDF {pdf} ({pages} pages) and {count} original file(s). VERIFY.txt inside says how to check them.\n  SHA-256 of SHA256SUMS: {sums}",
    },
}

VERIFY_JA = """\
確認のしかた（VERIFY.txt）
==========================

このフォルダは、evidence-kit で保全した証拠を、警察・弁護士などに渡すためにまとめたものです。
ケース番号: {case_id}
作成日: {date}
署名鍵の指紋（フィンガープリント）: {fingerprint}

中身
  {pdf}
        提出用の資料（PDF、{pages} ページ）
  {files_dir}/
        取り込んだときのままの元のファイル {count} 件。名前の先頭が号証番号です。
  {log}
        保全記録（カストディ・ログ）。1 行が 1 件で、{entries} 件。保存されていたとおりの内容です。
  {txt}
        保全記録全体に対する確認文書（チェックポイント）。{sig} と {sshsig} がその電子署名です。
  {pem}、{signers}
        署名を確かめるための公開鍵
  SHA256SUMS
        このフォルダのすべてのファイルの SHA-256 ハッシュ値（SHA256SUMS 自身を除く）


1. ファイルが変わっていないことを確かめる

  このフォルダの中で、次のどれかを実行します。すべてのファイルが「OK」なら、どのファイルも
  変わっていません。変わったファイルや、なくなったファイルは「FAILED」と表示されます。

  Linux:
      sha256sum -c SHA256SUMS
  macOS:
      shasum -a 256 -c SHA256SUMS
  Windows（PowerShell。1 行で入力します）:
      Get-Content -Encoding UTF8 SHA256SUMS | ForEach-Object {{ $h, $f = $_ -split '  ', 2; if ((Get-FileHash -Algorithm SHA256 -LiteralPath $f).Hash -eq $h) {{ "OK: $f" }} else {{ "FAILED: $f" }} }}
  Windows（コマンドプロンプト。1 ファイルずつ）:
      certutil -hashfile "{example}" SHA256
      表示された値を、SHA256SUMS の同じファイルの行の値と比べます（大文字・小文字の違いは関係ありません）。

  「{files_dir}」フォルダのファイルの SHA-256 は、PDF の付録「各証拠の SHA-256 ハッシュ値」の値（取り込んだ
  ときに計算した値）と同じです。ハッシュ値が示すのは取り込み以降に変更がないことで、取り込む前の
  来歴を示すものではありません。


2. 保全記録と署名を確かめる

  (1) 次の値が、{txt} の「log-sha256:」の値と同じなら、保全記録はチェックポイントのときのままです。
      sha256sum {log}          （macOS: shasum -a 256 {log}）

  (2) 署名の確認（どちらか一方で足ります）:
      openssl pkeyutl -verify -pubin -inkey {pem} -rawin -in {txt} -sigfile {sig}
        → 「Signature Verified Successfully」と表示されれば正しい署名です（OpenSSL 3.0 以降）。
      ssh-keygen -Y verify -f {signers} -I {principal} -n evidence-case-checkpoint -s {sshsig} < {txt}
        → 「Good "evidence-case-checkpoint" signature」と表示されれば正しい署名です（OpenSSH 8.1 以降。
          Windows 10/11 と macOS に入っています。Windows ではコマンドプロンプトで実行します）。

  (3) ssh-keygen が表示する鍵の指紋（SHA256:…）が、上の「署名鍵の指紋」と、申告者から前もって
      受け取った値と同じであることを確かめてください。署名が示すのは、この鍵の持ち主が記録に
      署名したことです。

  PDF の付録「出力時のチェックポイント」に、同じ文書の内容とコマンドが載っています。

  元のファイルの名前は、最後の「ファイル名と元の名前」にあります。

"""

VERIFY_EN = """\
How to check this folder (VERIFY.txt)
=====================================

This folder holds evidence kept with evidence-kit, put together for the police, a lawyer or others.
Case: {case_id}
Made on: {date}
Signing key fingerprint: {fingerprint}

Contents
  {pdf}
        the bundle (PDF, {pages} pages)
  {files_dir}/
        the {count} original file(s), exactly as imported; each name starts with its exhibit number
  {log}
        the custody log, one entry a line, {entries} entries, exactly as stored
  {txt}
        a statement over the whole log (checkpoint); {sig} and {sshsig} are its signatures
  {pem}, {signers}
        the public key to check the signatures with
  SHA256SUMS
        the SHA-256 of every file in this folder (except SHA256SUMS itself)


1. Check that no file has changed

  In this folder, run one of these. When every file says "OK", no file has changed. A changed or
  missing file says "FAILED".

  Linux:
      sha256sum -c SHA256SUMS
  macOS:
      shasum -a 256 -c SHA256SUMS
  Windows (PowerShell, on one line):
      Get-Content -Encoding UTF8 SHA256SUMS | ForEach-Object {{ $h, $f = $_ -split '  ', 2; if ((Get-FileHash -Algorithm SHA256 -LiteralPath $f).Hash -eq $h) {{ "OK: $f" }} else {{ "FAILED: $f" }} }}
  Windows (Command Prompt, one file at a time):
      certutil -hashfile "{example}" SHA256
      Compare the value with that file's line in SHA256SUMS (upper or lower case does not matter).

  The SHA-256 of each file in {files_dir} is the one in the PDF appendix (computed at import). A hash
  shows that nothing changed after the import, not where the file came from before it.


2. Check the custody log and its signature

  (1) When this value equals "log-sha256:" in {txt}, the log is as it was at the checkpoint:
      sha256sum {log}          (macOS: shasum -a 256 {log})

  (2) Check the signature (either command is enough):
      openssl pkeyutl -verify -pubin -inkey {pem} -rawin -in {txt} -sigfile {sig}
        -> "Signature Verified Successfully" means the signature is good (OpenSSL 3.0 or later).
      ssh-keygen -Y verify -f {signers} -I {principal} -n evidence-case-checkpoint -s {sshsig} < {txt}
        -> 'Good "evidence-case-checkpoint" signature' means the signature is good (OpenSSH 8.1 or
           later, part of Windows 10/11 and macOS; on Windows, run it in the Command Prompt).

  (3) Check that the key fingerprint ssh-keygen shows (SHA256:...) is the one above, and the one the
      reporter gave you earlier. A signature shows that the holder of this key signed the log.

  The PDF appendix ("出力時のチェックポイント") shows the same statement and commands.

  The original file names are listed at the end, under "File names and the original names".

"""

VERIFY_LIST = """\
ファイル名と元の名前 / File names and the original names
========================================================

裁判所の電子提出（mints）でも使えるよう、名前は 50 文字以内にし、使えない文字は「_」に置き換えて
あります。号証番号、このフォルダでの名前、元の名前の順です。

So that the files can also be filed through the courts' e-filing system (mints), names are at most
50 characters and characters that cannot be used are replaced with "_". Exhibit number, name in
this folder, original name:

{listing}
"""

# added to VERIFY.txt when the package carries trusted timestamps over earlier checkpoints
VERIFY_TS_JA = """\
3. 第三者による時刻の証明（タイムスタンプ）を確かめる

  時刻認証局（TSA）が、次のチェックポイントがその時刻にはすでにあったことを証明しています
  （日本時間 / UTC、発行した TSA）。
{stamped}

  それぞれ、次のように確かめます（例はチェックポイント {seq}）。TSA のルート証明書（tsa-root.pem）は、
  その TSA のウェブサイトから入手します。
      openssl ts -verify -data {first_txt} -in {first_tsr} -CAfile tsa-root.pem
        → 「Verification: OK」と表示されれば、正しいタイムスタンプです。
      openssl ts -reply -in {first_tsr} -text
        → 「Time stamp:」の行が、証明された時刻（UTC）です。
  チェックポイント {seq} は保全記録の 1 行目から {seq} 行目までについての文書です。次の値が、その文書の
  「log-sha256:」と同じなら、その行までに記録された取り込みが、タイムスタンプの時刻より前にあったことになります。
      head -n {seq} {log} | sha256sum          （macOS: head -n {seq} {log} | shasum -a 256）
  署名は、2 の (2) と同じコマンドで、{first_txt} について確かめられます。
"""

VERIFY_TS_EN = """\
3. Check the third-party proof of time (trusted timestamps)

  A time-stamping authority (TSA) certifies that these checkpoints already existed at these times
  (Japan time / UTC, the TSA that issued it):
{stamped}

  Check each one like this (the example is checkpoint {seq}). Get the TSA's root certificate
  (tsa-root.pem) from that TSA's website.
      openssl ts -verify -data {first_txt} -in {first_tsr} -CAfile tsa-root.pem
        -> "Verification: OK" means the timestamp is good.
      openssl ts -reply -in {first_tsr} -text
        -> the "Time stamp:" line is the certified time (UTC).
  Checkpoint {seq} is a statement over lines 1 to {seq} of the custody log. When this value equals its
  "log-sha256:", the imports recorded up to that line existed before the time of the timestamp:
      head -n {seq} {log} | sha256sum          (macOS: head -n {seq} {log} | shasum -a 256)
  Its signature checks with the commands of 2 (2), for {first_txt}.
"""
