"""Column encoders: one function per column, built once per result from the Arrow field, that turn a value
into the text the server's JSON result carries.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pyarrow as pa

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
