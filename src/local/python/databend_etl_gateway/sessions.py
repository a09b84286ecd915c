"""Sessions and queries: the state behind the HTTP handlers."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import logging
import re
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pyarrow as pa

from .credentials import Secrets, credentials_in_sql, silence_engine_log
from .encoders import Encoder, OutputFormat, column_encoder, encode_rows
from .errors import EngineError, HttpError
from .schema import databend_type
from .statements import Outcome, execute, leading_keywords

log = logging.getLogger("databend-gateway")


NODE_ID = "embedded_node"  # what bendpy names its node; the driver echoes it as the sticky node
DEFAULT_PAGE_ROWS = 10_000  # the real server's default max_rows_per_page
RESULT_TIMEOUT_SECS = 60  # http_handler_result_timeout_secs: results nobody asks for are freed after this
SESSION_IDLE_SECS = 3600  # idle contexts are dropped; the driver's session JSON restores db and settings


_STATE_CHANGING = {"USE", "SET", "UNSET"}
_TXN_END = {"COMMIT", "ROLLBACK", "ABORT"}


def sql_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def sql_identifier(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


_SETTING_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass
class Session:
    """One engine session per driver connection; calls are serialised because a bendpy context is not re-entrant."""

    id: str
    ctx: Any
    lock: threading.Lock = field(default_factory=threading.Lock)
    database: str = "default"
    settings: dict[str, str] = field(default_factory=dict)
    txn_active: bool = False
    last_used: float = field(default_factory=time.monotonic)

    def output_format(self) -> OutputFormat:
        return OutputFormat(
            timezone=self.settings.get("timezone", "UTC"),
            geometry_output_format=self.settings.get("geometry_output_format", "GEOJSON").upper(),
            binary_output_format=self.settings.get("binary_output_format", "HEX").upper(),
        )

    def restore(self, requested: dict[str, Any]) -> list[str]:
        """Applies the database and settings the client sends back, as the real server restores a session.
        Returns warnings for settings the engine does not know."""
        warnings: list[str] = []
        changed = False
        for name, value in (requested.get("settings") or {}).items():
            if self.settings.get(name) == str(value):
                continue
            changed = True
            try:
                # SET takes the name literally, quotes included, so only plain names can be settings.
                if not _SETTING_NAME.fullmatch(name):
                    raise EngineError(2801, f"Unknown variable: {name!r}")
                execute(self.ctx, f"SET {name} = {sql_string(str(value))}")
            except EngineError as err:
                if err.code != 2801:  # UnknownVariable: ignored with a warning, like the server
                    raise
                warnings.append(f"Unknown setting {name}, ignored")
        database = requested.get("database")
        if database and database != self.database:
            changed = True
            execute(self.ctx, f"USE {sql_identifier(database)}")
        if changed:
            self.probe()
        return warnings

    def probe(self) -> None:
        """Reads back what USE/SET changed: bendpy has no accessor for the session state."""
        table = execute(
            self.ctx,
            "SELECT '' AS name, current_database() AS value UNION ALL "
            "SELECT name, value FROM system.settings WHERE level = 'SESSION'",
        ).table
        assert table is not None
        rows = dict(zip(table.column("name").to_pylist(), table.column("value").to_pylist()))
        self.database = rows.pop("")
        self.settings = rows

    def track(self, sql: str) -> None:
        words = leading_keywords(sql)
        head = words[0] if words else ""
        if head in _STATE_CHANGING:
            self.probe()
        elif head == "BEGIN" or words == ["START", "TRANSACTION"]:
            self.txn_active = True
        elif head in _TXN_END:
            self.txn_active = False

    def as_json(self, query_id: str) -> dict[str, Any]:
        return {
            "catalog": "default",
            "database": self.database,
            "role": "account_admin",
            "settings": dict(self.settings),
            "txn_state": "Active" if self.txn_active else "AutoCommit",
            "need_sticky": self.txn_active,
            "need_keep_alive": self.txn_active,
            "internal": json.dumps({"last_node_id": NODE_ID, "last_query_ids": [query_id]}, separators=(",", ":")),
        }


def zero_stats(elapsed_ms: int = 0) -> dict[str, Any]:
    progress = {"rows": 0, "bytes": 0}
    return {
        "scan_progress": dict(progress),
        "write_progress": dict(progress),
        "result_progress": dict(progress),
        "total_scan": dict(progress),
        "spill_progress": {"file_nums": 0, "bytes": 0},
        "running_time_ms": elapsed_ms,
    }


@dataclass
class Query:
    id: str
    session_id: str
    session_json: dict[str, Any]
    fmt: OutputFormat
    table: pa.Table | None
    error: EngineError | None
    stats: dict[str, Any]
    page_rows: int
    warnings: list[str]
    encoders: list[Encoder] = field(default_factory=list)
    closed: bool = False
    last_used: float = field(default_factory=time.monotonic)

    @property
    def row_count(self) -> int:
        return self.table.num_rows if self.table is not None else 0

    def schema_json(self) -> list[dict[str, str]]:
        if self.table is None:
            return []
        return [{"name": f.name, "type": databend_type(f)} for f in self.table.schema]

    def page(self, number: int) -> dict[str, Any]:
        start = number * self.page_rows
        data: list[list[str | None]] = []
        if self.table is not None and start < self.row_count:
            data = encode_rows(self.table.slice(start, self.page_rows), self.encoders)
        has_more = start + self.page_rows < self.row_count
        next_uri = f"/v1/query/{self.id}/page/{number + 1}" if has_more else self.uri("final")
        return self.response(data, next_uri, include_session=number == 0)

    def final(self) -> dict[str, Any]:
        return self.response([], None, include_session=False)

    def uri(self, suffix: str = "") -> str:
        return f"/v1/query/{self.id}" + (f"/{suffix}" if suffix else "")

    def response(self, data: list[list[str | None]], next_uri: str | None, include_session: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "id": self.id,
            "session_id": self.session_id,
            "node_id": NODE_ID,
            "state": "Failed" if self.error else "Succeeded",
            "session": self.session_json if include_session else None,
            "error": {"code": self.error.code, "message": self.error.message} if self.error else None,
            "warnings": self.warnings,
            "has_result_set": self.table is not None,
            "schema": self.schema_json(),
            "data": data,
            "affect": None,
            "result_timeout_secs": RESULT_TIMEOUT_SECS,
        }
        if self.error is None:
            body["settings"] = self.fmt.as_json()  # the real server omits it when planning failed
        body.update(
            stats=self.stats,
            stats_uri=self.uri(),
            final_uri=self.uri("final"),
            next_uri=next_uri,
            kill_uri=self.uri("kill"),
        )
        return body


def result_stats(outcome: Outcome, elapsed_ms: int) -> dict[str, Any]:
    stats = zero_stats(elapsed_ms)
    stats["write_progress"]["rows"] = outcome.write_rows
    if outcome.table is not None:
        stats["result_progress"] = {"rows": outcome.table.num_rows, "bytes": outcome.table.nbytes}
    return stats


class Gateway:
    """The state behind the HTTP handlers: sessions by cookie, queries by id."""

    def __init__(
        self, data_dir: Path, password: str, engine_version: str, secrets: Secrets, keep_engine_log: bool = False
    ) -> None:
        import databend  # noqa: PLC0415 - imported late so `--help` works without the wheel

        self.data_dir = data_dir
        self.password = password
        self.version = engine_version
        self.secrets = secrets
        self.keep_engine_log = keep_engine_log
        self._databend = databend
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}
        self._queries: dict[str, Query] = {}
        # The first context initialises the process-wide engine (storage, meta, the start-up telemetry call).
        self._new_context()
        self.silence_engine_log()

    def silence_engine_log(self) -> None:
        if not self.keep_engine_log:
            silence_engine_log(self.data_dir / "logs")

    def _new_context(self) -> Any:
        return self._databend.SessionContext(data_path=str(self.data_dir))

    def user_stage_dir(self) -> Path:
        # The user stage of `root` lives under the storage root (src/meta/app/src/principal/user_stage.rs).
        return self.data_dir / "data" / "stage" / "user" / "root"

    def session(self, session_id: str) -> Session:
        with self._lock:
            existing = self._sessions.get(session_id)
            if existing is None:
                existing = self._sessions[session_id] = Session(session_id, self._new_context())
            existing.last_used = time.monotonic()
            return existing

    def drop_session(self, session_id: str) -> None:
        with self._lock:
            self._sessions.pop(session_id, None)

    def login(self, session_id: str, body: dict[str, Any]) -> None:
        session = self.session(session_id)
        with session.lock:
            session.restore(body)

    def start_query(self, session_id: str, query_id: str, body: dict[str, Any]) -> Query:
        with self._lock:
            retried = self._queries.get(query_id)
        if retried is not None:
            return retried  # a retried request must not run the statement twice
        sql = body.get("sql")
        if not isinstance(sql, str):
            raise HttpError(HTTPStatus.BAD_REQUEST, "parse error: missing field `sql`")
        page_rows = int((body.get("pagination") or {}).get("max_rows_per_page") or DEFAULT_PAGE_ROWS)
        session = self.session(session_id)
        with session.lock:
            query = self._run(session, query_id, sql, body.get("session") or {}, max(page_rows, 1))
        with self._lock:
            self._queries[query_id] = query
        return query

    def _run(self, session: Session, query_id: str, sql: str, requested: dict[str, Any], page_rows: int) -> Query:
        started = time.monotonic()
        warnings: list[str] = []
        outcome, error = Outcome(None), None
        # Known before the statement runs, so that a panic it causes is masked on the way to stderr.
        own = credentials_in_sql(sql)
        self.secrets.add(own)
        try:
            warnings = session.restore(requested)
            outcome = execute(session.ctx, sql)
            session.track(sql)
        except EngineError as err:
            error = EngineError(err.code, self.secrets.scrub(err.message, own))
            log.info("query %s failed with code %d", query_id, err.code)  # the message may quote the SQL
        finally:
            self.silence_engine_log()
        elapsed_ms = int((time.monotonic() - started) * 1000)
        fmt = session.output_format()
        query = Query(
            id=query_id,
            session_id=session.id,
            session_json=session.as_json(query_id),
            fmt=fmt,
            table=outcome.table,
            error=error,
            stats=result_stats(outcome, elapsed_ms),
            page_rows=page_rows,
            warnings=warnings,
        )
        if outcome.table is not None:
            query.encoders = [column_encoder(f, fmt) for f in outcome.table.schema]
        return query

    def query(self, query_id: str, for_page: bool = False) -> Query:
        with self._lock:
            query = self._queries.get(query_id)
        if query is None:
            raise HttpError(HTTPStatus.NOT_FOUND, f"Query ID {query_id} not found on node {NODE_ID}")
        if for_page and query.closed:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"Query {query_id} is closed for finalized")
        query.last_used = time.monotonic()
        return query

    def close_query(self, query_id: str) -> Query:
        query = self.query(query_id)
        query.closed = True
        query.table = None  # free the result now; the record stays so a retried final still answers
        return query

    def live_query_ids(self, ids: list[str]) -> set[str]:
        with self._lock:
            return {i for i in ids if i in self._queries and not self._queries[i].closed}

    def sweep(self) -> None:
        """Frees results nobody fetched within the result timeout and contexts idle for an hour."""
        now = time.monotonic()
        with self._lock:
            for qid in [q.id for q in self._queries.values() if now - q.last_used > RESULT_TIMEOUT_SECS]:
                del self._queries[qid]
            for sid in [
                s.id for s in self._sessions.values() if now - s.last_used > SESSION_IDLE_SECS and not s.lock.locked()
            ]:
                del self._sessions[sid]

    def check_password(self, header: str | None) -> bool:
        if not header or not header.startswith("Basic "):
            return False
        try:
            user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        except (binascii.Error, UnicodeDecodeError):
            return False
        return user == "root" and hmac.compare_digest(password.encode(), self.password.encode())

    def store_upload(self, stage: str, relative_dir: str, filename: str, content: bytes) -> str:
        if stage != "~":
            raise HttpError(HTTPStatus.BAD_REQUEST, f"only the user stage '~' is supported, not {stage!r}")
        relative = "/".join(p for p in (relative_dir.strip("/"), filename) if p)
        root = self.user_stage_dir().resolve()
        target = (root / relative).resolve()
        if not target.is_relative_to(root) or target == root:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"invalid stage path {relative!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return relative
