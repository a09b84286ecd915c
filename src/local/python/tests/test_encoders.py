"""Arrow results to the server's text fields: one encoder per column, and the schema's Databend type names."""

from __future__ import annotations

import datetime as dt
import struct
from decimal import Decimal

import pyarrow as pa
import pytest
from blobs import POINT, ewkb, jsonb, points

from databend_etl_gateway.encoders import OutputFormat, column_encoder, encode_rows, python_values
from databend_etl_gateway.schema import databend_type


def extension(name: str, arrow_type: pa.DataType, nullable: bool = True) -> pa.Field:
    return pa.field("c", arrow_type, nullable, metadata={b"Extension": name.encode()})


def encoded(arrays: dict[str, pa.Array], fmt: OutputFormat | None = None) -> list[list[str | None]]:
    table = pa.table(arrays)
    return encode_rows(table, [column_encoder(f, fmt or OutputFormat()) for f in table.schema])


def column(array: pa.Array, field: pa.Field | None = None, fmt: OutputFormat | None = None) -> list[str | None]:
    f = field or pa.field("c", array.type)
    table = pa.Table.from_arrays([array], schema=pa.schema([f.with_name("c")]))
    return [row[0] for row in encode_rows(table, [column_encoder(table.schema.field(0), fmt or OutputFormat())])]


def test_rows_are_lists_of_text_with_none_for_null() -> None:
    rows = encoded({"i": pa.array([1, None, -3]), "s": pa.array(["a", "b", None])})
    assert rows == [["1", "a"], [None, "b"], ["-3", None]]


def test_no_column_gives_no_row() -> None:
    assert encode_rows(pa.table({}), []) == []


def test_scalars() -> None:
    assert column(pa.array([True, False])) == ["1", "0"]
    assert column(pa.array([0, 2**63 - 1], pa.int64())) == ["0", "9223372036854775807"]
    assert column(pa.array([2**64 - 1], pa.uint64())) == ["18446744073709551615"]
    assert column(pa.array([0.1, -0.0, float("nan")], pa.float64())) == ["0.1", "-0.0", "NaN"]
    assert column(pa.array([0.1, 1e13], pa.float32())) == ["0.1", "1e+13"]
    assert column(pa.array([Decimal("1.50"), Decimal("-2")], pa.decimal128(20, 2))) == ["1.50", "-2.00"]
    assert column(pa.array(['say "hi"\n'])) == ['say "hi"\n']
    assert column(pa.array([dt.date(1, 1, 1)])) == ["0001-01-01"]
    assert column(pa.array([None], pa.null())) == [None]


def test_binary_follows_the_session_format() -> None:
    values = pa.array([b"\x01\xff"], pa.binary())
    assert column(values) == ["01FF"]
    assert column(values, fmt=OutputFormat(binary_output_format="BASE64")) == ["Af8="]


def test_timestamps_print_in_the_session_zone() -> None:
    values = pa.array([0, 1_700_000_000_123_456], pa.timestamp("us", tz="UTC"))
    assert column(values) == ["1970-01-01 00:00:00.000000", "2023-11-14 22:13:20.123456"]
    tokyo = OutputFormat(timezone="Asia/Tokyo")
    assert column(values, fmt=tokyo) == ["1970-01-01 09:00:00.000000", "2023-11-15 07:13:20.123456"]


def test_an_unknown_zone_prints_utc() -> None:
    assert OutputFormat(timezone="Nowhere/Else").zone() == dt.UTC


def test_timestamps_outside_python_datetime_are_still_printed() -> None:
    # 0001-01-01 00:00 in Tokyo is year 0 in UTC, which datetime cannot hold: values travel as microseconds.
    micros = -62_135_596_800_000_000 - 9 * 3_600_000_000
    values = pa.array([micros], pa.timestamp("us", tz="UTC"))
    assert column(values, fmt=OutputFormat(timezone="Asia/Tokyo")) == ["0001-01-01 00:18:59.000000"]


def test_python_values_turns_timestamps_into_microseconds_at_any_depth() -> None:
    ts = pa.timestamp("us", tz="UTC")
    nested = pa.chunked_array([pa.array([[{"t": 5, "n": 1}]], pa.list_(pa.struct([("t", ts), ("n", pa.int32())])))])
    assert python_values(nested) == [[{"t": 5, "n": 1}]]
    keyed = pa.chunked_array([pa.array([[(7, 8)]], pa.map_(ts, ts))])
    assert python_values(keyed) == [[(7, 8)]]


def test_nested_values_quote_strings_and_print_null() -> None:
    strings = pa.array([["a", None, 'q"'], []], pa.list_(pa.string()))
    assert column(strings) == ['["a",NULL,"q\\""]', "[]"]
    dates = pa.array([[dt.date(2024, 1, 2)]], pa.list_(pa.date32()))
    assert column(dates) == ['["2024-01-02"]']
    numbers = pa.array([[1.5, None]], pa.list_(pa.float64()))
    assert column(numbers) == ["[1.5,NULL]"]


def test_maps_and_tuples() -> None:
    maps = pa.array([[("k", 1), ("j", None)]], pa.map_(pa.string(), pa.int64()))
    assert column(maps) == ['{"k":1,"j":NULL}']
    tuples = pa.array([{"a": 1, "b": "x"}, {"a": None, "b": None}], pa.struct([("a", pa.int8()), ("b", pa.string())]))
    assert column(tuples) == ['(1,"x")', "(NULL,NULL)"]


def test_variant_is_json_also_when_nested() -> None:
    blob = jsonb({"a": [1, "x"]})
    assert column(pa.array([blob], pa.binary()), extension("Variant", pa.binary())) == ['{"a":[1,"x"]}']
    nested = pa.field("c", pa.list_(extension("Variant", pa.binary())))
    assert column(pa.array([[blob, None]], nested.type), nested) == ['[{"a":[1,"x"]},NULL]']


def test_geometry_and_geography() -> None:
    blob = ewkb(POINT, points((1.0, 2.0)))
    values = pa.array([blob], pa.binary())
    assert column(values, extension("Geometry", pa.binary())) == ['{"type": "Point", "coordinates": [1,2]}']
    ewkt = OutputFormat(geometry_output_format="EWKT")
    assert column(values, extension("Geography", pa.binary()), ewkt) == ["SRID=4326;POINT(1 2)"]
    nested = pa.field("c", pa.list_(extension("Geometry", pa.binary())))
    assert column(pa.array([[blob]], nested.type), nested, OutputFormat(geometry_output_format="WKT")) == [
        '["POINT(1 2)"]'
    ]
    assert column(pa.array([[blob]], nested.type), nested) == ['[{"type": "Point", "coordinates": [1,2]}]']


def test_interval_timestamp_tz_and_bitmap() -> None:
    interval = pa.array([Decimal((14 << 96) | (3 << 64))], pa.decimal128(38, 0))
    assert column(interval, extension("Interval", pa.decimal128(38, 0))) == ["1 year 2 months 3 days"]
    stamp = pa.array([Decimal(3600 << 64)], pa.decimal128(38, 0))
    assert column(stamp, extension("TimestampTz", pa.decimal128(38, 0))) == ["1970-01-01 01:00:00.000000 +0100"]
    nested = pa.field("c", pa.list_(extension("TimestampTz", pa.decimal128(38, 0))))
    assert column(pa.array([[Decimal(0)]], nested.type), nested) == ['["1970-01-01 00:00:00.000000 +0000"]']
    assert column(pa.array([b"\x00"], pa.binary()), extension("Bitmap", pa.binary())) == ["<bitmap binary>"]


def test_vectors_and_empty_containers() -> None:
    vector_type = pa.list_(pa.float32(), 3)
    vectors = pa.array([[0.1, -0.0, 2.0]], vector_type)
    assert column(vectors, extension("Vector", vector_type)) == ["[0.1,-0.0,2.0]"]
    ints = pa.list_(pa.int8(), 2)
    assert column(pa.array([[1, -2]], ints), extension("Vector", ints)) == ["[1,-2]"]
    assert column(pa.array([None], pa.null()), extension("EmptyArray", pa.null())) == [None]
    empty = pa.array([[]], pa.list_(pa.null()))
    assert column(empty, extension("EmptyArray", pa.list_(pa.null()))) == ["[]"]
    assert column(pa.array([0], pa.int8()), extension("EmptyMap", pa.int8())) == ["{}"]


def test_output_format_as_the_server_echoes_it() -> None:
    assert OutputFormat(timezone="Asia/Tokyo").as_json() == {
        "timezone": "Asia/Tokyo",
        "geometry_output_format": "GEOJSON",
        "binary_output_format": "HEX",
        "http_json_result_mode": "display",
    }


def test_unsupported_types_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported Arrow type"):
        column_encoder(pa.field("d", pa.duration("s")), OutputFormat())
    with pytest.raises(ValueError, match="unsupported Arrow type"):
        databend_type(pa.field("d", pa.duration("s")))


@pytest.mark.parametrize(
    ("field", "name"),
    [
        (pa.field("c", pa.int32(), False), "Int32"),
        (pa.field("c", pa.int32()), "Nullable(Int32)"),
        (pa.field("c", pa.uint64(), False), "UInt64"),
        (pa.field("c", pa.float32(), False), "Float32"),
        (pa.field("c", pa.bool_(), False), "Boolean"),
        (pa.field("c", pa.decimal128(20, 2), False), "Decimal(20, 2)"),
        (pa.field("c", pa.large_string(), False), "String"),
        (pa.field("c", pa.binary(), False), "Binary"),
        (pa.field("c", pa.date32(), False), "Date"),
        (pa.field("c", pa.timestamp("us", tz="UTC"), False), "Timestamp"),
        (pa.field("c", pa.null()), "NULL"),
        (pa.field("c", pa.list_(pa.field("item", pa.string(), True)), False), "Array(String NULL)"),
        (pa.field("c", pa.list_(pa.field("item", pa.string(), False))), "Nullable(Array(String))"),
        (pa.field("c", pa.map_(pa.string(), pa.int64()), False), "Map(String, Int64 NULL)"),
        (pa.field("c", pa.struct([pa.field("a", pa.int8(), False)]), False), "Tuple(Int8,)"),
        (
            pa.field("c", pa.struct([pa.field("a", pa.int8(), False), pa.field("b", pa.string())]), False),
            "Tuple(Int8, String NULL)",
        ),
        (extension("Variant", pa.binary()), "Nullable(Variant)"),
        (extension("Geography", pa.binary(), False), "Geography"),
        (extension("TimestampTz", pa.decimal128(38, 0), False), "Timestamp_Tz"),
        (extension("EmptyArray", pa.list_(pa.null()), False), "Array(Nothing)"),
        (extension("Vector", pa.list_(pa.float32(), 4), False), "Vector(4)"),
    ],
)
def test_databend_type_names(field: pa.Field, name: str) -> None:
    assert databend_type(field) == name


def test_nested_timestamp_tz_keeps_its_type_name() -> None:
    nested = pa.field("c", pa.list_(extension("TimestampTz", pa.decimal128(38, 0), False)), False)
    assert databend_type(nested) == "Array(TimestampTz)"


def test_float32_vector_elements_are_shortest_float32_text() -> None:
    value = struct.unpack("f", struct.pack("f", 0.2124))[0]
    vector_type = pa.list_(pa.float32(), 1)
    assert column(pa.array([[value]], vector_type), extension("Vector", vector_type)) == ["[0.2124]"]
