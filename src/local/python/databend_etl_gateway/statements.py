"""Statements: execution on an engine context, load rewriting, affected-row counts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from .errors import EngineError, engine_error

INSERTED_ROWS_COLUMN = "number of rows inserted"
COPY_ROWS_COLUMN = "Rows_loaded"
MUTATION_COLUMNS = (INSERTED_ROWS_COLUMN, "number of rows updated", "number of rows deleted")


# The driver's loadFile uploads to the user stage, then sends
# `INSERT INTO t [(cols)] VALUES from @~/client/load/<n> file_format=(...)`. bendpy executes that form but
# reports no row count, so it runs as the equivalent COPY, whose per-file `Rows_loaded` gives write_progress.
# PURGE and FORCE are what the real server defaults the load form to. Other locations are left alone.
_LOAD_FORM = re.compile(
    r"^\s*INSERT\s+INTO\s+(?P<target>.+?)\s+VALUES\s+FROM\s+(?P<location>@~/\S+)\s*(?P<options>.*?)[\s;]*\Z",
    re.IGNORECASE | re.DOTALL,
)


def rewrite_load(sql: str) -> str | None:
    match = _LOAD_FORM.match(sql)
    if match is None:
        return None
    return f"COPY INTO {match['target']} FROM {match['location']} {match['options']} PURGE = TRUE FORCE = TRUE"


# The streaming load's statement (src/query/service/src/servers/http/v1/streaming_load.rs): an INSERT whose source is
# `@_databend_load`, with or without VALUES. The gateway stores the upload in the user stage and runs it as the load.
_STREAMING_FORM = re.compile(
    r"^\s*INSERT\s+INTO\s+(?P<target>.+?)\s+(?:VALUES\s+)?FROM\s+@_databend_load\b(?P<options>.*?)[\s;]*\Z",
    re.IGNORECASE | re.DOTALL,
)


def rewrite_streaming_load(sql: str, location: str) -> str | None:
    match = _STREAMING_FORM.match(sql)
    if match is None:
        return None
    return f"COPY INTO {match['target']} FROM {location} {match['options'].strip()} PURGE = TRUE FORCE = TRUE"


# CREATE TABLE ... AS SELECT and REPLACE INTO answer with no row count on the embedded engine, where the server's
# write_progress counts the rows they wrote. The gateway counts them: the new table's rows after a CTAS (not with IF
# NOT EXISTS, where the table may be an older one), the source's rows before a REPLACE.
_IDENT = r"""(?:"(?:[^"]|"")*"|`(?:[^`]|``)*`|[A-Za-z_][A-Za-z0-9_$]*)"""
_CTAS = re.compile(
    r"\A\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:TRANSIENT\s+)?TABLE\s+(?!IF\s+NOT\s+EXISTS\b)(?P<name>"
    + _IDENT
    + r"(?:\s*\.\s*"
    + _IDENT
    + r"){0,2})(?:\s*\((?:[^()]|\([^()]*\))*\))?(?:\s+[^;]*?)?\s+AS\s+(?:SELECT|WITH|FROM|\()",
    re.IGNORECASE | re.DOTALL,
)
_REPLACE = re.compile(
    r"\A\s*REPLACE\s+INTO\s+.+?\s+ON\s*(?:CONFLICT\s*)?\((?:[^()]|\([^()]*\))*\)\s*"
    r"(?P<source>(?:VALUES|SELECT|WITH)\b.*?)[\s;]*\Z",
    re.IGNORECASE | re.DOTALL,
)


@dataclass(frozen=True)
class RowCount:
    sql: str  # SELECT count(*) ...
    before: bool  # run before the statement (its source), else after it (its table)


def written_rows_count(sql: str) -> RowCount | None:
    ctas = _CTAS.match(sql)
    if ctas:
        return RowCount(f"SELECT count(*) FROM {ctas['name']}", before=False)
    replace = _REPLACE.match(sql)
    if replace and not re.search(r"\bDELETE\s+WHEN\b", sql, re.IGNORECASE):
        return RowCount(f"SELECT count(*) FROM ({replace['source']})", before=True)
    return None


_LEADING_NOISE = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", re.DOTALL)
_WORD = re.compile(r"[A-Za-z_]+")


def leading_keywords(sql: str, count: int = 2) -> list[str]:
    rest = sql[_LEADING_NOISE.match(sql).end() :]
    return [w.upper() for w in _WORD.findall(rest[:64])[:count]]


@dataclass
class Outcome:
    table: pa.Table | None  # None: the statement has no result set
    write_rows: int = 0


# A field name in the Debug text of a DataSchema, and the escapes inside it.
_FIELD_NAME = re.compile(r'name: "((?:[^"\\]|\\.)*)"')
_ESCAPE = re.compile(r"\\.")


def nul_in_field_names(schema_text: str) -> bool:
    """True when a result column (or a nested field) is named with a NUL: converting such a result to Arrow makes
    the embedded engine abort the whole process (a non-unwinding panic, engine v1.2.895), which no except can catch."""
    return any("\\0" in _ESCAPE.findall(m.group(1)) for m in _FIELD_NAME.finditer(schema_text))


def execute(ctx: Any, sql: str) -> Outcome:
    load_sql = rewrite_load(sql)
    try:
        relation = ctx.sql(load_sql or sql)
        schema_text = repr(relation.schema())
        if nul_in_field_names(schema_text):
            raise EngineError(1006, "a result column name holds a NUL character, which the local engine cannot return")
        if schema_text.startswith("DataSchema { fields: [],"):
            # An empty-schema plan may still yield blocks that to_arrow_table cannot convert.
            relation.collect()
            return Outcome(None)
        table = relation.to_arrow_table()
    except (KeyboardInterrupt, SystemExit, EngineError):
        raise
    except BaseException as exc:  # noqa: BLE001 - pyo3's PanicException derives from BaseException
        raise engine_error(exc) from None
    rows = written_rows(table)
    return Outcome(None if load_sql else table, rows)


def written_rows(table: pa.Table) -> int:
    names = table.column_names
    if COPY_ROWS_COLUMN in names and "File" in names:
        return sum(v or 0 for v in table.column(COPY_ROWS_COLUMN).to_pylist())
    return sum(sum(table.column(n).to_pylist()) for n in MUTATION_COLUMNS if n in names)
