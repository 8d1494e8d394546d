"""Texts of trusted timestamps (evidence_kit/core/timestamps.py) and the `timestamp` commands."""

ERRORS = {
    "tsr_unreadable": {
        "ja": "タイムスタンプの返事として読めません（壊れているか、別の種類のファイルです）: {path}",
        "en": "This cannot be read as a timestamp reply (it is damaged, or another kind of file): {path}",
    },
    "tsr_token_only": {
        "ja": "このファイルは返事の中身（トークン）だけで、返事全体ではありません: {path}。"
              "時刻認証局から返ってきた .tsr ファイルをそのまま使ってください。",
        "en": "This file holds only the token, not the whole reply: {path}. Use the .tsr file exactly as the "
              "time-stamping authority sent it.",
    },
    "tsr_refused": {
        "ja": "時刻認証局がタイムスタンプを発行しませんでした（{status}: {detail}）: {path}",
        "en": "The time-stamping authority did not issue a timestamp ({status}: {detail}): {path}",
    },
    "tsr_no_match": {
        "ja": "この返事は、このケースのどのチェックポイントの依頼にも対応していません: {path}。"
              "別のケースの返事ではありませんか。",
        "en": "This reply does not answer a request of any checkpoint in this case: {path}. "
              "Is it the reply for another case?",
    },
    "tsr_already": {
        "ja": "チェックポイント {seq} には別のタイムスタンプがすでにあります。取り込みませんでした: {path}",
        "en": "Checkpoint {seq} already has another timestamp. Not attached: {path}",
    },
    "tsr_no_request": {
        "ja": "チェックポイント {seq} の依頼ファイル（.tsq）がケースにないため、返事と照らし合わせられません: {path}",
        "en": "The request (.tsq) of checkpoint {seq} is not in the case, so the reply cannot be checked against it: {path}",
    },
    "tsr_nonce": {
        "ja": "チェックポイント {seq} への返事ですが、このケースが出した依頼への返事ではありません（乱数が違います）: {path}。"
              "「evidence-kit timestamp requests」で書き出した依頼を送ってください。",
        "en": "This reply is for checkpoint {seq}, but not for the request this case made (the nonce differs): {path}. "
              "Send the request written by \"evidence-kit timestamp requests\".",
    },
    "tsr_invalid": {
        "ja": "この返事は確認できないため、取り込みませんでした（{reason}）: {path}",
        "en": "This reply does not check, so it was not attached ({reason}): {path}",
    },
    "tsa_ca_unreadable": {
        "ja": "認証局の証明書（PEM）として読めません: {path}",
        "en": "This cannot be read as CA certificates (PEM): {path}",
    },
}

_STATUS = {
    "ok": ("有効（署名も内容も一致）", "valid (the signature and the checkpoint match)"),
    "untrusted": ("署名は正しいが、指定した認証局の証明書につながりません",
                  "the signature checks, but the TSA certificate does not lead to the CA given"),
    "imprint_mismatch": ("チェックポイントの内容がタイムスタンプと一致しません（書き換えられた疑い）",
                         "the checkpoint does not match the timestamp (it may have been changed)"),
    "checkpoint_missing": ("対応するチェックポイントのファイルがありません", "the checkpoint file it stamps is missing"),
    "bad_signature": ("時刻認証局の署名が確認できません", "the TSA's signature does not check"),
    "cert_invalid": ("時刻認証局の証明書がタイムスタンプ用でないか、その時刻に有効ではありません",
                     "the TSA certificate is not for timestamps, or was not valid at that time"),
    "no_cert": ("時刻認証局の証明書が含まれていません", "the TSA certificate is not included"),
    "unsupported": ("この署名の方式はここでは確認できません（openssl ts -verify で確認してください）",
                    "this kind of signature cannot be checked here (check it with openssl ts -verify)"),
    "unreadable": ("タイムスタンプのファイルが読めません（壊れています）", "the timestamp file cannot be read (it is damaged)"),
}

TEXTS = {f"timestamps.status.{code}": {"ja": ja, "en": en} for code, (ja, en) in _STATUS.items()}

TEXTS.update({
    "timestamps.readme": {
        "ja": """タイムスタンプの依頼ファイル（evidence-kit）

このフォルダの .tsq ファイルは、時刻認証局（TSA）に「このケースの記録がこの時刻にはすでにあった」と
証明してもらうための依頼です。中身は、ケースの記録（チェックポイント）から計算した 32 バイトの
ハッシュ値（SHA-256）と乱数だけです。証拠の内容、ファイル名、あなたの名前は入っていません。

依頼ファイル:
{files}

いちばん新しい {newest} だけを送っても、それより前の記録はすべて証明されます。

送り方（インターネットにつながる別のパソコンからでもかまいません）

macOS と Linux（ターミナルでこのフォルダに移動してから）:
{unix}

Windows 10 以降（PowerShell でこのフォルダに移動してから）:
{windows}

ここでは無料の FreeTSA（https://freetsa.org/）を例にしています。RFC 3161 に対応した時刻認証局なら、
URL を変えるだけで同じように送れます。日本には国の認定を受けた有料のタイムスタンプサービスもあります。

openssl があれば、依頼の中身を確かめられます:
  openssl ts -query -in {first} -text

返ってきた .tsr ファイルをこのフォルダに保存したまま evidence-kit のパソコンに持ち帰り、
フォルダごと取り込みます（.tsr を一つずつ指定してもかまいません）:
  evidence-kit timestamp attach ケースのフォルダ このフォルダ
取り込むときに、返事がこのケースの依頼に対応していること（ハッシュ値と乱数）と、時刻認証局の署名を確かめます。""",
        "en": """Timestamp requests (evidence-kit)

The .tsq files in this folder ask a time-stamping authority (TSA) to certify that the case's record
already existed at a given time. Each holds only a 32-byte hash (SHA-256) of a checkpoint of the
case's record and a random number. No evidence, no file names and not your name.

Requests:
{files}

Sending only the newest one, {newest}, proves everything recorded before it too.

How to send them (from any computer that is online)

macOS and Linux (in a terminal, in this folder):
{unix}

Windows 10 and later (in PowerShell, in this folder):
{windows}

FreeTSA (https://freetsa.org/, free of charge) is only an example: any RFC 3161 time-stamping
authority works the same way with its own URL.

With openssl you can look inside a request:
  openssl ts -query -in {first} -text

Save the .tsr replies in this folder, bring it back to the computer with evidence-kit and attach
them all (or name the .tsr files one by one):
  evidence-kit timestamp attach CASE-FOLDER THIS-FOLDER
Attaching checks that each reply answers this case's request (hash and nonce) and that the TSA's
signature checks.""",
    },
    "cli.help_timestamp": {
        "ja": "信頼できる第三者のタイムスタンプ（RFC 3161）: 依頼の書き出し、返事の取り込み、一覧",
        "en": "trusted timestamps (RFC 3161): write the requests, attach the replies, list them",
    },
    "cli.help_timestamp_requests": {
        "ja": "まだタイムスタンプのないチェックポイントの依頼（.tsq）と送り方の説明をフォルダに書き出す（オフラインのまま）",
        "en": "write the requests (.tsq) of checkpoints without a timestamp, and how to send them, to a folder (stays offline)",
    },
    "cli.help_timestamp_attach": {
        "ja": "時刻認証局から返ってきた .tsr を確かめてケースに取り込む",
        "en": "check the .tsr replies of a time-stamping authority and attach them to the case",
    },
    "cli.help_timestamp_list": {
        "ja": "取り込んだタイムスタンプを、時刻（日本時間と UTC）、発行元、確認結果とともに表示する",
        "en": "list the attached timestamps with their time (JST and UTC), issuer and status",
    },
    "cli.help_timestamp_out": {"ja": "依頼を書き出すフォルダ（USB メモリなど）", "en": "the folder to write the requests to (a USB stick)"},
    "cli.help_timestamp_files": {"ja": "返ってきた .tsr ファイル", "en": "the .tsr reply files"},
    "cli.help_timestamp_ca": {
        "ja": "時刻認証局のルート証明書（PEM）。指定すると、証明書のつながりも確かめる",
        "en": "the TSA's root certificate(s) (PEM): also check that the TSA certificate leads to it",
    },
    "cli.ts_requests_done": {
        "ja": "依頼 {count} 件を書き出しました: {path}（送り方は README.txt にあります）",
        "en": "{count} request(s) written to {path} (README.txt says how to send them)",
    },
    "cli.ts_requests_none": {
        "ja": "タイムスタンプを待っているチェックポイントはありません。",
        "en": "No checkpoint is waiting for a timestamp.",
    },
    "cli.ts_attached": {
        "ja": "取り込みました: {name} → チェックポイント {seq}（{jst}、UTC {utc}、発行元 {tsa}）",
        "en": "Attached: {name} → checkpoint {seq} ({jst}, UTC {utc}, issued by {tsa})",
    },
    "cli.ts_already": {
        "ja": "すでに取り込み済みです: {name} → チェックポイント {seq}",
        "en": "Already attached: {name} → checkpoint {seq}",
    },
    "cli.ts_not_attached": {"ja": "取り込めませんでした: {message}", "en": "Not attached: {message}"},
    "cli.ts_line": {
        "ja": "チェックポイント {seq}  {jst}（UTC {utc}）  発行元 {tsa}  {status}",
        "en": "checkpoint {seq}  {jst} (UTC {utc})  issued by {tsa}  {status}",
    },
    # what `verify` finds about the attached timestamps (a Problem's code under "verify.")
    "verify.timestamp_mismatch": {
        "ja": "タイムスタンプがチェックポイントと一致しません（どちらかが書き換えられています）: {path}",
        "en": "the timestamp does not match its checkpoint (one of them has been changed): {path}",
    },
    "verify.timestamp_orphan": {
        "ja": "タイムスタンプに対応するチェックポイントのファイルがありません: {path}",
        "en": "the checkpoint this timestamp stamps is missing: {path}",
    },
    "verify.timestamp_invalid": {
        "ja": "タイムスタンプが壊れているか、時刻認証局の署名が確認できません: {path}",
        "en": "the timestamp is damaged, or the TSA's signature does not check: {path}",
    },
    "verify.timestamp_not_logged": {
        "ja": "記録に取り付けの記載がないタイムスタンプです（差し替えられた疑い）: {path}",
        "en": "a timestamp that the log does not record as attached (it may have been swapped): {path}",
    },
    "verify.timestamp_missing": {
        "ja": "記録にあるタイムスタンプのファイルがありません: {path}",
        "en": "a timestamp the log records is missing: {path}",
    },
    "cli.ts_none": {"ja": "タイムスタンプはまだありません。", "en": "No timestamps attached yet."},
    "cli.ts_waiting": {
        "ja": "タイムスタンプを待っているチェックポイントが {count} 件あります（最新 {newest}）。"
              "「evidence-kit timestamp requests」で依頼を書き出せます。",
        "en": "{count} checkpoint(s) are waiting for a timestamp (newest {newest}). "
              "\"evidence-kit timestamp requests\" writes the requests.",
    },
})
