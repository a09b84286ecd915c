"""VARIANT: JSONB (databendlabs/jsonb v0.5.6, src/core/databend) to compact JSON as serde_json writes it."""

from __future__ import annotations

import datetime as dt
import struct
from collections.abc import Iterator
from decimal import Decimal

from .values import format_date, format_decimal, format_float, format_timestamp_tz, wall_time

_ARRAY, _OBJECT, _SCALAR = 0x80000000, 0x40000000, 0x20000000
_NULL, _STRING, _NUMBER, _FALSE, _TRUE, _CONTAINER, _EXTENSION = (i << 28 for i in range(7))


def jsonb_to_json(data: bytes) -> str:
    if not data:
        return "null"
    out: list[str] = []
    _write_container(data, 0, out)
    return "".join(out)


def _write_container(data: bytes, start: int, out: list[str]) -> None:
    header = int.from_bytes(data[start : start + 4], "big")
    kind, count = header & 0xE0000000, header & 0x1FFFFFFF
    entries_at = start + 4
    if kind == _SCALAR:
        _write_value(data, int.from_bytes(data[entries_at : entries_at + 4], "big"), entries_at + 4, out)
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
        out.append(json_string(data[key_at : key_at + (key_entry & 0x0FFFFFFF)].decode()))
        out.append(":")
        _write_value(data, value_entry, value_at, out)
    out.append("}")


def _entry_spans(data: bytes, entries_at: int, slots: int) -> Iterator[tuple[int, int]]:
    offset = entries_at + 4 * slots
    for i in range(slots):
        entry = int.from_bytes(data[entries_at + 4 * i : entries_at + 4 * i + 4], "big")
        yield entry, offset
        offset += entry & 0x0FFFFFFF


def _write_value(data: bytes, entry: int, at: int, out: list[str]) -> None:
    kind, payload = entry & 0x70000000, data[at : at + (entry & 0x0FFFFFFF)]
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
        return wall_time(dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=micros))
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
    return '"' + "".join(_JSON_ESCAPES.get(ch) or (f"\\u{ord(ch):04x}" if ord(ch) < 0x20 else ch) for ch in text) + '"'
