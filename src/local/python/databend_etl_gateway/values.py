"""Scalar text, as databend-query prints it (src/query/formats/src/field_encoder/string.rs)."""

from __future__ import annotations

import base64
import datetime as dt
import math
import struct
from decimal import Decimal


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


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def format_timestamp(micros: int, zone: dt.tzinfo) -> str:
    """TIMESTAMP is UTC microseconds; the server prints the wall time in the session zone."""
    try:
        local = (_EPOCH + dt.timedelta(microseconds=micros)).astimezone(zone)
    except OverflowError:
        # The instant falls before year 1 in UTC (0001-01-01 in a zone east of UTC): use the zone's earliest offset.
        offset = zone.utcoffset(dt.datetime(1, 1, 2)) or dt.timedelta(0)
        local = _EPOCH.replace(tzinfo=None) + (dt.timedelta(microseconds=micros) + offset)
    return wall_time(local)


def wall_time(t: dt.datetime) -> str:
    # strftime('%Y') does not pad years below 1000; jiff's %Y does.
    return f"{t.year:04d}-{t.month:02d}-{t.day:02d} {t.hour:02d}:{t.minute:02d}:{t.second:02d}.{t.microsecond:06d}"


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
    return f"{wall_time(instant)} {zone}"


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
