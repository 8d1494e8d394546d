"""The LINE importer over the shared sample corpus (third-party files, never committed; see
shared/corpus/SOURCES.md). Skipped when the corpus is not beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from evidence_kit.importers import line, text

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "line"

if not CORPUS.is_dir():
    pytest.skip(f"the shared corpus is absent ({CORPUS})", allow_module_level=True)

MESSAGE_LIKE = {"message", "media", "call", "unsent", "system"}

# {file: (message-like records, warnings)}, checked by eye against the files:
# - every line starting `HH:MM<sep>` outside a quoted message is one record (grep counts agree);
# - the Thai file's 6 warnings: its `$` separator (1) and 5 lines where a TAB, not `$`, follows the name;
# - each desktop save: the warning that space-separated names need checking; personal2 also has
#   `07:28奈緒 …` (no space after the time), read as the previous message's continuation and flagged.
EXPECTED = {
    "en_ui_thai_BE_dollar_separated_tenyyy.txt": (32302, 6),
    "ja_linelog2py_example_crlf.txt": (10, 0),
    "ja_openchat_patchouli_talk1.txt": (5644, 0),
    "newstyle_space_en_linechatviewer_sample.txt": (5, 1),
    "newstyle_space_linechatviewer_group1.txt": (81, 1),
    "newstyle_space_linechatviewer_group2.txt": (116, 1),
    "newstyle_space_linechatviewer_personal1.txt": (26, 1),
    "newstyle_space_linechatviewer_personal2.txt": (55, 2),
}
VARIANTS = {
    "en_ui_thai_BE_dollar_separated_tenyyy.txt": "line-mobile-en-thai-be-dollar-separated",
    "ja_linelog2py_example_crlf.txt": "line-mobile-ja",
    "ja_openchat_patchouli_talk1.txt": "line-mobile-ja",
}

FILES = sorted(p for p in CORPUS.iterdir() if p.is_file())


@pytest.fixture(scope="module")
def parsed():
    return {path.name: line.parse(path) for path in FILES}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_line_is_kept_in_order(path, parsed):
    result = parsed[path.name]
    assert [raw for r in result.records for raw in r.raw] == text.read_text(path).lines
    expected_line = 1
    for r in result.records:
        assert r.line == expected_line and r.end_line == r.line + len(r.raw) - 1
        expected_line = r.end_line + 1
    assert line.sniff(path, path.read_bytes()[:64 * 1024]) > 0.5


def test_counts(parsed):
    observed = {name: (sum(r.type in MESSAGE_LIKE for r in result.records), len(result.warnings))
                for name, result in parsed.items()}
    assert observed == EXPECTED


def test_variants(parsed):
    for name, result in parsed.items():
        assert result.variant == VARIANTS.get(name, "line-desktop"), name


def test_known_facts_of_the_samples(parsed):
    thai = parsed["en_ui_thai_BE_dollar_separated_tenyyy.txt"]
    assert thai.info["date_order"] == "dmy"
    assert thai.records[0].attrs == {"date": "2019-07-10"}  # `Wed, 10/07/2562 BE`
    assert {w.code for w in thai.warnings} == {"line_separator_altered", "line_unparsed"}
    talk = parsed["ja_openchat_patchouli_talk1.txt"]
    assert (talk.info["chat_kind"], talk.info["saved_at"]) == ("openchat", "2023-07-15T02:28:00+09:00")
    assert sum(len(r.raw) > 1 for r in talk.records) == 591  # CSV-quoted multi-line messages
    assert sum("\u2068" in (r.text or "") for r in talk.records if r.type == "system") == 68
    crlf = parsed["ja_linelog2py_example_crlf.txt"]
    assert crlf.info["saved_at"] == "2022-11-10T01:11:00+09:00"
