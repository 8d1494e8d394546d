"""E-mail messages (.eml, RFC 5322, optionally behind an mbox `From ` line).

Headers are cut from the file's own bytes, so every header is kept in order with its value exactly
as written (only the folding line breaks removed and the blanks after the colon skipped); a decoded
copy of each value (RFC 2047 encoded-words) sits beside it. The body and the attachments come from
Python's e-mail parser. Attachments are only listed: the case links them as items of their own.
"""

from __future__ import annotations

import base64
import codecs
import email
import email.policy
import re
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from ..core.models import ParseResult, ParseWarning, Record
from . import text

NAME = "email"
_FIELD = re.compile(rb"([\x21-\x39\x3b-\x7e]+)[ \t]*:")
_KNOWN = {b"from", b"to", b"cc", b"subject", b"date", b"message-id", b"received", b"return-path",
          b"mime-version", b"delivered-to", b"content-type", b"reply-to", b"sender", b"x-mailer",
          b"dkim-signature", b"authentication-results", b"x-received", b"in-reply-to", b"references"}
_WORD = re.compile(r"=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=")
_PYTHON_ONLY = {"unicode-escape", "raw-unicode-escape", "undefined", "idna", "punycode"}  # codecs, not charsets
_SJIS = {"shift_jis", "shift-jis", "sjis", "x-sjis", "windows-31j", "ms932", "cp932", "ms_kanji", "csshiftjis"}
_JIS = {"iso-2022-jp", "iso2022_jp", "csiso2022jp", "cp50220", "cp50221", "cp50222", "iso-2022-jp-ms"}


def sniff(path: Path, head: bytes) -> float:
    """By the shape of the header block: header fields from the first line on, at least two of them
    well-known ones. The `.eml` name only breaks ties."""
    fields, known = _fields(head)
    if not fields or len(known) < 2:
        return 0.0
    score = 0.6 + 0.1 * min(len(known), 3)
    return round(score + (0.04 if Path(path).suffix.lower() == ".eml" else 0.0), 2)


def parse(path: Path, *, zone: str = text.DEFAULT_ZONE, date_order: str | None = None,
          data: bytes | None = None) -> ParseResult:
    """One "email" record. `data`, when given, is the file's content and `path` only its name."""
    data = Path(path).read_bytes() if data is None else data
    warnings: list[ParseWarning] = []
    fields, _ = _fields(data, limit=None)
    headers, decoded = [], []
    for name, value in fields:
        raw = _header_text(value, warnings)
        headers.append([name, raw])
        decoded.append([name, _decode_words(raw, warnings)])

    def first(name: str, table: list) -> str | None:
        return next((v for n, v in table if n.lower() == name), None)

    attrs: dict = {"headers": headers, "headers_decoded": decoded}
    for key in ("from", "to", "cc", "subject"):
        attrs[key] = first(key, decoded)
    attrs["message_id"] = first("message-id", headers)
    attrs["received"] = [v for n, v in headers if n.lower() == "received"]
    if data.startswith(b"From "):
        attrs["mbox_from"] = _header_text(re.match(rb"[^\r\n]*", data)[0], warnings)
    time_raw = first("date", headers)
    time = _date(time_raw, zone, attrs, warnings)
    body, attrs["body_from"], attrs["attachments"] = _body(data, warnings)
    record = Record("email", 0, 0, [], time_raw=time_raw, time=time, sender=attrs["from"], text=body, attrs=attrs)
    return ParseResult(NAME, "email-mbox" if "mbox_from" in attrs else "email-rfc5322", "binary", [record],
                       list({(w.code, w.raw): w for w in warnings}.values()), {"zone": zone})


def _fields(data: bytes, limit: int | None = 400) -> tuple[list[tuple[str, bytes]], set[bytes]]:
    """The header fields [(name, unfolded raw value)] up to the blank line, and the well-known names."""
    if limit is None and (blank := re.search(rb"\n\r?\n", data)):
        data = data[:blank.end()]  # the header block only: an attachment's lines are never split
    lines = data.split(b"\n", -1 if limit is None else limit + 1)[:limit]
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    fields: list[tuple[str, bytes]] = []
    known: set[bytes] = set()
    for line in lines:
        line = line[:-1] if line.endswith(b"\r") else line
        if not line:
            break
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] = (fields[-1][0], fields[-1][1] + line)  # unfolding: only the line break goes
            continue
        m = _FIELD.match(line)
        if not m:
            break  # not a header line: as for Python's parser, the body starts here
        fields.append((m[1].decode("ascii"), line[m.end():].lstrip(b" \t")))
        known |= {m[1].lower()} & _KNOWN
    return fields, known


def _header_text(value: bytes, warnings: list[ParseWarning]) -> str:
    try:
        return value.decode("utf-8")  # ASCII, or UTF-8 as RFC 6532 allows
    except UnicodeDecodeError:
        warnings.append(ParseWarning(0, "email_charset_unknown", "header"))
        return value.decode("utf-8", "replace")


def _decode_words(value: str, warnings: list[ParseWarning]) -> str:
    """A header value with its RFC 2047 encoded-words decoded; all other text exactly as it is.
    Blanks between two encoded-words go (RFC 2047, 6.2); neighbouring words in one charset are joined
    before decoding, since some mailers split a character across two words."""
    out: list[str] = []
    pending: list[list] = []  # [charset, bytes] of encoded-words not yet decoded

    def flush() -> None:
        out.extend(_decode(raw, charset, warnings) for charset, raw in pending)
        pending.clear()

    pos = 0
    for m in _WORD.finditer(value):
        between = value[pos:m.start()]
        if between and (not pending or between.strip(" \t")):
            flush()
            out.append(between)
        charset, payload = m[1].split("*")[0].lower(), m[3].encode("utf-8")
        try:
            if m[2] in "Bb":
                raw = base64.b64decode(payload + b"=" * (-len(payload) % 4), validate=True)
            else:
                raw = re.sub(rb"=([0-9A-Fa-f]{2})", lambda h: bytes([int(h[1], 16)]), payload.replace(b"_", b" "))
        except ValueError:  # binascii.Error: not base64
            flush()
            out.append(m[0])  # not decodable: the word as written
        else:
            if pending and pending[-1][0] == charset:
                pending[-1][1] += raw
            else:
                pending.append([charset, raw])
        pos = m.end()
    flush()
    out.append(value[pos:])
    return "".join(out)


def _decode(payload: bytes, charset: str | None, warnings: list[ParseWarning]) -> str:
    """Text in its declared charset; Shift_JIS as its superset CP932, ISO-2022-JP also with the NEC and
    IBM characters (①, ㈱) that Japanese mailers send; replacement characters and a warning otherwise."""
    name = (charset or "").strip().strip('"').lower()
    if not name:
        name = "iso-2022-jp" if b"\x1b$" in payload else "utf-8"
    if name in _JIS:
        try:
            return payload.decode("iso2022_jp")
        except UnicodeDecodeError:
            if payload.isascii():  # 7-bit as it should be: only characters beyond JIS X 0208
                payload, name = _jis_to_sjis(payload), "cp932"
            else:
                name = "iso2022_jp"
    codec = "cp932" if name in _SJIS else name
    try:
        if codecs.lookup(codec).name not in _PYTHON_ONLY:
            return payload.decode(codec)
        codec = "utf-8"
    except LookupError:
        codec = "utf-8"
    except UnicodeError:
        pass
    warnings.append(ParseWarning(0, "email_charset_unknown", charset or ""))
    return payload.decode(codec, "replace")


def _jis_to_sjis(data: bytes) -> bytes:
    """ISO-2022-JP (with CP50220's extra rows) re-coded as CP932, to be decoded by Python's cp932."""
    out, mode, i = bytearray(), "ascii", 0
    while i < len(data):
        if data[i] == 0x1B and i + 2 < len(data):
            seq = data[i + 1:i + 3]
            mode = {b"$B": "kanji", b"$@": "kanji", b"(I": "kana"}.get(seq, "ascii")
            i += 3
            continue
        if mode == "kanji" and 0x21 <= data[i] <= 0x7E and i + 1 < len(data) and 0x21 <= data[i + 1] <= 0x7E:
            j1, j2 = data[i], data[i + 1]
            s1 = ((j1 - 0x21) >> 1) + 0x81
            s2 = j2 + (0x7E if j1 % 2 == 0 else 0x1F + (j2 >= 0x60))
            out += bytes((s1 + 0x40 if s1 > 0x9F else s1, s2))
            i += 2
            continue
        out.append(data[i] + 0x80 if mode == "kana" and 0x21 <= data[i] <= 0x5F else data[i])
        i += 1
    return bytes(out)


def _date(raw: str | None, zone: str, attrs: dict, warnings: list[ParseWarning]) -> str | None:
    if raw is None:
        warnings.append(ParseWarning(0, "email_no_date"))
        return None
    try:
        moment = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError, OverflowError):
        warnings.append(ParseWarning(0, "email_bad_date", raw))
        return None
    attrs["time_source"] = "date-header"
    if moment.tzinfo is None:  # "-0000" or a zone name such as "JST": no offset is stated
        warnings.append(ParseWarning(0, "email_date_no_offset", raw))
        attrs["zone"] = zone
        return text.local_iso(moment, zone)
    return moment.isoformat(timespec="seconds")


def _body(data: bytes, warnings: list[ParseWarning]) -> tuple[str | None, str, list[dict]]:
    """(text, where it came from, attachments) from the MIME structure."""
    plain, html, parts = _structure(data)
    body, source = None, "none"
    if plain is not None:
        body, source = _part_text(plain, warnings), "text/plain"
    elif html is not None:
        body, source = _html_text(_part_text(html, warnings)), "text/html-tags-removed"
    attachments = [{"name": _attachment_name(part, warnings), "type": part.get_content_type(), "size": _size(part)}
                   for part in parts]
    return body, source, attachments


def attachments(data: bytes) -> list[tuple[str | None, bytes]]:
    """The attached files' names and decoded bytes, in the order `parse` lists them."""
    _, _, parts = _structure(data)
    return [(_attachment_name(part, []), _payload(part)) for part in parts]


def _structure(data: bytes):
    """(the plain body part, the html body part, the attachment parts) of a message."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    leaves = list(_leaves(message))
    attached = [_is_attachment(p) for p in leaves]
    plain = next((p for p, a in zip(leaves, attached) if not a and p.get_content_type() == "text/plain"), None)
    html = next((p for p, a in zip(leaves, attached) if not a and p.get_content_type() == "text/html"), None)
    parts = [part for part, is_attachment in zip(leaves, attached)
             if not (part is plain or part is html or (not is_attachment and part.get_content_type() == "text/html"))]
    return plain, html, parts


def _attachment_name(part, warnings: list[ParseWarning]) -> str | None:
    name = _filename(part)
    return _decode_words(str(name), warnings) if name is not None else None


def _leaves(part):
    if part.get_content_maintype() == "multipart" and isinstance(part.get_payload(), list):
        for sub in part.get_payload():
            yield from _leaves(sub)
    else:
        yield part


def _is_attachment(part) -> bool:
    disposition = str(part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    return disposition == "attachment" or _filename(part) is not None or part.get_content_maintype() != "text"


def _part_text(part, warnings: list[ParseWarning]) -> str:
    """The part's text with its line breaks as "\n": CRLF is how mail carries a line end, not content
    (the stored item keeps the bytes as received)."""
    return _decode(part.get_payload(decode=True) or b"", part.get_content_charset(), warnings).replace("\r\n", "\n")


def _filename(part) -> str | None:
    try:
        return part.get_filename()
    except Exception:  # noqa: BLE001 - a broken RFC 2231 parameter: no name
        return None


def _size(part) -> int:
    return len(_payload(part))


def _payload(part) -> bytes:
    payload = part.get_payload(decode=True)
    if payload is None and part.get_content_maintype() == "message":  # an attached e-mail
        try:
            return b"".join(m.as_bytes() for m in part.get_payload())
        except Exception:  # noqa: BLE001 - unreadable nested message
            return b""
    return payload or b""


class _TextOfHtml(HTMLParser):
    _BLOCKS = frozenset({"br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        self._tag(tag, 1)

    def handle_endtag(self, tag):
        self._tag(tag, -1)

    def _tag(self, tag: str, step: int) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip + step)
        elif tag in self._BLOCKS:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(re.sub(r"[ \t\r\n\f]+", " ", data))


def _html_text(html: str) -> str:
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = (line.strip(" ") for line in "".join(parser.out).split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


