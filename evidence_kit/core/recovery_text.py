"""The README-RECOVERY.txt placed in every case folder (Japanese, then English)."""

RECOVERY_README = """\
このフォルダについて（復元の手順）
====================================

このフォルダは evidence-kit の「ケースフォルダ」です。証拠のファイルはすべて暗号化されています。
evidence-kit が使えなくなっても、無料の標準ツール「age」（https://age-encryption.org）と
あなたのパスフレーズがあれば、すべて元どおりに取り出せます。

1. age を入手します。Debian / Ubuntu: sudo apt install age
   Windows / macOS: age の公式配布（GitHub の FiloSottile/age のリリース）か、パッケージマネージャー
   （winget, Homebrew）から入手できます。

2. ファイルを 1 つ取り出すには（パスフレーズを聞かれます）:
       age -d -i keys/identity.age -o 取り出したファイル items/ab/<ID>.age

3. たくさん取り出すときは、先に鍵を 1 回だけ取り出してから使い、最後に必ず削除します:
       age -d -o key.txt keys/identity.age
       age -d -i key.txt -o 取り出したファイル items/ab/<ID>.age
       （終わったら key.txt を削除してください）

4. 元のファイル名・大きさ・SHA-256・取り込んだ日時は、各証拠の隣にある *.meta.age（JSON）に
   あります。同じ方法で取り出せます。一覧（索引）は index.sqlite.age を取り出すと SQLite で開けます。

5. 改ざんされていないことの確認（鍵は不要）:
       sha256sum -c BLOBSUMS          （macOS: shasum -a 256 -c BLOBSUMS）
   custody/ には記録（カストディ・ログ）と、署名されたチェックポイントがあります。

このフォルダの中身を変更・削除しないでください。パスフレーズを忘れると誰にも復元できません。


About this folder (how to recover)
==================================

This is an evidence-kit case folder. Every evidence file in it is encrypted. Even if evidence-kit
is gone, the free standard tool "age" (https://age-encryption.org) and your passphrase get
everything back.

1. Get age. Debian / Ubuntu: sudo apt install age
   Windows / macOS: the official age releases (FiloSottile/age on GitHub) or a package manager
   (winget, Homebrew).

2. To recover one file (age asks for the passphrase):
       age -d -i keys/identity.age -o recovered-file items/ab/<ID>.age

3. For many files, decrypt the key once, use it, then delete it:
       age -d -o key.txt keys/identity.age
       age -d -i key.txt -o recovered-file items/ab/<ID>.age
       (delete key.txt when you are done)

4. The original name, size, SHA-256 and import time of each item are in the *.meta.age file next to
   it (JSON), recovered the same way. The index, index.sqlite.age, opens with SQLite once decrypted.

5. To check that nothing was changed (no key needed):
       sha256sum -c BLOBSUMS          (macOS: shasum -a 256 -c BLOBSUMS)
   custody/ holds the custody log and its signed checkpoints.

Do not change or delete anything in this folder. Without the passphrase nobody can recover it.
"""
