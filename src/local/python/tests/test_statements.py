"""What the gateway reads from statements and engine errors, without running them: load rewriting, leading keywords,
NUL column names, affected rows, engine error codes, credentials to mask."""

from __future__ import annotations

import pyarrow as pa
import pytest

from databend_etl_gateway.credentials import Secrets, credentials_in_sql
from databend_etl_gateway.errors import EngineError, engine_error
from databend_etl_gateway.statements import leading_keywords, nul_in_field_names, rewrite_load, written_rows


def test_the_drivers_load_form_runs_as_copy() -> None:
    sql = "INSERT INTO t (a, b) VALUES from @~/client/load/0001 file_format=(type=CSV);"
    copy = "COPY INTO t (a, b) FROM @~/client/load/0001 file_format=(type=CSV) PURGE = TRUE FORCE = TRUE"
    assert rewrite_load(sql) == copy


def test_other_statements_are_not_rewritten() -> None:
    assert rewrite_load("INSERT INTO t VALUES (1)") is None
    assert rewrite_load("INSERT INTO t VALUES FROM @named_stage/x") is None


def test_leading_keywords_skip_comments() -> None:
    assert leading_keywords("  -- note\n/* block */ start transaction") == ["START", "TRANSACTION"]
    assert leading_keywords("use db", count=1) == ["USE"]
    assert leading_keywords("") == []


def test_a_nul_in_a_field_name_is_found_in_the_schema_text() -> None:
    assert nul_in_field_names('DataSchema { fields: [DataField { name: "a\\0b", data_type: Int32 }] }')
    assert not nul_in_field_names('DataSchema { fields: [DataField { name: "a\\\\0b", data_type: Int32 }] }')


def test_written_rows_from_copy_and_mutation_results() -> None:
    copy = pa.table({"File": ["a", "b"], "Rows_loaded": [2, None]})
    assert written_rows(copy) == 2
    mutation = pa.table({"number of rows inserted": [3], "number of rows updated": [4]})
    assert written_rows(mutation) == 7
    assert written_rows(pa.table({"x": [1]})) == 0


def test_engine_errors_keep_the_code_and_text_without_the_backtrace() -> None:
    raised = Exception("QueryFailed: [1025]. Code: 1025, Text = error: Unknown table 't'.\n\n   0: backtrace")
    assert engine_error(raised) == EngineError(1025, "error: Unknown table 't'")
    assert engine_error(RuntimeError("")) == EngineError(1001, "RuntimeError")


@pytest.mark.parametrize(
    ("sql", "found"),
    [
        (
            "CREATE STAGE s URL='s3://b/' CONNECTION=(ACCESS_KEY_ID='AKIA1234' SECRET_ACCESS_KEY='se\\'cret')",
            ["AKIA1234", "se\\'cret", "se'cret"],
        ),
        ("CREATE USER u IDENTIFIED BY 'pa''ss'", ["pa''ss", "pa'ss"]),
        ("SELECT 'secret-looking' FROM t", []),
    ],
)
def test_credentials_in_sql(sql: str, found: list[str]) -> None:
    assert sorted(credentials_in_sql(sql)) == sorted(found)


def test_secrets_mask_every_spelling_of_long_values_and_a_statements_own_short_ones() -> None:
    secrets = Secrets("root-password")
    secrets.add(["it's-a-secret", "short"])
    assert secrets.scrub("root-password it\\'s-a-secret it''s-a-secret short") == "*** *** *** short"
    assert secrets.scrub("short", own=["short"]) == "***"
