"""Sessions and queries: the state behind the HTTP handlers."""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import logging
import re
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

import pyarrow as pa

from .credentials import Secrets, credentials_in_sql, silence_engine_log
from .encoders import ColumnText, OutputFormat, column_texts, page_json
from .errors import EngineError, HttpError, with_caret
from .lifecycle import (
    ABORTED_TXN_MESSAGE,
    Process,
    ends_transaction,
    is_table_write,
    is_transaction_command,
    mentions_processes,
    parse_kill,
    rewrite_processes,
    txn_timeout_message,
    user_change,
)
from .schema import databend_type
from .statements import Outcome, RowCount, execute, leading_keywords, written_rows_count

log = logging.getLogger("databend-gateway")


NODE_ID = "embedded_node"  # what bendpy names its node; the driver echoes it as the sticky node
DEFAULT_PAGE_ROWS = 10_000  # the real server's default max_rows_per_page
RESULT_TIMEOUT_SECS = 60  # http_handler_result_timeout_secs: results nobody asks for are freed after this
SESSION_IDLE_SECS = 3600  # idle contexts are dropped; the driver's session JSON restores db and settings
DEFAULT_WAIT_SECS = 10  # pagination.wait_time_secs: how long a request waits for a running statement
MAX_WAIT_SECS = 60
KILLED_BY_CLIENT = "canceled by client"  # the server's CloseReason::Canceled (http_query.rs)
KILLED_BY_KILL = "Aborted query, because the server is shutting down or the query was killed."  # ErrorCode::aborting


_STATE_CHANGING = {"USE", "SET", "UNSET"}
_TXN_END = {"COMMIT", "ROLLBACK", "ABORT"}
_STARTED_AT = datetime.now().astimezone().isoformat(timespec="milliseconds")
_KNOWN_QUERY_IDS = 256  # per session: enough for the driver's last_query_ids, bounded


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
    role: str = "account_admin"
    settings: dict[str, str] = field(default_factory=dict)
    # AutoCommit, Active, or Fail: a statement failed inside the transaction (the engine itself keeps going, the
    # server refuses everything but COMMIT/ROLLBACK until the transaction ends, and COMMIT then rolls back).
    txn_state: str = "AutoCommit"
    query_ids: deque[str] = field(default_factory=lambda: deque(maxlen=_KNOWN_QUERY_IDS))
    last_used: float = field(default_factory=time.monotonic)

    @property
    def txn_active(self) -> bool:
        return self.txn_state != "AutoCommit"

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
        self.check_txn(requested)
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
        role = requested.get("role")
        if isinstance(role, str) and role and role != self.role:
            # Checked as the server checks a login's role (login_handler.rs `check_login`): 2206 InvalidRole.
            execute(self.ctx, f"SET ROLE {sql_string(role)}")
            self.role = role
        database = requested.get("database")
        if database and database != self.database:
            changed = True
            execute(self.ctx, f"USE {sql_identifier(database)}")
        if changed:
            self.probe()
        return warnings

    def check_txn(self, requested: dict[str, Any]) -> None:
        """A request inside a transaction must name one this session runs, as the server checks the transaction
        of the last query id (http_query.rs `try_set_txn`): else TransactionTimeout, and the transaction fails."""
        wanted = requested.get("txn_state")
        if wanted == "Fail" and self.txn_state == "Active":
            self.txn_state = "Fail"
        if wanted != "Active":
            return
        internal: dict[str, Any] = {}
        with contextlib.suppress(TypeError, ValueError):
            parsed = json.loads(requested.get("internal") or "{}")
            internal = parsed if isinstance(parsed, dict) else {}
        # The server's order (http_query.rs `try_set_txn`, http_query_manager.rs `check_sticky_for_txn`).
        node = internal.get("last_node_id")
        last_ids = [str(i) for i in internal.get("last_query_ids") or []]
        failure: EngineError | None = None
        if node is None:
            failure = EngineError(5112, "Transaction is active but missing server_info")
        elif node != NODE_ID:
            failure = EngineError(
                5111,
                f"Transaction aborted because server restart or route error: expecting server {node}, "
                f"current one is {NODE_ID} started at {_STARTED_AT} ",
            )
        elif not last_ids:
            failure = EngineError(5112, "Invalid transaction state: transaction is active but last_query_ids is empty")
        elif self.txn_state == "AutoCommit" or last_ids[0] not in self.query_ids:
            failure = EngineError(4003, txn_timeout_message(last_ids[0]))
        if failure is not None:
            self.txn_state = "Fail"
            raise failure

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
            self.txn_state = "Active"
        elif head in _TXN_END:
            self.txn_state = "AutoCommit"

    def as_json(self, query_id: str) -> dict[str, Any]:
        return {
            "catalog": "default",
            "database": self.database,
            "role": self.role,
            "settings": dict(self.settings),
            "txn_state": self.txn_state,
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


@dataclass(frozen=True)
class PageData:
    """A page's `data`, already JSON (UTF-8): http_api writes it into the answer as it is."""

    json: bytes

    def rows(self) -> list[list[str | None]]:
        return json.loads(self.json)


@dataclass
class Query:
    """One statement, run in the background as the server runs it: answers say Running until it ends."""

    id: str
    session_id: str
    sql: str
    page_rows: int
    wait_secs: float  # pagination.wait_time_secs: how long each request waits for the statement to end
    session_json: dict[str, Any]  # the session as the first answer shows it; replaced when the statement ends
    database: str
    fmt: OutputFormat | None = None
    # The result's rows from `first_row` on: the engine hands the whole result over at once (docs/engine-facts.md), and
    # the batches before the page asked for last are dropped, as the server keeps only the last page for a retry.
    table: pa.Table | None = None
    first_row: int = 0
    total_rows: int = 0
    last_page: int = 0
    error: EngineError | None = None
    stats: dict[str, Any] = field(default_factory=zero_stats)
    warnings: list[str] = field(default_factory=list)
    encoders: list[ColumnText] = field(default_factory=list)
    state: str = "Running"
    killed: bool = False
    committing: bool = False  # past the point where a kill could still undo it
    closed: str | None = None  # why the client closed it: "finalized" (final) or "canceled" (kill)
    final_session_sent: bool = False
    done: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    started_at: float = field(default_factory=time.time)
    started: float = field(default_factory=time.monotonic)
    last_used: float = field(default_factory=time.monotonic)

    @property
    def row_count(self) -> int:
        return self.total_rows if self.table is not None else 0

    @property
    def held_rows(self) -> int:
        """The result's rows still in memory (Arrow): what the next pages need, whole engine batches."""
        return self.table.num_rows if self.table is not None else 0

    def elapsed_ms(self) -> int:
        return int((time.monotonic() - self.started) * 1000)

    def wait(self, page: bool = False) -> None:
        # A page request waits at least a second: the driver asks again at once on an empty page, and would spin.
        self.done.wait(max(self.wait_secs, 1) if page else self.wait_secs)

    def finish(
        self, outcome: Outcome, error: EngineError | None, session_json: dict[str, Any], fmt: OutputFormat
    ) -> None:
        with self.lock:
            if self.done.is_set():
                return  # killed meanwhile: the statement's result is dropped, its error stays
            self.session_json = session_json
            self.fmt = fmt
            self.error = error
            self.table = outcome.table
            self.first_row = 0
            self.total_rows = outcome.table.num_rows if outcome.table is not None else 0
            self.stats = result_stats(outcome, self.elapsed_ms())
            if outcome.table is not None:
                self.encoders = [column_texts(f, fmt) for f in outcome.table.schema]
            self.state = "Failed" if error else "Succeeded"
            self.final_session_sent = False
            self.last_used = time.monotonic()  # the result timeout runs from the end, not the start
            self.done.set()

    def abort(self, message: str) -> bool:
        """Ends a running statement with 1043 AbortedQuery; False when it had already ended."""
        with self.lock:
            if self.done.is_set() or self.committing:
                return False
            self.killed = True
            self.error = EngineError(1043, message)
            self.state = "Failed"
            self.stats = zero_stats(self.elapsed_ms())
            self.done.set()
            return True

    def may_commit(self) -> bool:
        """True once, when the statement may commit: a kill from now on comes too late."""
        with self.lock:
            if self.done.is_set():
                return False
            self.committing = True
            return True

    def schema_json(self) -> list[dict[str, str]]:
        if self.table is None:
            return []
        return [{"name": f.name, "type": databend_type(f)} for f in self.table.schema]

    def page(self, number: int) -> dict[str, Any]:
        if not self.done.is_set():
            # Still running: the same page again, as the server answers before the first rows exist.
            running = zero_stats(self.elapsed_ms())
            return self.response([], self.uri(f"page/{number}"), number == 0, stats=running)
        start = number * self.page_rows
        rows = self.rows_from(start, number)
        # One page of text at a time, made when asked for and dropped once sent.
        data = PageData(page_json(rows, self.encoders)) if rows is not None else []
        has_more = start + self.page_rows < self.row_count
        next_uri = f"/v1/query/{self.id}/page/{number + 1}" if has_more else self.uri("final")
        with_session = number == 0 or not self.final_session_sent
        self.final_session_sent = True
        return self.response(data, next_uri, with_session)

    def rows_from(self, start: int, number: int) -> pa.Table | None:
        """One page's rows; the batches wholly before `start` are let go first. As on the server, the last page asked
        for may be asked for again (a retry), an earlier one is a wrong page number (404)."""
        with self.lock:
            table = self.table
            if table is None:
                return None
            if number < self.last_page or start < self.first_row:
                raise HttpError(HTTPStatus.NOT_FOUND, f"wrong page number {number}")
            self.last_page = number
            batches = table.to_batches()
            passed = passed_rows = 0
            while passed < len(batches) and self.first_row + passed_rows + batches[passed].num_rows <= start:
                passed_rows += batches[passed].num_rows
                passed += 1
            if passed:
                table = self.table = pa.Table.from_batches(batches[passed:], schema=table.schema)
                self.first_row += passed_rows
            return table.slice(start - self.first_row, self.page_rows)

    def final(self) -> dict[str, Any]:
        return self.response([], None, include_session=False)

    def uri(self, suffix: str = "") -> str:
        return f"/v1/query/{self.id}" + (f"/{suffix}" if suffix else "")

    def response(
        self,
        data: PageData | list[Any],
        next_uri: str | None,
        include_session: bool,
        stats: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        running = self.state == "Running"
        body: dict[str, Any] = {
            "id": self.id,
            "session_id": self.session_id,
            "node_id": NODE_ID,
            "state": self.state,
            "session": self.session_json if include_session else None,
            "error": {"code": self.error.code, "message": self.error.message} if self.error else None,
            "warnings": self.warnings,
            "has_result_set": None if running else self.table is not None,
            "schema": self.schema_json(),
            "data": data,
            "affect": None,
            "result_timeout_secs": RESULT_TIMEOUT_SECS,
        }
        if self.error is None and self.fmt is not None:
            body["settings"] = self.fmt.as_json()  # the real server omits it when planning failed
        body.update(
            stats=stats or self.stats,
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


def pagination_number(pagination: dict[str, Any], key: str, default: int) -> int:
    value = pagination.get(key)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise HttpError(HTTPStatus.BAD_REQUEST, f"parse error: pagination.{key} must be an integer")
    return value


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
        self._passwords: dict[str, bytes] = {}  # sha256 of the password of each user made through this gateway
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
        """Registers the statement and starts it in the background; the caller waits `wait_secs` for it."""
        with self._lock:
            retried = self._queries.get(query_id)
        if retried is not None:
            return retried  # a resent request is answered from the first run, never run twice
        sql = body.get("sql")
        if not isinstance(sql, str):
            raise HttpError(HTTPStatus.BAD_REQUEST, "parse error: missing field `sql`")
        pagination = body.get("pagination") or {}
        if not isinstance(pagination, dict):
            raise HttpError(HTTPStatus.BAD_REQUEST, "parse error: pagination must be an object")
        page_rows = pagination_number(pagination, "max_rows_per_page", DEFAULT_PAGE_ROWS)
        wait_secs = pagination_number(pagination, "wait_time_secs", DEFAULT_WAIT_SECS)
        requested = body.get("session") or {}
        session = self.session(session_id)
        query = Query(
            id=query_id,
            session_id=session_id,
            sql=sql,
            page_rows=max(page_rows, 1),
            wait_secs=min(max(wait_secs, 0), MAX_WAIT_SECS),
            session_json=session.as_json(query_id),
            database=str(requested.get("database") or session.database),
        )
        with self._lock:
            raced = self._queries.get(query_id)
            if raced is not None:
                return raced
            self._queries[query_id] = query
        threading.Thread(
            target=self._run, args=(session, query, requested), name=f"query-{query_id}", daemon=True
        ).start()
        return query

    def _run(self, session: Session, query: Query, requested: dict[str, Any]) -> None:
        with session.lock:
            if query.done.is_set():
                return  # killed while it waited for the session
            session.query_ids.append(query.id)
            outcome, error, warnings = Outcome(None), None, []
            # Known before the statement runs, so that a panic it causes is masked on the way to stderr.
            own = credentials_in_sql(query.sql)
            self.secrets.add(own)
            try:
                warnings = session.restore(requested)
                outcome = self._execute(session, query)
            except EngineError as err:
                err = with_caret(query.sql, err)
                error = EngineError(err.code, self.secrets.scrub(err.message, own))
                log.info("query %s failed with code %d", query.id, err.code)  # the message may quote the SQL
            except Exception as exc:  # a gateway bug: answered as the query's error, never as a dropped request
                log.exception("query %s: internal gateway error", query.id)
                error = EngineError(1001, self.secrets.scrub(f"internal gateway error: {type(exc).__name__}", own))
            finally:
                self.silence_engine_log()
            if (error is not None or query.killed) and session.txn_state == "Active":
                session.txn_state = "Fail"  # the server marks the transaction failed on any error inside it
            query.warnings = warnings
            query.finish(outcome, error, session.as_json(query.id), session.output_format())

    def _execute(self, session: Session, query: Query) -> Outcome:
        sql = query.sql
        if session.txn_state == "Fail":
            if ends_transaction(sql):
                # The server's COMMIT of a failed transaction ends it without writing (interpreter_txn_commit.rs).
                execute(session.ctx, "ROLLBACK")
                session.txn_state = "AutoCommit"
                return Outcome(None)
            if not is_transaction_command(sql):
                raise EngineError(4002, ABORTED_TXN_MESSAGE)
        target = parse_kill(sql)
        if target is not None:
            self.kill_statement(target, query.id)
            return Outcome(None)
        if mentions_processes(sql):
            sql = rewrite_processes(sql, NODE_ID, self.processes())
        count = written_rows_count(sql)
        before = self._count(session, count) if count and count.before else None
        if session.txn_state == "AutoCommit" and is_table_write(sql):
            outcome = self._execute_undoable(session, query, sql)
        else:
            outcome = execute(session.ctx, sql)
            session.track(sql)
            self._remember_user(sql)
        # The engine answers REPLACE with the table's columns and no row; the server's REPLACE has no result set.
        if count is not None and outcome.write_rows == 0 and (outcome.table is None or outcome.table.num_rows == 0):
            rows = before if count.before else self._count(session, count)
            outcome = Outcome(None, rows or 0)
        return outcome

    @staticmethod
    def _count(session: Session, count: RowCount) -> int | None:
        try:
            table = execute(session.ctx, count.sql).table
        except EngineError:
            return None  # the statement itself then reports what is wrong, or writes no count
        return int(table.column(0)[0].as_py()) if table is not None and table.num_rows else None

    def _remember_user(self, sql: str) -> None:
        change = user_change(sql)
        if change is None:
            return
        with self._lock:
            if change.password is None:
                self._passwords.pop(change.name, None)
            elif not (change.only_if_new and change.name in self._passwords):
                self._passwords[change.name] = hashlib.sha256(change.password.encode()).digest()

    def _execute_undoable(self, session: Session, query: Query, sql: str) -> Outcome:
        """An autocommit write runs in a transaction of its own, committed only if no kill came meanwhile: the
        engine cannot stop a statement, but a killed write then leaves nothing behind, as on the server."""
        execute(session.ctx, "BEGIN")
        try:
            outcome = execute(session.ctx, sql)
        except BaseException:
            with contextlib.suppress(EngineError):
                execute(session.ctx, "ROLLBACK")
            raise
        if query.may_commit():
            execute(session.ctx, "COMMIT")
        else:
            execute(session.ctx, "ROLLBACK")
        return outcome

    def processes(self) -> list[Process]:
        with self._lock:
            running = [q for q in self._queries.values() if not q.done.is_set()]
        now = time.monotonic()
        return [
            Process(q.session_id, q.id, q.database, q.sql, q.started_at, int(now - q.started))
            for q in sorted(running, key=lambda q: q.started)
        ]

    def kill_statement(self, target: str, own_query_id: str) -> None:
        """KILL QUERY <id>: the server takes a session id and aborts its current statement (interpreter_kill.rs);
        the gateway also takes a query id."""
        with self._lock:
            known_session = target in self._sessions
            running = [
                q
                for q in self._queries.values()
                if (q.session_id == target or q.id == target) and q.id != own_query_id and not q.done.is_set()
            ]
        if not known_session and not running:
            raise EngineError(1053, f"Not found session id {target}")
        for q in running:
            q.abort(KILLED_BY_KILL)

    def query(self, query_id: str, for_page: bool = False) -> Query:
        with self._lock:
            query = self._queries.get(query_id)
        if query is None:
            raise HttpError(HTTPStatus.NOT_FOUND, f"Query ID {query_id} not found on node {NODE_ID}")
        if for_page and query.closed:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"Query {query_id} is closed for {query.closed}")
        query.last_used = time.monotonic()
        return query

    def close_query(self, query_id: str, reason: str = "finalized") -> Query:
        """Final and kill, as the server closes a query (http_query_manager.rs `close_query`): a statement still
        running is aborted (the server's 1043 "canceled by client" for a kill), and later page requests are 400
        "Query <id> is closed for <reason>"; a retried final still answers."""
        query = self.query(query_id)
        query.abort(KILLED_BY_CLIENT if reason == "canceled" else "closed by client")
        if query.closed is None:
            query.closed = reason
        query.table = None  # free the result now
        return query

    def kill_query(self, query_id: str) -> None:
        self.close_query(query_id, "canceled")

    def live_query_ids(self, ids: list[str]) -> set[str]:
        """The heartbeat: the queries still held, kept alive for another result timeout."""
        now = time.monotonic()
        live: set[str] = set()
        with self._lock:
            for i in ids:
                query = self._queries.get(i)
                if query is not None and not query.closed:
                    query.last_used = now
                    live.add(i)
        return live

    def sweep(self) -> None:
        """Frees results nobody asked for within the result timeout and contexts idle for an hour."""
        now = time.monotonic()
        with self._lock:
            for qid in [
                q.id for q in self._queries.values() if q.done.is_set() and now - q.last_used > RESULT_TIMEOUT_SECS
            ]:
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
        if user == "root":
            return hmac.compare_digest(password.encode(), self.password.encode())
        with self._lock:
            known = self._passwords.get(user)
        return known is not None and hmac.compare_digest(hashlib.sha256(password.encode()).digest(), known)

    def stage_dir(self, stage: str) -> Path:
        """Where an internal stage keeps its files: `~` under the user's folder, a named one under
        `stage/internal/<name>` (the engine makes that folder at CREATE STAGE)."""
        if stage == "~":
            return self.user_stage_dir()
        internal = self.data_dir / "data" / "stage" / "internal"
        for name in (stage, stage.lower()):
            if name and "/" not in name and name not in (".", "..") and (internal / name).is_dir():
                return internal / name
        raise HttpError(
            HTTPStatus.BAD_REQUEST,
            f"Stage {stage!r} is unknown or not internal: the local server stores uploads to internal stages only",
            code=2501,
        )

    def store_upload(self, stage: str, relative_dir: str, filename: str, content: bytes) -> str:
        relative = "/".join(p for p in (relative_dir.strip("/"), filename) if p)
        root = self.stage_dir(stage).resolve()
        target = (root / relative).resolve()
        if not target.is_relative_to(root) or target == root:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"invalid stage path {relative!r}")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        return relative
