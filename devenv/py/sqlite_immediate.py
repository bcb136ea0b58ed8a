"""Make SQLite usable by several OpenStack processes writing one database file.

Activated for the long-running services only, by a .pth file in the venv that runs this file when
BERTH_DEV_SQLITE_WRAP names it (never for `*-manage db sync`, which would lock itself out).

oslo.db turns the driver's own transaction handling off and emits a plain `BEGIN` (DEFERRED) itself; when a
transaction that has read then wants to write while another process wrote, SQLite answers "database is locked"
at once (it does not apply the busy timeout there). Here every `BEGIN` becomes `BEGIN IMMEDIATE` (takes the
write lock up front, waiting for it up to the busy timeout), as do the transactions the driver opens itself;
the journal is WAL (readers do not block the writer) and the busy timeout is 60 s.
"""
import re
import sqlite3
import sqlite3.dbapi2

_BUSY_TIMEOUT = 60.0
_level = sqlite3.Connection.__dict__["isolation_level"]
_orig_connect = sqlite3.dbapi2.connect


_BEGIN = re.compile(r"\s*BEGIN(\s+DEFERRED)?(\s+TRANSACTION)?\s*;?\s*$", re.IGNORECASE)


def _immediate(sql):
    return "BEGIN IMMEDIATE" if isinstance(sql, str) and _BEGIN.match(sql) else sql


class ImmediateCursor(sqlite3.Cursor):
    def execute(self, sql, *args):
        return super().execute(_immediate(sql), *args)


class ImmediateConnection(sqlite3.Connection):
    """A connection whose transactions are all BEGIN IMMEDIATE: explicit `BEGIN`s and the driver's own."""

    def cursor(self, factory=ImmediateCursor):
        return super().cursor(factory)

    def execute(self, sql, *args):
        return super().execute(_immediate(sql), *args)

    @property
    def isolation_level(self):
        return _level.__get__(self)

    @isolation_level.setter
    def isolation_level(self, value):
        # None = autocommit (keep it); "" / "DEFERRED" / anything else = a transaction, made IMMEDIATE.
        _level.__set__(self, None if value is None else "IMMEDIATE")


def connect(database, *args, **kwargs):
    if args:  # positional timeout etc.: leave the call alone
        return _orig_connect(database, *args, **kwargs)
    kwargs["timeout"] = max(float(kwargs.get("timeout", 5.0)), _BUSY_TIMEOUT)
    kwargs.setdefault("factory", ImmediateConnection)
    conn = _orig_connect(database, **kwargs)
    if isinstance(conn, ImmediateConnection) and conn.isolation_level is not None:
        conn.isolation_level = "IMMEDIATE"
    try:
        conn.execute("PRAGMA busy_timeout = %d" % int(_BUSY_TIMEOUT * 1000))
        if str(database) not in (":memory:", ""):
            conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error:
        pass
    return conn


sqlite3.dbapi2.connect = connect
sqlite3.connect = connect
