"""Times as the bundle prints them: 令和6年5月1日 (2024-05-01) 14:32, in Japan time.

The records keep ISO 8601 text (`2024-05-01`, `2024-05-01T14:32:05+09:00`); a time from another zone
is shown in JST with the original beside it, so the reader sees both."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ..core import wareki

JST = timezone(timedelta(hours=9))


def format_time(iso: str | None, *, seconds: bool = False, unknown: str = "不明") -> str:
    """令和6年5月1日 (2024-05-01) 14:32 for a record's `time`; `unknown` when there is none."""
    if not iso:
        return unknown
    if "T" not in iso:
        day = date.fromisoformat(iso)
        return f"{wareki.format_date(day)} ({day.isoformat()})"
    moment = datetime.fromisoformat(iso)
    clock = "%H:%M:%S" if seconds else "%H:%M"
    if moment.tzinfo is None:
        return f"{wareki.format_date(moment.date())} ({moment.date().isoformat()}) {moment.strftime(clock)}"
    local = moment.astimezone(JST)
    text = f"{wareki.format_date(local.date())} ({local.date().isoformat()}) {local.strftime(clock)}"
    if moment.utcoffset() != JST.utcoffset(None):
        text += f"（元の時刻 {moment.strftime('%Y-%m-%d ' + clock)} {_offset(moment)}）"
    return text


def utc_text(iso: str | None) -> str:
    """"\nUTC 2024-06-15 02:18" for a time with an offset; "" for a date or a time without one."""
    if not iso or "T" not in iso:
        return ""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        return ""
    return f"\nUTC {moment.astimezone(timezone.utc).strftime('%Y-%m-%d %H:%M')}"


def format_day(day: date) -> str:
    """令和6年5月1日 (2024-05-01)"""
    return f"{wareki.format_date(day)} ({day.isoformat()})"


def _offset(moment: datetime) -> str:
    minutes = int(moment.utcoffset().total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def offset_text(iso: str) -> str:
    """"UTC+09:00" for a time with an offset, "" for a date or a time without one."""
    if "T" not in iso:
        return ""
    moment = datetime.fromisoformat(iso)
    return _offset(moment) if moment.tzinfo else ""
