"""HTTP: the endpoints of Databend's HTTP query API that databend-driver uses, on top of `Gateway`."""

from __future__ import annotations

import base64
import binascii
import email.parser
import email.policy
import json
import logging
import re
import uuid
from collections.abc import Callable
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urlsplit

from .errors import EngineError, HttpError
from .sessions import NODE_ID, Gateway, PageData, zero_stats
from .statements import rewrite_streaming_load

log = logging.getLogger("databend-gateway")


_PAGE_PATH = re.compile(r"^/v1/query/(?P<id>[^/]+)/page/(?P<page>\d+)$")
_ACTION_PATH = re.compile(r"^/v1/query/(?P<id>[^/]+)/(?P<action>final|kill)$")
# The endpoints whose requests a cluster's node forwards by X-DATABEND-STICKY-NODE (besides the page and action paths).
_STICKY_PATHS = frozenset({"/v1/query", "/v1/session/logout", "/v1/session/heartbeat"})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: the driver pools connections
    # Headers and body leave in separate writes; with Nagle on, each request on a kept-alive connection waited
    # ~40 ms for the client's delayed ACK (~90 ms a statement instead of ~4 ms).
    disable_nagle_algorithm = True
    server_version = "databend-gateway"
    gateway: Gateway  # set on the subclass made in serve()
    body: bytes = b""

    # -- plumbing

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        log.debug("%s %s", self.address_string(), format % args)

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunked()  # the driver's streaming load sends its rows so
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _json_body(self) -> dict[str, Any]:
        raw = self.body
        if not raw:
            return {}
        try:
            parsed = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise HttpError(HTTPStatus.BAD_REQUEST, f"parse error: {exc}") from None
        if not isinstance(parsed, dict):
            raise HttpError(HTTPStatus.BAD_REQUEST, "parse error: expected a JSON object")
        return parsed

    def _session_id(self) -> tuple[str, bool]:
        cookies = SimpleCookie(self.headers.get("Cookie") or "")
        if "session_id" in cookies:
            return cookies["session_id"].value, False
        return str(uuid.uuid4()), True

    def _send(self, status: HTTPStatus, body: Any, headers: dict[str, str] | None = None) -> None:
        payload = b"" if body is None else response_json(body)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-DATABEND-VERSION", self.gateway.version)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def _dispatch(self, routes: dict[str, Callable[[], None]]) -> None:
        path = urlsplit(self.path).path
        # Read the whole body first, whatever the outcome, so a kept-alive connection stays in step.
        self.body = self._read_body()
        try:
            if not self.gateway.check_password(self.headers.get("Authorization")):
                raise HttpError(HTTPStatus.UNAUTHORIZED, "wrong user name or password", code=5100)
            handler = routes.get(path) or self._query_route(path)
            if handler is None:
                raise HttpError(HTTPStatus.NOT_FOUND, "not found")
            self._check_sticky_node(path)
            handler()
        except HttpError as err:
            self._send(err.status, {"error": {"code": err.code, "message": err.message}})
        except Exception as exc:
            log.exception("internal error on %s %s", self.command, path)
            self._send_internal_error(path, exc)

    def _check_sticky_node(self, path: str) -> None:
        # A cluster's node forwards a request naming another node to it (X-DATABEND-STICKY-NODE, sent by clients on
        # a query's later requests); a node the cluster lacks is refused. This server is one node: any other name is
        # refused as the server refuses it, so a client naming the wrong node fails here as it would in a cluster.
        sticky = self.headers.get("X-DATABEND-STICKY-NODE")
        if sticky is None or sticky == NODE_ID:
            return
        if path in _STICKY_PATHS or _PAGE_PATH.match(path) or _ACTION_PATH.match(path):
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                f"Sticky session state lost: node '{sticky}' not found in cluster, request={self.command} {path}",
                code=1006,
            )

    def _send_internal_error(self, path: str, exc: Exception) -> None:
        # A bug in the gateway: the server answers an internal failure as a failed query (code 1001 Internal), so
        # the client reports a ServerError instead of an HTTP failure; nothing of the request is echoed.
        message = f"internal gateway error: {type(exc).__name__}"
        if path == "/v1/query" or _PAGE_PATH.match(path) or _ACTION_PATH.match(path):
            body = {
                "id": "",
                "session_id": None,
                "node_id": "",
                "state": "Failed",
                "session": None,
                "error": {"code": 1001, "message": message},
                "warnings": [],
                "schema": [],
                "data": [],
                "affect": None,
                "stats": zero_stats(),
                "stats_uri": None,
                "final_uri": None,
                "next_uri": None,
                "kill_uri": None,
            }
            self._send(HTTPStatus.OK, body)
        else:
            self._send(HTTPStatus.BAD_REQUEST, {"error": {"code": 1001, "message": message}})

    def _query_route(self, path: str) -> Callable[[], None] | None:
        if match := _PAGE_PATH.match(path):
            if self.command != "GET":
                return None
            return lambda: self._page(match["id"], int(match["page"]))
        if match := _ACTION_PATH.match(path):
            return lambda: self._final(match["id"]) if match["action"] == "final" else self._kill(match["id"])
        return None

    def do_GET(self) -> None:  # http.server's naming
        self._dispatch({})

    def do_POST(self) -> None:
        self._dispatch(
            {
                "/v1/query": self._start_query,
                "/v1/session/login": self._login,
                "/v1/session/logout": self._logout,
                "/v1/session/heartbeat": self._heartbeat,
            }
        )

    def do_PUT(self) -> None:
        self._dispatch({"/v1/upload_to_stage": self._upload, "/v1/streaming_load": self._streaming_load})

    # -- endpoints

    def _login(self) -> None:
        body = self._json_body()
        session_id, minted = self._session_id()
        try:
            self.gateway.login(session_id, body)
        except EngineError as err:
            raise HttpError(HTTPStatus.BAD_REQUEST, err.message, code=err.code) from None
        headers = {"X-DATABEND-SESSION-ID": session_id}
        if minted:
            headers["Set-Cookie"] = f"session_id={session_id}; Path=/"
        self._send(HTTPStatus.OK, {"version": self.gateway.version, "session_id": session_id}, headers)

    def _logout(self) -> None:
        session_id, minted = self._session_id()
        if not minted:
            self.gateway.drop_session(session_id)
        self._send(HTTPStatus.OK, {"error": None})

    def _heartbeat(self) -> None:
        body = self._json_body()
        asked = [qid for ids in (body.get("node_to_queries") or {}).values() for qid in ids]
        live = self.gateway.live_query_ids(asked)
        self._send(HTTPStatus.OK, {"queries_to_remove": [qid for qid in asked if qid not in live]})

    def _start_query(self) -> None:
        body = self._json_body()
        session_id, minted = self._session_id()
        query_id = self.headers.get("X-DATABEND-QUERY-ID") or uuid.uuid4().hex
        query = self.gateway.start_query(session_id, query_id, body)
        query.wait()  # the server answers within wait_time_secs, Running if the statement has not ended
        headers = {"X-DATABEND-SESSION-ID": session_id, "X-DATABEND-QUERY-ID": query.id}
        if minted:
            headers["Set-Cookie"] = f"session_id={session_id}; Path=/"
        self._send(HTTPStatus.OK, query.page(0), headers)

    def _page(self, query_id: str, number: int) -> None:
        query = self.gateway.query(query_id, for_page=True)
        query.wait(page=True)  # a long poll: the driver asks again at once when a page comes back empty
        self._send(HTTPStatus.OK, query.page(number), {"X-DATABEND-QUERY-ID": query_id})

    def _final(self, query_id: str) -> None:
        query = self.gateway.close_query(query_id)
        self._send(HTTPStatus.OK, query.final(), {"X-DATABEND-QUERY-ID": query_id})

    def _kill(self, query_id: str) -> None:
        # The client sees the query closed at once. The engine offers no cancellation from Python, so inside the
        # engine the statement runs to its end, its result dropped and an autocommit write undone
        # (docs/engine-facts.md).
        self.gateway.kill_query(query_id)
        self._send(HTTPStatus.OK, None)

    def _upload(self) -> None:
        content_type = self.headers.get("Content-Type") or ""
        stage = self.headers.get("X-DATABEND-STAGE-NAME") or "~"
        relative_dir = self.headers.get("X-DATABEND-RELATIVE-PATH") or ""
        files = [
            self.gateway.store_upload(stage, relative_dir, name, content)
            for name, content in multipart_files(content_type, self.body)
        ]
        if not files:
            raise HttpError(HTTPStatus.BAD_REQUEST, "no file in the upload")
        self._send(HTTPStatus.OK, {"id": str(uuid.uuid4()), "stage_name": stage, "state": "SUCCESS", "files": files})

    def _streaming_load(self) -> None:
        # The server streams the upload into the INSERT; the gateway stores it in the user stage and runs the
        # equivalent load, then answers as the server does: {id, stats: write progress}, and the session in
        # X-DATABEND-QUERY-CONTEXT.
        sql = self.headers.get("X-DATABEND-SQL")
        if not sql:
            raise HttpError(HTTPStatus.BAD_REQUEST, "Missing required header X-DATABEND-SQL in request")
        requested = session_header(self.headers.get("X-DATABEND-QUERY-CONTEXT"))
        parts = multipart_files(self.headers.get("Content-Type") or "", self.body)
        if not parts:
            raise HttpError(HTTPStatus.BAD_REQUEST, "no file in the upload")
        query_id = self.headers.get("X-DATABEND-QUERY-ID") or uuid.uuid4().hex
        path = f"client/streaming/{uuid.uuid4().hex}"
        load = rewrite_streaming_load(sql, f"@~/{path}")
        if load is None:
            raise HttpError(
                HTTPStatus.BAD_REQUEST,
                "Unsupported INSERT source. Streaming upload only supports "
                "'INSERT INTO $table FROM @_databend_load FILE_FORMAT = (type = <type> ...)'",
            )
        self.gateway.store_upload("~", "", path, parts[0][1])
        session_id, minted = self._session_id()
        query = self.gateway.start_query(session_id, query_id, {"sql": load, "session": requested})
        query.done.wait()
        # URL-safe base64 of the JSON, as the server writes it (middleware/json_header.rs `encode_json_header`): the
        # driver cannot read the raw JSON form back.
        context = base64.urlsafe_b64encode(json.dumps(query.session_json, separators=(",", ":")).encode()).decode()
        headers = {"X-DATABEND-QUERY-CONTEXT": context}
        if minted:
            headers["Set-Cookie"] = f"session_id={session_id}; Path=/"
        if query.error is not None:
            message = f"Query execution failed: {query.error.message}"
            self._send(HTTPStatus.BAD_REQUEST, {"error": {"code": 400, "message": message}}, headers)
            return
        written = query.stats["write_progress"]
        self._send(
            HTTPStatus.OK, {"id": query.id, "stats": {"rows": written["rows"], "bytes": written["bytes"]}}, headers
        )


# A stand-in for a page's data, unguessable so that no text of an answer (an error quoting the SQL ...) can hold it.
_DATA_STAND_IN = f"page data {uuid.uuid4().hex}"


def response_json(body: Any) -> bytes:
    """The answer's JSON (UTF-8); a page's data (PageData) goes in as the JSON it already is."""
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, PageData):
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    text = json.dumps({**body, "data": _DATA_STAND_IN}, ensure_ascii=False, separators=(",", ":"))
    head, _, tail = text.partition(f'"{_DATA_STAND_IN}"')
    return b"".join((head.encode(), data.json, tail.encode()))


def session_header(raw: str | None) -> dict[str, Any]:
    if not raw:
        return {}
    text = raw.strip()
    try:
        if not text.startswith("{"):
            text = base64.urlsafe_b64decode(text).decode()
        parsed = json.loads(text)
    except (json.JSONDecodeError, binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise HttpError(HTTPStatus.BAD_REQUEST, f"invalid value for header X-DATABEND-QUERY-CONTEXT: {exc}") from None
    if not isinstance(parsed, dict):
        raise HttpError(HTTPStatus.BAD_REQUEST, "invalid value for header X-DATABEND-QUERY-CONTEXT: not an object")
    return parsed


def multipart_files(content_type: str, body: bytes) -> list[tuple[str, bytes]]:
    if not content_type.lower().startswith("multipart/form-data"):
        raise HttpError(HTTPStatus.BAD_REQUEST, "expected multipart/form-data")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    return [
        (part.get_filename() or "", part.get_payload(decode=True) or b"")
        for part in message.iter_parts()
        if part.get_filename() or part.get_param("name", header="content-disposition") == "upload"
    ]
