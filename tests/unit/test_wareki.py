from datetime import date

import pytest

from evidence_kit.core import wareki


@pytest.mark.parametrize("day, text", [
    (date(2024, 5, 1), "令和6年5月1日"),
    (date(2019, 5, 1), "令和元年5月1日"),
    (date(2019, 4, 30), "平成31年4月30日"),
    (date(1989, 1, 8), "平成元年1月8日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (date(1926, 12, 25), "昭和元年12月25日"),
    (date(1926, 12, 24), "大正15年12月24日"),
    (date(1912, 7, 30), "大正元年7月30日"),
    (date(1900, 1, 1), "明治33年1月1日"),
])
def test_format_date(day, text):
    assert wareki.format_date(day) == text


@pytest.mark.parametrize("era, y, m, d, expected", [
    ("令和", 6, 5, 1, date(2024, 5, 1)),
    ("R", 7, 8, 5, date(2025, 8, 5)),
    ("H", 30, 1, 15, date(2018, 1, 15)),
    ("h", 31, 4, 30, date(2019, 4, 30)),
    ("S", 64, 1, 7, date(1989, 1, 7)),
    ("平成", 1, 1, 8, date(1989, 1, 8)),
])
def test_to_date(era, y, m, d, expected):
    assert wareki.to_date(era, y, m, d) == expected


@pytest.mark.parametrize("era, y, m, d, message", [
    ("平成", 31, 5, 1, "平成31年5月1日 is not a date of the 平成 era"),
    ("平成", 32, 1, 1, "平成32年1月1日 is not a date of the 平成 era"),
    ("令和", 1, 4, 30, "令和1年4月30日 is not a date of the 令和 era"),
    ("令和", 0, 6, 1, "令和0年6月1日 is not a date of the 令和 era"),
    ("X", 1, 1, 1, "unknown era 'X'"),
    ("令和", 6, 2, 30, "day is out of range for month"),
])
def test_to_date_refuses_dates_outside_the_era(era, y, m, d, message):
    with pytest.raises(ValueError, match=message):
        wareki.to_date(era, y, m, d)


def test_before_meiji():
    with pytest.raises(ValueError, match="before the 明治 era"):
        wareki.era_of(date(1868, 10, 22))
