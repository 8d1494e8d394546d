"""Japanese era dates (和暦): 令和6年5月1日 <-> 2024-05-01.

Police, bank and court papers write dates in the era calendar; statements from older systems do too
(`H30.01.15`). An era begins on the day of the accession, so 平成31年4月30日 and 令和元年5月1日 are
consecutive days, and a date outside its era (平成32年, 令和1年4月1日) does not exist.
"""

from __future__ import annotations

from datetime import date

# (name, one-letter abbreviation, first day), newest first
ERAS = (
    ("令和", "R", date(2019, 5, 1)),
    ("平成", "H", date(1989, 1, 8)),
    ("昭和", "S", date(1926, 12, 25)),
    ("大正", "T", date(1912, 7, 30)),
    ("明治", "M", date(1868, 10, 23)),
)


def era_of(day: date) -> tuple[str, int]:
    """(era name, year of the era) of a Gregorian date; ValueError before 明治."""
    for name, _, start in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day.isoformat()} is before the 明治 era")


def to_date(era: str, year: int, month: int, day: int) -> date:
    """The Gregorian date of an era date; `era` is a name (平成) or its letter (H, h).

    ValueError when the era is unknown or the date is not inside it."""
    for i, (name, letter, start) in enumerate(ERAS):
        if era in (name, letter, letter.lower()):
            result = date(start.year + year - 1, month, day)  # ValueError for 2月30日
            end = ERAS[i - 1][2] if i else None
            if year < 1 or result < start or (end is not None and result >= end):
                raise ValueError(f"{name}{year}年{month}月{day}日 is not a date of the {name} era")
            return result
    raise ValueError(f"unknown era {era!r}")


def format_date(day: date) -> str:
    """令和6年5月1日 (the first year of an era is written 元年, as official papers do)."""
    name, year = era_of(day)
    return f"{name}{'元' if year == 1 else year}年{day.month}月{day.day}日"
