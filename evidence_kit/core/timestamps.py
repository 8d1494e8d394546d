"""Trusted timestamps (RFC 3161), offline first: crypto design section 7.

Every signed checkpoint already has its request, `custody/checkpoints/<seq>.tsq` (DER TimeStampReq
over the SHA-256 of the statement, with a nonce and certReq). Nothing here goes online:

* `requests(case, out_dir)` copies the requests still waiting for a reply to a folder (a USB stick)
  with a README in Japanese and English on sending them to a time-stamping authority (TSA) from
  any computer: only the 32-byte hash leaves;
* `attach(case, reply)` checks a reply (`.tsr`) against a waiting request (hash and nonce) and its
  signature, stores it unchanged as `<seq>.tsr` beside the checkpoint, and logs `timestamp-attached`;
* `verify(case)` / `summary(case)` list the stored tokens with their time (JST and UTC), the TSA and
  whether they still check. `openssl ts -verify` stays the reference verifier for a third party.

The DER structures (TimeStampReq, TimeStampResp, CMS SignedData, TSTInfo) are read with the small
decoder below; signatures and certificates with pyca/cryptography.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding

from . import custody, layout, signing
from .errors import EvidenceKitError
from .fsio import atomic_write_bytes, atomic_writer

JST = timezone(timedelta(hours=9), "JST")
EVENT = "timestamp-attached"
README_NAME = "README.txt"

_OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
_OID_TST_INFO = "1.2.840.113549.1.9.16.1.4"
_OID_CONTENT_TYPE = "1.2.840.113549.1.9.3"
_OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
_OID_SIGNING_CERT = "1.2.840.113549.1.9.16.2.12"
_OID_SIGNING_CERT_V2 = "1.2.840.113549.1.9.16.2.47"
_OID_RSA_PSS = "1.2.840.113549.1.1.10"
_HASHES = {
    "1.3.14.3.2.26": hashes.SHA1, "2.16.840.1.101.3.4.2.1": hashes.SHA256,
    "2.16.840.1.101.3.4.2.2": hashes.SHA384, "2.16.840.1.101.3.4.2.3": hashes.SHA512,
}
_SHA256 = "2.16.840.1.101.3.4.2.1"
_PKI_STATUS = {0: "granted", 1: "grantedWithMods", 2: "rejection", 3: "waiting", 4: "revocationWarning",
               5: "revocationNotification"}
_FAIL_INFO = {0: "badAlg", 2: "badRequest", 5: "badDataFormat", 14: "timeNotAvailable", 15: "unacceptedPolicy",
              16: "unacceptedExtension", 17: "addInfoNotAvailable", 25: "systemFailure"}
# what a stored token can be found to be; each has a text "timestamps.status.<code>"
STATUSES = ("ok", "untrusted", "imprint_mismatch", "checkpoint_missing", "bad_signature", "cert_invalid",
            "no_cert", "unsupported", "unreadable")


# --- a small DER reader --------------------------------------------------------------------------


class DerError(ValueError):
    pass


@dataclass(frozen=True)
class Der:
    tag: int
    content: bytes
    raw: bytes  # the whole encoding, tag and length included

    def children(self) -> list["Der"]:
        out, pos = [], 0
        while pos < len(self.content):
            child, pos = _der_at(self.content, pos)
            out.append(child)
        return out

    def integer(self) -> int:
        if self.tag != 0x02 or not self.content:
            raise DerError("not an INTEGER")
        return int.from_bytes(self.content, "big", signed=True)

    def oid(self) -> str:
        if self.tag != 0x06 or not self.content:
            raise DerError("not an OBJECT IDENTIFIER")
        arcs, value = [], 0
        for byte in self.content:
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                arcs.append(value)
                value = 0
        first = min(arcs[0] // 40, 2)
        return ".".join(map(str, [first, arcs[0] - 40 * first, *arcs[1:]]))


def _der_at(data: bytes, pos: int) -> tuple[Der, int]:
    if pos + 2 > len(data):
        raise DerError("truncated")
    tag, length, start = data[pos], data[pos + 1], pos + 2
    if tag & 0x1F == 0x1F:
        raise DerError("high tag numbers are not used here")
    if length & 0x80:
        size = length & 0x7F
        if not 1 <= size <= 4 or start + size > len(data):  # 0: BER's indefinite length, not DER
            raise DerError("bad length")
        length, start = int.from_bytes(data[start:start + size], "big"), start + size
    end = start + length
    if end > len(data):
        raise DerError("truncated")
    return Der(tag, data[start:end], data[pos:end]), end


def der_parse(data: bytes) -> Der:
    """Exactly one DER element."""
    element, end = _der_at(data, 0)
    if end != len(data):
        raise DerError("trailing bytes")
    return element


def _generalized_time(element: Der) -> datetime:
    match = re.fullmatch(rb"(\d{14})(?:\.(\d{1,6}))?Z", element.content) if element.tag == 0x18 else None
    if not match:
        raise DerError("not a GeneralizedTime")
    moment = datetime.strptime(match[1].decode(), "%Y%m%d%H%M%S").replace(tzinfo=timezone.utc)
    return moment.replace(microsecond=int((match[2] or b"0").decode().ljust(6, "0")))


def _expect(element: Der, tag: int) -> Der:
    if element.tag != tag:
        raise DerError(f"expected tag {tag:#x}, found {element.tag:#x}")
    return element


# --- requests and replies ------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    hash_oid: str
    imprint: bytes
    nonce: int | None


def parse_request(data: bytes) -> Request:
    """TimeStampReq ::= SEQUENCE { version, messageImprint, reqPolicy?, nonce?, certReq?, extensions? }"""
    parts = _expect(der_parse(data), 0x30).children()
    hash_oid, imprint = _imprint(parts[1])
    nonce = next((p.integer() for p in parts[2:] if p.tag == 0x02), None)
    return Request(hash_oid, imprint, nonce)


def _imprint(element: Der) -> tuple[str, bytes]:
    algorithm, digest = _expect(element, 0x30).children()
    return _expect(algorithm, 0x30).children()[0].oid(), _expect(digest, 0x04).content


@dataclass(frozen=True)
class Token:
    """What a TSA's reply says, and whether its signature checks with the certificate it carries."""

    hash_oid: str
    imprint: bytes
    nonce: int | None
    gen_time: datetime  # UTC
    serial: int
    policy: str
    signer: x509.Certificate | None
    certificates: tuple[x509.Certificate, ...]
    signature: str  # "ok", or a status code: bad_signature, cert_invalid, no_cert, unsupported

    @property
    def tsa(self) -> str:
        return self.signer.subject.rfc4514_string() if self.signer is not None else ""


def parse_reply(data: bytes, path: Path | str = "") -> Token:
    """Read a TimeStampResp (the `.tsr` a TSA sends back from `path`); EvidenceKitError unless it
    grants a token."""
    try:
        parts = _expect(der_parse(data), 0x30).children()
        if parts and parts[0].tag == 0x06:
            raise EvidenceKitError("tsr_token_only", path=path)
        status_info = _expect(parts[0], 0x30).children()
        status = status_info[0].integer()
        if status not in (0, 1):
            raise EvidenceKitError("tsr_refused", path=path, status=_PKI_STATUS.get(status, str(status)),
                                   detail=_status_detail(status_info[1:]))
        return _token(parts[1])
    except (DerError, IndexError, ValueError):
        raise EvidenceKitError("tsr_unreadable", path=path) from None


def _status_detail(rest: list[Der]) -> str:
    """The TSA's own words (statusString) and failure reasons (failInfo bits), for the message."""
    words = []
    for element in rest:
        if element.tag == 0x30:  # PKIFreeText: UTF8Strings
            words += [s.content.decode("utf-8", "replace") for s in element.children() if s.tag == 0x0C]
        elif element.tag == 0x03 and len(element.content) > 1:  # failInfo BIT STRING
            bits = int.from_bytes(element.content[1:], "big")
            width = 8 * (len(element.content) - 1)
            words += [_FAIL_INFO.get(n, f"bit {n}") for n in range(width) if bits >> (width - 1 - n) & 1]
    return "; ".join(words) or "-"


def _token(content_info: Der) -> Token:
    oid, wrapped = _expect(content_info, 0x30).children()[:2]
    if oid.oid() != _OID_SIGNED_DATA:
        raise DerError("not CMS SignedData")
    signed = _expect(_expect(wrapped, 0xA0).children()[0], 0x30).children()
    encap = _expect(signed[2], 0x30).children()
    if encap[0].oid() != _OID_TST_INFO:
        raise DerError("not a TSTInfo")
    tst_der = _expect(_expect(encap[1], 0xA0).children()[0], 0x04).content
    tst = _expect(der_parse(tst_der), 0x30).children()
    hash_oid, imprint = _imprint(tst[2])
    after_time = tst[5:]
    nonce = next((p.integer() for p in after_time if p.tag == 0x02), None)
    certs = tuple(_certificates(signed))
    signer_infos = _expect(signed[-1], 0x31).children()
    signer, verdict = None, "no_cert"
    if len(signer_infos) == 1:
        signer, verdict = _check_signer(signer_infos[0].children(), certs, tst_der)
    elif signer_infos:
        verdict = "unsupported"
    gen_time = _generalized_time(tst[4])
    if verdict == "ok" and not _fit_for_timestamps(signer, gen_time):
        verdict = "cert_invalid"
    return Token(hash_oid, imprint, nonce, gen_time, tst[3].integer(), tst[1].oid(), signer, certs, verdict)


def _certificates(signed: list[Der]):
    for element in signed[3:-1]:
        if element.tag == 0xA0:  # certificates [0] IMPLICIT SET OF CertificateChoices
            for cert in element.children():
                if cert.tag == 0x30:
                    with contextlib.suppress(ValueError):
                        yield x509.load_der_x509_certificate(cert.raw)


def _check_signer(info: list[Der], certs, tst_der: bytes) -> tuple[x509.Certificate | None, str]:
    """SignerInfo: version, sid, digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature."""
    signer = _find_signer(info[1], certs)
    if signer is None:
        return None, "no_cert"
    digest_oid = _expect(info[2], 0x30).children()[0].oid()
    if digest_oid not in _HASHES or len(info) < 6 or info[3].tag != 0xA0:
        return signer, "unsupported"
    attrs = {}
    for attr in info[3].children():
        oid, values = attr.children()
        attrs[oid.oid()] = values.children()[0]
    digest = hashlib.new(_HASHES[digest_oid].name, tst_der).digest()
    content_type = attrs.get(_OID_CONTENT_TYPE)
    if (content_type is None or content_type.oid() != _OID_TST_INFO
            or attrs.get(_OID_MESSAGE_DIGEST, Der(0, b"", b"")).content != digest
            or not _names_signer(attrs, signer)):
        return signer, "bad_signature"
    signed_attrs = b"\x31" + info[3].raw[1:]  # signed as a SET OF, not as the [0] it is stored under
    sig_oid = _expect(info[4], 0x30).children()[0].oid()
    return signer, _verify_signature(signer, sig_oid, _HASHES[digest_oid](), _expect(info[5], 0x04).content,
                                     signed_attrs)


def _find_signer(sid: Der, certs) -> x509.Certificate | None:
    for cert in certs:
        if sid.tag == 0x30:  # IssuerAndSerialNumber
            issuer, serial = sid.children()
            if cert.serial_number == serial.integer() and cert.issuer.public_bytes() == issuer.raw:
                return cert
        elif sid.tag == 0x80:  # [0] SubjectKeyIdentifier
            with contextlib.suppress(x509.ExtensionNotFound):
                if cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest == sid.content:
                    return cert
    return None


def _names_signer(attrs: dict, signer: x509.Certificate) -> bool:
    """The ESS signing-certificate attribute (RFC 3161 requires it) names this certificate."""
    der = signer.public_bytes(Encoding.DER)
    if _OID_SIGNING_CERT_V2 in attrs:
        first = attrs[_OID_SIGNING_CERT_V2].children()[0].children()[0].children()
        algorithm = first[0].children()[0].oid() if first[0].tag == 0x30 else _SHA256
        cert_hash = first[1 if first[0].tag == 0x30 else 0].content
        return algorithm in _HASHES and hashlib.new(_HASHES[algorithm].name, der).digest() == cert_hash
    if _OID_SIGNING_CERT in attrs:
        first = attrs[_OID_SIGNING_CERT].children()[0].children()[0].children()
        return hashlib.sha1(der).digest() == first[0].content
    return False


def _verify_signature(cert: x509.Certificate, sig_oid: str, algorithm, signature: bytes, data: bytes) -> str:
    key = cert.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey):
            pad = (padding.PSS(padding.MGF1(algorithm), padding.PSS.AUTO) if sig_oid == _OID_RSA_PSS
                   else padding.PKCS1v15())
            key.verify(signature, data, pad, algorithm)
        elif isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(algorithm))
        elif isinstance(key, ed25519.Ed25519PublicKey):
            key.verify(signature, data)
        else:
            return "unsupported"
    except InvalidSignature:
        return "bad_signature"
    return "ok"


def _fit_for_timestamps(cert: x509.Certificate, at: datetime) -> bool:
    """A TSA certificate: extended key usage timeStamping (critical, RFC 3161 2.3), valid at genTime."""
    try:
        usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        return False
    return (usage.critical and x509.oid.ExtendedKeyUsageOID.TIME_STAMPING in usage.value
            and cert.not_valid_before_utc <= at <= cert.not_valid_after_utc)


def _chain_trusted(token: Token, roots: list[x509.Certificate]) -> bool:
    """The signer leads, through certificates in the token, to one of `roots` (valid at genTime)."""
    cert, seen = token.signer, 0
    while cert is not None and seen < 8:
        if any(cert == root or _issued_by(cert, root, token.gen_time) for root in roots):
            return True
        cert = next((c for c in token.certificates if c != cert and _issued_by(cert, c, token.gen_time)), None)
        seen += 1
    return False


def _issued_by(cert: x509.Certificate, issuer: x509.Certificate, at: datetime) -> bool:
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return issuer.not_valid_before_utc <= at <= issuer.not_valid_after_utc


# --- the case's checkpoints ----------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    statement: Path  # <seq>.txt
    sha256: str

    @property
    def request(self) -> Path:
        return self.statement.with_suffix(".tsq")

    @property
    def token(self) -> Path:
        return self.statement.with_suffix(".tsr")


def _signed_checkpoints(case) -> list[Checkpoint]:
    """The checkpoint statements whose signature checks with the case's key, oldest first."""
    pub = signing.public_key_from_b64(case.info["signing_pub"])
    out = []
    for txt in custody.checkpoint_files(case.path):
        try:
            statement = txt.read_bytes()
            signature = txt.with_suffix(".sig").read_bytes()
            seq = custody.parse_checkpoint(statement)["seq"]
        except (OSError, ValueError):
            continue
        if seq == int(txt.stem) and signing.verify_raw(pub, statement, signature):
            out.append(Checkpoint(seq, txt, custody.sha256_hex(statement)))
    return out


def waiting(case) -> list[Checkpoint]:
    """Signed checkpoints worth a timestamp: those after the newest one that has a token (a token
    now over an older checkpoint would prove nothing the newer token does not)."""
    checkpoints = _signed_checkpoints(case)
    stamped = [n for n, c in enumerate(checkpoints) if c.token.exists()]
    return checkpoints[stamped[-1] + 1:] if stamped else checkpoints


def _request_of(checkpoint: Checkpoint) -> bytes:
    """The checkpoint's request; made again (and stored) if it is missing or not over this statement."""
    with contextlib.suppress(OSError, DerError, IndexError, ValueError):
        data = checkpoint.request.read_bytes()
        request = parse_request(data)
        if request.hash_oid == _SHA256 and request.imprint.hex() == checkpoint.sha256 and request.nonce:
            return data
    data = signing.timestamp_request(checkpoint.statement.read_bytes())
    atomic_write_bytes(checkpoint.request, data)
    return data


@dataclass(frozen=True)
class Requests:
    written: list[Path]  # the .tsq files in out_dir, oldest first
    readme: Path | None  # None when there was nothing to write


def requests(case, out_dir: Path) -> Requests:
    """Copy the requests of the checkpoints waiting for a timestamp into `out_dir`, with a README."""
    out_dir = Path(out_dir)
    todo = waiting(case)
    if not todo:
        return Requests([], None)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for checkpoint in todo:
            target = out_dir / f"{case.case_id}_{checkpoint.request.name}"  # two cases' requests may share a stick
            atomic_write_bytes(target, _request_of(checkpoint))
            written.append(target)
        readme = out_dir / README_NAME
        atomic_write_bytes(readme, readme_text([p.name for p in written]).encode("utf-8"))
    except OSError as exc:
        raise EvidenceKitError("io_error", path=exc.filename or out_dir, reason=exc.strerror or str(exc)) from None
    return Requests(written, readme)


def readme_text(names: list[str]) -> str:
    from ..i18n import tr

    replies = [n[:-4] + ".tsr" for n in names]
    unix = "\n".join(f'  curl -sS -H "Content-Type: application/timestamp-query" --data-binary @{q} '
                     f"https://freetsa.org/tsr -o {r}" for q, r in zip(names, replies))
    windows = "\n".join(f'  curl.exe -sS -H "Content-Type: application/timestamp-query" --data-binary "@{q}" '
                        f"https://freetsa.org/tsr -o {r}" for q, r in zip(names, replies))
    params = dict(files="\n".join("  " + n for n in names), unix=unix, windows=windows,
                  newest=names[-1], first=names[0])
    return tr("timestamps.readme", "ja", **params) + "\n\n" + "=" * 72 + "\n\n" + tr("timestamps.readme", "en", **params)


# --- attaching a reply ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Attached:
    seq: int
    path: Path  # the stored <seq>.tsr
    token: Token
    already: bool = False  # the same reply was attached before


def attach(case, reply_path: Path) -> Attached:
    """Store a TSA's reply beside the checkpoint it stamps, after checking that it answers the
    checkpoint's own request (same hash, same nonce) and that its signature checks."""
    reply_path = Path(reply_path)
    data = _read(reply_path)
    token = parse_reply(data, reply_path)
    checkpoint = next((c for c in _signed_checkpoints(case)
                       if token.hash_oid == _SHA256 and token.imprint.hex() == c.sha256), None)
    if checkpoint is None:
        raise EvidenceKitError("tsr_no_match", path=reply_path)
    try:
        request = parse_request(checkpoint.request.read_bytes())
    except (OSError, DerError, IndexError, ValueError):
        request = None
    with case.hold():  # another attach (another process) for this checkpoint waits, then finds this one
        if checkpoint.token.exists():
            if checkpoint.token.read_bytes() == data:
                return Attached(checkpoint.seq, checkpoint.token, token, already=True)
            raise EvidenceKitError("tsr_already", path=reply_path, seq=checkpoint.seq)
        if request is None:
            raise EvidenceKitError("tsr_no_request", path=reply_path, seq=checkpoint.seq)
        if request.nonce != token.nonce:
            raise EvidenceKitError("tsr_nonce", path=reply_path, seq=checkpoint.seq)
        if token.signature != "ok":
            raise EvidenceKitError("tsr_invalid", path=reply_path, reason=_status_text(token.signature))
        try:
            with atomic_writer(checkpoint.token) as f:
                f.write(data)
                # the log entry is the commit point: the reply gets its name only once it is logged
                case.record(EVENT, {"checkpoint": checkpoint.seq, "tsr_sha256": custody.sha256_hex(data),
                                    "gen_time": iso_utc(token.gen_time), "tsa": token.tsa,
                                    "serial": f"{token.serial:x}"})
        except OSError as exc:
            raise EvidenceKitError("io_error", path=checkpoint.token, reason=exc.strerror or str(exc)) from None
    return Attached(checkpoint.seq, checkpoint.token, token)


def _status_text(code: str, lang: str = "en") -> str:
    from ..i18n import tr

    return tr("timestamps.status." + code, lang)


# --- listing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenStatus:
    seq: int
    checkpoint: str  # relative to the case folder
    token_file: str
    checkpoint_sha256: str  # "" when the statement is missing
    gen_time: datetime | None
    tsa: str
    serial: str
    policy: str
    status: str  # one of STATUSES

    @property
    def gen_time_utc(self) -> str:
        return iso_utc(self.gen_time) if self.gen_time else ""

    @property
    def gen_time_jst(self) -> str:
        return shown_time(self.gen_time.astimezone(JST)) + " JST" if self.gen_time else ""


def iso_utc(moment: datetime) -> str:
    return shown_time(moment.astimezone(timezone.utc)).replace(" ", "T") + "Z"


def shown_time(moment: datetime) -> str:
    """`YYYY-MM-DD HH:MM:SS`, with the fraction of a second only when the TSA gave one."""
    return moment.strftime("%Y-%m-%d %H:%M:%S") + (f".{moment.microsecond:06d}".rstrip("0") if moment.microsecond else "")


def verify(case, ca_file: Path | None = None) -> list[TokenStatus]:
    """Every stored token, oldest checkpoint first, checked against its checkpoint statement and its
    signature; with `ca_file` (PEM) also whether the TSA's certificate leads to one of those roots."""
    return token_statuses(case.path, _load_roots(ca_file) if ca_file is not None else None)


def token_statuses(case_dir: Path, roots: list[x509.Certificate] | None = None) -> list[TokenStatus]:
    """`verify` for a case folder (no key needed: tokens and statements are plaintext)."""
    out = []
    folder = case_dir / layout.CHECKPOINT_DIR
    for path in sorted(folder.glob("*.tsr")):
        if not layout.CHECKPOINT_FILE.fullmatch(path.name):
            continue
        seq = int(path.stem)
        txt = path.with_suffix(".txt")
        rel = txt.relative_to(case_dir).as_posix()
        token_rel = path.relative_to(case_dir).as_posix()
        try:
            statement = txt.read_bytes()
        except OSError:
            statement = None
        try:
            token = parse_reply(path.read_bytes())
        except (OSError, EvidenceKitError):
            out.append(TokenStatus(seq, rel, token_rel, custody.sha256_hex(statement) if statement else "",
                                   None, "", "", "", "unreadable"))
            continue
        if statement is None:
            status = "checkpoint_missing"
        elif token.hash_oid != _SHA256 or token.imprint != hashlib.sha256(statement).digest():
            status = "imprint_mismatch"
        elif token.signature != "ok":
            status = token.signature
        elif roots is not None and not _chain_trusted(token, roots):
            status = "untrusted"
        else:
            status = "ok"
        out.append(TokenStatus(seq, rel, token_rel, custody.sha256_hex(statement) if statement else "",
                               token.gen_time, token.tsa, f"{token.serial:x}", token.policy, status))
    return out


def _load_roots(ca_file: Path) -> list[x509.Certificate]:
    try:
        return x509.load_pem_x509_certificates(_read(Path(ca_file)))
    except ValueError:
        raise EvidenceKitError("tsa_ca_unreadable", path=ca_file) from None


def _read(path: Path) -> bytes:
    """A file the user named, or the error that says why it cannot be read."""
    from .case import _open_source  # case -> verify -> timestamps: imported when first needed

    with _open_source(path) as f:
        return f.read()


def summary(case, lang: str = "ja") -> list[dict]:
    """One dict per stored token, for the PDF appendix: checkpoint file, its SHA-256, the time
    (UTC and JST), the TSA, the status code and its text in `lang`."""
    return [{
        "seq": t.seq, "checkpoint": t.checkpoint, "token": t.token_file, "sha256": t.checkpoint_sha256,
        "gen_time_utc": t.gen_time_utc, "gen_time_jst": t.gen_time_jst, "tsa": t.tsa, "serial": t.serial,
        "status": t.status, "status_text": _status_text(t.status, lang),
    } for t in verify(case)]
