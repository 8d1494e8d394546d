"""The PDF appendix shows the RFC 3161 tokens attached to the case's checkpoints (issue 7 item 5)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timezone

import pytest

from evidence_kit.core import timestamps as ts
from evidence_kit.core.case import Case
from evidence_kit.report.export import export
from tests.conftest import PASSPHRASE
from tests.unit.test_timestamps import make_tsa, reply

pytestmark = pytest.mark.skipif(not (shutil.which("openssl") and shutil.which("pdftotext")),
                                reason="openssl or pdftotext is missing")
CREATED = datetime(2026, 11, 22, 10, 0, tzinfo=timezone.utc)


def text_of(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def exported(case_dir, out):
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    try:
        export(case, out, acknowledged=True, created=CREATED)
    finally:
        case.lock()
    return text_of(out)


def test_without_tokens_the_appendix_says_times_come_from_this_computer(case_dir, tmp_path):
    text = exported(case_dir, tmp_path / "b.pdf")
    assert "第三者による時刻認証（RFC 3161 タイムスタンプ）" in text
    assert "時刻認証局のタイムスタンプが付いたチェックポイントはまだありません。" in text


def test_an_attached_token_is_listed_with_its_time_tsa_and_status(case_dir, tmp_path):
    tsa = make_tsa(tmp_path / "tsa")
    case = Case.open(case_dir)
    query = ts.requests(case, tmp_path / "out").written[0]
    ts.attach(case, reply(tsa, query, tmp_path / "r.tsr"))
    [token] = ts.summary(case)
    text = exported(case_dir, tmp_path / "b.pdf")
    flat = "".join(text.split())  # table cells wrap: compare without white space
    for shown in ("custody/checkpoints/00000001.txt", token["sha256"], token["gen_time_utc"], token["gen_time_jst"],
                  "CN=rsa_tsa TSA,O=Local Test", "有効（署名も内容も一致）"):
        assert "".join(shown.split()) in flat, shown
    assert "まだありません" not in flat
