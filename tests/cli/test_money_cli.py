"""The money commands end to end: statements imported (one through a saved column mapping), accounts,
links, marks, the other party, actions, and the totals with their rows."""

import json

import pytest

from evidence_kit.cli import main
from evidence_kit.core import bankcodes, caserecords
from evidence_kit.core.case import Case
from tests.conftest import PASSPHRASE, write

HEADER = "取引日,入出金(円),取引後残高(円),入出金内容\r\n"
# two overlapping 楽天銀行 statements of one account: rows 3-4 of A are rows 2-3 of B
STATEMENT_A = (HEADER + "20240425,250000,1250000,給料振込 カ)ヨコハマシヨウジ\r\n"
               "20240501,-300000,950000,振込 ﾔﾏﾀﾞ ﾀﾛｳ\r\n20240508,-500000,450000,振込 ﾔﾏﾀﾞ ﾀﾛｳ\r\n").encode("cp932")
STATEMENT_B = (HEADER + "20240501,-300000,950000,振込 ﾔﾏﾀﾞ ﾀﾛｳ\r\n20240508,-500000,450000,振込 ﾔﾏﾀﾞ ﾀﾛｳ\r\n"
               "20240510,30000,480000,振込 ﾔﾏﾀﾞ ﾀﾛｳ\r\n20240512,-200000,280000,振込 ｽｽﾞｷ ｲﾁﾛｳ\r\n").encode("cp932")
# a bank no profile knows, read through --mapping, then through the layout saved from it
UNKNOWN_1 = "日付,出金,入金,摘要,残高\n2024/05/20,1000000,,ﾋﾞﾂﾄﾌﾗｲﾔｰ(ｶ,250000\n".encode()
UNKNOWN_2 = "日付,出金,入金,摘要,残高\n2024/05/25,100000,,ｽｽﾞｷ ｲﾁﾛｳ,150000\n".encode()
MAPPING = "date=日付,out=出金,in=入金,desc=摘要,balance=残高"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def new_case(tmp_path, capsys, monkeypatch):
    """An empty case; the passphrase is in the environment."""
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    case = tmp_path / "case"
    main(["case", "create", str(case)])
    capsys.readouterr()
    return case


@pytest.fixture
def money_case(new_case, tmp_path, capsys):
    """A case with the four statements and two destination accounts; returns (path, item prefixes by
    file, parsed facts by file)."""
    case = new_case
    a, b = write(tmp_path / "a.csv", STATEMENT_A), write(tmp_path / "b.csv", STATEMENT_B)
    u1, u2 = write(tmp_path / "u1.csv", UNKNOWN_1), write(tmp_path / "u2.csv", UNKNOWN_2)
    assert main(["import", str(case), str(a), str(b)]) == 0
    assert main(["import", str(case), str(u1), "--mapping", MAPPING, "--save-profile", "わたしの銀行"]) == 0
    assert main(["import", str(case), str(u2)]) == 0
    capsys.readouterr()
    items = {}
    main(["list", str(case), "--json"])
    for line in capsys.readouterr().out.splitlines():
        item = json.loads(line)
        items[item["original_name"]] = (item["id"][:8], item["parsed"])
    assert main(["account", str(case), "add", "--bank", "みずほ銀行", "--branch-code", "001", "--number", "1234567",
                 "--holder", "ﾔﾏﾀﾞ ﾀﾛｳ"]) == 0
    assert main(["account", str(case), "add", "--yucho", "14020-57561701", "--holder", "ｽｽﾞｷ ｲﾁﾛｳ"]) == 0
    capsys.readouterr()
    return case, {name: prefix for name, (prefix, _) in items.items()}, {n: p for n, (_, p) in items.items()}


def test_import_with_a_mapping_saves_the_layout_for_the_next_file(money_case):
    _case, _ids, parsed = money_case
    assert parsed["a.csv"]["profile"] == "jp.rakuten_bank.v1" and "mapping" not in parsed["a.csv"]
    assert parsed["u1.csv"]["profile"] == parsed["u2.csv"]["profile"] == parsed["u1.csv"]["mapping"]["id"]
    assert parsed["u2.csv"]["mapping"] == parsed["u1.csv"]["mapping"]
    assert (parsed["u2.csv"]["rows"], parsed["u2.csv"]["total_out"]) == (1, 100_000)


def test_save_profile_message_and_account_output(new_case, tmp_path, capsys):
    case = new_case
    u1 = write(tmp_path / "u1.csv", UNKNOWN_1)
    code, out, _ = run(capsys, "--lang", "en", "import", case, u1, "--mapping", MAPPING, "--save-profile", "my bank")
    assert code == 0
    assert out.splitlines()[0] == 'The statement layout was saved as "my bank". Statements of the same layout are read by it from now on.'
    code, out, _ = run(capsys, "account", case, "add", "--yucho", "14020-57561701", "--holder", "ｽｽﾞｷ ｲﾁﾛｳ")
    assert (code, out) == (0, "振込先口座 1 を記録しました: ゆうちょ銀行（9900） 四〇八（408） 普通 5756170 ｽｽﾞｷ ｲﾁﾛｳ "
                              "（記号番号 14020-57561701）\n"
                              f"（金融機関・支店コードの一覧: zengin-code、{bankcodes.data_date()} 時点）\n")
    code, out, _ = run(capsys, "--lang", "en", "account", case, "add", "--bank-code", "0001", "--branch-code", "999",
                       "--holder", "ﾀﾅｶ")
    assert (code, out) == (0, "Destination account 2 saved: みずほ（0001） （999） 普通 ﾀﾅｶ\n"
                              f"Note: branch code 999 of みずほ is not in the bundled table (as of {bankcodes.data_date()}). "
                              "Please check it.\n"
                              f"(bank and branch codes: zengin-code table as of {bankcodes.data_date()})\n")
    code, out, _ = run(capsys, "account", case, "edit", "2", "--branch-code", "001", "--note", "2回目")
    assert out.splitlines()[0] == "振込先口座 2 を記録しました: みずほ（0001） 東京営業部（001） 普通 ﾀﾅｶ"
    code, out, _ = run(capsys, "account", case, "remove", "1")
    assert (code, out) == (0, "消しました（消したことも記録に残ります）。\n")
    code, out, _ = run(capsys, "account", case, "list")
    assert out == "■ 振込先口座 2: みずほ（0001） 東京営業部（001） 普通 ﾀﾅｶ\n  メモ: 2回目\n"


def test_suggestions_then_links_marks_and_totals(money_case, capsys):
    case, ids, _ = money_case
    a, b, u1, u2 = ids["a.csv"], ids["b.csv"], ids["u1.csv"], ids["u2.csv"]
    code, out, _ = run(capsys, "money", case, "--suggest")
    assert code == 0
    assert out.splitlines() == [
        "振込先口座に結び付ける候補（確かめてから evidence-kit link ケース 行 振込先口座の番号 で結び付けてください）:",
        f"  {a}:3  2024-05-01            -300,000  ﾔﾏﾀﾞ ﾀﾛｳ  a.csv 3 行目 （同じ取引: {b}:2）",
        "      -> 振込先の名前が口座 1 の名義と同じです",
        f"  {a}:4  2024-05-08            -500,000  ﾔﾏﾀﾞ ﾀﾛｳ  a.csv 4 行目 （同じ取引: {b}:3）",
        "      -> 振込先の名前が口座 1 の名義と同じです",
        f"  {b}:4  2024-05-10             +30,000  ﾔﾏﾀﾞ ﾀﾛｳ  b.csv 4 行目",
        "      -> 振込先の名前が口座 1 の名義と同じです",
        f"  {b}:5  2024-05-12            -200,000  ｽｽﾞｷ ｲﾁﾛｳ  b.csv 5 行目",
        "      -> 振込先の名前が口座 2 の名義と同じです",
        f"  {u2}:2  2024-05-25            -100,000  ｽｽﾞｷ ｲﾁﾛｳ  u2.csv 2 行目",
        "      -> 振込先の名前が口座 2 の名義と同じです",
        "詐欺への支払いかもしれない行（決めるのはご自身です。evidence-kit mark で記録できます）:",
        f"  {a}:3  2024-05-01            -300,000  ﾔﾏﾀﾞ ﾀﾛｳ  a.csv 3 行目 （同じ取引: {b}:2）",
        "      [中] 被害が始まった日（2024-05-01）より前の明細には一度も出てこない個人名義への振込です",
        "      [強] 振込先の名前が、相手の口座として記録した口座 1 の名義と一致します（名前だけの一致です。口座番号は明細にありません）",
        "      [弱] 10 万円以上の、1 万円単位のちょうどの金額の振込です（弱い手がかり）",
        f"  {a}:4  2024-05-08            -500,000  ﾔﾏﾀﾞ ﾀﾛｳ  a.csv 4 行目 （同じ取引: {b}:3）",
        "      [中] 被害が始まった日（2024-05-01）より前の明細には一度も出てこない個人名義への振込です",
        "      [強] 振込先の名前が、相手の口座として記録した口座 1 の名義と一致します（名前だけの一致です。口座番号は明細にありません）",
        "      [弱] 10 万円以上の、1 万円単位のちょうどの金額の振込です（弱い手がかり）",
        f"  {b}:4  2024-05-10             +30,000  ﾔﾏﾀﾞ ﾀﾛｳ  b.csv 4 行目",
        "      [参考] 入金元の名前が、相手の口座として記録した口座 1 の名義と一致します（「利益」として返されたお金の可能性）",
        f"  {b}:5  2024-05-12            -200,000  ｽｽﾞｷ ｲﾁﾛｳ  b.csv 5 行目",
        "      [中] 被害が始まった日（2024-05-01）より前の明細には一度も出てこない個人名義への振込です",
        "      [強] 振込先の名前が、相手の口座として記録した口座 2 の名義と一致します（名前だけの一致です。口座番号は明細にありません）",
        "      [弱] 10 万円以上の、1 万円単位のちょうどの金額の振込です（弱い手がかり）",
        f"  {u1}:2  2024-05-20          -1,000,000  ﾋﾞﾂﾄﾌﾗｲﾔｰ(ｶ  u1.csv 2 行目",
        "      [弱] 暗号資産の取引所への振込です（取引所の明細があれば、その後の送金とつなげられます）",
        f"  {u2}:2  2024-05-25            -100,000  ｽｽﾞｷ ｲﾁﾛｳ  u2.csv 2 行目",
        "      [強] 振込先の名前が、相手の口座として記録した口座 2 の名義と一致します（名前だけの一致です。口座番号は明細にありません）",
    ]
    code, out, _ = run(capsys, "link", case, f"{b}:2", "1")  # the same row as a:3, named by its other statement
    assert (code, out) == (0, f"{b}:2 を振込先口座 1 に結び付けました:\n"
                              f"  {a}:3  2024-05-01            -300,000  ﾔﾏﾀﾞ ﾀﾛｳ  a.csv 3 行目 （同じ取引: {b}:2）\n")
    code, out, _ = run(capsys, "money", case, "--suggest")  # a flagged row already linked says so
    flagged = out.splitlines()[out.splitlines().index(
        "詐欺への支払いかもしれない行（決めるのはご自身です。evidence-kit mark で記録できます）:") + 1]
    assert flagged == f"  {a}:3  2024-05-01            -300,000  ﾔﾏﾀﾞ ﾀﾛｳ  a.csv 3 行目 （同じ取引: {b}:2）  確認済み"
    assert run(capsys, "mark", case, f"{u1}:2", "scam")[0] == 0
    assert run(capsys, "mark", case, f"{u2}:2", "not_scam")[0] == 0
    assert run(capsys, "scam-start", case, "2024-05-01")[1] == "被害が始まった日: 2024-05-01\n"
    code, out, _ = run(capsys, "money", case)
    assert code == 0
    assert out.splitlines() == [
        "被害が始まった日: 2024-05-01",
        "■ 振込先口座 1: みずほ銀行（0001） 東京営業部（001） 普通 1234567 ﾔﾏﾀﾞ ﾀﾛｳ",
        "  支払い 2 件  合計 800,000 円（確認済み 300,000 円、未確認 500,000 円）  手数料 0 円  2024-05-01 〜 2024-05-08",
        f"    {a}:3  2024-05-01            -300,000  ﾔﾏﾀﾞ ﾀﾛｳ  a.csv 3 行目 （同じ取引: {b}:2）  確認済み",
        f"    {a}:4  2024-05-08            -500,000  ﾔﾏﾀﾞ ﾀﾛｳ  a.csv 4 行目 （同じ取引: {b}:3）  未確認（自動の候補）",
        "  返ってきたお金 1 件  合計 30,000 円（確認済み 0 円、未確認 30,000 円）  2024-05-10 〜 2024-05-10",
        f"    {b}:4  2024-05-10             +30,000  ﾔﾏﾀﾞ ﾀﾛｳ  b.csv 4 行目  未確認（自動の候補）",
        "■ 振込先口座 2: ゆうちょ銀行（9900） 四〇八（408） 普通 5756170 ｽｽﾞｷ ｲﾁﾛｳ （記号番号 14020-57561701）",
        "  支払い 1 件  合計 200,000 円（確認済み 0 円、未確認 200,000 円）  手数料 0 円  2024-05-12 〜 2024-05-12",
        f"    {b}:5  2024-05-12            -200,000  ｽｽﾞｷ ｲﾁﾛｳ  b.csv 5 行目  未確認（自動の候補）",
        "■ 振込先口座を決めていない支払い（取引所・現金など）",
        "  支払い 1 件  合計 1,000,000 円（確認済み 1,000,000 円、未確認 0 円）  手数料 0 円  2024-05-20 〜 2024-05-20",
        f"    {u1}:2  2024-05-20          -1,000,000  ﾋﾞﾂﾄﾌﾗｲﾔｰ(ｶ  u1.csv 2 行目  確認済み",
        "支払いの合計: 2,000,000 円（4 件。確認済み 1,300,000 円、未確認 700,000 円）",
        "返ってきたお金（「利益」など）の合計: 30,000 円（1 件。確認済み 0 円、未確認 30,000 円）",
        "実際の被害額（支払い − 返ってきたお金）: 1,970,000 円（確認済みの行だけでは 1,300,000 円）",
        "振込元（ご自分の口座）ごとの支払い:",
        "  わたしの銀行: 1,000,000 円（1 件。確認済み 1,000,000 円、未確認 0 円）",
        "  楽天銀行: 1,000,000 円（3 件。確認済み 300,000 円、未確認 700,000 円）",
    ]
    code, out, _ = run(capsys, "money", case, "--json")
    data = json.loads(out)
    assert (data["net_damage"], data["net_damage_confirmed"], data["paid"]["total"]) == (1_970_000, 1_300_000, 2_000_000)
    assert [(r["ref"], r["status"], [s["line"] for s in r["sources"]]) for r in data["accounts"][0]["paid"]["rows"]] == [
        (f"{a}:3", "confirmed", [3, 2]), (f"{a}:4", "flagged", [4, 3])]
    assert run(capsys, "--lang", "en", "unlink", case, f"{a}:3")[1] == f"{a}:3 is no longer tied to an account.\n"
    assert run(capsys, "--lang", "en", "unlink", case, f"{a}:3") == (1, f"{a}:3 is not tied to any account.\n", "")


def test_records_survive_verify_lock_and_rebuild(money_case, capsys):
    case_path, ids, _ = money_case
    run(capsys, "link", case_path, f"{ids['a.csv']}:3", "1")
    code, out, _ = run(capsys, "verify", case_path, "--deep")
    assert code == 0, out
    before = run(capsys, "money", case_path, "--json")[1]
    case = Case.open(case_path)
    case.unlock(PASSPHRASE)
    case.rebuild_index()  # every item parsed again from its manifest: u2.csv with the layout saved from u1.csv
    u2 = next(i["id"] for i in case.items() if i["original_name"] == "u2.csv")
    assert [(r["line"], r["attrs"]["amount"]) for r in case.records(u2) if r["type"] == "transaction"] == [(2, -100_000)]
    state = caserecords.load(case)
    assert sorted(state.accounts) == ["1", "2"] and len(state.links) == 1 and len(state.profiles) == 1
    case.lock()
    assert run(capsys, "money", case_path, "--json")[1] == before


def test_party_and_actions(new_case, tmp_path, capsys):
    case = new_case
    assert run(capsys, "party", case, "show")[1] == (
        "相手方の記録はまだありません。evidence-kit party CASE set --name 名前 で記録できます。\n")
    run(capsys, "party", case, "set", "--name", "ケン", "--name", "Ken Smith", "--nationality", "アメリカ", "--job", "軍医")
    run(capsys, "party", case, "add-id", "line_id", "ken_0501")
    code, out, _ = run(capsys, "party", case, "add-id", "whatsapp", "+1 555 0100", "--note", "2通目から")
    assert out.splitlines() == ["記録しました。", "■ 相手方 1", "  名乗った名前: ケン / Ken Smith",
                                "  国籍（本人が名乗ったもの）: アメリカ", "  職業（本人が名乗ったもの）: 軍医",
                                "  1. LINE ID: ken_0501", "  2. WhatsApp の番号: +1 555 0100（2通目から）"]
    run(capsys, "party", case, "remove-id", "1")
    code, out, _ = run(capsys, "--lang", "en", "party", case, "show")
    assert out.splitlines() == ["■ Other party 1", "  Names used: ケン / Ken Smith", "  Nationality (as claimed): アメリカ",
                                "  Job (as claimed): 軍医", "  1. WhatsApp number: +1 555 0100（2通目から）"]
    assert run(capsys, "party", case, "remove-id", "5")[0:3:2] == (1, "番号 5 の連絡先はありません。party CASE show で番号を確かめてください。\n")
    run(capsys, "action", case, "add", "2024-06-03", "police", "被害届を提出", "--org", "中央警察署 生活安全課",
        "--ref", "第123号")
    run(capsys, "action", case, "add", "2024-06-01", "consumer_center_188", "電話で相談")
    code, out, _ = run(capsys, "action", case, "list")
    assert out.splitlines() == ["2. 2024-06-01 消費生活センター（188）: 電話で相談",
                                "1. 2024-06-03 警察 中央警察署 生活安全課: 被害届を提出 （受理番号など: 第123号）"]
    run(capsys, "action", case, "remove", "2")
    assert run(capsys, "--lang", "en", "action", case, "list")[1] == (
        "1. 2024-06-03 police 中央警察署 生活安全課: 被害届を提出 (reference: 第123号)\n")


@pytest.mark.parametrize("args, message", [
    (["link", "{case}", "zz:1", "1"], '"zz:1" does not name a statement row. Use the form shown by money and list: '
                                      '"a1b2c3d4:12" (file:line).'),
    (["link", "{case}", "abcdef12:3", "1"], 'No statement row matches "abcdef12:3". Check the row with evidence-kit money.'),
    (["account", "{case}", "add", "--bank-code", "12"], 'The bank code "12" must be 4 digits (ゆうちょ銀行 is 9900, for example).'),
    (["account", "{case}", "remove", "7"], "There is no destination account number 7. Check the numbers with account CASE list."),
    (["action", "{case}", "remove", "1"], "There is no action number 1. Check the numbers with action CASE list."),
    (["party", "{case}", "remove-id", "1", "--party", "2"],
     "There is no other party number 2. Check the numbers with party CASE show."),
    (["account", "{case}", "edit", "7", "--note", "x"], "There is no destination account number 7. Check the numbers with account CASE list."),
    (["action", "{case}", "add", "2024/06/01", "police", "相談"],
     'The date "2024/06/01" cannot be read. Write it as year-month-day, like 2024-05-01.'),
    (["scam-start", "{case}", "5月1日"], 'The date "5月1日" cannot be read. Write it as year-month-day, like 2024-05-01.'),
    (["scam-start", "{case}"], "Give the day the scam started, like 2024-05-01 (or --clear to forget the day recorded)."),
    (["import", "{case}", "{u1}", "--mapping", "date日付"],
     '"date日付" in --mapping is not "role=column name". Example: --mapping "date=日付,out=出金,in=入金,desc=摘要,balance=残高"'),
    (["import", "{case}", "{u1}", "--mapping", "day=日付,amount=金額"],
     '--mapping has no role "day". The roles are: date, amount, out, in, desc, balance, counterparty, header'),
    (["import", "{case}", "{u1}", "--profile", "nothing"], 'There is no statement layout (profile) named "nothing".'),
    (["import", "{case}", "{u1}", "--save-profile", "x"], "--save-profile goes with --mapping (it saves the column mapping "
                                                          "given there)."),
])
def test_bad_input_gets_a_clear_message(new_case, tmp_path, capsys, args, message):
    case = new_case
    u1 = write(tmp_path / "u1.csv", UNKNOWN_1)
    code, out, err = run(capsys, "--lang", "en", *[a.format(case=case, u1=u1) for a in args])
    assert (code, out, err) == (1, "", message + "\n")


def test_a_mapping_that_does_not_fit_names_the_file(new_case, tmp_path, capsys):
    case = new_case
    a = write(tmp_path / "a.csv", STATEMENT_A)
    code, out, _ = run(capsys, "--lang", "en", "import", case, a, "--mapping", MAPPING)
    assert code == 1
    assert out.splitlines() == ['Not imported: The header row of layout "user.mapping" is not in "a.csv". '
                                'Please check that the file is from that bank and layout.',
                                "0 imported, 0 duplicates, 1 failed."]


def test_inspect_with_a_mapping(tmp_path, capsys):
    u1 = write(tmp_path / "u1.csv", UNKNOWN_1 + "2024/05/21,,5000,ﾔﾏﾀﾞ ﾀﾛｳ,255000\n".encode())
    code, out, _ = run(capsys, "--lang", "en", "inspect", u1, "--mapping", MAPPING)
    assert (code, out) == (0, "Format: money (user.mapping), encoding: utf-8, 3 records, 0 warnings\n"
                              "     2  2024-05-20            -1,000,000         250,000  ﾋﾞﾂﾄﾌﾗｲﾔｰ(ｶ\n"
                              "     3  2024-05-21                +5,000         255,000  ﾔﾏﾀﾞ ﾀﾛｳ\n")


def test_inspect_of_an_unknown_statement_proposes_a_mapping(tmp_path, capsys):
    u1 = write(tmp_path / "u1.csv", UNKNOWN_1)
    code, out, _ = run(capsys, "--lang", "en", "inspect", u1)
    assert (code, out) == (0, f"{u1}: no known format. Imported, it is kept as it is (not read).\n"
                              "It looks like a statement. A guess at its columns (check the rows it gives before using it):\n"
                              f'  evidence-kit inspect {u1} --mapping "date=日付,out=出金,in=入金,desc=摘要,balance=残高" '
                              "--date-format ymd\n")


BANK_TO_EXCHANGE = (HEADER + "20241227,-3000000,500000,振込 ﾋﾞﾂﾄﾌﾗｲﾔｰ(ｶ\r\n").encode("cp932")
EXCHANGE = ("\ufeff" + ",".join(f'"{c}"' for c in ("取引日時", "通貨", "取引種別", "取引価格", "通貨1", "通貨1数量", "手数料",
                                                 "通貨1の対円レート", "通貨2", "通貨2数量", "自己・媒介", "注文 ID", "備考")) + "\n"
            '"2024/12/28 10:00:00","JPY","入金","0","JPY","3,000,000","0","0","","0","","MDP1",""\n'
            '"2024/12/29 09:00:00","BTC/JPY","買い","9,651,314","BTC","0.3","-0.0003","9,651,314","JPY","-2,895,394","媒介","JOR1",""\n'
            '"2024/12/30 09:00:00","BTC","外部送付","0","BTC","-0.2997","0","9,426,573","","0","","CWD1",""\n').encode()


def test_bank_to_exchange_to_an_external_send(new_case, tmp_path, capsys):
    case = new_case
    bank = write(tmp_path / "rakuten.csv", BANK_TO_EXCHANGE)
    exchange = write(tmp_path / "bitflyer.csv", EXCHANGE)
    assert main(["import", str(case), str(bank), str(exchange)]) == 0
    capsys.readouterr()
    main(["list", str(case), "--json"])
    ids = {json.loads(line)["original_name"]: json.loads(line)["id"][:8] for line in capsys.readouterr().out.splitlines()}
    r, x = ids["rakuten.csv"], ids["bitflyer.csv"]
    code, out, _ = run(capsys, "--lang", "en", "money", case, "--suggest")
    assert out.splitlines() == [
        "Rows that may be payments to the scam (you decide; record it with evidence-kit mark):",
        f"  {r}:2  2024-12-27          -3,000,000  ﾋﾞﾂﾄﾌﾗｲﾔｰ(ｶ  rakuten.csv line 2",
        "      [medium] a transfer to a crypto exchange, followed within 7 days by a send out of the exchange",
        f"          {x}:4  2024-12-30 09:00   -0.2997 BTC  外部送付 BTC  bitflyer.csv line 4",
        "      [weak] a transfer of a round sum of 100,000 yen or more (a weak sign)",
    ]
    run(capsys, "mark", case, f"{r}:2", "scam")
    run(capsys, "mark", case, f"{x}:4", "scam")
    code, out, _ = run(capsys, "--lang", "en", "money", case)
    assert out.splitlines()[-4:] == [
        "Crypto sent out:",
        "  BTC: 0.2997 in all (1 sends)",
        f"    {x}:4  2024-12-30 09:00   -0.2997 BTC  外部送付 BTC  bitflyer.csv line 4  confirmed",
        "      to address -  TxID -  network -",
    ]
    assert "Net damage (paid - paid back): 3,000,000 yen (3,000,000 yen from confirmed rows only)" in out.splitlines()


def test_mapping_with_its_header_row(tmp_path, capsys):
    path = write(tmp_path / "h.csv", "口座番号,1234567\n日付,出金,入金,摘要,残高\n2024/05/12,200000,,ｽｽﾞｷ ｲﾁﾛｳ,250000\n".encode())
    code, out, _ = run(capsys, "--lang", "en", "inspect", path, "--mapping", MAPPING + ",header=2")
    assert (code, out) == (0, "Format: money (user.mapping), encoding: utf-8, 3 records, 0 warnings\n"
                              "     3  2024-05-12              -200,000         250,000  ｽｽﾞｷ ｲﾁﾛｳ\n")
    code, out, err = run(capsys, "--lang", "en", "inspect", path, "--mapping", MAPPING + ",header=1")
    assert (code, err) == (1, 'The header row of layout "user.mapping" is not in "h.csv". '
                              "Please check that the file is from that bank and layout.\n")
    code, out, err = run(capsys, "--lang", "en", "inspect", path, "--mapping", MAPPING + ",header=0")
    assert (code, err) == (1, 'header="0" in --mapping must be the number of the row holding the column names '
                              "(counting from 1).\n")


def test_a_transfer_known_from_a_slip_finds_its_row(money_case, capsys):
    case, ids, _ = money_case
    code, out, _ = run(capsys, "account", case, "add-transfer", "2", "2024-05-24", "100,000円", "振込受付書（写真）")
    assert code == 0
    code, out, _ = run(capsys, "account", case, "list")
    assert out.splitlines()[1:] == [
        "■ 振込先口座 2: ゆうちょ銀行（9900） 四〇八（408） 普通 5756170 ｽｽﾞｷ ｲﾁﾛｳ （記号番号 14020-57561701）",
        "  振込の記録 1: 2024-05-24 100,000 円（振込受付書（写真））"]
    out = run(capsys, "money", case, "--suggest")[1].splitlines()
    u2 = ids["u2.csv"]
    assert out[9:11] == [f"  {u2}:2  2024-05-25            -100,000  ｽｽﾞｷ ｲﾁﾛｳ  u2.csv 2 行目",
                         "      -> 口座 2 への振込の記録（2024-05-24、100,000 円。振込受付書（写真））と金額が同じで、"
                         "日付の差が 1 営業日以内です"]
    assert run(capsys, "--lang", "en", "account", case, "add-transfer", "2", "2024-05-24", "10万", "slip")[2] == (
        'The transfer amount "10万" must be a whole number of yen above 0 (e.g. 300000).\n')
    assert run(capsys, "account", case, "remove-transfer", "2", "1")[0] == 0
    assert run(capsys, "account", case, "list")[1].splitlines()[2:] == []


# an SMBC statement, newest first: each 振込手数料 is on the line above its transfer
SMBC = ("年月日,お引出し,お預入れ,お取り扱い内容,残高,メモ,ラベル\r\n"
        "2024/5/21,440,,振込手数料,1034620,,\r\n2024/5/21,500000,,振込　ﾔﾏﾀﾞ ﾀﾛｳ,1035060,,\r\n"
        "2024/5/13,440,,振込手数料,1535060,,\r\n2024/5/13,100000,,振込　ｽｽﾞｷ ｲﾁﾛｳ,1535500,,\r\n").encode("cp932")


def test_a_fee_row_is_shown_as_its_transfers_fee(new_case, tmp_path, capsys):
    case = new_case
    assert main(["import", str(case), str(write(tmp_path / "smbc.csv", SMBC))]) == 0
    assert main(["account", str(case), "add", "--bank-code", "0036", "--holder", "ﾔﾏﾀﾞ ﾀﾛｳ"]) == 0
    main(["list", str(case), "--json"])
    item = json.loads(capsys.readouterr().out.splitlines()[-1])["id"][:8]
    assert run(capsys, "link", case, f"{item}:3", "1")[0] == 0
    assert run(capsys, "mark", case, f"{item}:5", "scam")[0] == 0
    code, out, err = run(capsys, "mark", case, f"{item}:4", "scam")
    assert (code, err) == (1, f"{item}:4 は振込手数料の行で、振込 {item}:5 の手数料としてまとめて表示しています。"
                              f"{item}:5 の行を指定してください。\n")
    code, out, _ = run(capsys, "money", case)
    assert out.splitlines()[1:] == [
        "■ 振込先口座 1: 楽天（0036） 普通 ﾔﾏﾀﾞ ﾀﾛｳ",
        "  支払い 1 件  合計 500,000 円（確認済み 500,000 円、未確認 0 円）  手数料 440 円  2024-05-21 〜 2024-05-21",
        f"    {item}:3  2024-05-21            -500,000  ﾔﾏﾀﾞ ﾀﾛｳ  smbc.csv 3 行目  手数料 440 円（手数料の行: {item}:2）  確認済み",
        "■ 振込先口座を決めていない支払い（取引所・現金など）",
        "  支払い 1 件  合計 100,000 円（確認済み 100,000 円、未確認 0 円）  手数料 440 円  2024-05-13 〜 2024-05-13",
        f"    {item}:5  2024-05-13            -100,000  ｽｽﾞｷ ｲﾁﾛｳ  smbc.csv 5 行目  手数料 440 円（手数料の行: {item}:4）  確認済み",
        "支払いの合計: 600,000 円（2 件。確認済み 600,000 円、未確認 0 円）",
        "振込手数料の合計: 880 円（上の支払いの合計には含めていません。口座凍結の申出は振込額そのものについて行います）",
        "返ってきたお金（「利益」など）の合計: 0 円（0 件。確認済み 0 円、未確認 0 円）",
        "実際の被害額（支払い − 返ってきたお金）: 600,000 円（確認済みの行だけでは 600,000 円）",
        "振込元（ご自分の口座）ごとの支払い:",
        "  三井住友銀行: 600,000 円（2 件。確認済み 600,000 円、未確認 0 円）",
    ]
    code, out, _ = run(capsys, "money", case, "--suggest")
    assert "振込手数料" not in out


def test_the_latest_decision_about_a_row_wins_and_removing_an_account_says_what_it_unties(money_case, capsys):
    case, ids, _ = money_case
    a = ids["a.csv"]
    assert run(capsys, "mark", case, f"{a}:3", "not_scam")[0] == 0
    code, out, _ = run(capsys, "link", case, f"{a}:3", "1")  # linked after all: the earlier mark goes
    assert out.splitlines()[:2] == [f"{a}:3 を振込先口座 1 に結び付けました:", f"{a}:3 の「詐欺とは関係ない」の記録は外しました。"]
    data = json.loads(run(capsys, "money", case, "--json")[1])
    assert [(r["ref"], r["status"]) for r in data["accounts"][0]["paid"]["rows"]][0] == (f"{a}:3", "confirmed")
    code, out, _ = run(capsys, "mark", case, f"{a}:3", "not_scam")  # and the other way round
    assert out.splitlines()[:2] == [f"{a}:3 を「詐欺とは関係ない」と記録しました:", f"{a}:3 の振込先口座 1 への結び付けは外しました。"]
    assert run(capsys, "link", case, f"{a}:4", "1")[0] == 0
    code, out, _ = run(capsys, "account", case, "remove", "1")
    assert out == ("消しました（消したことも記録に残ります）。\n"
                   "この口座に結び付けていた明細の行 1 件は、どの口座にも結び付いていない扱いになります。\n")


def test_listing_records_of_an_unknown_kind_does_not_fail(new_case, capsys):
    case = Case.open(new_case)
    case.unlock(PASSPHRASE)
    caserecords.put(case, "action", "x", {"date": "2024-06-01", "who": "neighbour", "what": "相談"})
    caserecords.put(case, "action", "2", {"date": "2024-06-01", "who": "police", "what": "相談"})
    caserecords.put(case, "party", "1", {"identifiers": [{"kind": "skype", "value": "ken.s"}]})
    case.lock()
    assert run(capsys, "action", new_case, "list")[1].splitlines() == ["2. 2024-06-01 警察: 相談", "x. 2024-06-01 neighbour: 相談"]
    assert run(capsys, "party", new_case, "show")[1].splitlines()[-1] == "  1. skype: ken.s"
