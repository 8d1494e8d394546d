"""The case index: SQLite held in memory while the case is unlocked, stored encrypted.

It is a cache: everything in it comes from the item manifests and the custody log, and
`Index.rebuild` makes it again from them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3

SCHEMA_VERSION = 3
_SCHEMA = """
CREATE TABLE items (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    blob_sha256 TEXT NOT NULL,
    mime TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    source TEXT NOT NULL,
    empty INTEGER NOT NULL,
    duplicate_of TEXT,
    meta TEXT NOT NULL
);
CREATE INDEX items_sha256 ON items (sha256);
CREATE TABLE records (
    item TEXT NOT NULL,
    n INTEGER NOT NULL,
    type TEXT NOT NULL,
    line INTEGER NOT NULL,
    end_line INTEGER NOT NULL,
    time TEXT,
    time_raw TEXT,
    sender TEXT,
    text TEXT,
    raw TEXT NOT NULL,
    attrs TEXT NOT NULL,
    PRIMARY KEY (item, n)
);
CREATE INDEX records_time ON records (time);
CREATE TABLE thumbnails (item TEXT PRIMARY KEY, png BLOB NOT NULL);
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def _connect() -> sqlite3.Connection:
    """An in-memory database any thread may use: the GUI unlocks, imports and reads in worker threads
    as well as on its own (the module is built serialized, sqlite3.threadsafety == 3, so SQLite itself
    serialises the calls)."""
    return sqlite3.connect(":memory:", check_same_thread=False)


class Index:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    @classmethod
    def empty(cls) -> "Index":
        conn = _connect()
        conn.executescript(_SCHEMA)
        conn.execute("INSERT INTO info VALUES ('schema', ?), ('covered_seq', '0')", (str(SCHEMA_VERSION),))
        return cls(conn)

    @classmethod
    def from_bytes(cls, data: bytes) -> "Index":
        """Load a serialised index; ValueError if it is not one of ours."""
        conn = _connect()
        try:
            conn.deserialize(data)
            schema = conn.execute("SELECT value FROM info WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise ValueError("not an index") from exc
        if schema is None or int(schema[0]) != SCHEMA_VERSION:
            raise ValueError("index schema differs")
        return cls(conn)

    def to_bytes(self) -> bytes:
        return self.conn.serialize()

    @property
    def covered_seq(self) -> int:
        """The last custody entry whose effects are in the index."""
        return int(self.conn.execute("SELECT value FROM info WHERE key = 'covered_seq'").fetchone()[0])

    @covered_seq.setter
    def covered_seq(self, seq: int) -> None:
        self.conn.execute("UPDATE info SET value = ? WHERE key = 'covered_seq'", (str(seq),))

    def add_item(self, seq: int, meta: dict, duplicate_of: str | None = None) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO items VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                meta["id"], seq, meta["original_name"], meta["size"], meta["sha256"],
                meta["blob_sha256"], meta["mime"], meta["imported_at"], meta["source"],
                int(meta["size"] == 0), duplicate_of, json.dumps(meta, ensure_ascii=False),
            ),
        )

    def add_records(self, item_id: str, records) -> None:
        """What a parser read from the item (core.models.Record), each linked to its source lines."""
        self.conn.executemany(
            "INSERT OR REPLACE INTO records VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(item_id, n, r.type, r.line, r.end_line, r.time, r.time_raw, r.sender, r.text,
              json.dumps(r.raw, ensure_ascii=False), json.dumps(r.attrs, ensure_ascii=False))
             for n, r in enumerate(records)],
        )

    def records(self, item_id: str) -> list[dict]:
        rows = self.conn.execute(
            "SELECT type, line, end_line, time, time_raw, sender, text, raw, attrs FROM records "
            "WHERE item = ? ORDER BY n", (item_id,)).fetchall()
        keys = ("type", "line", "end_line", "time", "time_raw", "sender", "text", "raw", "attrs")
        result = [dict(zip(keys, row)) for row in rows]
        for record in result:
            record["raw"] = json.loads(record["raw"])
            record["attrs"] = json.loads(record["attrs"])
        return result

    def set_thumbnail(self, item_id: str, png: bytes) -> None:
        self.conn.execute("INSERT OR REPLACE INTO thumbnails VALUES (?, ?)", (item_id, png))

    def thumbnail(self, item_id: str) -> bytes | None:
        row = self.conn.execute("SELECT png FROM thumbnails WHERE item = ?", (item_id,)).fetchone()
        return row[0] if row else None

    def set_duplicate(self, item_id: str, earlier: str) -> None:
        self.conn.execute("UPDATE items SET duplicate_of = ? WHERE id = ?", (earlier, item_id))

    def _mac(self, key: bytes) -> str:
        rows = self.conn.execute("SELECT id, seq, meta, duplicate_of FROM items ORDER BY id").fetchall()
        records = self.conn.execute("SELECT * FROM records ORDER BY item, n").fetchall()
        thumbnails = [(item, hashlib.sha256(png).hexdigest())
                      for item, png in self.conn.execute("SELECT item, png FROM thumbnails ORDER BY item")]
        content = json.dumps([self.covered_seq, rows, records, thumbnails], ensure_ascii=False).encode("utf-8")
        return hmac.new(key, content, hashlib.sha256).hexdigest()

    def seal_mac(self, key: bytes) -> None:
        """Record a MAC over the content, made with a key only the case owner has."""
        self.conn.execute("INSERT OR REPLACE INTO info VALUES ('mac', ?)", (self._mac(key),))

    def mac_ok(self, key: bytes) -> bool:
        row = self.conn.execute("SELECT value FROM info WHERE key = 'mac'").fetchone()
        return row is not None and hmac.compare_digest(row[0], self._mac(key))

    def find_sha256(self, sha256: str) -> str | None:
        """The first item (by custody order) holding these bytes."""
        row = self.conn.execute(
            "SELECT id FROM items WHERE sha256 = ? ORDER BY seq LIMIT 1", (sha256,)
        ).fetchone()
        return row[0] if row else None

    def items(self) -> list[dict]:
        rows = self.conn.execute(
            "SELECT meta, seq, duplicate_of FROM items ORDER BY seq"
        ).fetchall()
        result = []
        for meta, seq, duplicate_of in rows:
            item = json.loads(meta)
            item["seq"] = seq
            item["duplicate_of"] = duplicate_of
            result.append(item)
        return result

    def __len__(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
