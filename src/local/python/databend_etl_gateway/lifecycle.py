"""What the gateway does in the server's place where the embedded engine cannot: KILL QUERY, the process list,
transaction bookkeeping and the data-directory check. They run without the engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .statements import _LEADING_NOISE, leading_keywords

# The engine answers KILL, SHOW PROCESSLIST and system.processes with 1035 "Node embedded_node is offline":
# bendpy registers no cluster node. The gateway knows its running statements and answers these itself.
_KILL = re.compile(
    r"\A\s*KILL\s+(?P<kind>QUERY|CONNECTION)\s+(?P<id>'(?:[^'\\]|\\.)*'|[A-Za-z0-9_\-]+)\s*;?\s*\Z", re.I
)
_SHOW_PROCESSLIST = re.compile(r"\A\s*SHOW\s+(?:FULL\s+)?PROCESSLIST\b(?P<rest>.*?)[\s;]*\Z", re.I | re.S)
# system.processes outside string literals, quoted names and comments (those are matched and kept as they are).
_SYSTEM_PROCESSES = re.compile(
    r"""'(?:[^'\\]|\\.|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\$\$.*?\$\$|--[^\n]*|/\*.*?\*/"""
    r"|(?P<hit>\bsystem\s*\.\s*processes\b)",
    re.I | re.S,
)


def parse_kill(sql: str) -> str | None:
    """The id named by `KILL QUERY <id>` / `KILL CONNECTION <id>`, or None for any other statement."""
    match = _KILL.match(sql)
    if match is None:
        return None
    raw = match["id"]
    return raw[1:-1].replace("\\'", "'") if raw.startswith("'") else raw


@dataclass(frozen=True)
class Process:
    """One running statement as system.processes shows it (src/query/storages/system/src/processes_table.rs)."""

    session_id: str
    query_id: str
    database: str
    sql: str
    started_at: float  # time.time()
    elapsed_secs: int


# system.processes' columns, in the server's order, with the types the server gives them.
PROCESS_COLUMNS: tuple[tuple[str, str], ...] = (
    ("node", "STRING"),
    ("id", "STRING"),
    ("type", "STRING"),
    ("host", "STRING NULL"),
    ("user", "STRING"),
    ("command", "STRING"),
    ("database", "STRING"),
    ("extra_info", "STRING"),
    ("memory_usage", "INT64"),
    ("data_read_bytes", "UINT64"),
    ("data_write_bytes", "UINT64"),
    ("scan_progress_read_rows", "UINT64"),
    ("scan_progress_read_bytes", "UINT64"),
    ("mysql_connection_id", "UINT32 NULL"),
    ("time", "UINT64"),
    ("created_time", "TIMESTAMP"),
    ("status", "STRING"),
    ("current_query_id", "STRING"),
)


def _text(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _row(node: str, p: Process) -> list[str]:
    created = datetime.fromtimestamp(p.started_at, UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    values = [
        _text(node),
        _text(p.session_id),
        "'HTTPQuery'",
        "'127.0.0.1'",
        "'root'",
        "'Query'",
        _text(p.database),
        _text(p.sql),
        "0",
        "0",
        "0",
        "0",
        "0",
        "NULL",
        str(max(p.elapsed_secs, 0)),
        _text(created),
        "'Running'",
        _text(p.query_id),
    ]
    return [f"CAST({v} AS {t}) AS {name}" for v, (name, t) in zip(values, PROCESS_COLUMNS, strict=True)]


def processes_subquery(node: str, processes: list[Process]) -> str:
    """A subquery with system.processes' columns holding `processes` (none: an empty, typed result)."""
    if not processes:
        empty = ", ".join(f"CAST(NULL AS {t.removesuffix(' NULL')} NULL) AS {n}" for n, t in PROCESS_COLUMNS)
        return f"(SELECT {empty} WHERE 1 = 0)"
    return "(" + " UNION ALL ".join("SELECT " + ", ".join(_row(node, p)) for p in processes) + ")"


def mentions_processes(sql: str) -> bool:
    return bool(_SHOW_PROCESSLIST.match(sql)) or any(m["hit"] for m in _SYSTEM_PROCESSES.finditer(sql))


def rewrite_processes(sql: str, node: str, processes: list[Process]) -> str:
    """SHOW PROCESSLIST and every `system.processes` read over the gateway's list of running statements."""
    show = _SHOW_PROCESSLIST.match(sql)
    if show:
        # The server's rewrite (src/query/sql/src/planner/binder/show.rs): SELECT * FROM system.processes, with
        # the LIKE / WHERE options applied as written.
        rest = show["rest"].strip()
        like = re.match(r"\ALIKE\s+(?P<pattern>.+)\Z", rest, re.I | re.S)
        if like:
            rest = f"WHERE extra_info LIKE {like['pattern']}"
        sql = f"SELECT * FROM system.processes {rest}".strip()
    table = processes_subquery(node, processes) + " AS processes"
    return _SYSTEM_PROCESSES.sub(lambda m: table if m["hit"] else m[0], sql)


# -- transactions

TXN_COMMANDS = {"BEGIN", "COMMIT", "ROLLBACK", "ABORT"}


def is_transaction_command(sql: str) -> bool:
    words = leading_keywords(sql)
    return bool(words) and (words[0] in TXN_COMMANDS or words == ["START", "TRANSACTION"])


def ends_transaction(sql: str) -> bool:
    words = leading_keywords(sql, 1)
    return bool(words) and words[0] in {"COMMIT", "ROLLBACK", "ABORT"}


_WRITES = {"INSERT", "REPLACE", "UPDATE", "DELETE", "MERGE"}
_COPY_INTO_TABLE = re.compile(r"\A\s*COPY\s+INTO\s+(?!@|'|\")", re.I)


def is_table_write(sql: str) -> bool:
    """A statement that writes table rows and nothing else, so that a transaction can undo it: INSERT, REPLACE,
    UPDATE, DELETE, MERGE, COPY INTO a table (not an unload to a stage or a location)."""
    words = leading_keywords(sql, 1)
    if not words:
        return False
    if words[0] == "COPY":
        return bool(_COPY_INTO_TABLE.match(sql[_leading_noise_end(sql) :]))
    return words[0] in _WRITES


def _leading_noise_end(sql: str) -> int:
    return _LEADING_NOISE.match(sql).end()  # type: ignore[union-attr] - the pattern matches the empty string


ABORTED_TXN_MESSAGE = "Current transaction is aborted, commands ignored until end of transaction block"


def txn_timeout_message(last_query_id: str) -> str:
    return f"Transaction timeout: last_query_id {last_query_id} not found on this server"


# -- users

_NAME = r"""(?P<name>'(?:[^'\\]|\\.)*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|[A-Za-z_][A-Za-z0-9_$]*)"""
_HOST = r"""(?:\s*@\s*'[^']*')?"""
_USER_PASSWORD = re.compile(
    r"\A\s*(?P<verb>CREATE(?:\s+OR\s+REPLACE)?|ALTER)\s+USER\s+(?P<ifne>IF\s+NOT\s+EXISTS\s+)?(?:IF\s+EXISTS\s+)?"
    + _NAME
    + _HOST
    + r"\s+IDENTIFIED(?:\s+WITH\s+[A-Za-z0-9_]+)?\s+BY\s+(?P<password>'(?:[^'\\]|\\[\s\S]|'')*')",
    re.I,
)
_DROP_USER = re.compile(r"\A\s*DROP\s+USER\s+(?:IF\s+EXISTS\s+)?" + _NAME + _HOST + r"\s*;?\s*\Z", re.I)


def _unquote_name(raw: str) -> str:
    if raw[0] in '"`':
        return raw[1:-1].replace(raw[0] * 2, raw[0])
    if raw[0] == "'":
        return raw[1:-1].replace("\\'", "'")
    return raw.lower()  # unquoted identifiers are case-insensitive


@dataclass(frozen=True)
class UserChange:
    name: str
    password: str | None  # None: the user is dropped
    only_if_new: bool = False


def user_change(sql: str) -> UserChange | None:
    """The password a CREATE/ALTER USER ... IDENTIFIED BY sets, or a DROP USER: the engine keeps users but offers no
    way to check a password, so the gateway remembers what it saw to let created users log in."""
    from .credentials import _unquote  # noqa: PLC0415 - one literal reader for the module that masks them

    match = _USER_PASSWORD.match(sql)
    if match:
        return UserChange(_unquote_name(match["name"]), _unquote(match["password"]), bool(match["ifne"]))
    drop = _DROP_USER.match(sql)
    if drop:
        return UserChange(_unquote_name(drop["name"]), None)
    return None


# -- the data directory

META_STORE_PREFIX = "MetaStoreProvider-created-"


def earlier_meta_stores(data_dir: Path) -> list[Path]:
    """The metadata stores an earlier engine process left in `data_dir`. The embedded engine (databend 1.2.895)
    opens a new store at every start, under `meta/MetaStoreProvider-created-<a free port>/` (src/meta/store/src/
    local.rs, `new_with_fixed_dir`), and never reads an earlier one: its tables, stages and load history are gone."""
    meta = data_dir / "meta"
    if not meta.is_dir():
        return []
    return sorted(p for p in meta.iterdir() if p.name.startswith(META_STORE_PREFIX))


def refusal_for_earlier_data(data_dir: Path) -> str | None:
    earlier = earlier_meta_stores(data_dir)
    if not earlier:
        return None
    return (
        f"refusing data dir {data_dir}: it holds an earlier engine run's metadata ({len(earlier)} store(s) under "
        f"{data_dir / 'meta'}), which the embedded engine cannot reopen (databend 1.2.895 starts a new metadata "
        "store on every start), so its tables, stages, connections, file formats and load history would be "
        "silently gone. Remove the folder or pick an empty one; data lasts as long as one engine process."
    )
