"""VARIANT: JSONB to the compact JSON text serde_json writes."""

from __future__ import annotations

import struct
from decimal import Decimal

import pytest
from blobs import Extension, Number, decimal_number, jsonb

from databend_etl_gateway.jsonb import json_string, jsonb_to_json


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, "null"),
        (True, "true"),
        (False, "false"),
        (0, "0"),
        (42, "42"),
        (-128, "-128"),
        (18446744073709551615, "18446744073709551615"),
        (-9223372036854775808, "-9223372036854775808"),
        (1.5, "1.5"),
        (-0.0, "-0.0"),
        (1e16, "1e+16"),
        (0.1, "0.1"),
        ("plain", '"plain"'),
    ],
)
def test_scalars(value: object, text: str) -> None:
    assert jsonb_to_json(jsonb(value)) == text


def test_empty_bytes_are_null() -> None:
    assert jsonb_to_json(b"") == "null"


def test_nan_and_infinities_are_null() -> None:
    assert [jsonb_to_json(jsonb(Number(tag))) for tag in (0x10, 0x20, 0x30)] == ["null", "null", "null"]


@pytest.mark.parametrize(
    ("value", "width", "text"),
    [
        (Decimal("1.50"), 8, "1.50"),
        (Decimal("-0.001"), 8, "-0.001"),
        (Decimal("12345678901234567890.12345678"), 16, "12345678901234567890.12345678"),
        (Decimal(7), 16, "7"),
    ],
)
def test_decimals_keep_every_digit(value: Decimal, width: int, text: str) -> None:
    assert jsonb_to_json(jsonb(decimal_number(value, width))) == text


def test_containers_are_compact_and_keep_key_order() -> None:
    value = {"b": [1, "two", None, {"c": True}], "a": {}, "e": []}
    assert jsonb_to_json(jsonb(value)) == '{"b":[1,"two",null,{"c":true}],"a":{},"e":[]}'


def test_nested_arrays() -> None:
    assert jsonb_to_json(jsonb([[1, [2.5]], [], [[]]])) == "[[1,[2.5]],[],[[]]]"


def test_strings_and_keys_escaped_as_serde_json_does() -> None:
    text = 'q"b\\s\n\r\t\b\f\x01\x1f/é😀'
    escaped = '"q\\"b\\\\s\\n\\r\\t\\b\\f\\u0001\\u001f/é😀"'
    assert jsonb_to_json(jsonb(text)) == escaped
    assert jsonb_to_json(jsonb({text: 1})) == "{" + escaped + ":1}"
    assert json_string(text) == escaped


def test_binary_extension_is_upper_hex() -> None:
    assert jsonb_to_json(jsonb(Extension(0x00, b"\x00\xab"))) == '"00AB"'


def test_date_and_timestamp_extensions() -> None:
    day = struct.pack(">i", -1)
    micros = struct.pack(">q", 1_700_000_000_123_456)
    assert jsonb_to_json(jsonb(Extension(0x10, day))) == '"1969-12-31"'
    assert jsonb_to_json(jsonb(Extension(0x20, micros))) == '"2023-11-14 22:13:20.123456"'


def test_timestamp_tz_extension_prints_local_time_and_offset() -> None:
    body = struct.pack(">qi", 0, -(3 * 3600 + 30 * 60))
    assert jsonb_to_json(jsonb([Extension(0x30, body)])) == '["1969-12-31 20:30:00.000000 -0330"]'


@pytest.mark.parametrize(
    ("months", "days", "micros", "text"),
    [
        (0, 0, 0, "00:00:00"),
        (14, 3, -5_500_000, "1 year 2 months 3 days -00:00:05.500000"),
        (-1, -2, 3_661_000_000, "-1 month -2 days 01:01:01"),
    ],
)
def test_interval_extension_pads_hours_and_prints_six_fraction_digits(
    months: int, days: int, micros: int, text: str
) -> None:
    assert jsonb_to_json(jsonb(Extension(0x40, struct.pack(">iiq", months, days, micros)))) == f'"{text}"'
