"""What the gateway does in the server's place, without the engine: KILL parsing, the process list, transactions,
statements running in the background, and the refusal of a data dir an earlier engine used."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pyarrow as pa
import pytest

from databend_etl_gateway.credentials import Secrets
from databend_etl_gateway.encoders import OutputFormat
from databend_etl_gateway.errors import EngineError, with_caret
from databend_etl_gateway.lifecycle import (
    PROCESS_COLUMNS,
    Process,
    UserChange,
    ends_transaction,
    is_table_write,
    is_transaction_command,
    mentions_processes,
    parse_kill,
    processes_subquery,
    refusal_for_earlier_data,
    rewrite_processes,
    user_change,
)
from databend_etl_gateway.sessions import KILLED_BY_CLIENT, KILLED_BY_KILL, RESULT_TIMEOUT_SECS, Gateway, Query, Session
from databend_etl_gateway.statements import Outcome, RowCount, rewrite_streaming_load, written_rows_count


def test_kill_names_a_quoted_or_bare_id() -> None:
    assert parse_kill("KILL QUERY 'a-1'") == "a-1"
    assert parse_kill("  kill query abc_2 ;") == "abc_2"
    assert parse_kill("KILL CONNECTION 'x\\'y'") == "x'y"
    assert parse_kill("SELECT 'KILL QUERY 1'") is None
    assert parse_kill("KILL QUERY") is None


PROCESS = Process("sess", "qid", "db", "SELECT 'it''s'", 0.0, 3)


def test_the_process_list_has_the_servers_columns_in_order() -> None:
    sub = processes_subquery("embedded_node", [PROCESS])
    positions = [sub.index(f" AS {name}") for name, _ in PROCESS_COLUMNS]
    assert positions == sorted(positions)
    assert "CAST('SELECT \\'it\\'\\'s\\'' AS STRING) AS extra_info" in sub
    assert "CAST(3 AS UINT64) AS time" in sub
    assert "CAST('1970-01-01 00:00:00.000000' AS TIMESTAMP) AS created_time" in sub


def test_an_empty_process_list_is_typed_and_empty() -> None:
    sub = processes_subquery("n", [])
    assert sub.endswith("WHERE 1 = 0)")
    assert "CAST(NULL AS UINT32 NULL) AS mysql_connection_id" in sub


def test_show_processlist_and_system_processes_read_the_gateways_list() -> None:
    assert mentions_processes("show processlist")
    assert mentions_processes("SELECT id FROM System . Processes WHERE 1")
    assert not mentions_processes("SELECT 'processes'")
    assert not mentions_processes("INSERT INTO t VALUES ('system.processes') -- system.processes")
    kept = "INSERT INTO t SELECT 'system.processes', count(*) FROM system.processes"
    assert rewrite_processes(kept, "n", []).startswith("INSERT INTO t SELECT 'system.processes', count(*) FROM (SELECT")
    show = rewrite_processes("SHOW PROCESSLIST LIKE 'INSERT%';", "n", [])
    assert show.startswith("SELECT * FROM (SELECT ")
    assert show.endswith(" AS processes WHERE extra_info LIKE 'INSERT%'")
    where = rewrite_processes("SHOW FULL PROCESSLIST WHERE time > 1", "n", [])
    assert where.endswith(" AS processes WHERE time > 1")
    read = rewrite_processes("SELECT count(*) FROM system.processes p", "n", [PROCESS])
    assert read.startswith("SELECT count(*) FROM (SELECT ")
    assert read.endswith(" AS processes p")


def test_table_writes_are_told_from_unloads_and_reads() -> None:
    for sql in (
        "INSERT INTO t VALUES (1)",
        "replace into t on (a) values (1)",
        "/* c */ DELETE FROM t",
        "MERGE INTO t",
    ):
        assert is_table_write(sql), sql
    assert is_table_write("COPY INTO t FROM @s")
    for sql in ("COPY INTO @s FROM t", "COPY INTO 's3://b/' FROM t", "SELECT 1", "CREATE TABLE t AS SELECT 1", ""):
        assert not is_table_write(sql), sql


def test_transaction_commands() -> None:
    assert is_transaction_command("begin")
    assert is_transaction_command("START TRANSACTION")
    assert is_transaction_command("COMMIT")
    assert ends_transaction("rollback")
    assert ends_transaction("ABORT")
    assert not is_transaction_command("SELECT 1")
    assert not ends_transaction("BEGIN")


def session_in(txn_state: str, *ids: str) -> Session:
    session = Session("s", ctx=None, txn_state=txn_state)
    session.query_ids.extend(ids)
    return session


def internal(*ids: str) -> str:
    return json.dumps({"last_node_id": "embedded_node", "last_query_ids": list(ids)})


def test_a_transaction_the_session_does_not_run_is_a_timeout_and_fails_it() -> None:
    session = session_in("Active", "q1")
    session.check_txn({"txn_state": "Active", "internal": internal("q1")})
    assert session.txn_state == "Active"
    for state, ids in (("Active", ("q9",)), ("AutoCommit", ("q1",))):
        session = session_in(state, "q1")
        with pytest.raises(EngineError) as raised:
            session.check_txn({"txn_state": "Active", "internal": internal(*ids)})
        assert raised.value.code == 4003
        assert raised.value.message.startswith("Transaction timeout: last_query_id ")
        assert session.txn_state == "Fail"
        assert session.as_json("q2")["txn_state"] == "Fail"


def test_an_active_transaction_without_its_node_or_query_ids_is_refused_as_the_server_does() -> None:
    cases = (
        ("{}", 5112, "Transaction is active but missing server_info"),
        (json.dumps({"last_node_id": "n2", "last_query_ids": ["q1"]}), 5111, "Transaction aborted because server "),
        (internal(), 5112, "Invalid transaction state: transaction is active but last_query_ids is empty"),
    )
    for raw, code, message in cases:
        session = session_in("Active", "q1")
        with pytest.raises(EngineError) as raised:
            session.check_txn({"txn_state": "Active", "internal": raw})
        assert raised.value.code == code
        assert raised.value.message.startswith(message)
        assert session.txn_state == "Fail"


def test_a_client_that_says_fail_fails_the_transaction() -> None:
    session = session_in("Active")
    session.check_txn({"txn_state": "Fail"})
    assert session.txn_state == "Fail"
    assert session.as_json("q")["need_sticky"] is True
    idle = session_in("AutoCommit")
    idle.check_txn({"txn_state": "Fail"})
    assert idle.txn_state == "AutoCommit"


def new_query(**kw: object) -> Query:
    return Query(
        id="q", session_id="s", sql="SELECT 1", page_rows=10, wait_secs=0, session_json={"a": 1}, database="d", **kw
    )


def test_a_running_query_answers_running_with_the_same_page_next() -> None:
    query = new_query()
    body = query.page(0)
    assert body["state"] == "Running"
    assert body["next_uri"] == "/v1/query/q/page/0"
    assert body["data"] == []
    assert body["schema"] == []
    assert body["session"] == {"a": 1}
    assert "settings" not in body
    assert query.page(3)["next_uri"] == "/v1/query/q/page/3"


def test_a_finished_query_sends_its_final_session_once_after_running() -> None:
    query = new_query()
    query.page(0)
    query.finish(Outcome(pa.table({"x": [1, 2]})), None, {"a": 2}, OutputFormat())
    first = query.page(0)
    assert first["state"] == "Succeeded"
    assert first["session"] == {"a": 2}
    assert first["data"].rows() == [["1"], ["2"]]
    assert first["next_uri"] == "/v1/query/q/final"


def test_a_kill_ends_a_running_query_with_1043_and_drops_its_late_result() -> None:
    query = new_query()
    assert query.abort("canceled by client")
    query.finish(Outcome(pa.table({"x": [1]})), None, {}, OutputFormat())
    body = query.page(0)
    assert body["state"] == "Failed"
    assert body["error"] == {"code": 1043, "message": "canceled by client"}
    assert body["data"] == []
    assert not query.abort("again")


def test_a_kill_after_the_commit_point_comes_too_late() -> None:
    query = new_query()
    assert query.may_commit()
    assert not query.abort("late")
    killed = new_query()
    killed.abort("first")
    assert not killed.may_commit()


def test_a_data_dir_an_earlier_engine_used_is_refused(tmp_path: Path) -> None:
    assert refusal_for_earlier_data(tmp_path) is None
    (tmp_path / "meta").mkdir()
    (tmp_path / "data").mkdir()
    assert refusal_for_earlier_data(tmp_path) is None
    (tmp_path / "meta" / "MetaStoreProvider-created-41583" / "raft_dir").mkdir(parents=True)
    refusal = refusal_for_earlier_data(tmp_path)
    assert refusal is not None
    assert str(tmp_path) in refusal
    assert "cannot reopen" in refusal


def test_created_users_passwords_are_read_from_their_statements() -> None:
    assert user_change("CREATE USER u IDENTIFIED BY 'p''w'") == UserChange("u", "p'w")
    assert user_change("create or replace user 'A b'@'%' identified with sha256_password by 'x'") == UserChange(
        "A b", "x"
    )
    assert user_change("ALTER USER \"U\" IDENTIFIED BY 'q'") == UserChange("U", "q")
    assert user_change("CREATE USER IF NOT EXISTS Bob IDENTIFIED BY 'z'") == UserChange("bob", "z", only_if_new=True)
    assert user_change("DROP USER IF EXISTS Bob") == UserChange("bob", None)
    assert user_change("SELECT 'CREATE USER u IDENTIFIED BY 1'") is None


def test_the_streaming_load_runs_as_a_load_from_the_user_stage() -> None:
    copy = "COPY INTO t (a) FROM @~/client/streaming/q file_format = (type = csv) PURGE = TRUE FORCE = TRUE"
    assert (
        rewrite_streaming_load("INSERT INTO t (a) VALUES from @_databend_load file_format = (type = csv);", LOC) == copy
    )
    assert rewrite_streaming_load("insert into t (a) from @_databend_load file_format = (type = csv)", LOC) == copy
    assert rewrite_streaming_load("INSERT INTO t SELECT * FROM s", LOC) is None


LOC = "@~/client/streaming/q"


def test_rows_written_by_ctas_and_replace_are_counted() -> None:
    assert written_rows_count("CREATE TABLE t3 AS SELECT 1") == RowCount("SELECT count(*) FROM t3", before=False)
    ctas = written_rows_count('create or replace transient table db."T" (a int) cluster by (a) as select 1')
    assert ctas == RowCount('SELECT count(*) FROM db."T"', before=False)
    assert written_rows_count("CREATE TABLE IF NOT EXISTS t AS SELECT 1") is None
    assert written_rows_count("CREATE TABLE t (a INT)") is None
    replace = written_rows_count("REPLACE INTO t ON (a) VALUES (1, 'q'), (9, 'r');")
    assert replace == RowCount("SELECT count(*) FROM (VALUES (1, 'q'), (9, 'r'))", before=True)
    assert written_rows_count("REPLACE INTO t ON (a) DELETE WHEN x = 1 SELECT 1") is None


def test_a_binding_error_points_at_the_name_as_the_server_does() -> None:
    unknown = EngineError(1025, 'Unknown table "default"."default".t .')
    assert with_caret("select * from t", unknown).message == (
        "error: \n  --> SQL:1:15\n  |\n1 | select * from t\n"
        '  |               ^ Unknown table "default"."default".t .\n\n'
    )
    column = with_caret("SELECT abc FROM x;", EngineError(1065, "column abc doesn't exist"))
    assert (
        column.message
        == "error: \n  --> SQL:1:8\n  |\n1 | SELECT abc FROM x\n  |        ^^^ column abc doesn't exist\n\n"
    )
    # Not where the position is a guess: the name twice, qualified, or a statement of several lines.
    assert with_caret("SELECT t.a FROM t", unknown) == unknown
    assert with_caret("SELECT *\nFROM t", unknown) == unknown
    assert with_caret("SELECT 1", EngineError(1006, "bad")) == EngineError(1006, "bad")


def bare_gateway(*queries: Query) -> Gateway:
    gateway = Gateway.__new__(Gateway)  # no engine: only the bookkeeping under test
    gateway._lock = threading.Lock()
    gateway._sessions = {}
    gateway._queries = {q.id: q for q in queries}
    return gateway


def test_heartbeats_keep_a_slowly_read_result_and_running_statements_are_never_swept() -> None:
    read_slowly = new_query()
    read_slowly.finish(Outcome(pa.table({"x": [1]})), None, {}, OutputFormat())
    running = Query(id="r", session_id="s", sql="SELECT 2", page_rows=1, wait_secs=0, session_json={}, database="d")
    forgotten = Query(id="f", session_id="s", sql="SELECT 3", page_rows=1, wait_secs=0, session_json={}, database="d")
    forgotten.finish(Outcome(None), None, {}, OutputFormat())
    gateway = bare_gateway(read_slowly, running, forgotten)
    for q in (read_slowly, running, forgotten):
        q.last_used -= RESULT_TIMEOUT_SECS + 20  # 80 s since the last page
    assert gateway.live_query_ids(["q", "r", "gone"]) == {"q", "r"}
    gateway.sweep()
    assert set(gateway._queries) == {"q", "r"}


def test_kill_query_takes_a_session_id_or_a_query_id_and_refuses_an_unknown_one() -> None:
    first, second = (
        new_query(),
        Query(id="q2", session_id="s2", sql="x", page_rows=1, wait_secs=0, session_json={}, database="d"),
    )
    gateway = bare_gateway(first, second)
    gateway.kill_statement("s", own_query_id="other")
    assert first.error == EngineError(1043, KILLED_BY_KILL)
    assert second.state == "Running"
    gateway.kill_statement("q2", own_query_id="other")
    assert second.state == "Failed"
    with pytest.raises(EngineError) as raised:
        gateway.kill_statement("nobody", own_query_id="other")
    assert raised.value == EngineError(1053, "Not found session id nobody")


class EmptySchema:
    def __repr__(self) -> str:
        return "DataSchema { fields: [], metadata: {} }"


class FakeRelation:
    def schema(self) -> EmptySchema:
        return EmptySchema()

    def collect(self) -> None:
        pass


class FakeContext:
    """Records what the gateway sends to the engine; every statement succeeds with no result."""

    def __init__(self, fail_on: str = "") -> None:
        self.sent: list[str] = []
        self.fail_on = fail_on

    def sql(self, text: str) -> FakeRelation:
        self.sent.append(text)
        if self.fail_on and self.fail_on in text:
            raise RuntimeError("Error: UnknownTable. Code: 1025, Text = Unknown table nope ..")
        return FakeRelation()


def run(gateway: Gateway, session: Session, sql: str) -> Query:
    query = Query(
        id=f"q{len(session.query_ids)}",
        session_id=session.id,
        sql=sql,
        page_rows=1,
        wait_secs=0,
        session_json={},
        database="d",
    )
    gateway._queries[query.id] = query
    gateway.secrets = Secrets("")
    gateway.keep_engine_log = True
    gateway._passwords = {}
    gateway._run(session, query, {})
    return query


def test_a_failed_transaction_refuses_statements_and_its_commit_rolls_back() -> None:
    ctx = FakeContext(fail_on="nope")
    session = Session("s", ctx=ctx)
    gateway = bare_gateway()
    run(gateway, session, "BEGIN")
    failed = run(gateway, session, "INSERT INTO nope VALUES (1)").error
    assert failed is not None
    assert failed.code == 1025
    assert failed.message.endswith("  |             ^^^^ Unknown table nope .\n\n")
    assert session.txn_state == "Fail"
    refused = run(gateway, session, "INSERT INTO t VALUES (2)")
    assert refused.error is not None
    assert refused.error.code == 4002
    assert run(gateway, session, "COMMIT").error is None
    assert session.txn_state == "AutoCommit"
    assert ctx.sent == ["BEGIN", "INSERT INTO nope VALUES (1)", "ROLLBACK"]


def test_an_autocommit_write_runs_in_a_transaction_that_a_kill_rolls_back() -> None:
    ctx = FakeContext()
    session = Session("s", ctx=ctx)
    gateway = bare_gateway()
    assert run(gateway, session, "INSERT INTO t VALUES (1)").state == "Succeeded"
    assert ctx.sent == ["BEGIN", "INSERT INTO t VALUES (1)", "COMMIT"]
    ctx.sent.clear()
    killed = Query(id="k", session_id="s", sql="DELETE FROM t", page_rows=1, wait_secs=0, session_json={}, database="d")
    original = ctx.sql

    def kill_while_running(text: str) -> FakeRelation:
        if text == "DELETE FROM t":
            killed.abort(KILLED_BY_CLIENT)
        return original(text)

    ctx.sql = kill_while_running  # type: ignore[method-assign]
    gateway._queries["k"] = killed
    gateway._run(session, killed, {})
    assert ctx.sent == ["BEGIN", "DELETE FROM t", "ROLLBACK"]
    assert killed.error == EngineError(1043, KILLED_BY_CLIENT)
