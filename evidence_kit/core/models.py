"""Plain data shared by the importers, the case index and (later) the report."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(slots=True)
class Record:
    """One thing a source file says, with the exact source lines it came from.

    `raw` holds the source lines verbatim (without line endings); every line of a parsed text file
    belongs to exactly one record, so joining the records' `raw` in order gives the file back.
    `text` is the message as the person wrote it (for a quoted multi-line LINE message: unquoted);
    `time` is derived from `time_raw` (ISO 8601 local time with the assumed zone's offset)."""

    type: str  # message | media | call | unsent | system | date | header | blank | unparsed
    line: int  # first source line, 1-based
    end_line: int  # last source line
    raw: list[str]
    time_raw: str | None = None
    time: str | None = None
    sender: str | None = None
    text: str | None = None
    attrs: dict = field(default_factory=dict)  # format-specific facts (media kind, call duration, flags)

    def to_json(self) -> dict:
        out = {"type": self.type, "time": self.time, "time_raw": self.time_raw, "sender": self.sender,
               "text": self.text, "line": self.line, "end_line": self.end_line}
        out.update(self.attrs)
        return out


@dataclass
class ParseWarning:
    line: int
    code: str  # message key under "parse." in evidence_kit.i18n
    raw: str = ""


@dataclass
class ParseResult:
    format: str  # importer name: "line", "whatsapp", ...
    variant: str  # what exactly was recognised, e.g. "line-mobile-ja"
    encoding: str  # how the bytes were decoded: "utf-8", "utf-8-sig", "cp932", "utf-16"
    records: list[Record]
    warnings: list[ParseWarning] = field(default_factory=list)
    info: dict = field(default_factory=dict)  # header facts: title, saved_at, date_order ...

    def summary(self) -> dict:
        return {"format": self.format, "variant": self.variant, "encoding": self.encoding,
                "records": len(self.records), "warnings": [asdict(w) for w in self.warnings], **self.info}
