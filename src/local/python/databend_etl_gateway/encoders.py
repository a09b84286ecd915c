"""Column encoders: one function per column, built once per result from the Arrow field, that turn a value
into the text the server's JSON result carries.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import struct
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pyarrow as pa
import pyarrow.compute as pc

from .geometry import format_geometry
from .jsonb import jsonb_to_json
from .schema import extension_of
from .values import (
    format_binary,
    format_date,
    format_decimal,
    format_float,
    format_interval,
    format_timestamp,
    format_timestamp_tz,
    quote_nested,
)

log = logging.getLogger("databend-gateway")


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
            return dt.UTC

    def as_json(self) -> dict[str, str]:
        return {
            "timezone": self.timezone,
            "geometry_output_format": self.geometry_output_format,
            "binary_output_format": self.binary_output_format,
            "http_json_result_mode": "display",
        }


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


TEXT = pa.large_string()


# Constants as Arrow scalars, made once: a Python value given to a kernel is converted on every call, and without
# numpy installed pyarrow's conversion first tries to import it (a failed import, ~0.2 ms, each time).
@functools.cache
def _text(value: str) -> pa.Scalar:
    return pa.scalar(value, TEXT)  # Arrow's string kernels take no mix of string and large_string


@functools.cache
def _scalar(value: object, arrow_type: pa.DataType) -> pa.Scalar:
    return pa.scalar(value, arrow_type)


_TRUE = pa.scalar(True)
_FALSE = pa.scalar(False)


@dataclass(frozen=True)
class ColumnText:
    """How one top-level column becomes text: `texts` turns a page of it into an Arrow string array (null for NULL);
    `plain` says no text of it holds a character JSON escapes (digits, signs, points, dates ...)."""

    texts: Callable[[pa.ChunkedArray], pa.Array]
    plain: bool = False


def column_texts(f: pa.Field, fmt: OutputFormat) -> ColumnText:
    """A top-level column's texts: Arrow's own casts where their text is the server's (one C++ pass a column instead
    of a Python call a value), else the per-value encoder. tests/test_column_texts.py pins both to the same text."""
    vectorised = _vectorised(f, fmt)
    if vectorised is not None:
        return vectorised
    encode = column_encoder(f, fmt)
    return ColumnText(lambda column: pa.array([None if v is None else encode(v) for v in python_values(column)], TEXT))


def _vectorised(f: pa.Field, fmt: OutputFormat) -> ColumnText | None:
    t = f.type
    if extension_of(f) is not None:
        return None  # Variant, Interval, TimestampTz ... are binary or decimal underneath, with texts of their own
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return ColumnText(lambda column: _one_array(column.cast(TEXT)))
    if pa.types.is_integer(t):
        return ColumnText(lambda column: _one_array(column.cast(TEXT)), plain=True)
    if pa.types.is_decimal(t):
        return ColumnText(lambda column: _decimal_texts(column, t), plain=True)
    if pa.types.is_boolean(t):
        return ColumnText(lambda column: _one_array(pc.if_else(column, _text("1"), _text("0"))), plain=True)
    if pa.types.is_floating(t):
        single = pa.types.is_float32(t)
        return ColumnText(lambda column: _float_texts(column, single), plain=True)
    if pa.types.is_date32(t):
        return ColumnText(
            lambda column: _in_range_texts(
                column.cast(pa.int32()), _DATE_RANGE, pa.date32(), lambda days: format_date(_day(days))
            ),
            plain=True,
        )
    if pa.types.is_timestamp(t) and t.unit == "us" and fmt.timezone == "UTC":
        # Other zones stay per value: Arrow's time zone database and Python's zoneinfo need not agree.
        zone = fmt.zone()
        return ColumnText(
            lambda column: _in_range_texts(
                column.cast(pa.int64()), _TIMESTAMP_RANGE, pa.timestamp("us"), lambda v: format_timestamp(v, zone)
            ),
            plain=True,
        )
    return None


def _one_array(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    return column.combine_chunks() if isinstance(column, pa.ChunkedArray) else column


# Arrow's shortest round-trip digits are zmij's; only the notation differs: Arrow writes 1e-6 as 0.000001 (zmij,
# f64: 1e-6), 1e10 as 1e+10 (zmij: 10000000000.0), and integral values without ".0". Within these bounds both use
# fixed notation and write the same text, but for the ".0"; other values (and NaN, inf) go per value.
_FIXED_BOTH = {False: (1e-5, 1e10), True: (1e-6, 1e10)}


def _float_texts(column: pa.ChunkedArray, single: bool) -> pa.Array:
    column = _one_array(column)
    texts = column.cast(TEXT)
    size = pc.abs(column)
    zero, low, high = (_scalar(v, column.type) for v in (0.0, *_FIXED_BOTH[single]))
    fixed = pc.or_(pc.equal(size, zero), pc.and_(pc.greater_equal(size, low), pc.less(size, high)))
    # Integral values ("0", "100", without the ".0") are few in a column: they go per value too.
    same = pc.and_(fixed, pc.match_substring(texts, "."))
    return _patched(texts, column, pc.invert(pc.fill_null(same, _TRUE)), lambda v: format_float(v, single))


# Arrow prints a decimal as format(Decimal, ".{scale}f") does, `scale` fraction digits, except where it has fewer
# significant digits than scale - 5: then in exponent form (1E-38, 0E-38), as Java's BigDecimal. Those, below 1e-6
# in size, go per value.
_EXPONENT_FORM_BELOW = Decimal("0.000001")


def _decimal_texts(column: pa.ChunkedArray, t: pa.DataType) -> pa.Array:
    column = _one_array(column)
    texts = column.cast(TEXT)
    if t.scale <= 6:
        return texts
    small = pc.less(pc.abs(column), _scalar(_EXPONENT_FORM_BELOW, t))
    return _patched(texts, column, pc.fill_null(small, _FALSE), lambda v: format_decimal(v, t.scale))


def _patched(texts: pa.Array, values: pa.Array, mask: pa.Array, encode: Encoder) -> pa.Array:
    """`texts`, with the values under `mask` encoded one by one instead."""
    chosen = pc.filter(values, mask)
    if len(chosen) == 0:
        return texts
    return pc.replace_with_mask(texts, mask, pa.array([encode(v) for v in chosen.to_pylist()], TEXT))


def _day(days: int) -> dt.date:
    return pa.scalar(days, pa.date32()).as_py()  # out of Python's range: fails as the per-value path did


# Days and microseconds from 1970 of 0001-01-01 and 9999-12-31 (23:59:59.999999): within them Arrow's text is the
# per-value encoder's; outside them the per-value encoder decides (and fails, as it did).
_DATE_RANGE = (-719_162, 2_932_896)
_TIMESTAMP_RANGE = (-62_135_596_800_000_000, 253_402_300_799_999_999)


def _in_range_texts(
    numbers: pa.ChunkedArray, bounds: tuple[int, int], as_type: pa.DataType, encode: Encoder
) -> pa.Array:
    """`numbers`: the column as Arrow counts it (days or microseconds), printed as `as_type`; `encode` takes one of
    them outside `bounds`."""
    numbers = _one_array(numbers)
    low, high = (_scalar(b, numbers.type) for b in bounds)
    inside = pc.and_(pc.greater_equal(numbers, low), pc.less_equal(numbers, high))
    texts = numbers.cast(as_type).cast(TEXT)
    return _patched(texts, numbers, pc.invert(pc.fill_null(inside, _TRUE)), encode)


# json.dumps escapes the quote, the backslash and the control characters in a string: 0 for those bytes, 1 for the
# others (bytes.translate, then a search for 0, beat Arrow's regex kernel 8 to 1 here).
_JSON_SPECIAL_BYTES = bytes(0 if b < 0x20 or b in b'"\\' else 1 for b in range(256))
_CONTROL = r"[\x00-\x1f]"


def page_json(table: pa.Table, columns: list[ColumnText]) -> bytes:
    """The `data` of one page as JSON, byte for byte what json.dumps(rows, ensure_ascii=False,
    separators=(",", ":")) writes for the rows of texts (None as null), UTF-8, built column by column in Arrow."""
    if not columns or table.num_rows == 0:
        return b"[]"
    texts = [c.texts(table.column(i)) for i, c in enumerate(columns)]
    escaped = [t if c.plain else _json_escaped(t) for c, t in zip(columns, texts)]
    if all(t.null_count == 0 for t in texts):
        # Every cell is a string: the separators put the quotes, commas and brackets between them.
        rows = pc.binary_join_element_wise(*escaped, _text('","'))
        return b'[["' + _joined(rows, '"],["') + b'"]]'
    cells = [
        pc.fill_null(pc.binary_join_element_wise(_text('"'), t, _text('"'), _text("")), _text("null")) for t in escaped
    ]
    return b"[[" + _joined(pc.binary_join_element_wise(*cells, _text(",")), "],[") + b"]]"


def _joined(texts: pa.Array, separator: str) -> bytes:
    """The texts joined, as the UTF-8 bytes Arrow holds: no str made and encoded again."""
    offsets = pa.Array.from_buffers(pa.int64(), 2, [None, pa.py_buffer(struct.pack("<qq", 0, len(texts)))])
    one = pc.binary_join(pa.LargeListArray.from_arrays(offsets, texts), _text(separator))
    _, offsets, data = one.buffers()
    start, end = (
        int.from_bytes(offsets[i : i + 8].to_pybytes(), "little") for i in (8 * one.offset, 8 * one.offset + 8)
    )
    return data[start:end].to_pybytes() if data is not None else b""


def _json_escaped(texts: pa.Array) -> pa.Array:
    data = texts.buffers()[2]
    # The whole data buffer, which may hold bytes of rows outside the page: at worst a needless escape pass.
    if data is None or data.to_pybytes().translate(_JSON_SPECIAL_BYTES).find(0) < 0:
        return texts
    if pc.any(pc.match_substring_regex(texts, _CONTROL)).as_py():
        # Rare: the control characters' escapes (\n, \u0001 ...) are json.dumps's own.
        return pa.array(
            [None if v is None else json.dumps(v, ensure_ascii=False)[1:-1] for v in texts.to_pylist()], TEXT
        )
    return pc.replace_substring(pc.replace_substring(texts, "\\", "\\\\"), '"', '\\"')


def encode_rows(table: pa.Table, encoders: list[Encoder]) -> list[list[str | None]]:
    columns = [
        [None if v is None else encode(v) for v in python_values(table.column(i))] for i, encode in enumerate(encoders)
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
