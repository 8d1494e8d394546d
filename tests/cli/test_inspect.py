"""`evidence-kit inspect` and importing chat exports through the CLI."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from evidence_kit.cli import main
from tests.conftest import PASSPHRASE, write

LINE_EXPORT = (
    "[LINE] ケンとのトーク履歴\r\n保存日時：2024/06/02 21:15\r\n\r\n2024/05/01(水)\r\n"
    "20:14\tケン\tはじめまして。ＡＢＣ１２３ ｶﾀｶﾅ ① ～\r\n"
    "20:16\tさくら\t\"本当に\r\n\"\"大丈夫\"\"ですか\"\r\n"
).encode("utf-8")

# the same day and month values both ways round: nothing in the file can tell
AMBIGUOUS_WHATSAPP = (
    "01/02/2024, 09:15 - Ken: hello\n"
    "03/04/2024, 10:00 - Sakura: hi\n"
).encode("utf-8")


def test_inspect_json_keeps_every_character(tmp_path, capsys):
    path = write(tmp_path / "line.txt", LINE_EXPORT)
    assert main(["inspect", "--json", str(path)]) == 0
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    messages = [r for r in records if r["type"] == "message"]
    assert [(m["time"], m["sender"], m["text"], m["line"]) for m in messages] == [
        ("2024-05-01T20:14:00+09:00", "ケン", "はじめまして。ＡＢＣ１２３ ｶﾀｶﾅ ① ～", 5),
        ("2024-05-01T20:16:00+09:00", "さくら", '本当に\n"大丈夫"ですか', 6),
    ]
    assert err.splitlines()[0].startswith("形式: line")


def test_inspect_unknown_file(tmp_path, capsys):
    path = write(tmp_path / "x.bin", bytes(range(256)))
    assert main(["--lang", "en", "inspect", str(path)]) == 0
    assert capsys.readouterr().out == f"{path}: no known format. Imported, it is kept as it is (not read).\n"


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=3000))
def test_inspect_never_crashes_on_random_bytes(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("rnd") / "random.txt"
    path.write_bytes(data)
    assert main(["--lang", "en", "inspect", "--json", str(path)]) in (0, 1)


def test_import_asks_the_date_order_before_storing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    case = tmp_path / "case"
    main(["case", "create", str(case)])
    chat = write(tmp_path / "WhatsApp Chat with Ken.txt", AMBIGUOUS_WHATSAPP)
    capsys.readouterr()
    assert main(["--lang", "en", "import", str(case), str(chat)]) == 1
    out, _ = capsys.readouterr()
    assert out.splitlines()[0] == (
        f"Not imported: Cannot tell from {chat} whether its dates are day/month or month/day. "
        "Choose the one your phone's region uses (on the command line: --date-order dmy or mdy).")
    assert main(["--lang", "en", "import", str(case), str(chat), "--date-order", "dmy"]) == 0
    main(["list", str(case), "--json"])
    [item] = [json.loads(l) for l in capsys.readouterr().out.splitlines() if l.startswith("{")]
    assert item["original_name"] == "WhatsApp Chat with Ken.txt"
    assert (item["parsed"]["format"], item["parsed"]["date_order"], item["parsed"]["records"]) == ("whatsapp", "dmy", 2)


def test_inspect_a_broken_file_says_so(tmp_path, capsys, monkeypatch):
    from evidence_kit.importers import line

    def broken(*args, **kwargs):
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(line, "parse", broken)
    path = write(tmp_path / "line.txt", LINE_EXPORT)
    assert main(["--lang", "en", "inspect", str(path)]) == 1
    _, err = capsys.readouterr()
    assert err.startswith(f"Could not read {path} (") and "Traceback" not in err


def test_names_from_evidence_cannot_drive_the_terminal(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("EVIDENCE_KIT_PASSPHRASE", PASSPHRASE)
    case = tmp_path / "case"
    main(["case", "create", str(case)])
    write(tmp_path / "in" / "evil\x1b[2Jname.txt", b"x")
    capsys.readouterr()
    assert main(["--lang", "en", "import", str(case), str(tmp_path / "in")]) == 0
    out, _ = capsys.readouterr()
    assert "\x1b" not in out and "evil\\x1b[2Jname.txt" in out
