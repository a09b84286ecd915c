"""The vectorised column texts (Arrow casts, a page's JSON built in Arrow) against the per-value encoder, which the
engine tests pin to the server's text: the same column both ways must give the same text, value for value."""

from __future__ import annotations

import datetime as dt
import json
import random
import struct
from decimal import Decimal

import pyarrow as pa
import pytest

from databend_etl_gateway.encoders import (
    ColumnText,
    OutputFormat,
    _vectorised,
    column_encoder,
    column_texts,
    encode_rows,
    page_json,
    python_values,
)
from databend_etl_gateway.errors import HttpError
from databend_etl_gateway.http_api import response_json
from databend_etl_gateway.sessions import Outcome, Query

UTC = OutputFormat()


def per_value(column: pa.ChunkedArray, f: pa.Field, fmt: OutputFormat) -> list[str | None]:
    encode = column_encoder(f, fmt)
    return [None if v is None else encode(v) for v in python_values(column)]


def same_both_ways(array: pa.Array, fmt: OutputFormat = UTC, vectorised: bool = True) -> list[str | None]:
    """Encodes the column both ways, in two chunks sliced off a longer one (as pages are), and requires one text."""
    f = pa.field("c", array.type)
    assert (_vectorised(f, fmt) is not None) == vectorised  # the path under test is the one taken
    padded = pa.concat_arrays([array.slice(0, 0), array, array.slice(0, 1)]) if len(array) else array
    half = len(array) // 2
    column = pa.chunked_array([padded.slice(0, half), padded.slice(half, len(array) - half)], array.type)
    texts = column_texts(f, fmt).texts(column).to_pylist()
    assert texts == per_value(column, f, fmt)
    return texts


def random_floats(bits: int, count: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    fmt, width = ("<d", "<Q") if bits == 64 else ("<f", "<I")
    values = [struct.unpack(fmt, struct.pack(width, rng.getrandbits(bits)))[0] for _ in range(count)]
    # Random bits are mostly huge or tiny: add values around the bounds where the two notations part.
    values += [rng.uniform(-1, 1) * 10.0 ** rng.randint(-8, 18) for _ in range(count)]
    return values


EDGE_FLOATS = [
    0.0,
    -0.0,
    1.0,
    -1.0,
    100.0,
    0.1,
    0.30000000000000004,
    1e-5,
    9.999999999999999e-6,
    1e-6,
    1.5e-6,
    1e-7,
    123456789.125,
    9999999999.0,
    9999999999.999998,
    1e10,
    1.5e10,
    1e15,
    9999999999999998.0,
    1e16,
    2.0**53,
    1e21,
    5e-324,
    2.2250738585072014e-308,
    1.7976931348623157e308,
    float("nan"),
    float("inf"),
    float("-inf"),
    None,
]


def test_doubles_match_the_shortest_round_trip_text_at_every_magnitude() -> None:
    texts = same_both_ways(pa.array(EDGE_FLOATS, pa.float64()))
    assert texts[:3] == ["0.0", "-0.0", "1.0"]
    assert texts[-4:] == ["NaN", "Infinity", "-Infinity", None]
    same_both_ways(pa.array(random_floats(64, 20_000, 1), pa.float64()))


def test_floats_match_the_shortest_float32_text_at_every_magnitude() -> None:
    texts = same_both_ways(pa.array([*EDGE_FLOATS[:22], 3.4028234663852886e38, *EDGE_FLOATS[-4:]], pa.float32()))
    assert texts[:2] == ["0.0", "-0.0"]
    same_both_ways(pa.array(random_floats(32, 20_000, 2), pa.float32()))


@pytest.mark.parametrize(
    ("arrow_type", "low", "high"),
    [
        (pa.int8(), -(2**7), 2**7 - 1),
        (pa.int16(), -(2**15), 2**15 - 1),
        (pa.int32(), -(2**31), 2**31 - 1),
        (pa.int64(), -(2**63), 2**63 - 1),
        (pa.uint8(), 0, 2**8 - 1),
        (pa.uint16(), 0, 2**16 - 1),
        (pa.uint32(), 0, 2**32 - 1),
        (pa.uint64(), 0, 2**64 - 1),
    ],
)
def test_integers_at_their_ends(arrow_type: pa.DataType, low: int, high: int) -> None:
    assert same_both_ways(pa.array([low, high, 0, None, 1], arrow_type))[:2] == [str(low), str(high)]


def test_decimals_keep_their_scale_digits() -> None:
    same_both_ways(
        pa.array([Decimal("1.50"), Decimal("-2"), Decimal("0"), Decimal("-0.01"), None], pa.decimal128(20, 2))
    )
    same_both_ways(pa.array([Decimal(5), Decimal(-7), Decimal(10**37), None], pa.decimal128(38, 0)))
    tiny = Decimal("-0." + "0" * 37 + "1")
    assert same_both_ways(pa.array([tiny, Decimal(0)], pa.decimal128(38, 38))) == [
        "-0." + "0" * 37 + "1",
        "0." + "0" * 38,
    ]
    # Arrow writes values of fewer significant digits than scale - 5 in exponent form (1E-38): those go per value.
    small = [Decimal("1e-7"), Decimal("-9e-7"), Decimal("1e-6"), Decimal("0.1234567"), Decimal(0), None]
    assert same_both_ways(pa.array(small, pa.decimal128(10, 7))) == [
        "0.0000001",
        "-0.0000009",
        "0.0000010",
        "0.1234567",
        "0.0000000",
        None,
    ]
    rng = random.Random(3)
    scattered = [Decimal(rng.randrange(-(10**18), 10**18)).scaleb(-rng.randint(0, 18)) for _ in range(2000)]
    same_both_ways(pa.array(scattered, pa.decimal128(38, 18)))
    huge = Decimal("9" * 38 + "." + "9" * 38)
    same_both_ways(pa.array([huge, huge.copy_negate(), Decimal("1.5"), None], pa.decimal256(76, 38)))


def test_booleans() -> None:
    assert same_both_ways(pa.array([True, False, None])) == ["1", "0", None]


def test_strings_of_every_kind_come_through_unchanged() -> None:
    values = ["", "a", 'say "hi"\n', "back\\slash", "\x00\x01\x1f\x7f", "é ü 中文 🚗", "\u2028\u2029", " ", None]
    for arrow_type in (pa.string(), pa.large_string(), pa.string_view()):
        assert same_both_ways(pa.array(values, arrow_type)) == values


def test_dates_at_the_range_ends() -> None:
    days = [
        dt.date(1, 1, 1),
        dt.date(9999, 12, 31),
        dt.date(1970, 1, 1),
        dt.date(999, 5, 6),
        dt.date(1969, 12, 31),
        None,
    ]
    texts = same_both_ways(pa.array(days, pa.date32()))
    assert texts[:4] == ["0001-01-01", "9999-12-31", "1970-01-01", "0999-05-06"]


def test_utc_timestamps_at_the_range_ends() -> None:
    micros = [
        -62_135_596_800_000_000,  # 0001-01-01 00:00:00
        253_402_300_799_999_999,  # 9999-12-31 23:59:59.999999
        0,
        -1,
        1_700_000_000_123_456,
        -30_610_224_000_000_001,  # 999-12-31 23:59:59.999999
        None,
    ]
    for arrow_type in (pa.timestamp("us"), pa.timestamp("us", tz="UTC")):
        texts = same_both_ways(pa.array(micros, pa.int64()).cast(arrow_type))
        assert texts[:4] == [
            "0001-01-01 00:00:00.000000",
            "9999-12-31 23:59:59.999999",
            "1970-01-01 00:00:00.000000",
            "1969-12-31 23:59:59.999999",
        ]


def test_out_of_range_values_fail_on_both_paths_alike() -> None:
    f = pa.field("c", pa.timestamp("us"))
    before_year_one = pa.chunked_array([pa.array([0, -62_135_596_800_000_001], pa.int64()).cast(f.type)])
    with pytest.raises(OverflowError):
        per_value(before_year_one, f, UTC)
    with pytest.raises(OverflowError):
        column_texts(f, UTC).texts(before_year_one)


def test_other_zones_and_nested_types_stay_per_value() -> None:
    tokyo = OutputFormat(timezone="Asia/Tokyo")
    texts = same_both_ways(pa.array([0, -62_135_596_800_000_000], pa.timestamp("us")), tokyo, vectorised=False)
    assert texts == ["1970-01-01 09:00:00.000000", "0001-01-01 09:18:59.000000"]
    same_both_ways(pa.array([["a", None], []], pa.list_(pa.string())), vectorised=False)
    same_both_ways(pa.array([b"\x01\xff"], pa.binary()), vectorised=False)
    same_both_ways(pa.array([0, 1], pa.timestamp("ns")), vectorised=False)
    variant = pa.field("c", pa.binary(), metadata={b"Extension": b"Variant"})
    assert _vectorised(variant, UTC) is None


def dumped(rows: list[list[str | None]]) -> str:
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def page_both_ways(table: pa.Table, fmt: OutputFormat = UTC) -> str:
    columns: list[ColumnText] = [column_texts(f, fmt) for f in table.schema]
    data = page_json(table, columns)
    text = dumped(encode_rows(table, [column_encoder(f, fmt) for f in table.schema]))
    assert data == text.encode()
    return text


def test_a_page_is_the_json_of_its_rows_byte_for_byte() -> None:
    ts = pa.array([0, 1_700_000_000_123_456, 5], pa.int64()).cast(pa.timestamp("us"))
    full = pa.table(
        {
            "s": pa.array(["plain", "é 🚗", "x"], pa.string_view()),
            "i": pa.array([1, -2, 3], pa.int32()),
            "t": ts,
            "f": pa.array([0.5, -0.0, 1e300]),
            "l": pa.array([["a"], [], ['q"']], pa.list_(pa.string())),
        }
    )
    assert page_both_ways(full).startswith('[["plain","1","1970-01-01 00:00:00.000000","0.5",')
    with_nulls = pa.table({"s": pa.array([None, "b", ""]), "f": pa.array([1.5, None, float("nan")]), "t": ts})
    assert page_both_ways(with_nulls).startswith('[[null,"1.5",')


def test_a_page_escapes_what_json_escapes() -> None:
    quotes = pa.table({"s": pa.array(['say "hi"', "a\\b", "ok"]), "n": pa.array([1, 2, 3])})
    assert page_both_ways(quotes) == '[["say \\"hi\\"","1"],["a\\\\b","2"],["ok","3"]]'
    controls = pa.table({"s": pa.array(["line\nbreak", "\x01", "\t", None, '"\\\x1f'], pa.string_view())})
    assert page_both_ways(controls).startswith('[["line\\nbreak"],["\\u0001"],["\\t"],[null]')


def test_an_empty_page_and_a_page_without_columns() -> None:
    assert page_both_ways(pa.table({"x": pa.array([], pa.int64())})) == "[]"
    assert page_json(pa.table({}), []) == b"[]"


def batched_table(batches: int, rows_per_batch: int) -> pa.Table:
    return pa.Table.from_batches(
        [
            pa.record_batch({"n": pa.array(range(b * rows_per_batch, (b + 1) * rows_per_batch), pa.int64())})
            for b in range(batches)
        ]
    )


def finished_query(table: pa.Table, page_rows: int) -> Query:
    query = Query(id="q", session_id="s", sql="SELECT", page_rows=page_rows, wait_secs=0, session_json={}, database="d")
    query.finish(Outcome(table), None, {}, UTC)
    return query


def test_a_large_result_is_served_page_by_page_and_the_passed_batches_are_let_go() -> None:
    rows_per_batch, page_rows = 8, 10
    query = finished_query(batched_table(50, rows_per_batch), page_rows)  # 400 rows, 40 pages
    assert query.held_rows == 400
    seen: list[int] = []
    held: list[int] = []
    number, next_uri = 0, "/v1/query/q/page/0"
    while next_uri != "/v1/query/q/final":
        body = query.page(number)
        rows = body["data"].rows()
        assert len(rows) == page_rows
        seen += [int(r[0]) for r in rows]
        held.append(query.held_rows)
        # What stays in memory: the rows from this page on, and at most the part of one batch before it.
        assert query.held_rows <= 400 - number * page_rows + rows_per_batch - 1
        next_uri = body["next_uri"]
        number += 1
    assert seen == list(range(400))
    assert held[-1] <= page_rows + rows_per_batch
    assert held == sorted(held, reverse=True)
    assert held[0] == 400


def test_the_last_page_can_be_asked_for_again_but_not_one_a_later_page_has_passed() -> None:
    query = finished_query(batched_table(10, 5), 10)
    assert query.page(0)["data"].rows()[0] == ["0"]
    assert query.page(3)["data"].rows()[0] == ["30"]
    assert query.page(3)["data"].rows()[0] == ["30"]  # a retry of the same page
    with pytest.raises(HttpError) as refused:
        query.page(1)
    assert refused.value.status == 404
    assert refused.value.message == "wrong page number 1"
    assert query.page(4)["data"].rows()[-1] == ["49"]
    one_batch = finished_query(batched_table(1, 50), 10)  # nothing to let go, and still refused
    one_batch.page(2)
    with pytest.raises(HttpError):
        one_batch.page(1)


def test_the_answer_carries_the_page_json_as_it_is() -> None:
    query = finished_query(pa.table({"s": pa.array(['a "q"', "é", None]), "n": pa.array([1, 2, 3])}), 2)
    body = query.page(0)
    answer = json.loads(response_json(body))
    assert answer["data"] == [['a "q"', "1"], ["é", "2"]]
    assert answer == {**body, "data": answer["data"]}
    assert json.loads(response_json({"data": [], "error": None})) == {"data": [], "error": None}
