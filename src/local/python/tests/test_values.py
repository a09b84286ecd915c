"""Scalar text as databend-query prints it: floats, decimals, dates and times, intervals, binary, nested strings."""

from __future__ import annotations

import datetime as dt
import math
import struct
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from databend_etl_gateway.values import (
    format_binary,
    format_date,
    format_decimal,
    format_float,
    format_interval,
    format_timestamp,
    format_timestamp_tz,
    quote_nested,
    rust_display_float,
)


def f32(value: float) -> float:
    return struct.unpack("f", struct.pack("f", value))[0]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (1.0, "1.0"),
        (-2.5, "-2.5"),
        (0.1, "0.1"),
        (123.456, "123.456"),
        (1e15, "1000000000000000.0"),
        (1.5e15, "1500000000000000.0"),
        (1e16, "1e+16"),
        (1.2345e20, "1.2345e+20"),
        (1e-5, "0.00001"),
        (1.5e-5, "0.000015"),
        (1e-6, "1e-6"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (0.30000000000000004, "0.30000000000000004"),
        (math.nan, "NaN"),
        (math.inf, "Infinity"),
        (-math.inf, "-Infinity"),
    ],
)
def test_double_is_the_shortest_round_trip_text(value: float, text: str) -> None:
    assert format_float(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (f32(0.1), "0.1"),
        (f32(0.2124), "0.2124"),
        (f32(-7607.1157), "-7607.1157"),
        (f32(16777216.0), "16777216.0"),
        (f32(1e12), "1000000000000.0"),
        (f32(1e13), "1e+13"),
        (f32(1e-6), "0.000001"),
        (f32(1e-7), "1e-7"),
        (f32(-0.0), "-0.0"),
        (f32(3.4028234663852886e38), "3.4028235e+38"),
    ],
)
def test_float32_is_the_shortest_text_that_reads_back_as_the_same_float32(value: float, text: str) -> None:
    assert format_float(value, single=True) == text
    assert f32(float(text)) == value or text == "-0.0"


def test_float_text_reads_back_bit_for_bit() -> None:
    for bits in range(0, 1 << 64, (1 << 64) // 5003):
        value = struct.unpack("<d", struct.pack("<Q", bits))[0]
        if math.isfinite(value):
            assert struct.pack("<d", float(format_float(value))) == struct.pack("<d", value)


@pytest.mark.parametrize(
    ("value", "text"),
    [(1.0, "1"), (-1.5, "-1.5"), (0.1, "0.1"), (1e21, "1000000000000000000000"), (1e-7, "0.0000001"), (-0.0, "-0")],
)
def test_rust_display_has_no_exponent_and_no_trailing_zero(value: float, text: str) -> None:
    assert rust_display_float(value) == text


def test_rust_display_of_non_finite_values() -> None:
    assert [rust_display_float(v) for v in (math.nan, math.inf, -math.inf)] == ["NaN", "inf", "-inf"]


@pytest.mark.parametrize(
    ("value", "scale", "text"),
    [
        (Decimal("1.5"), 2, "1.50"),
        (Decimal("-0.01"), 2, "-0.01"),
        (Decimal(12), 0, "12"),
        (Decimal("99999999999999999999999999999999999.999"), 3, "99999999999999999999999999999999999.999"),
    ],
)
def test_decimal_has_exactly_its_scale(value: Decimal, scale: int, text: str) -> None:
    assert format_decimal(value, scale) == text


UTC = dt.UTC
MICROS_AT_YEAR_1 = -62_135_596_800_000_000  # 0001-01-01 00:00:00 UTC


def test_timestamp_is_the_wall_time_in_the_session_zone() -> None:
    assert format_timestamp(0, UTC) == "1970-01-01 00:00:00.000000"
    assert format_timestamp(1_700_000_000_123_456, UTC) == "2023-11-14 22:13:20.123456"
    assert format_timestamp(0, ZoneInfo("Asia/Tokyo")) == "1970-01-01 09:00:00.000000"
    assert format_timestamp(0, ZoneInfo("America/New_York")) == "1969-12-31 19:00:00.000000"
    assert format_timestamp(-1, UTC) == "1969-12-31 23:59:59.999999"


def test_timestamp_pads_years_below_1000() -> None:
    assert format_timestamp(MICROS_AT_YEAR_1, UTC) == "0001-01-01 00:00:00.000000"
    assert format_timestamp(MICROS_AT_YEAR_1 + 999 * 365 * 86_400_000_000, UTC).startswith("0999-")


def test_timestamp_before_year_1_in_utc_uses_the_zone_earliest_offset() -> None:
    # 0000-12-31 23:00 UTC is 0001-01-01 in Tokyo, whose earliest offset is its local mean time, +09:18:59.
    an_hour_before = MICROS_AT_YEAR_1 - 3_600_000_000
    assert format_timestamp(an_hour_before, ZoneInfo("Asia/Tokyo")) == "0001-01-01 08:18:59.000000"


def test_date_pads_the_year() -> None:
    assert format_date(dt.date(1, 1, 1)) == "0001-01-01"
    assert format_date(dt.date(2024, 2, 29)) == "2024-02-29"


def packed_timestamp_tz(micros: int, offset_seconds: int) -> Decimal:
    return Decimal((offset_seconds << 64) | (micros & ((1 << 64) - 1)))


@pytest.mark.parametrize(
    ("micros", "offset", "text"),
    [
        (0, 0, "1970-01-01 00:00:00.000000 +0000"),
        (0, 8 * 3600, "1970-01-01 08:00:00.000000 +0800"),
        (1_500_000, -(5 * 3600 + 30 * 60), "1969-12-31 18:30:01.500000 -0530"),
        (0, 3661, "1970-01-01 01:01:01.000000 +010101"),
        (-86_400_000_000, 0, "1969-12-31 00:00:00.000000 +0000"),
    ],
)
def test_timestamp_tz_is_the_local_time_and_its_offset(micros: int, offset: int, text: str) -> None:
    assert format_timestamp_tz(packed_timestamp_tz(micros, offset)) == text


def packed_interval(months: int, days: int, micros: int) -> Decimal:
    raw = ((months & 0xFFFFFFFF) << 96) | ((days & 0xFFFFFFFF) << 64) | (micros & ((1 << 64) - 1))
    return Decimal(raw - (1 << 128) if raw >> 127 else raw)


@pytest.mark.parametrize(
    ("months", "days", "micros", "text"),
    [
        (0, 0, 0, "00:00:00"),
        (14, 3, -5_500_000, "1 year 2 months 3 days -0:00:05.5"),
        (12, 1, 0, "1 year 1 day"),
        (-14, -1, 0, "-1 year -2 months -1 day"),
        (0, 0, 3_600_000_000 + 61_000_001, "1:01:01.000001"),
        (0, 2, 90_000_000_000, "2 days 25:00:00"),
    ],
)
def test_interval_text(months: int, days: int, micros: int, text: str) -> None:
    assert format_interval(packed_interval(months, days, micros)) == text


@pytest.mark.parametrize(
    ("binary_format", "value", "text"),
    [
        ("HEX", b"\x01\xab\xff", "01ABFF"),
        ("BASE64", b"\x01\xab", "Aas="),
        ("UTF-8", "héllo".encode(), "héllo"),
        ("UTF-8-LOSSY", b"a\xffb", "a\ufffdb"),
        ("SOMETHING ELSE", b"\x0f", "0F"),
    ],
)
def test_binary_follows_binary_output_format(binary_format: str, value: bytes, text: str) -> None:
    assert format_binary(value, binary_format) == text


def test_strict_utf8_binary_refuses_invalid_bytes() -> None:
    with pytest.raises(UnicodeDecodeError):
        format_binary(b"\xff", "UTF-8")


def test_nested_strings_escape_only_the_double_quote() -> None:
    assert quote_nested('a"b\\c\n') == '"a\\"b\\c\n"'
