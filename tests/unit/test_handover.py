"""The hand-over package: what is in it, checked with the real sha256sum / shasum / openssl /
ssh-keygen by the commands VERIFY.txt gives; safe numbered names; never half-written."""

from __future__ import annotations

import errno
import hashlib
import re
import shutil
import subprocess
import unicodedata
from datetime import date

import pytest

from evidence_kit import handover
from evidence_kit.core import age, custody, layout
from evidence_kit.core.case import Case
from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.demo import DEMO_PASSPHRASE, build_demo

for _tool in ("sha256sum", "openssl", "ssh-keygen"):
    if shutil.which(_tool) is None:
        pytest.skip(f"{_tool} not found (Debian: coreutils, openssl, openssh-client)", allow_module_level=True)

TODAY = date(2024, 6, 22)
NAMES = [
    "証拠ファイル/資料001_smbc_meisai_202406.csv",
    "証拠ファイル/資料002_line_chat_ken.txt",
    "証拠ファイル/資料003_Screenshot_20240520-180512.png",
    "証拠ファイル/資料004_furikomi_uketsuke_20240521.eml",
    "証拠ファイル/資料005_Screenshot_20240528-211030.png",
    "証拠ファイル/資料006_WhatsApp_Chat_-_Ken.zip",
    "証拠ファイル/資料006の1_00000007-PHOTO-2024-06-14-08-13-30.jpg",
    "証拠ファイル/資料007_bitflyer_torihiki_202406.csv",
    "証拠ファイル/資料008_memo_first_contact.txt",
]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The demo case and its police hand-over package (made once: an export takes seconds)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EVIDENCE_KIT_TEST_SCRYPT_LOG2N", "10")
        root = tmp_path_factory.mktemp("handover")
        path, _ = build_demo(root / "cases")
        case = Case.open(path)
        case.unlock(DEMO_PASSPHRASE)
        seen = []
        package = handover.create(case, root / "out" / "警察署へ", today=TODAY,
                                  progress=lambda rel, done, total: seen.append((rel, done, total)))
        entries = case.entries()
        items = {i["id"]: i for i in case.items()}
        blobs = {i: read_item(case, i) for i in items}
        case.lock()
        yield package, path, entries, items, blobs, seen


def read_item(case, item_id) -> bytes:
    with open(case.path / layout.item_blob(item_id), "rb") as f:
        return age.PlaintextReader(f, [case.identity()]).read()


def run(args, cwd):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True)


def test_the_package_holds_the_pdf_the_originals_the_log_and_the_checkpoint(made):
    package, case_path, entries, items, blobs, seen = made
    out = package.path
    assert out.name == "警察署へ" and sorted(p.name for p in out.parent.iterdir()) == ["警察署へ"]  # no temp folder left
    seq = package.checkpoint
    cp = f"custody/checkpoints/{seq:08d}"
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted([
        "SHA256SUMS", "VERIFY.txt", "証拠資料_20240622.pdf", "custody/custody.jsonl", "custody/allowed_signers",
        "custody/case-signing-pub.pem", f"{cp}.txt", f"{cp}.sig", f"{cp}.txt.sshsig", f"{cp}.tsq", *NAMES])
    assert [rel for rel, done, total in seen if done == total] == NAMES  # one finished line per original
    by_name = {i["original_name"]: i for i in items.values()}
    for label, rel, name in package.originals:
        assert (out / rel).read_bytes() == blobs[by_name[name]["id"]]  # the bytes as imported
        assert package.files[rel] == by_name[name]["sha256"]  # = the SHA-256 the PDF appendix prints
    assert [label for label, _, _ in package.originals] == [
        "資料1", "資料2", "資料3", "資料4", "資料5", "資料6", "資料6の1", "資料7", "資料8"]
    docs = [custody.doc_of(e) for e in entries]
    assert docs[seq - 1] == {**docs[seq - 1], "event": "checkpoint", "reason": "export"}
    assert (out / "custody/custody.jsonl").read_bytes() == b"".join(e + b"\n" for e in entries[:seq])
    assert (out / f"{cp}.txt").read_bytes() == (case_path / f"{cp}.txt").read_bytes()
    export, event = docs[seq], docs[seq + 1]  # the export the PDF was written by, then the hand-over
    assert export["event"] == "export" and export["file"] == "証拠資料_20240622.pdf"
    assert {k: event[k] for k in ("event", "audience", "files", "originals", "checkpoint", "pdf_sha256")} == {
        "event": "handover", "audience": "police", "files": 18, "originals": 9, "checkpoint": seq,
        "pdf_sha256": export["sha256"]}
    assert event["sums_sha256"] == hashlib.sha256((out / "SHA256SUMS").read_bytes()).hexdigest() == package.sums_sha256


def test_sha256sums_is_in_the_standard_format_and_the_real_tools_check_it(made, tmp_path):
    out = made[0].path
    data = (out / "SHA256SUMS").read_bytes()
    lines = data.decode("utf-8").split("\n")
    assert lines[-1] == "" and b"\r" not in data and not data.startswith(b"\xef\xbb\xbf")
    assert all(re.fullmatch(r"[0-9a-f]{64}  [^/\\].*", line) for line in lines[:-1])
    assert [line[66:] for line in lines[:-1]] == sorted(line[66:] for line in lines[:-1])
    assert len(lines) - 1 == 18 and "SHA256SUMS" not in data.decode()  # every other file
    checked = run(["sha256sum", "-c", "SHA256SUMS"], out)
    assert checked.returncode == 0 and checked.stdout.count(": OK\n") == 18
    if shutil.which("shasum"):
        assert run(["shasum", "-a", "256", "-c", "SHA256SUMS"], out).returncode == 0
    copy = shutil.copytree(out, tmp_path / "copy")
    target = copy / NAMES[2]
    changed = bytearray(target.read_bytes())
    changed[100] ^= 0x01  # one byte of one screenshot
    target.write_bytes(bytes(changed))
    checked = run(["sha256sum", "-c", "SHA256SUMS"], copy)
    assert checked.returncode == 1
    assert [line for line in checked.stdout.splitlines() if not line.endswith(": OK")] == [f"{NAMES[2]}: FAILED"]


def test_the_commands_in_verify_txt_check_the_log_and_the_signature(made, tmp_path):
    package = made[0]
    out = package.path
    raw = (out / "VERIFY.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    assert text.index("確認のしかた") < text.index("How to check this folder") < text.index("ファイル名と元の名前 / File")
    for command in ("      sha256sum -c SHA256SUMS\n", "      shasum -a 256 -c SHA256SUMS\n",
                    '      certutil -hashfile "証拠ファイル\\資料001_smbc_meisai_202406.csv" SHA256\n',
                    "Get-Content -Encoding UTF8 SHA256SUMS | ForEach-Object { $h, $f = $_ -split '  ', 2; "
                    "if ((Get-FileHash -Algorithm SHA256 -LiteralPath $f).Hash -eq $h) { \"OK: $f\" } "
                    "else { \"FAILED: $f\" } }\n"):
        assert text.count(command) == 2  # in Japanese and in English
    openssl = next(line.strip() for line in text.splitlines() if line.strip().startswith("openssl pkeyutl"))
    ssh = next(line.strip() for line in text.splitlines() if line.strip().startswith("ssh-keygen -Y verify"))
    result = run(openssl.split(), out)
    assert (result.returncode, result.stdout.strip()) == (0, "Signature Verified Successfully")
    args, _, statement = ssh.partition(" < ")
    result = subprocess.run(args.split(), cwd=out, input=(out / statement).read_bytes(), capture_output=True)
    fingerprint = re.search(r"署名鍵の指紋（フィンガープリント）: (SHA256:\S+)", text).group(1)
    assert result.returncode == 0 and f"with ED25519 key {fingerprint}" in result.stdout.decode()
    log_sha = run(["sha256sum", "custody/custody.jsonl"], out).stdout.split()[0]
    assert f"log-sha256: {log_sha}\n" in (out / statement).read_text()
    assert "  資料6の1  証拠ファイル/資料006の1_00000007-PHOTO-2024-06-14-08-13-30.jpg\n" \
           "        00000007-PHOTO-2024-06-14-08-13-30.jpg\n" in text
    copy = shutil.copytree(out, tmp_path / "copy")
    (copy / "custody/custody.jsonl").write_bytes((copy / "custody/custody.jsonl").read_bytes().replace(b'"import"', b'"imp0rt"', 1))
    assert run(["sha256sum", "custody/custody.jsonl"], copy).stdout.split()[0] != log_sha
    (copy / statement).write_bytes((copy / statement).read_bytes().replace(b"seq:", b"seq: 1", 1))
    assert run(openssl.split(), copy).returncode != 0


@pytest.mark.parametrize("prefix, number, original, expected", [
    ("資料", "3", "LINE トーク.txt", "資料003_LINE_トーク.txt"),
    ("甲", "6-1", "IMG_0001.JPG", "甲006の1_IMG_0001.jpg"),
    ("資料", "12", 'a<b>c:d"e/f\\g|h?i*j.png', "資料012_a_b_c_d_e_f_g_h_i_j.png"),
    ("資料", "1", "ｽｸﾘｰﾝｼｮｯﾄ①.png", "資料001_スクリーンショット1.png"),
    ("資料", "1", "café résumé.jpg", "資料001_cafe_resume.jpg"),
    ("資料", "1", "😀 love 💕.heic", "資料001_love.heic"),
    ("資料", "2", "CON", "資料002_CON"),
    ("資料", "2", "memo. . ", "資料002_memo"),
    ("資料", "2", ".hidden", "資料002_hidden"),
    ("資料", "2", "🙂.txt", "資料002_file.txt"),
    ("資料", "1000", "x.tar.gz", "資料1000_x.tar.gz"),
    ("資料", "4", "振込受付書　三菱ＵＦＪ銀行（2024年5月1日）の写し・控え・明細・その他いろいろ長い名前のファイル.pdf",
     "資料004_振込受付書_三菱UFJ銀行(2024年5月1日)の写し・控え・明細・その他いろい.pdf"),  # 50
])
def test_exhibit_file_names(prefix, number, original, expected):
    name = handover.exhibit_file_name(prefix, number, original)
    assert name == expected and len(name) <= 50


def test_every_name_is_short_safe_and_unique():
    originals = ["".join(chr(c) for c in range(start, start + 80)) + ".jpg" for start in range(0x20, 0x3000, 97)]
    originals += ["写真.jpg"] * 3 + ["\u202etxt.exe", "a\nb.txt", "髙﨑.png", "㈱テスト.pdf"]
    names = [handover.exhibit_file_name("資料", str(n), o) for n, o in enumerate(originals, 1)]
    assert len(set(names)) == len(names)
    for name in names:
        assert len(name) <= 50 and name == name.strip(". ")
        name.encode("shift_jis")  # no vendor or emoji characters
        assert not set('<>:"/\\|?* \u3000') & set(name)
        assert all(unicodedata.category(c)[0] not in "CZ" for c in name)
    # right-to-left override, a line break, IBM kanji (not in JIS X 0208), a vendor symbol
    assert [n.split("_", 1)[1] for n in names[-4:]] == ["txt.exe", "a_b.txt", "file.png", "(株)テスト.pdf"]
    assert [n.split("_", 1)[1] for n in names[-7:-4]] == ["写真.jpg"] * 3


def test_a_package_cut_short_leaves_nothing_that_looks_complete(demo_case, tmp_path, monkeypatch):
    head = custody.read_head(demo_case.path).seq
    done = []
    with pytest.raises(EvidenceKitError) as exc:
        handover.make(demo_case, tmp_path / "out", today=TODAY, cancel=lambda: len(done) >= 3,
                      progress=lambda rel, n, total: done.append(rel) if n == total else None)
    assert exc.value.code == "cancelled"
    assert exc.value.message("ja") == ("引き渡し用フォルダの作成を途中で止めました。書きかけのものは消しました。"
                                       "ケースの証拠は何も変わっていません。")
    assert list(tmp_path.glob("*out*")) == []
    with pytest.raises(EvidenceKitError) as exc:  # stopped while the PDF is being made (its deep check)
        handover.make(demo_case, tmp_path / "out", today=TODAY, cancel=lambda: True)
    assert exc.value.code == "cancelled"
    assert exc.value.message("en") == ("Stopped making the hand-over folder. What was half-written was removed; "
                                       "the case's evidence is unchanged.")
    assert list(tmp_path.glob("*out*")) == []
    real = handover.atomic_write_bytes

    def full(path, data):
        if path.name == "SHA256SUMS":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(handover, "atomic_write_bytes", full)
    with pytest.raises(EvidenceKitError) as exc:
        handover.make(demo_case, tmp_path / "out", today=TODAY)
    assert exc.value.code == "disk_full"
    assert exc.value.message("en") == (f"The disk is full, so the hand-over folder could not be written: {tmp_path / 'out'}. "
                                       "What was half-written was removed. Free some space or choose another place, "
                                       "and make it again. The case is unchanged.")
    assert list(tmp_path.glob("*out*")) == []
    monkeypatch.setattr(handover, "atomic_write_bytes", real)
    real_writer = handover.atomic_writer

    def fat32(path):  # an original of 4 GiB or more on a FAT32 stick
        if path.suffix == ".png":
            raise OSError(errno.EFBIG, "File too large", str(path))
        return real_writer(path)

    monkeypatch.setattr(handover, "atomic_writer", fat32)
    with pytest.raises(EvidenceKitError) as exc:
        handover.make(demo_case, tmp_path / "out", today=TODAY)
    assert exc.value.message("ja") == (
        f"この場所には大きすぎるファイルがあるため、引き渡し用フォルダを書き出せませんでした: {tmp_path / 'out'}。"
        "FAT32 形式の USB メモリには 4 GB 以上のファイルを入れられません。exFAT か NTFS の USB メモリを使ってください。"
        "書きかけのものは消しました。ケースは何も変わっていません。")
    assert list(tmp_path.glob("*out*")) == []
    events = [custody.doc_of(e)["event"] for e in demo_case.entries()[head:]]
    assert "handover" not in events  # the exports were logged (their PDFs were made), the hand-overs were not
    report, _ = demo_case.verify(deep=True)
    assert report.ok


def test_an_existing_folder_is_never_overwritten_and_a_lawyer_package_uses_ko_numbers(demo_case, tmp_path):
    head = custody.read_head(demo_case.path).seq
    with pytest.raises(EvidenceKitError) as exc:
        handover.make(demo_case, demo_case.path / "for the police", today=TODAY)
    assert exc.value.message("en") == (
        f"The hand-over folder cannot be made inside the case folder: {demo_case.path / 'for the police'}. Its contents "
        "are not encrypted, so plain copies of the evidence would stay in the case folder (and its backups). "
        "Choose a place outside it.")
    assert not (demo_case.path / "for the police").exists() and custody.read_head(demo_case.path).seq == head
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    with pytest.raises(EvidenceKitError) as exc:
        handover.make(demo_case, tmp_path / "out", today=TODAY)
    assert exc.value.message("ja") == (f"{tmp_path / 'out'} はすでにあり、空ではありません。上書きしないよう、止めました。"
                                       "新しいフォルダ名を指定してください。")
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["keep.txt"]
    (tmp_path / "empty").mkdir()
    path = handover.make(demo_case, tmp_path / "empty", audience="lawyer", today=TODAY)
    assert path == tmp_path / "empty"
    assert sorted(p.name for p in path.iterdir()) == ["SHA256SUMS", "VERIFY.txt", "custody", "証拠ファイル",
                                                      "証拠説明書・書証_20240622.pdf"]
    assert sorted(p.name for p in (path / "証拠ファイル").iterdir())[:2] == [
        "甲001_smbc_meisai_202406.csv", "甲002_line_chat_ken.txt"]
