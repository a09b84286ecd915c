"""Serve the embedded Databend engine (PyPI `databend`) over Databend's HTTP query API on loopback.

The embedded engine has no network listener. This gateway speaks the subset of the HTTP API that
databend-driver uses (login, query pages, final/kill, heartbeat, logout, upload to the user stage) and
renders every value as text exactly as databend-query's `FieldEncoderToString` does, so the driver
cannot tell it from a real server.

Usage: python gateway.py --data-dir DIR [--host 127.0.0.1] [--port 0] [--password P]
The password can also come from DATABEND_GATEWAY_PASSWORD (preferred: argv is visible to other users).
Once listening, one JSON line `{"ready": true, "port": N, "version": "..."}` goes to stdout.
Logs go to stderr, credentials masked (see `Secrets`); the engine's own log file is removed unless
--keep-engine-log is given. The process exits on SIGTERM/SIGINT or when stdin closes (its parent died).

Protocol notes: the team's shared/reference/databend-http-api.md (beside the project); server side in databendlabs/databend
src/query/service/src/servers/http/v1/ and src/query/formats/src/field_encoder/string.rs.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import datetime as dt
import email.parser
import email.policy
import hmac
import json
import logging
import math
import os
import re
import signal
import struct
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from http import HTTPStatus
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any
from urllib.parse import quote as quote_url, urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pyarrow as pa

log = logging.getLogger("databend-gateway")

NODE_ID = "embedded_node"  # what bendpy names its node; the driver echoes it as the sticky node
DEFAULT_PAGE_ROWS = 10_000  # the real server's default max_rows_per_page
RESULT_TIMEOUT_SECS = 60  # http_handler_result_timeout_secs: results nobody asks for are freed after this
SESSION_IDLE_SECS = 3600  # idle contexts are dropped; the driver's session JSON restores db and settings
INSERTED_ROWS_COLUMN = "number of rows inserted"
COPY_ROWS_COLUMN = "Rows_loaded"
MUTATION_COLUMNS = (INSERTED_ROWS_COLUMN, "number of rows updated", "number of rows deleted")


# ----------------------------------------------------------------------------------------------------
# Engine errors

@dataclass
class EngineError(Exception):
    code: int
    message: str


# bendpy formats ErrorCode as `<prefix><Name>. Code: <n>, Text = <message>.` and, for run-time errors,
# appends a blank line and a backtrace (src/bendpy/src/{context,dataframe}.rs).
_ENGINE_ERROR = re.compile(
    r"Code: (?P<code>\d+), Text = (?P<text>.*?)\.(?:\n\n(?:\s*\d+: |<Backtrace).*)?\s*\Z", re.DOTALL
)


def engine_error(exc: BaseException) -> EngineError:
    text = str(exc)
    match = _ENGINE_ERROR.search(text)
    if match is None:
        return EngineError(1001, text.strip() or type(exc).__name__)
    return EngineError(int(match["code"]), match["text"])


# ----------------------------------------------------------------------------------------------------
# Credentials: masked by value in everything the gateway writes or answers
#
# The gateway sees every statement. The values of credential options in them (the rules of the SDK's
# src/render/secrets.ts: a key naming a credential, bare or quoted, and IDENTIFIED BY) and the root password are
# masked in its own log, in what the engine writes to the gateway's stderr (a panic quotes the value it failed on),
# and in the error messages it answers with, so that another session's DESC CONNECTION does not show a credential
# stored earlier.

_SECRET_KEY = re.compile(
    r"secret|passw|passphrase|token|credential|private|delegation"
    r"|(?:access|account|master|api|session|encryption)[-_.]?key|key[-_.]?id|(?:^|[-_.])sas(?:[-_.]|$)",
    re.IGNORECASE,
)
_QUOTED_VALUE = r"""'(?:[^'\\]|\\[\s\S]|'')*'|"(?:[^"\\]|\\[\s\S]|"")*"|\$\$[\s\S]*?\$\$"""
_OPTION = re.compile(
    r"""(?<![A-Za-z0-9_$])("(?:[^"]|"")*"|'(?:[^'\\]|\\.)*'|[A-Za-z_][A-Za-z0-9_]*)(\s*=>?\s*)(""" + _QUOTED_VALUE + ")"
)
_IDENTIFIED_BY = re.compile(
    r"(?<![A-Za-z0-9_$])(IDENTIFIED(?:\s+WITH\s+[A-Za-z0-9_]+)?\s+BY)(\s+)(" + _QUOTED_VALUE + ")", re.IGNORECASE
)
_BACKSLASH_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "0": "\0", "Z": "\x1a"}
_LITERAL_ESCAPE = re.compile(r"""\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\([\s\S])|(['"])\4""")
# Values shorter than this are masked in their own statement's error only: everywhere, they would garble every line.
SECRET_MIN_LENGTH = 8


def _unquote(quoted: str) -> str:
    if quoted.startswith("$$"):
        return quoted[2:-2]
    quote = quoted[0]

    def resolve(m: re.Match[str]) -> str:
        if m[1] is not None:
            return chr(int(m[1], 16))
        if m[2] is not None:
            return chr(int(m[2], 16))
        if m[3] is not None:
            return _BACKSLASH_ESCAPES.get(m[3], m[3])
        return quote if m[4] == quote else m[4] * 2

    return _LITERAL_ESCAPE.sub(resolve, quoted[1:-1])


# A word every credential key or IDENTIFIED BY holds: text without one (a large INSERT ... VALUES) is not scanned.
_CANDIDATES = ("secret", "passw", "token", "credential", "private", "delegation", "key", "sas", "identified")


def credentials_in_sql(sql: str) -> list[str]:
    """The credential values written in a statement, as written and as the engine reads them."""
    lowered = sql.lower()
    if not any(word in lowered for word in _CANDIDATES):
        return []
    quoted = [m[3] for m in _OPTION.finditer(sql) if _SECRET_KEY.search(m[1].strip("\"'"))]
    quoted += [m[3] for m in _IDENTIFIED_BY.finditer(sql)]
    found: list[str] = []
    for value in quoted:
        inner = value[2:-2] if value.startswith("$$") else value[1:-1]
        found += [v for v in {inner, _unquote(value)} if v]
    return found


def _spellings(value: str) -> set[str]:
    """A value as text quoting it may carry it: as is, in an SQL literal, in JSON, percent-encoded."""
    sql = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    forms = {value, sql, value.replace("'", "''"), quote_url(value, safe="")}
    for text in (value, sql):
        forms.add(json.dumps(text, ensure_ascii=False)[1:-1])
        forms.add(json.dumps(text)[1:-1])
    return {f for f in forms if f}


def scrub_text(text: str, spellings: Iterable[str]) -> str:
    for spelling in spellings:
        if spelling in text:
            text = text.replace(spelling, "***")
    return text


class Secrets:
    """The credentials seen so far in this process (at least SECRET_MIN_LENGTH characters), and the root password."""

    def __init__(self, password: str) -> None:
        self._lock = threading.Lock()
        self._values: set[str] = set()
        self._spellings: tuple[str, ...] = ()
        self.add([password])

    def add(self, values: Iterable[str]) -> None:
        fresh = {v for v in values if len(v) >= SECRET_MIN_LENGTH} - self._values
        if not fresh:
            return
        with self._lock:
            self._values |= fresh
            spellings = set().union(*(_spellings(v) for v in self._values))
            self._spellings = tuple(sorted(spellings, key=len, reverse=True))

    def scrub(self, text: str, own: Iterable[str] = ()) -> str:
        """`text` with every known credential masked, and `own` (a statement's credentials) whatever their length."""
        extra = set().union(*(_spellings(v) for v in own if v))
        spellings = sorted(extra | set(self._spellings), key=len, reverse=True) if extra else self._spellings
        return scrub_text(text, spellings)


def mask_stderr(secrets: Secrets) -> Callable[[], None]:
    """Routes this process's stderr (fd 2: Python's logging and the engine's own prints, panics included) through a
    thread that masks the known credentials line by line. Returns the function that restores fd 2 and drains."""
    original = os.dup(2)
    read_end, write_end = os.pipe()
    os.dup2(write_end, 2)
    os.close(write_end)

    def pump() -> None:
        pending = b""
        while True:
            chunk = os.read(read_end, 65536)
            pending += chunk
            lines = pending.split(b"\n")
            pending = lines.pop() if chunk else b""
            if not chunk and lines and lines[-1] == b"":
                lines.pop()
            for line in lines:
                try:
                    text = secrets.scrub(line.decode("utf-8", "surrogateescape"))
                    out = text.encode("utf-8", "surrogateescape") + b"\n"
                except Exception:  # noqa: BLE001 - a line that cannot be masked is not written
                    out = b"(a log line that could not be masked was dropped)\n"
                os.write(original, out)
            if not chunk:
                break
        os.close(read_end)

    thread = threading.Thread(target=pump, name="stderr-mask", daemon=True)
    thread.start()

    def restore() -> None:
        sys.stderr.flush()
        os.dup2(original, 2)  # closes the pipe's last write end: the thread reads to the end and stops
        thread.join(timeout=2)

    return restore


def silence_engine_log(log_dir: Path) -> None:
    """The embedded engine logs at INFO into <data dir>/logs, with no setting to change it (bendpy builds its log
    config itself), and that log holds each SELECT's physical plan with its constants: a credential compared in a
    WHERE clause lands there. Its open log files are pointed at /dev/null where the process's descriptors can be
    read (Linux's /proc/self/fd) and removed from the directory everywhere. Called after the engine starts, after each
    statement and by the sweeper; it is cheap while the directory stays empty (the engine opens a new file hourly)."""
    try:
        names = [n for n in os.listdir(log_dir) if (log_dir / n).is_file()]
    except OSError:
        return
    if not names:
        return
    prefix = str(log_dir.resolve()) + os.sep
    if os.path.isdir("/proc/self/fd"):
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            for entry in os.listdir("/proc/self/fd"):
                try:
                    if os.readlink(f"/proc/self/fd/{entry}").startswith(prefix):
                        os.dup2(devnull, int(entry))
                except OSError:
                    continue
        finally:
            os.close(devnull)
    for name in names:
        try:
            os.unlink(log_dir / name)
        except OSError:
            pass


# ----------------------------------------------------------------------------------------------------
# Schema: Databend type strings from the Arrow schema bendpy produces
# (src/query/expression/src/converts/arrow/to.rs; display rules in src/query/expression/src/utils/display.rs)

def extension_of(f: pa.Field) -> str | None:
    meta = f.metadata or {}
    raw = meta.get(b"Extension")
    return raw.decode() if raw else None


_EXTENSION_TYPES = {
    "Variant": "Variant", "Bitmap": "Bitmap", "Geometry": "Geometry", "Geography": "Geography",
    "Interval": "Interval", "TimestampTz": "TimestampTz",
    "EmptyArray": "Array(Nothing)", "EmptyMap": "Map(Nothing)",
}


def databend_type(f: pa.Field, top_level: bool = True) -> str:
    """Top-level nullability is written `Nullable(T)`, nested nullability as a `T NULL` suffix."""
    inner = _bare_type(f)
    if top_level and inner == "TimestampTz":
        inner = "Timestamp_Tz"  # DataType::wrapped_display renames it at the top level only
    if f.nullable and not pa.types.is_null(f.type):
        return f"Nullable({inner})" if top_level else f"{inner} NULL"
    return inner


def _bare_type(f: pa.Field) -> str:
    t = f.type
    ext = extension_of(f)
    if ext == "Vector":
        return f"Vector({t.list_size})"
    if ext in _EXTENSION_TYPES:
        return _EXTENSION_TYPES[ext]
    if pa.types.is_null(t):
        return "NULL"
    if pa.types.is_boolean(t):
        return "Boolean"
    if pa.types.is_integer(t) or pa.types.is_floating(t):
        return _NUMBER_TYPES[t.id]
    if pa.types.is_decimal(t):
        return f"Decimal({t.precision}, {t.scale})"
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return "String"
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
        return "Binary"
    if pa.types.is_date(t):
        return "Date"
    if pa.types.is_timestamp(t):
        return "Timestamp"
    if pa.types.is_map(t):
        return f"Map({databend_type(t.key_field, False)}, {databend_type(t.item_field, False)})"
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t):
        return f"Array({databend_type(t.value_field, False)})"
    if pa.types.is_struct(t):
        fields = ", ".join(databend_type(t.field(i), False) for i in range(t.num_fields))
        return f"Tuple({fields}{',' if t.num_fields == 1 else ''})"
    raise ValueError(f"unsupported Arrow type {t} for column {f.name!r}")


_NUMBER_TYPES = {
    pa.int8().id: "Int8", pa.int16().id: "Int16", pa.int32().id: "Int32", pa.int64().id: "Int64",
    pa.uint8().id: "UInt8", pa.uint16().id: "UInt16", pa.uint32().id: "UInt32", pa.uint64().id: "UInt64",
    pa.float32().id: "Float32", pa.float64().id: "Float64",
}


# ----------------------------------------------------------------------------------------------------
# Scalar text, as databend-query prints it

def format_float(value: float, single: bool = False) -> str:
    """zmij's shortest round-trip text: fixed notation for decimal exponents -5..15 (f32: -6..12)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return _shortest_text(value, single, (-6, 12) if single else (-5, 15))


def _shortest_text(value: float, single: bool, fixed_range: tuple[int, int]) -> str:
    if value == 0:
        return "-0.0" if math.copysign(1.0, value) < 0 else "0.0"
    sign, digits, exponent = Decimal(_shortest_repr(value, single)).as_tuple()
    text = "".join(map(str, digits)).rstrip("0") or "0"
    point = len(digits) + int(exponent)  # digits before the decimal point
    dec_exp = point - 1
    prefix = "-" if sign else ""
    low, high = fixed_range
    if low <= dec_exp <= high:
        if point <= 0:
            return f"{prefix}0.{'0' * -point}{text}"
        if point >= len(text):
            return f"{prefix}{text}{'0' * (point - len(text))}.0"
        return f"{prefix}{text[:point]}.{text[point:]}"
    mantissa = text if len(text) == 1 else f"{text[0]}.{text[1:]}"
    return f"{prefix}{mantissa}e{'+' if dec_exp >= 0 else '-'}{abs(dec_exp)}"


def _shortest_repr(value: float, single: bool) -> str:
    if not single:
        return repr(value)
    # The shortest decimal that reads back as the same float32: Python only knows float64's repr.
    as_f32 = struct.unpack("f", struct.pack("f", value))[0]
    for precision in range(9):  # digits after the first one
        text = f"{as_f32:.{precision}e}"
        if struct.unpack("f", struct.pack("f", float(text)))[0] == as_f32:
            return text
    return repr(as_f32)


def rust_display_float(value: float) -> str:
    """Rust's `{}` for f64 (used by geozero for coordinates): shortest digits, never an exponent."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_decimal(value: Decimal, scale: int) -> str:
    return format(value, f".{scale}f")


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def format_timestamp(micros: int, zone: dt.tzinfo) -> str:
    """TIMESTAMP is UTC microseconds; the server prints the wall time in the session zone."""
    try:
        local = (_EPOCH + dt.timedelta(microseconds=micros)).astimezone(zone)
    except OverflowError:
        # The instant falls before year 1 in UTC (0001-01-01 in a zone east of UTC): use the zone's earliest offset.
        offset = zone.utcoffset(dt.datetime(1, 1, 2)) or dt.timedelta(0)
        local = _EPOCH.replace(tzinfo=None) + (dt.timedelta(microseconds=micros) + offset)
    return _wall_time(local)


def _wall_time(t: dt.datetime) -> str:
    # strftime('%Y') does not pad years below 1000; jiff's %Y does.
    return (f"{t.year:04d}-{t.month:02d}-{t.day:02d} "
            f"{t.hour:02d}:{t.minute:02d}:{t.second:02d}.{t.microsecond:06d}")


def format_date(value: dt.date) -> str:
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def _signed(value: int, bits: int) -> int:
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


def format_timestamp_tz(packed: Decimal) -> str:
    """Arrow carries TIMESTAMP_TZ as an i128: low 64 bits UTC microseconds, high bits offset seconds."""
    raw = int(packed)
    micros, offset = _signed(raw, 64), _signed(raw >> 64, 64)
    instant = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=micros + offset * 1_000_000)
    sign = "-" if offset < 0 else "+"
    hours, rest = divmod(abs(offset), 3600)
    minutes, seconds = divmod(rest, 60)
    zone = f"{sign}{hours:02d}{minutes:02d}{f'{seconds:02d}' if seconds else ''}"
    return f"{_wall_time(instant)} {zone}"


def format_interval(packed: Decimal) -> str:
    """i128 packing: months in bits 96.., days in 64..95, microseconds in 0..63 (common/io/src/interval.rs)."""
    raw = int(packed)
    months, days, micros = _signed(raw >> 96, 32), _signed(raw >> 64, 32), _signed(raw, 64)
    parts: list[str] = []
    years = int(months / 12)  # Rust integer division truncates toward zero
    for amount, unit in ((years, "year"), (months - years * 12, "month"), (days, "day")):
        if amount:
            parts.append(f"{amount} {unit}{'' if amount in (1, -1) else 's'}")
    if micros:
        sign = "-" if micros < 0 else ""
        hours, rest = divmod(abs(micros), 3_600_000_000)
        minutes, rest = divmod(rest, 60_000_000)
        seconds, fraction = divmod(rest, 1_000_000)
        text = f"{sign}{hours}:{minutes:02d}:{seconds:02d}"
        parts.append(text + (f".{fraction:06d}".rstrip("0") if fraction else ""))
    return " ".join(parts) if parts else "00:00:00"


def format_binary(value: bytes, binary_format: str) -> str:
    if binary_format == "BASE64":
        return base64.b64encode(value).decode()
    if binary_format == "UTF-8":
        return value.decode("utf-8")
    if binary_format == "UTF-8-LOSSY":
        return value.decode("utf-8", errors="replace")
    return value.hex().upper()


def quote_nested(text: str) -> str:
    """Nested strings are double-quoted with only `"` escaped (FieldEncoderToString::write_quoted_string)."""
    return '"' + text.replace('"', '\\"') + '"'


# ----------------------------------------------------------------------------------------------------
# VARIANT: JSONB (databendlabs/jsonb v0.5.6, src/core/databend) to compact JSON as serde_json writes it

_ARRAY, _OBJECT, _SCALAR = 0x80000000, 0x40000000, 0x20000000
_NULL, _STRING, _NUMBER, _FALSE, _TRUE, _CONTAINER, _EXTENSION = (i << 28 for i in range(7))


def jsonb_to_json(data: bytes) -> str:
    if not data:
        return "null"
    out: list[str] = []
    _write_container(data, 0, out)
    return "".join(out)


def _write_container(data: bytes, start: int, out: list[str]) -> None:
    header = int.from_bytes(data[start:start + 4], "big")
    kind, count = header & 0xE0000000, header & 0x1FFFFFFF
    entries_at = start + 4
    if kind == _SCALAR:
        _write_value(data, int.from_bytes(data[entries_at:entries_at + 4], "big"), entries_at + 4, out)
        return
    slots = count * 2 if kind == _OBJECT else count
    spans = list(_entry_spans(data, entries_at, slots))
    if kind == _ARRAY:
        out.append("[")
        for i, (entry, offset) in enumerate(spans):
            out.append("," if i else "")
            _write_value(data, entry, offset, out)
        out.append("]")
        return
    out.append("{")
    for i in range(count):
        key_entry, key_at = spans[i]
        value_entry, value_at = spans[count + i]
        out.append("," if i else "")
        out.append(json_string(data[key_at:key_at + (key_entry & 0x0FFFFFFF)].decode()))
        out.append(":")
        _write_value(data, value_entry, value_at, out)
    out.append("}")


def _entry_spans(data: bytes, entries_at: int, slots: int) -> Iterator[tuple[int, int]]:
    offset = entries_at + 4 * slots
    for i in range(slots):
        entry = int.from_bytes(data[entries_at + 4 * i:entries_at + 4 * i + 4], "big")
        yield entry, offset
        offset += entry & 0x0FFFFFFF


def _write_value(data: bytes, entry: int, at: int, out: list[str]) -> None:
    kind, payload = entry & 0x70000000, data[at:at + (entry & 0x0FFFFFFF)]
    if kind == _NULL:
        out.append("null")
    elif kind == _TRUE:
        out.append("true")
    elif kind == _FALSE:
        out.append("false")
    elif kind == _STRING:
        out.append(json_string(payload.decode()))
    elif kind == _NUMBER:
        out.append(_jsonb_number(payload))
    elif kind == _EXTENSION:
        out.append(json_string(_jsonb_extension(payload)))
    else:
        _write_container(data, at, out)


def _jsonb_number(payload: bytes) -> str:
    tag, body = payload[0], payload[1:]
    if tag == 0x00:
        return "0"
    if tag in (0x10, 0x20, 0x30):
        return "null"  # NaN and infinities: serde_json writes null
    if tag == 0x40:
        return str(int.from_bytes(body, "big", signed=True))
    if tag == 0x50:
        return str(int.from_bytes(body, "big", signed=False))
    if tag == 0x60:
        return format_float(struct.unpack(">d", body)[0])
    # Decimal: big-endian value then a scale byte (two older layouts also carry a precision byte first).
    width = {9: 8, 17: 16, 18: 16, 33: 32, 34: 32}[len(body)]
    unscaled = int.from_bytes(body[:width], "big", signed=True)
    scale = body[-1]
    digits = tuple(int(d) for d in str(abs(unscaled)))
    return format_decimal(Decimal((int(unscaled < 0), digits, -scale)), scale)  # exact: no context rounding


def _jsonb_extension(payload: bytes) -> str:
    tag, body = payload[0], payload[1:]
    if tag == 0x00:
        return body.hex().upper()
    if tag == 0x10:
        return format_date(dt.date(1970, 1, 1) + dt.timedelta(days=int.from_bytes(body, "big", signed=True)))
    if tag == 0x20:
        micros = int.from_bytes(body, "big", signed=True)
        return _wall_time(dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=micros))
    if tag == 0x30:
        micros = int.from_bytes(body[:8], "big", signed=True)
        offset = int.from_bytes(body[8:12], "big", signed=True)
        return format_timestamp_tz(Decimal((offset << 64) | (micros & ((1 << 64) - 1))))
    months, days, micros = struct.unpack(">iiq", body)
    # jsonb's own Interval display pads hours and always prints 6 fraction digits.
    return _jsonb_interval(months, days, micros)


def _jsonb_interval(months: int, days: int, micros: int) -> str:
    parts: list[str] = []
    years = int(months / 12)
    for amount, unit in ((years, "year"), (months - years * 12, "month"), (days, "day")):
        if amount:
            parts.append(f"{'-' if amount < 0 else ''}{abs(amount)} {unit}{'' if abs(amount) == 1 else 's'}")
    if micros:
        sign = "-" if micros < 0 else ""
        hours, rest = divmod(abs(micros), 3_600_000_000)
        minutes, rest = divmod(rest, 60_000_000)
        seconds, fraction = divmod(rest, 1_000_000)
        parts.append(f"{sign}{hours:02d}:{minutes:02d}:{seconds:02d}" + (f".{fraction:06d}" if fraction else ""))
    return " ".join(parts) if parts else "00:00:00"


_JSON_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def json_string(text: str) -> str:
    """serde_json's escaping: quotes, backslash, control characters; non-ASCII and `/` stay as they are."""
    return '"' + "".join(
        _JSON_ESCAPES.get(ch) or (f"\\u{ord(ch):04x}" if ord(ch) < 0x20 else ch) for ch in text
    ) + '"'


# ----------------------------------------------------------------------------------------------------
# GEOMETRY: EWKB to the configured geometry_output_format (geozero 0.15 writers, via databend_common_io)

_GEOMETRY_NAMES = {1: "Point", 2: "LineString", 3: "Polygon", 4: "MultiPoint", 5: "MultiLineString",
                   6: "MultiPolygon", 7: "GeometryCollection"}


@dataclass(frozen=True)
class Geometry:
    kind: int
    srid: int | None
    coords: Any  # nested lists of (x, y) tuples, or a list of Geometry for collections


def parse_ewkb(data: bytes) -> Geometry:
    geometry, _ = _read_geometry(data, 0)
    return geometry


def _read_geometry(data: bytes, at: int) -> tuple[Geometry, int]:
    order = "<" if data[at] == 1 else ">"
    (raw_kind,) = struct.unpack_from(f"{order}I", data, at + 1)
    at += 5
    srid = None
    if raw_kind & 0x20000000:
        (srid,) = struct.unpack_from(f"{order}i", data, at)
        at += 4
    kind = raw_kind & 0xFF
    if kind == 1:
        point, at = _read_points(data, at, order, 1)
        return Geometry(kind, srid, point[0]), at
    if kind == 2:
        line, at = _read_line(data, at, order)
        return Geometry(kind, srid, line), at
    if kind == 3:
        rings, at = _read_rings(data, at, order)
        return Geometry(kind, srid, rings), at
    (count,) = struct.unpack_from(f"{order}I", data, at)
    at += 4
    members = []
    for _ in range(count):
        member, at = _read_geometry(data, at)
        members.append(member)
    if kind == 7:
        return Geometry(kind, srid, members), at
    return Geometry(kind, srid, [m.coords for m in members]), at


def _read_points(data: bytes, at: int, order: str, count: int) -> tuple[list[tuple[float, float]], int]:
    values = struct.unpack_from(f"{order}{2 * count}d", data, at)
    return list(zip(values[::2], values[1::2])), at + 16 * count


def _read_line(data: bytes, at: int, order: str) -> tuple[list[tuple[float, float]], int]:
    (count,) = struct.unpack_from(f"{order}I", data, at)
    return _read_points(data, at + 4, order, count)


def _read_rings(data: bytes, at: int, order: str) -> tuple[list[list[tuple[float, float]]], int]:
    (count,) = struct.unpack_from(f"{order}I", data, at)
    at += 4
    rings = []
    for _ in range(count):
        ring, at = _read_line(data, at, order)
        rings.append(ring)
    return rings, at


def geometry_geojson(g: Geometry) -> str:
    name = _GEOMETRY_NAMES[g.kind]
    if g.kind == 7:
        members = ",".join(geometry_geojson(m) for m in g.coords)
        return f'{{"type": "{name}", "geometries": [{members}]}}'
    return f'{{"type": "{name}", "coordinates": {_geojson_coords(g.coords)}}}'


def _geojson_coords(coords: Any) -> str:
    if isinstance(coords, tuple):
        return f"[{rust_display_float(coords[0])},{rust_display_float(coords[1])}]"
    return "[" + ",".join(_geojson_coords(c) for c in coords) + "]"


def geometry_wkt(g: Geometry) -> str:
    name = _GEOMETRY_NAMES[g.kind].upper()
    if g.kind == 7:
        return f"{name}({','.join(geometry_wkt(m) for m in g.coords)})"
    if g.kind == 1:
        return f"{name}({_wkt_coords(g.coords)})"
    return f"{name}{_wkt_coords(g.coords)}"


def _wkt_coords(coords: Any) -> str:
    if isinstance(coords, tuple):
        return f"{rust_display_float(coords[0])} {rust_display_float(coords[1])}"
    return "(" + ",".join(_wkt_coords(c) for c in coords) + ")"


def geometry_wkb(g: Geometry, srid: int | None) -> bytes:
    """Little-endian (E)WKB; with an SRID the EWKB flag and the SRID follow the type."""
    kind = g.kind | (0x20000000 if srid is not None else 0)
    head = struct.pack("<BI", 1, kind) + (struct.pack("<i", srid) if srid is not None else b"")
    if g.kind == 1:
        return head + struct.pack("<2d", *g.coords)
    if g.kind == 7:
        return head + struct.pack("<I", len(g.coords)) + b"".join(geometry_wkb(m, None) for m in g.coords)
    if g.kind in (4, 5, 6):
        members = [Geometry(g.kind - 3, None, c) for c in g.coords]
        return head + struct.pack("<I", len(members)) + b"".join(geometry_wkb(m, None) for m in members)
    return head + _wkb_coords(g.coords)


def _wkb_coords(coords: list[Any]) -> bytes:
    if coords and isinstance(coords[0], tuple):
        return struct.pack("<I", len(coords)) + b"".join(struct.pack("<2d", *c) for c in coords)
    return struct.pack("<I", len(coords)) + b"".join(_wkb_coords(c) for c in coords)


def format_geometry(data: bytes, geometry_format: str, default_srid: int | None) -> tuple[str, bool]:
    """Returns the text and whether it is a string (quoted when nested) rather than JSON."""
    try:
        g = parse_ewkb(data)
    except (struct.error, KeyError, IndexError):
        return data.decode("utf-8", errors="replace"), geometry_format != "GEOJSON"
    srid = g.srid if g.srid is not None else default_srid
    if geometry_format == "WKT":
        return geometry_wkt(g), True
    if geometry_format == "EWKT":
        return (f"SRID={srid};" if srid else "") + geometry_wkt(g), True  # geozero omits SRID 0
    if geometry_format == "WKB":
        return geometry_wkb(g, None).hex().upper(), True
    if geometry_format == "EWKB":
        return geometry_wkb(g, srid or 0).hex().upper(), True
    return geometry_geojson(g), False


# ----------------------------------------------------------------------------------------------------
# Column encoders: one function per column, built once per result from the Arrow field

@dataclass(frozen=True)
class OutputFormat:
    timezone: str = "UTC"
    geometry_output_format: str = "GEOJSON"
    binary_output_format: str = "HEX"

    def zone(self) -> dt.tzinfo:
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("unknown timezone %r, printing timestamps in UTC", self.timezone)
            return dt.timezone.utc

    def as_json(self) -> dict[str, str]:
        return {"timezone": self.timezone, "geometry_output_format": self.geometry_output_format,
                "binary_output_format": self.binary_output_format, "http_json_result_mode": "display"}


Encoder = Callable[[Any], str]


def column_encoder(f: pa.Field, fmt: OutputFormat, nested: bool = False) -> Encoder:
    """Text for one non-null value; nested values use the nested forms (quoted strings, bare NULL)."""
    encode = _value_encoder(f, fmt, nested)
    if not nested:
        return encode
    return lambda v: "NULL" if v is None else encode(v)


def _value_encoder(f: pa.Field, fmt: OutputFormat, nested: bool) -> Encoder:
    t, ext = f.type, extension_of(f)
    quoted: Callable[[Encoder], Encoder] = (lambda e: lambda v: quote_nested(e(v))) if nested else (lambda e: e)
    if ext == "EmptyArray":
        return lambda _: "[]"
    if ext == "EmptyMap":
        return lambda _: "{}"
    if ext == "Variant":
        return jsonb_to_json
    if ext == "Bitmap":
        return quoted(lambda _: "<bitmap binary>")
    if ext in ("Geometry", "Geography"):
        return _geometry_encoder(fmt, nested, 4326 if ext == "Geography" else None)
    if ext == "Interval":
        return quoted(format_interval)
    if ext == "TimestampTz":
        return quoted(format_timestamp_tz)
    if ext == "Vector":
        element = _vector_element_encoder(t.value_type)
        return lambda v: "[" + ",".join(element(x) for x in v) + "]"
    if pa.types.is_boolean(t):
        return lambda v: "1" if v else "0"
    if pa.types.is_floating(t):
        single = pa.types.is_float32(t)
        return lambda v: format_float(v, single)
    if pa.types.is_integer(t):
        return str
    if pa.types.is_decimal(t):
        scale = t.scale
        return lambda v: format_decimal(v, scale)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return quote_nested if nested else str
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
        binary_format = fmt.binary_output_format
        return lambda v: format_binary(v, binary_format)
    if pa.types.is_date(t):
        return quoted(format_date)
    if pa.types.is_timestamp(t):
        zone = fmt.zone()
        return quoted(lambda v: format_timestamp(v, zone))  # v: microseconds, see python_values
    if pa.types.is_map(t):
        key, item = column_encoder(t.key_field, fmt, True), column_encoder(t.item_field, fmt, True)
        return lambda v: "{" + ",".join(f"{key(k)}:{item(x)}" for k, x in v) + "}"
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t):
        element = column_encoder(t.value_field, fmt, True)
        return lambda v: "[" + ",".join(element(x) for x in v) + "]"
    if pa.types.is_struct(t):
        members = [column_encoder(t.field(i), fmt, True) for i in range(t.num_fields)]
        return lambda v: "(" + ",".join(m(x) for m, x in zip(members, v.values())) + ")"
    if pa.types.is_null(t):
        return lambda _: "NULL"
    raise ValueError(f"unsupported Arrow type {t} for column {f.name!r}")


def _vector_element_encoder(t: pa.DataType) -> Encoder:
    if pa.types.is_integer(t):
        return str
    return lambda v: format_float(v, True)


def _geometry_encoder(fmt: OutputFormat, nested: bool, default_srid: int | None) -> Encoder:
    def encode(value: bytes) -> str:
        text, is_string = format_geometry(value, fmt.geometry_output_format, default_srid)
        return quote_nested(text) if nested and is_string else text
    return encode


def encode_rows(table: pa.Table, encoders: list[Encoder]) -> list[list[str | None]]:
    columns = [
        [None if v is None else encode(v) for v in python_values(table.column(i))]
        for i, encode in enumerate(encoders)
    ]
    return [list(row) for row in zip(*columns)] if columns else []


def python_values(column: pa.ChunkedArray) -> list[Any]:
    """Values as Python objects, timestamps (at any depth) as integer microseconds: Python's datetime cannot
    hold every TIMESTAMP Databend can (e.g. 0001-01-01 00:00 in a zone east of UTC is in year 0 in UTC)."""
    plain = _timestamps_as_int64(column.type)
    return (column.cast(plain) if plain != column.type else column).to_pylist()


def _timestamps_as_int64(t: pa.DataType) -> pa.DataType:
    if pa.types.is_timestamp(t):
        return pa.int64()
    if pa.types.is_map(t):
        return pa.map_(_field_as_int64(t.key_field), _field_as_int64(t.item_field))
    if pa.types.is_large_list(t):
        return pa.large_list(_field_as_int64(t.value_field))
    if pa.types.is_list(t):
        return pa.list_(_field_as_int64(t.value_field))
    if pa.types.is_struct(t):
        return pa.struct([_field_as_int64(t.field(i)) for i in range(t.num_fields)])
    return t


def _field_as_int64(f: pa.Field) -> pa.Field:
    return f.with_type(_timestamps_as_int64(f.type))


# ----------------------------------------------------------------------------------------------------
# Statements: execution, load rewriting, session probing

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
    return (f"COPY INTO {match['target']} FROM {match['location']} {match['options']} "
            "PURGE = TRUE FORCE = TRUE")


_LEADING_NOISE = re.compile(r"\A(?:\s+|--[^\n]*(?:\n|\Z)|/\*.*?\*/)*", re.DOTALL)
_WORD = re.compile(r"[A-Za-z_]+")


def leading_keywords(sql: str, count: int = 2) -> list[str]:
    rest = sql[_LEADING_NOISE.match(sql).end():]
    return [w.upper() for w in _WORD.findall(rest[:64])[:count]]


_STATE_CHANGING = {"USE", "SET", "UNSET"}
_TXN_END = {"COMMIT", "ROLLBACK", "ABORT"}


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
    except BaseException as exc:  # pyo3's PanicException derives from BaseException
        raise engine_error(exc) from None
    rows = written_rows(table)
    return Outcome(None if load_sql else table, rows)


def written_rows(table: pa.Table) -> int:
    names = table.column_names
    if COPY_ROWS_COLUMN in names and "File" in names:
        return sum(v or 0 for v in table.column(COPY_ROWS_COLUMN).to_pylist())
    return sum(sum(table.column(n).to_pylist()) for n in MUTATION_COLUMNS if n in names)


# ----------------------------------------------------------------------------------------------------
# Sessions and queries

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
        table = execute(self.ctx, "SELECT '' AS name, current_database() AS value UNION ALL "
                                  "SELECT name, value FROM system.settings WHERE level = 'SESSION'").table
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
            "internal": json.dumps({"last_node_id": NODE_ID, "last_query_ids": [query_id]},
                                   separators=(",", ":")),
        }


def zero_stats(elapsed_ms: int = 0) -> dict[str, Any]:
    progress = {"rows": 0, "bytes": 0}
    return {"scan_progress": dict(progress), "write_progress": dict(progress),
            "result_progress": dict(progress), "total_scan": dict(progress),
            "spill_progress": {"file_nums": 0, "bytes": 0}, "running_time_ms": elapsed_ms}


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
        body.update(stats=self.stats, stats_uri=self.uri(), final_uri=self.uri("final"),
                    next_uri=next_uri, kill_uri=self.uri("kill"))
        return body


def result_stats(outcome: Outcome, elapsed_ms: int) -> dict[str, Any]:
    stats = zero_stats(elapsed_ms)
    stats["write_progress"]["rows"] = outcome.write_rows
    if outcome.table is not None:
        stats["result_progress"] = {"rows": outcome.table.num_rows, "bytes": outcome.table.nbytes}
    return stats


class HttpError(Exception):
    def __init__(self, status: HTTPStatus, message: str, code: int | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.code = status, message, code if code is not None else status.value


class Gateway:
    """The state behind the HTTP handlers: sessions by cookie, queries by id."""

    def __init__(self, data_dir: Path, password: str, engine_version: str, secrets: Secrets,
                 keep_engine_log: bool = False) -> None:
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
            id=query_id, session_id=session.id, session_json=session.as_json(query_id), fmt=fmt,
            table=outcome.table, error=error, stats=result_stats(outcome, elapsed_ms),
            page_rows=page_rows, warnings=warnings,
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
            for sid in [s.id for s in self._sessions.values()
                        if now - s.last_used > SESSION_IDLE_SECS and not s.lock.locked()]:
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


# ----------------------------------------------------------------------------------------------------
# HTTP

_PAGE_PATH = re.compile(r"^/v1/query/(?P<id>[^/]+)/page/(?P<page>\d+)$")
_ACTION_PATH = re.compile(r"^/v1/query/(?P<id>[^/]+)/(?P<action>final|kill)$")


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
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

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
        payload = b"" if body is None else json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
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
            handler()
        except HttpError as err:
            self._send(err.status, {"error": {"code": err.code, "message": err.message}})
        except Exception:
            log.exception("internal error on %s %s", self.command, path)
            self._send(HTTPStatus.INTERNAL_SERVER_ERROR, {"error": {"code": 500, "message": "internal gateway error"}})

    def _query_route(self, path: str) -> Callable[[], None] | None:
        if match := _PAGE_PATH.match(path):
            if self.command != "GET":
                return None
            return lambda: self._page(match["id"], int(match["page"]))
        if match := _ACTION_PATH.match(path):
            return lambda: self._final(match["id"]) if match["action"] == "final" else self._kill(match["id"])
        return None

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._dispatch({})

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch({
            "/v1/query": self._start_query,
            "/v1/session/login": self._login,
            "/v1/session/logout": self._logout,
            "/v1/session/heartbeat": self._heartbeat,
        })

    def do_PUT(self) -> None:  # noqa: N802
        self._dispatch({"/v1/upload_to_stage": self._upload})

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
        headers = {"X-DATABEND-SESSION-ID": session_id, "X-DATABEND-QUERY-ID": query.id}
        if minted:
            headers["Set-Cookie"] = f"session_id={session_id}; Path=/"
        self._send(HTTPStatus.OK, query.page(0), headers)

    def _page(self, query_id: str, number: int) -> None:
        query = self.gateway.query(query_id, for_page=True)
        self._send(HTTPStatus.OK, query.page(number), {"X-DATABEND-QUERY-ID": query_id})

    def _final(self, query_id: str) -> None:
        query = self.gateway.close_query(query_id)
        self._send(HTTPStatus.OK, query.final(), {"X-DATABEND-QUERY-ID": query_id})

    def _kill(self, query_id: str) -> None:
        # The engine offers no cancellation from Python; statements run to completion before the first
        # answer, so a kill only frees the result.
        self.gateway.close_query(query_id)
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


def multipart_files(content_type: str, body: bytes) -> list[tuple[str, bytes]]:
    if not content_type.lower().startswith("multipart/form-data"):
        raise HttpError(HTTPStatus.BAD_REQUEST, "expected multipart/form-data")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    return [
        (part.get_filename(), part.get_payload(decode=True) or b"")
        for part in message.iter_parts()
        if part.get_filename()
    ]


# ----------------------------------------------------------------------------------------------------
# Process

def serve(args: argparse.Namespace, secrets: Secrets) -> None:
    started = time.monotonic()
    data_dir = Path(args.data_dir).expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    engine_version = package_version("databend")
    gateway = Gateway(data_dir, args.password, engine_version, secrets, keep_engine_log=args.keep_engine_log)
    handler = type("BoundHandler", (Handler,), {"gateway": gateway})
    server = ThreadingHTTPServer((args.host, args.port), handler)
    server.daemon_threads = True
    port = server.server_address[1]
    log.info("engine %s on %s ready in %.2fs, listening on %s:%d",
             engine_version, data_dir, time.monotonic() - started, args.host, port)

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    threading.Thread(target=_exit_when_stdin_closes, args=(stop,), daemon=True).start()
    threading.Thread(target=_sweep_forever, args=(gateway, stop), daemon=True).start()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()

    print(json.dumps({"ready": True, "port": port, "version": engine_version}), flush=True)
    stop.wait()
    log.info("stopping")
    server.shutdown()
    server.server_close()


def _exit_when_stdin_closes(stop: threading.Event) -> None:
    # os.read, not sys.stdin: a daemon thread blocked in a buffered reader aborts interpreter shutdown.
    try:
        while os.read(sys.stdin.fileno(), 4096):
            pass
    except OSError:
        pass
    stop.set()


def _sweep_forever(gateway: Gateway, stop: threading.Event) -> None:
    while not stop.wait(10):
        gateway.sweep()
        gateway.silence_engine_log()


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", required=True, help="engine storage (data/, meta/, logs/ go under it)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--password", default=os.environ.get("DATABEND_GATEWAY_PASSWORD", ""),
                        help="password of user root (default: $DATABEND_GATEWAY_PASSWORD, else empty)")
    parser.add_argument("--verbose", action="store_true", help="log every request")
    parser.add_argument("--keep-engine-log", action="store_true",
                        default=os.environ.get("DATABEND_GATEWAY_KEEP_ENGINE_LOG", "") not in ("", "0"),
                        help="keep the engine's own INFO log in <data dir>/logs (it holds statements' constants, "
                             "credentials included; default: $DATABEND_GATEWAY_KEEP_ENGINE_LOG, else off)")
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    secrets = Secrets(args.password)
    restore_stderr = mask_stderr(secrets)
    try:
        logging.basicConfig(stream=sys.stderr, level=logging.DEBUG if args.verbose else logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
        if args.host not in ("127.0.0.1", "::1", "localhost"):
            log.error("refusing to bind %s: the gateway serves loopback only", args.host)
            return 2
        serve(args, secrets)
        return 0
    finally:
        restore_stderr()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
