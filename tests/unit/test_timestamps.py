"""Trusted timestamps, offline first: requests written for the checkpoints, replies from a LOCAL OpenSSL
time-stamping authority (a throwaway CA and TSA made here) attached, and the stored token checked with
the real `openssl ts -verify`."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from evidence_kit.core import custody, timestamps as ts
from evidence_kit.core.case import Case
from evidence_kit.core.errors import EvidenceKitError
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is missing")

TSA_CONFIG = """
[ tsa ]
default_tsa = rsa_tsa
[ rsa_tsa ]
dir = {dir}
serial = {dir}/serial
crypto_device = builtin
signer_cert = {dir}/rsa_tsa.pem
certs = {dir}/ca.pem
signer_key = {dir}/rsa_tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_alg = sha256
[ ec_tsa ]
dir = {dir}
serial = {dir}/serial
crypto_device = builtin
signer_cert = {dir}/ec_tsa.pem
signer_key = {dir}/ec_tsa.key
signer_digest = sha384
default_policy = 1.2.3.4.2
digests = sha256
clock_precision_digits = 3
ess_cert_id_alg = sha1
[ tsa_ext ]
extendedKeyUsage = critical,timeStamping
basicConstraints = CA:FALSE
"""


def openssl(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["openssl", *args], cwd=cwd, capture_output=True, text=True)


def make_tsa(folder: Path) -> Path:
    """A root CA, an RSA TSA and an EC TSA certified by it (extendedKeyUsage=critical,timeStamping)."""
    folder.mkdir()
    (folder / "tsa.cnf").write_text(TSA_CONFIG.format(dir=folder))
    (folder / "serial").write_text("01\n")
    for ca in ("ca", "other_ca"):
        done = openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{ca}.key", "-out", f"{ca}.pem",
                       "-days", "30", "-subj", f"/CN=Throwaway {ca}", cwd=folder)
        assert done.returncode == 0, done.stderr
    for name, key in (("rsa_tsa", ["-newkey", "rsa:2048"]), ("ec_tsa", ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"])):
        done = openssl("req", *key, "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
                       "-subj", f"/O=Local Test/CN={name} TSA", cwd=folder)
        assert done.returncode == 0, done.stderr
        done = openssl("x509", "-req", "-in", f"{name}.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                       "-out", f"{name}.pem", "-days", "30", "-extfile", "tsa.cnf", "-extensions", "tsa_ext", cwd=folder)
        assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture(scope="module")
def tsa(tmp_path_factory) -> Path:
    return make_tsa(tmp_path_factory.mktemp("tsa") / "tsa")


def reply(tsa: Path, query: Path, out: Path, section: str = "rsa_tsa", *extra: str) -> Path:
    done = openssl("ts", "-reply", "-queryfile", str(query), "-config", "tsa.cnf", "-section", section,
                   "-out", str(out), *extra, cwd=tsa)
    assert done.returncode == 0, done.stderr
    return out


def head_seq(case_dir: Path) -> int:
    return custody.read_head(case_dir).seq


def new_checkpoint(case_dir: Path) -> None:
    """Unlock, log something, lock: the lock signs a new checkpoint."""
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    case.record("verify", {"result": "ok"})
    case.lock()


def test_requests_are_the_checkpoints_own_with_a_readme(case_dir, tmp_path):
    new_checkpoint(case_dir)  # checkpoints 1 (creation) and 3 (the lock after a verify event)
    out = tmp_path / "usb" / "timestamps"
    result = ts.requests(Case.open(case_dir), out)
    case_id = Case.open(case_dir).case_id
    assert [p.name for p in result.written] == [f"{case_id}_00000001.tsq", f"{case_id}_00000003.tsq"]
    for path, seq in zip(result.written, ("00000001", "00000003")):
        statement = (case_dir / "custody/checkpoints" / f"{seq}.txt").read_bytes()
        assert path.read_bytes() == (case_dir / "custody/checkpoints" / f"{seq}.tsq").read_bytes()
        request = ts.parse_request(path.read_bytes())
        assert request.imprint == hashlib.sha256(statement).digest() and request.nonce > 0
        shown = openssl("ts", "-query", "-in", str(path), "-text", cwd=tmp_path).stdout
        assert "Hash Algorithm: sha256" in shown and "Certificate required: yes" in shown
        assert int(shown.split("Nonce: ")[1].split("\n")[0], 16) == request.nonce
    readme = (out / "README.txt").read_text("utf-8")
    assert readme.startswith("タイムスタンプの依頼ファイル（evidence-kit）\n")
    assert ('  curl -sS -H "Content-Type: application/timestamp-query" --data-binary @'
            f"{case_id}_00000003.tsq https://freetsa.org/tsr -o {case_id}_00000003.tsr") in readme
    assert ('  curl.exe -sS -H "Content-Type: application/timestamp-query" --data-binary "@'
            f'{case_id}_00000001.tsq" https://freetsa.org/tsr -o {case_id}_00000001.tsr') in readme
    assert f"Sending only the newest one, {case_id}_00000003.tsq, proves everything recorded before it too." in readme
    assert sorted(p.name for p in out.iterdir()) == [f"{case_id}_00000001.tsq", f"{case_id}_00000003.tsq", "README.txt"]


def test_two_cases_can_write_their_requests_to_one_folder(case_dir, tmp_path):
    from evidence_kit.core.case import create_case

    other = create_case(tmp_path / "stalking case", PASSPHRASE)
    other.lock()
    out = tmp_path / "usb"
    first = ts.requests(Case.open(case_dir), out).written
    second = ts.requests(Case.open(other.path), out).written
    assert sorted(out.glob("*.tsq")) == sorted(first + second) and len(first + second) == 2
    assert first[0].read_bytes() == (case_dir / "custody/checkpoints/00000001.tsq").read_bytes()


def test_a_missing_request_is_made_again_and_kept_in_the_case(case_dir, tmp_path):
    stored = case_dir / "custody/checkpoints/00000001.tsq"
    stored.unlink()
    written = ts.requests(Case.open(case_dir), tmp_path / "out").written
    assert stored.read_bytes() == written[0].read_bytes()
    statement = (case_dir / "custody/checkpoints/00000001.txt").read_bytes()
    assert ts.parse_request(stored.read_bytes()).imprint == hashlib.sha256(statement).digest()


def test_an_attached_reply_is_stored_unchanged_logged_and_checks_with_openssl(case_dir, tsa, tmp_path):
    case = Case.open(case_dir)
    query = ts.requests(case, tmp_path / "out").written[0]
    tsr = reply(tsa, query, tmp_path / "out" / "00000001.tsr")
    before = head_seq(case_dir)
    attached = ts.attach(case, tsr)
    stored = case_dir / "custody/checkpoints/00000001.tsr"
    assert (attached.seq, attached.path, attached.already) == (1, stored, False)
    assert stored.read_bytes() == tsr.read_bytes()
    checked = openssl("ts", "-verify", "-data", "custody/checkpoints/00000001.txt", "-in", "custody/checkpoints/00000001.tsr",
                      "-CAfile", str(tsa / "ca.pem"), cwd=case_dir)
    assert checked.stdout.strip() == "Verification: OK", checked.stderr

    text = openssl("ts", "-reply", "-in", str(stored), "-text", cwd=tmp_path).stdout
    when = datetime.strptime(text.split("Time stamp: ")[1].split("\n")[0], "%b %d %H:%M:%S %Y GMT")
    [status] = ts.verify(case)
    assert status.gen_time == when.replace(tzinfo=timezone.utc)
    assert status.gen_time_utc == when.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert status.gen_time_jst == (when + timedelta(hours=9)).strftime("%Y-%m-%d %H:%M:%S JST")
    assert (status.seq, status.tsa, status.status, status.policy) == (1, "CN=rsa_tsa TSA,O=Local Test", "ok", "1.2.3.4.1")

    assert head_seq(case_dir) == before + 1  # one custody event, written while the case is locked
    case.unlock(PASSPHRASE)
    event = json.loads(case.entries()[before])
    case.lock()
    assert {k: event[k] for k in ("event", "checkpoint", "tsr_sha256", "gen_time", "tsa")} == {
        "event": "timestamp-attached", "checkpoint": 1, "tsr_sha256": hashlib.sha256(tsr.read_bytes()).hexdigest(),
        "gen_time": status.gen_time_utc, "tsa": "CN=rsa_tsa TSA,O=Local Test"}

    assert ts.summary(case, "en") == [{
        "seq": 1, "checkpoint": "custody/checkpoints/00000001.txt", "token": "custody/checkpoints/00000001.tsr",
        "sha256": hashlib.sha256((case_dir / "custody/checkpoints/00000001.txt").read_bytes()).hexdigest(),
        "gen_time_utc": status.gen_time_utc, "gen_time_jst": status.gen_time_jst, "tsa": "CN=rsa_tsa TSA,O=Local Test",
        "serial": status.serial, "status": "ok", "status_text": "valid (the signature and the checkpoint match)"}]
    now = head_seq(case_dir)  # the unlock above signed a checkpoint over the event
    assert ts.attach(case, tsr).already  # the same file again: nothing new
    assert head_seq(case_dir) == now


def test_an_ec_tsa_with_an_sha1_ess_id_and_milliseconds(case_dir, tsa, tmp_path):
    case = Case.open(case_dir)
    query = ts.requests(case, tmp_path / "out").written[0]
    ts.attach(case, reply(tsa, query, tmp_path / "r.tsr", "ec_tsa"))
    [status] = ts.verify(case, ca_file=tsa / "ca.pem")
    assert (status.status, status.tsa, status.policy) == ("ok", "CN=ec_tsa TSA,O=Local Test", "1.2.3.4.2")
    shown = openssl("ts", "-reply", "-in", str(tmp_path / "r.tsr"), "-text", cwd=tmp_path).stdout
    when = shown.split("Time stamp: ")[1].split("\n")[0]  # e.g. "Nov 22 17:29:19.065 2026 GMT"
    moment = datetime.strptime(when, "%b %d %H:%M:%S.%f %Y GMT" if "." in when else "%b %d %H:%M:%S %Y GMT")
    assert status.gen_time == moment.replace(tzinfo=timezone.utc)
    fraction = when.split(" ")[2][8:]  # ".065", or "" on a whole second
    assert status.gen_time_utc == moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def test_only_checkpoints_after_the_newest_timestamp_are_waiting(case_dir, tsa, tmp_path):
    new_checkpoint(case_dir)
    case = Case.open(case_dir)
    assert [c.seq for c in ts.waiting(case)] == [1, 3]
    ts.attach(case, reply(tsa, case_dir / "custody/checkpoints/00000003.tsq", tmp_path / "3.tsr"))
    assert ts.waiting(case) == []  # checkpoint 1 is covered by the token over 3
    assert ts.requests(case, tmp_path / "again") == ts.Requests([], None)
    assert not (tmp_path / "again").exists()
    new_checkpoint(case_dir)  # after the attach event (4): the unlock's checkpoint (5), a verify (6), the lock's (7)
    assert [c.seq for c in ts.waiting(case)] == [5, 7]


def refused(case_dir: Path, path: Path) -> EvidenceKitError:
    before = head_seq(case_dir)
    with pytest.raises(EvidenceKitError) as caught:
        ts.attach(Case.open(case_dir), path)
    assert head_seq(case_dir) == before  # nothing logged
    assert not (case_dir / "custody/checkpoints/00000001.tsr").exists()  # nothing stored
    return caught.value


def test_a_reply_for_another_case_is_refused(case_dir, tsa, tmp_path):
    (tmp_path / "data.txt").write_bytes(b"another case's checkpoint\n")
    assert openssl("ts", "-query", "-data", "data.txt", "-sha256", "-cert", "-out", "q.tsq", cwd=tmp_path).returncode == 0
    error = refused(case_dir, reply(tsa, tmp_path / "q.tsq", tmp_path / "other.tsr"))
    assert error.code == "tsr_no_match"
    assert error.message("en") == (f"This reply does not answer a request of any checkpoint in this case: {tmp_path / 'other.tsr'}. "
                                   "Is it the reply for another case?")


def test_a_reply_to_another_request_for_the_same_checkpoint_is_refused(case_dir, tsa, tmp_path):
    own = openssl("ts", "-query", "-data", str(case_dir / "custody/checkpoints/00000001.txt"), "-sha256", "-cert",
                  "-out", "mine.tsq", cwd=tmp_path)  # the same hash, another nonce
    assert own.returncode == 0
    error = refused(case_dir, reply(tsa, tmp_path / "mine.tsq", tmp_path / "mine.tsr"))
    assert (error.code, error.params["seq"]) == ("tsr_nonce", 1)
    assert error.message("ja").startswith("チェックポイント 1 への返事ですが、このケースが出した依頼への返事ではありません（乱数が違います）")


def test_a_bare_token_a_refusal_and_garbage_are_refused_with_their_reason(case_dir, tsa, tmp_path):
    query = case_dir / "custody/checkpoints/00000001.tsq"
    token = reply(tsa, query, tmp_path / "token.der", "rsa_tsa", "-token_out")
    assert refused(case_dir, token).code == "tsr_token_only"
    (tmp_path / "sha1.txt").write_bytes(b"x")
    openssl("ts", "-query", "-data", "sha1.txt", "-sha1", "-cert", "-out", "sha1.tsq", cwd=tmp_path)
    error = refused(case_dir, reply(tsa, tmp_path / "sha1.tsq", tmp_path / "rejected.tsr"))  # the TSA takes sha256 only
    assert error.code == "tsr_refused"
    assert error.message("en").startswith("The time-stamping authority did not issue a timestamp (rejection: ")
    assert "badAlg" in error.params["detail"]
    (tmp_path / "junk.tsr").write_bytes(b"<html>502 Bad Gateway</html>")
    assert refused(case_dir, tmp_path / "junk.tsr").code == "tsr_unreadable"
    assert refused(case_dir, tmp_path / "absent.tsr").code == "source_missing"


def test_a_reply_with_a_broken_signature_is_refused(case_dir, tsa, tmp_path):
    good = reply(tsa, case_dir / "custody/checkpoints/00000001.tsq", tmp_path / "good.tsr").read_bytes()
    assert ts.parse_reply(good).signature == "ok"
    bad = bytearray(good)
    bad[-10] ^= 0x01  # inside the RSA signature, the last field of the reply
    (tmp_path / "bad.tsr").write_bytes(bytes(bad))
    error = refused(case_dir, tmp_path / "bad.tsr")
    assert error.code == "tsr_invalid"
    assert error.message("en") == f"This reply does not check, so it was not attached (the TSA's signature does not check): {tmp_path / 'bad.tsr'}"


def test_a_reply_for_an_already_stamped_checkpoint_is_refused(case_dir, tsa, tmp_path):
    query = case_dir / "custody/checkpoints/00000001.tsq"
    ts.attach(Case.open(case_dir), reply(tsa, query, tmp_path / "first.tsr"))
    second = reply(tsa, query, tmp_path / "second.tsr")  # a new serial number and time: other bytes
    before = head_seq(case_dir)
    with pytest.raises(EvidenceKitError) as caught:
        ts.attach(Case.open(case_dir), second)
    assert (caught.value.code, caught.value.params["seq"], head_seq(case_dir)) == ("tsr_already", 1, before)
    assert (case_dir / "custody/checkpoints/00000001.tsr").read_bytes() == (tmp_path / "first.tsr").read_bytes()


def test_when_the_event_cannot_be_logged_the_reply_is_not_kept(case_dir, tsa, tmp_path, monkeypatch):
    def full(self, event, fields):
        raise EvidenceKitError("disk_full", path=self.path)

    monkeypatch.setattr(Case, "record", full)
    tsr = reply(tsa, case_dir / "custody/checkpoints/00000001.tsq", tmp_path / "r.tsr")
    assert refused(case_dir, tsr).code == "disk_full"


def test_a_changed_checkpoint_or_token_is_reported(case_dir, tsa, tmp_path):
    case = Case.open(case_dir)
    ts.attach(case, reply(tsa, case_dir / "custody/checkpoints/00000001.tsq", tmp_path / "r.tsr"))
    assert [s.status for s in ts.verify(case, ca_file=tsa / "other_ca.pem")] == ["untrusted"]
    statement = case_dir / "custody/checkpoints/00000001.txt"
    original = statement.read_bytes()
    statement.write_bytes(original.replace(b"seq: 1", b"seq: 2"))
    assert [s.status for s in ts.verify(case)] == ["imprint_mismatch"]
    checked = openssl("ts", "-verify", "-data", str(statement), "-in", str(tmp_path / "r.tsr"),
                      "-CAfile", str(tsa / "ca.pem"), cwd=tmp_path)
    assert checked.returncode != 0 and "message imprint mismatch" in checked.stderr
    statement.unlink()
    assert [s.status for s in ts.verify(case)] == ["checkpoint_missing"]
    statement.write_bytes(original)
    token = case_dir / "custody/checkpoints/00000001.tsr"
    token.write_bytes(token.read_bytes()[:100])
    [status] = ts.verify(case)
    assert (status.status, status.gen_time_jst, status.tsa) == ("unreadable", "", "")
    assert ts.summary(case)[0]["status_text"] == "タイムスタンプのファイルが読めません（壊れています）"


def test_the_case_still_verifies_with_a_token_in_it(case_dir, tsa, tmp_path):
    case = Case.open(case_dir)
    ts.attach(case, reply(tsa, case_dir / "custody/checkpoints/00000001.tsq", tmp_path / "r.tsr"))
    case.unlock(PASSPHRASE)
    report, _ = case.verify(deep=True)
    case.lock()
    assert report.problems == []


def test_a_ca_file_that_is_not_pem_is_named(case_dir, tmp_path):
    (tmp_path / "ca.txt").write_text("not a certificate")
    with pytest.raises(EvidenceKitError) as caught:
        ts.verify(Case.open(case_dir), ca_file=tmp_path / "ca.txt")
    assert caught.value.message("en") == f"This cannot be read as CA certificates (PEM): {tmp_path / 'ca.txt'}"
    with pytest.raises(EvidenceKitError) as caught:
        ts.verify(Case.open(case_dir), ca_file=tmp_path / "absent.pem")
    assert caught.value.code == "source_missing"


def problems_of(case_dir: Path, deep: bool = False) -> list[tuple[str, str]]:
    case = Case.open(case_dir)
    if deep:
        case.unlock(PASSPHRASE)
    report, _ = case.verify(deep=deep)
    case.lock()
    return [(p.code, p.path) for p in report.problems]


def test_verify_names_a_token_that_no_longer_answers_its_checkpoint(case_dir, tsa, tmp_path):
    new_checkpoint(case_dir)  # checkpoints 1 and 3
    case = Case.open(case_dir)
    ts.attach(case, reply(tsa, case_dir / "custody/checkpoints/00000001.tsq", tmp_path / "1.tsr"))
    assert problems_of(case_dir) == [] and problems_of(case_dir, deep=True) == []
    token = case_dir / "custody/checkpoints/00000001.tsr"
    kept = token.read_bytes()
    # a genuine token, but over checkpoint 3: put in checkpoint 1's place it proves nothing about 1
    token.write_bytes(reply(tsa, case_dir / "custody/checkpoints/00000003.tsq", tmp_path / "3.tsr").read_bytes())
    assert problems_of(case_dir) == [("timestamp_mismatch", "custody/checkpoints/00000001.tsr")]
    from evidence_kit.i18n import tr
    assert tr("verify.timestamp_mismatch", "en", path="custody/checkpoints/00000001.tsr") == (
        "the timestamp does not match its checkpoint (one of them has been changed): custody/checkpoints/00000001.tsr")
    token.write_bytes(kept[:-20] + bytes(20))  # the TSA's signature spoiled
    assert problems_of(case_dir) == [("timestamp_invalid", "custody/checkpoints/00000001.tsr")]
    token.write_bytes(kept)
    assert problems_of(case_dir) == []


def test_deep_verify_finds_a_swapped_or_lost_token(case_dir, tsa, tmp_path):
    query = case_dir / "custody/checkpoints/00000001.tsq"
    ts.attach(Case.open(case_dir), reply(tsa, query, tmp_path / "first.tsr"))
    token = case_dir / "custody/checkpoints/00000001.tsr"
    # another genuine reply to the same request (another serial, another time): it checks by itself,
    # but it is not the token the log recorded
    token.write_bytes(reply(tsa, query, tmp_path / "second.tsr").read_bytes())
    assert problems_of(case_dir) == []
    assert problems_of(case_dir, deep=True) == [("timestamp_not_logged", "custody/checkpoints/00000001.tsr")]
    token.unlink()
    assert problems_of(case_dir, deep=True) == [("timestamp_missing", "custody/checkpoints/00000001.tsr")]


def test_a_reply_is_named_only_once_its_event_is_logged(case_dir, tsa, tmp_path, monkeypatch):
    seen = []
    real = Case.record

    def record(self, event, fields):
        seen.append(token.exists())  # while the event is written, the reply has no name yet
        real(self, event, fields)

    token = case_dir / "custody/checkpoints/00000001.tsr"
    monkeypatch.setattr(Case, "record", record)
    ts.attach(Case.open(case_dir), reply(tsa, case_dir / "custody/checkpoints/00000001.tsq", tmp_path / "r.tsr"))
    assert seen == [False] and token.read_bytes() == (tmp_path / "r.tsr").read_bytes()
    assert [p.name for p in token.parent.iterdir() if p.name.endswith(".part")] == []


def test_a_hand_over_carries_the_earlier_timestamps_and_says_how_to_check_them(case_dir, tsa, tmp_path):
    from evidence_kit import handover

    (tmp_path / "memo.txt").write_bytes("5月1日 振り込んだ".encode())
    Case.open(case_dir).import_file(tmp_path / "memo.txt")
    new_checkpoint(case_dir)  # 3: the unlock's checkpoint over the import, then a verify event, 5: the lock's
    case = Case.open(case_dir)
    ts.attach(case, reply(tsa, case_dir / "custody/checkpoints/00000003.tsq", tmp_path / "3.tsr"))
    case.unlock(PASSPHRASE)
    package = handover.create(case, tmp_path / "pkg", acknowledged=True)
    case.lock()
    out = package.path
    assert [t.seq for t in package.timestamps] == [3]
    for suffix in (".txt", ".sig", ".txt.sshsig", ".tsr"):
        rel = "custody/checkpoints/00000003" + suffix
        assert (out / rel).read_bytes() == (case_dir / rel).read_bytes() and rel in package.files
    checked = openssl("ts", "-verify", "-data", "custody/checkpoints/00000003.txt", "-in",
                      "custody/checkpoints/00000003.tsr", "-CAfile", str(tsa / "ca.pem"), cwd=out)
    assert checked.stdout.strip() == "Verification: OK", checked.stderr
    head = subprocess.run("head -n 3 custody/custody.jsonl | sha256sum", shell=True, cwd=out, capture_output=True,
                          text=True).stdout.split()[0]
    assert f"log-sha256: {head}\n".encode() in (out / "custody/checkpoints/00000003.txt").read_bytes()
    text = (out / "VERIFY.txt").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    status = package.timestamps[0]
    assert (f"  custody/checkpoints/00000003.tsr  {status.gen_time_jst} / {status.gen_time_utc}\n"
            "        CN=rsa_tsa TSA,O=Local Test\n") in text
    assert "3. 第三者による時刻の証明（タイムスタンプ）を確かめる" in text and "3. Check the third-party proof of time" in text
    assert "      head -n 3 custody/custody.jsonl | sha256sum          (macOS: head -n 3 custody/custody.jsonl | shasum -a 256)" in text
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=out).returncode == 0
