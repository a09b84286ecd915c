"""Databend type names from the Arrow schema bendpy produces
(src/query/expression/src/converts/arrow/to.rs; display rules in src/query/expression/src/utils/display.rs).
"""

from __future__ import annotations

import pyarrow as pa


def extension_of(f: pa.Field) -> str | None:
    meta = f.metadata or {}
    raw = meta.get(b"Extension")
    return raw.decode() if raw else None


_EXTENSION_TYPES = {
    "Variant": "Variant",
    "Bitmap": "Bitmap",
    "Geometry": "Geometry",
    "Geography": "Geography",
    "Interval": "Interval",
    "TimestampTz": "TimestampTz",
    "EmptyArray": "Array(Nothing)",
    "EmptyMap": "Map(Nothing)",
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
    pa.int8().id: "Int8",
    pa.int16().id: "Int16",
    pa.int32().id: "Int32",
    pa.int64().id: "Int64",
    pa.uint8().id: "UInt8",
    pa.uint16().id: "UInt16",
    pa.uint32().id: "UInt32",
    pa.uint64().id: "UInt64",
    pa.float32().id: "Float32",
    pa.float64().id: "Float64",
}
