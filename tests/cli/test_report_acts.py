"""The stalking section of the PDF (つきまとい・ネット上の加害行為一覧) on this suite's small stalking
case, and the `act` and `refusal` commands."""

from __future__ import annotations

import re
import subprocess

from pypdf import PdfReader

from evidence_kit.cli import main
from evidence_kit.core import caserecords as cr
from evidence_kit.core.case import Case
from evidence_kit.report import model, pdf
from tests.cli.test_report_pdf import CREATED, outline, pages_text
from tests.conftest import PASSPHRASE, write
from tests.unit.test_acts import stalking_case


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def raw_pages(path) -> list[str]:
    """The text in the order it is drawn: each table cell whole (pdftotext -raw)."""
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")[:-1]


def test_the_stalking_section_lists_the_acts_the_refusal_and_the_contacts_after_it(unlocked, tmp_path):
    stalking_case(unlocked, tmp_path)
    out = tmp_path / "stalking.pdf"
    pages = pdf.render(unlocked, model.build(unlocked), out, created=CREATED)
    texts = pages_text(out)
    assert len(texts) == pages == 15
    assert outline(PdfReader(out))[7:10] == ["暗号資産取引一覧", "つきまとい・ネット上の加害行為一覧", "これまでの対応状況"]
    section = flat("".join(t for t in raw_pages(out) if "つきまとい・ネット上の加害行為一覧" in t and "No." in t))
    for expected in (
            "1令和6年5月20日(2024-05-20)22:00頃名誉を害する事項の告知等（第2条第1項第7号）X（旧Twitter）"
            "https://x.com/example/status/1790000000000000000勤務先と実名を挙げて中傷する投稿をされた"
            "相手の特徴・アカウント・車両:@yuki_example2令和6年6月5日",
            "相手の特徴・アカウント・車両:黒いパーカー、白いマスク、身長170cmくらい目撃者:管理人の田中さん"
            "110番・相談:同日20:05に110番通報資料3（14頁）",
            "3令和6年6月7日(2024-06-07)頃つきまとい・待ち伏せ・見張り・押し掛け・うろつき等（第2条第1項第1号）最寄り駅の改札付近"
            "改札の近くに立ってこちらを見ていた相手の特徴・アカウント・車両:（記録なし）目撃者:（記録なし）110番・相談:（記録なし）",
            "1令和6年5月30日(2024-05-30)21:05LINEもう連絡しないでください。これ以上続くなら警察に相談します。資料1（12頁）",
            "最初の拒否の意思表示令和6年5月30日(2024-05-30)21:05", "その後に記録した行為2件",
            "合計7件（メッセージ等4件、通話2件、メール1件、4日間）",
            "令和6年6月1日(2024-06-01)3003資料1令和6年6月2日(2024-06-02)0202資料1令和6年6月3日(2024-06-03)0011資料2",
            "数えた送信者:ユウキ、ＹＵＫＩ、Yuki<yuki.0123@example.net>。",
            "拒否の後に現れた送信者のうち数えなかったもの:みさき。"):
        assert expected in section, expected
    timeline = flat(next(t for t in raw_pages(out) if "時系列表（被害経過一覧）" in t and "No." in t))
    assert ("1令和6年5月20日(2024-05-20)22:00頃つきまとい等相手方の行為（名誉を害する事項の告知等）:勤務先と実名を挙げて中傷する"
            "投稿をされたX（旧Twitter）https://x.com/example/status/1790000000000000000") in timeline
    assert "拒否の意思表示申告者が相手方に拒否を伝えた:もう連絡しないでください。これ以上続くなら警察に相談します。LINE資料1（" in timeline
    overview = flat(next(t for t in texts if "被害の概要" in t and "いつ" in t))
    assert ("何をつきまとい等の行為3件（つきまとい・待ち伏せ・見張り・押し掛け・うろつき等2件、名誉を害する事項の告知等1件）。"
            "拒否の意思表示の後、相手方からの連絡7件") in overview
    assert "どこでLINE、X（旧Twitter）、自宅マンションのエントランス前、最寄り駅の改札付近" in overview
    assert "いつ令和6年5月20日(2024-05-20)22:00頃〜令和6年6月7日(2024-06-07)頃" in overview


def test_a_stalking_case_without_a_refusal_says_none_is_recorded(unlocked, tmp_path):
    stalking_case(unlocked, tmp_path, refusal=False)
    out = tmp_path / "none.pdf"
    pdf.render(unlocked, model.build(unlocked), out, created=CREATED)
    section = flat("".join(t for t in raw_pages(out) if "つきまとい・ネット上の加害行為一覧" in t and "No." in t))
    assert "拒否の意思表示は記録されていません。" in section and "その後の相手方からの連絡" not in section


def test_a_romance_scam_has_no_stalking_section(unlocked, tmp_path):
    out = tmp_path / "plain.pdf"
    pdf.render(unlocked, model.build(unlocked), out, created=CREATED)
    assert "つきまとい・ネット上の加害行為一覧" not in outline(PdfReader(out))


def run(capsys, *argv) -> list[str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out.splitlines()


def test_act_and_refusal_commands(case_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    memo = case.import_file(write(tmp_path / "memo_0605.txt", "6/5 の記録\n".encode())).item_id
    case.lock()
    c = str(case_dir)
    assert run(capsys, "act", c, "add", "--time", "2024-06-05 19:40", "--type", "following", "--place", "自宅前",
               "--description", "待ち伏せされた", "--exhibit", "memo_0605.txt") == ["行為 1 を記録しました。"]
    assert run(capsys, "--lang", "en", "act", c, "add", "--time", "2024/6/7", "--approx", "--type", "calls",
               "--description", "非通知の電話が10回", "--no-in-person") == ["Act 2 recorded."]
    assert run(capsys, "act", c, "edit", "1", "--witnesses", "なし", "--offender", "黒いパーカー") == ["行為 1 を記録しました。"]
    assert run(capsys, "act", c, "list") == [
        f"1. 2024-06-05 19:40 [つきまとい・待ち伏せ・見張り・押し掛け・うろつき等] 自宅前 待ち伏せされた  (証拠: {memo[:8]} memo_0605.txt)",
        "2. 2024-06-07頃 [無言電話、拒否後の連続した電話・文書・FAX・メール・SNS メッセージ等] 非通知の電話が10回"]
    assert run(capsys, "refusal", c, "add", "--time", "2024-05-30 21:05", "--method", "LINE", "--content",
               "もう連絡しないでください", "--exhibit", memo[:8]) == ["拒否の意思表示 1 を記録しました。"]
    assert run(capsys, "--lang", "en", "refusal", c, "list") == [
        f"1. 2024-05-30 21:05 LINE もう連絡しないでください  (exhibits: {memo[:8]} memo_0605.txt)"]
    assert run(capsys, "act", c, "remove", "2") == ["消しました（記録の履歴には残ります）。"]
    assert run(capsys, "refusal", c, "remove", "1") == ["消しました（記録の履歴には残ります）。"]
    assert run(capsys, "refusal", c, "list") == ["記録された拒否の意思表示はありません。"]
    case = Case.open(case_dir)
    case.unlock(PASSPHRASE)
    state = cr.load(case)
    case.lock()
    assert list(state.acts) == ["1"] and state.refusals == {}
    act = state.acts["1"]
    assert (act.time, act.witnesses, act.offender, act.exhibits, act.in_person) == (
        "2024-06-05T19:40:00+09:00", "なし", "黒いパーカー", [memo], None)


def test_a_time_that_cannot_be_read_is_said_plainly(case_dir, monkeypatch, capsys):
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    assert main(["act", str(case_dir), "add", "--time", "昨日の夜", "--type", "following", "--description", "x"]) != 0
    assert capsys.readouterr().err.strip() == (
        "日時「昨日の夜」が読めません。2024-06-01 21:30 のように 年-月-日 時:分 で入力してください（日本時間）。"
        "時刻が分からなければ日付だけでも構いません。")
    assert main(["act", str(case_dir), "edit", "7", "--place", "駅"]) != 0
    assert "番号 7 の行為の記録はありません。" in capsys.readouterr().err
