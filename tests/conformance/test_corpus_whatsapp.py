"""The WhatsApp importer on every sample of ../shared/corpus/whatsapp (third-party files, never
committed; see its SOURCES.md). The counts below were checked by reading each file line by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_kit.core.errors import EvidenceKitError
from evidence_kit.importers import text, whatsapp

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "whatsapp"

if not CORPUS.is_dir():
    pytest.skip(f"the shared corpus is absent (no WhatsApp samples at {CORPUS})", allow_module_level=True)

MESSAGE_LIKE = {"message", "media", "deleted", "call"}

# file: (message-like records, warnings as (line, code)). The whatsr files have 42, not the 41 the
# peers report: line 36 "Carol:" (a self-deleting photo) is kept as Carol's empty message. Their
# two "23:59 PM" lines (hand-edited) get no time and a warning instead of aborting the file.
EXPECTED = {
    "android_ddmmyyyy_24h_rwhatsapp_sample.txt": (7, []),
    "android_ddmmyyyy_am_pm_with_dots_wareader_sample.txt": (30, []),
    "chatanalytics_android_mdyy_2A_5M.txt": (5, []),
    "chatanalytics_android_mdyy_group_4A_11M.txt": (11, []),
    "chatminer_android_ddmmyy_24hrs.txt": (7, []),
    "chatminer_android_mmddyy_24hrs.txt": (7, []),
    "chatminer_android_mmddyyyy_12hrs.txt": (7, []),
    "chatminer_android_yyyymmdd_24hrs.txt": (7, []),
    "chatminer_ios_bracket_mmddyy_24h.txt": (7, []),
    "whatsr_englishandroid24h.txt": (42, []),
    "whatsr_englishandroidampm.txt": (42, [(35, "whatsapp_time_invalid"), (36, "whatsapp_time_invalid")]),
    "whatsr_englishios24h.txt": (42, []),
    "whatsr_englishiosampm.txt": (42, []),
    "whatsr_germanandroid24h.txt": (42, []),
    "whatsr_germanandroidampm.txt": (42, [(35, "whatsapp_time_invalid"), (36, "whatsapp_time_invalid")]),
    "whatsr_germanios24h.txt": (42, []),
    "whatstk_android_dotted_ddmmyyyy_pokemon.txt": (18, []),
    "whatstk_ios_bracket_lorem_generated.txt": (500, []),
}

# Every date in these two is 12/9/20 or 1/1/21: day/month order cannot be told, by design. Their
# source (chat-analytics) reads them month first.
AMBIGUOUS = {"chatanalytics_android_mdyy_2A_5M.txt": "mdy", "chatanalytics_android_mdyy_group_4A_11M.txt": "mdy"}

ORDER = {
    "android_ddmmyyyy_24h_rwhatsapp_sample.txt": "dmy", "android_ddmmyyyy_am_pm_with_dots_wareader_sample.txt": "dmy",
    "chatminer_android_ddmmyy_24hrs.txt": "dmy", "chatminer_android_mmddyy_24hrs.txt": "mdy",
    "chatminer_android_mmddyyyy_12hrs.txt": "mdy", "chatminer_android_yyyymmdd_24hrs.txt": "ymd",
    "chatminer_ios_bracket_mmddyy_24h.txt": "mdy", "whatstk_android_dotted_ddmmyyyy_pokemon.txt": "dmy",
    "whatstk_ios_bracket_lorem_generated.txt": "dmy",
    **{f"whatsr_english{v}.txt": "mdy" for v in ("android24h", "androidampm", "ios24h", "iosampm")},
    **{f"whatsr_german{v}.txt": "dmy" for v in ("android24h", "androidampm", "ios24h")},
}


def corpus_files() -> list[str]:
    return sorted(p.name for p in CORPUS.iterdir() if p.is_file() and p.suffix in (".txt", ".zip"))


def parsed(name: str):
    path = CORPUS / name
    if name in AMBIGUOUS:
        with pytest.raises(EvidenceKitError) as err:
            whatsapp.parse(path)
        assert err.value.code == "date_order_ambiguous"
        return whatsapp.parse(path, date_order=AMBIGUOUS[name])
    return whatsapp.parse(path)


def test_every_corpus_file_is_expected():
    assert corpus_files() == sorted(EXPECTED)


@pytest.mark.parametrize("name", corpus_files())
def test_corpus_file(name):
    path = CORPUS / name
    assert whatsapp.sniff(path, path.read_bytes()[:65536]) > 0.5
    result = parsed(name)
    lines = text.split_lines(text.decode(path.read_bytes())[0])
    assert [line for r in result.records for line in r.raw] == lines
    expected_line = 1
    for r in result.records:
        assert (r.line, r.end_line) == (expected_line, expected_line + len(r.raw) - 1)
        expected_line = r.end_line + 1
    count = sum(r.type in MESSAGE_LIKE for r in result.records)
    assert (count, [(w.line, w.code) for w in result.warnings]) == EXPECTED[name]
    assert result.info["date_order"] == AMBIGUOUS.get(name, ORDER.get(name))
    assert not [r for r in result.records if r.type == "unparsed"]


def test_details_checked_by_eye():
    def by_line(name: str) -> dict:
        return {r.line: r for r in parsed(name).records}

    wareader = by_line("android_ddmmyyyy_am_pm_with_dots_wareader_sample.txt")
    assert (wareader[1].time, wareader[25].time) == ("2017-10-13T00:12:00+09:00", "2017-10-13T13:02:00+09:00")
    ampm = by_line("whatsr_englishandroidampm.txt")
    assert (ampm[35].time, ampm[35].time_raw, ampm[36].sender, ampm[36].text) == (None, "1/29/18, 23:59 PM", "Carol", "")
    assert ampm[39].time == "2018-01-30T00:04:00+09:00"  # "00:04 AM"
    assert ampm[9].type == "system" and ampm[9].raw[0].startswith("\ufeff")
    ios = by_line("whatsr_englishios24h.txt")
    assert (ios[15].type, ios[15].attrs) == ("media", {"media": "voice", "attachment": "PTT-20180129-WA0025.opus"})
    assert (ios[20].type, ios[20].attrs) == ("media", {"media": "image", "omitted": True})
    german = by_line("whatsr_germanios24h.txt")
    assert (german[10].time_raw, german[10].sender, german[10].text) == ("29.01.18, 12:26:03", "Dave", "Test test")
    assert german[28].text == "https://github.com/JuKo00\ufeff7"  # a stray BOM inside a message stays
    rwhatsapp = by_line("android_ddmmyyyy_24h_rwhatsapp_sample.txt")
    assert (rwhatsapp[5].text, rwhatsapp[5].end_line) == ("It's fun doing text analysis with R\nisn't it?", 6)
    assert [r.type for r in rwhatsapp.values()][-1] == "blank"
    pokemon = by_line("whatstk_android_dotted_ddmmyyyy_pokemon.txt")
    assert (pokemon[1].type, pokemon[1].sender) == ("system", "Pokemon Chat")
