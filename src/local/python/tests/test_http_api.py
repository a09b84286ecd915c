"""The HTTP layer without the engine: a failure inside the gateway is answered as the server answers an internal
error, never as HTTP 500; the streaming load's session header is read in both of the server's forms."""

from __future__ import annotations

import base64
import http.client
import json
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from typing import Any

import pytest

from databend_etl_gateway.errors import HttpError
from databend_etl_gateway.http_api import Handler, session_header


class BrokenGateway:
    """Stands in for `Gateway`: accepts root and fails inside every query start with a bug of its own."""

    version = "1.2.895"

    def check_password(self, header: str | None) -> bool:
        return header == "Basic " + base64.b64encode(b"root:").decode()

    def start_query(self, *_: Any) -> Any:
        raise KeyError("a bug")

    def login(self, *_: Any) -> None:
        raise ValueError("another bug")


@pytest.fixture
def port() -> Iterator[int]:
    handler = type("BoundHandler", (Handler,), {"gateway": BrokenGateway()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def post(
    port: int, path: str, body: dict[str, Any], headers: dict[str, str] | None = None, method: str = "POST"
) -> tuple[int, dict[str, Any]]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    auth = "Basic " + base64.b64encode(b"root:").decode()
    conn.request(
        method, path, json.dumps(body), {"Authorization": auth, "Content-Type": "application/json", **(headers or {})}
    )
    response = conn.getresponse()
    return response.status, json.loads(response.read())


def test_a_gateway_failure_in_a_query_is_a_failed_query_not_http_500(port: int) -> None:
    status, body = post(port, "/v1/query", {"sql": "SELECT 1"})
    assert status == 200
    assert body["state"] == "Failed"
    assert body["error"] == {"code": 1001, "message": "internal gateway error: KeyError"}
    assert body["next_uri"] is None
    assert body["data"] == []


def test_a_gateway_failure_elsewhere_is_a_json_error(port: int) -> None:
    status, body = post(port, "/v1/session/login", {})
    assert status == 400
    assert body == {"error": {"code": 1001, "message": "internal gateway error: ValueError"}}


def test_a_sticky_node_other_than_this_one_is_refused_as_a_cluster_refuses_a_lost_node(port: int) -> None:
    for method, path in (
        ("POST", "/v1/query"),
        ("GET", "/v1/query/q1/page/1"),
        ("POST", "/v1/query/q1/kill"),
        ("POST", "/v1/session/logout"),
    ):
        status, body = post(port, path, {"sql": "SELECT 1"}, {"X-DATABEND-STICKY-NODE": "node-2"}, method)
        assert status == 400, path
        assert body["error"]["code"] == 1006
        assert body["error"]["message"].startswith("Sticky session state lost: node 'node-2' not found in cluster")
    # Its own name passes the check (and reaches the broken query start of this fixture).
    status, body = post(port, "/v1/query", {"sql": "SELECT 1"}, {"X-DATABEND-STICKY-NODE": "embedded_node"})
    assert (status, body["error"]["code"]) == (200, 1001)
    # Login is not forwarded by node: the header is ignored there.
    status, body = post(port, "/v1/session/login", {}, {"X-DATABEND-STICKY-NODE": "node-2"})
    assert body["error"]["message"] == "internal gateway error: ValueError"


def test_the_query_context_header_is_read_raw_or_as_url_safe_base64() -> None:
    session = {"database": "d", "settings": {"timezone": "Asia/Shanghai"}}
    raw = json.dumps(session)
    assert session_header(raw) == session
    assert session_header(base64.urlsafe_b64encode(raw.encode()).decode()) == session
    assert session_header(None) == {}
    with pytest.raises(HttpError):
        session_header("not json")
