"""GEOMETRY: EWKB to GeoJSON, WKT, EWKT, WKB and EWKB text, as geozero writes them."""

from __future__ import annotations

import struct

import pytest
from blobs import (
    COLLECTION,
    LINESTRING,
    MULTILINESTRING,
    MULTIPOINT,
    MULTIPOLYGON,
    POINT,
    POLYGON,
    counted,
    ewkb,
    points,
)

from databend_etl_gateway.geometry import Geometry, format_geometry, parse_ewkb

SQUARE = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
LINE = [(0.0, 0.0), (1.5, -2.25)]

POINT_BLOB = ewkb(POINT, points((1.0, 2.0)))
LINE_BLOB = ewkb(LINESTRING, counted(2, points(*LINE)))
POLYGON_BLOB = ewkb(POLYGON, counted(1, counted(4, points(*SQUARE))))
MULTIPOINT_BLOB = ewkb(MULTIPOINT, counted(2, ewkb(POINT, points((1.0, 2.0))) + ewkb(POINT, points((3.0, 4.0)))))
MULTILINE_BLOB = ewkb(MULTILINESTRING, counted(1, LINE_BLOB))
MULTIPOLYGON_BLOB = ewkb(MULTIPOLYGON, counted(2, POLYGON_BLOB + POLYGON_BLOB))
COLLECTION_BLOB = ewkb(COLLECTION, counted(2, POINT_BLOB + LINE_BLOB))


def text(blob: bytes, geometry_format: str, default_srid: int | None = None) -> str:
    return format_geometry(blob, geometry_format, default_srid)[0]


def test_parse_ewkb_reads_kind_srid_and_coordinates() -> None:
    assert parse_ewkb(POINT_BLOB) == Geometry(POINT, None, (1.0, 2.0))
    assert parse_ewkb(ewkb(POINT, points((1.0, 2.0)), srid=4326)) == Geometry(POINT, 4326, (1.0, 2.0))
    assert parse_ewkb(POLYGON_BLOB) == Geometry(POLYGON, None, [SQUARE])
    assert parse_ewkb(MULTIPOINT_BLOB) == Geometry(MULTIPOINT, None, [(1.0, 2.0), (3.0, 4.0)])
    assert parse_ewkb(COLLECTION_BLOB).coords == [Geometry(POINT, None, (1.0, 2.0)), Geometry(LINESTRING, None, LINE)]


def test_parse_ewkb_reads_big_endian() -> None:
    blob = ewkb(LINESTRING, counted(2, points(*LINE, big_endian=True), big_endian=True), srid=3857, big_endian=True)
    assert parse_ewkb(blob) == Geometry(LINESTRING, 3857, LINE)


@pytest.mark.parametrize(
    ("blob", "geojson"),
    [
        (POINT_BLOB, '{"type": "Point", "coordinates": [1,2]}'),
        (LINE_BLOB, '{"type": "LineString", "coordinates": [[0,0],[1.5,-2.25]]}'),
        (POLYGON_BLOB, '{"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,0]]]}'),
        (MULTIPOINT_BLOB, '{"type": "MultiPoint", "coordinates": [[1,2],[3,4]]}'),
        (MULTILINE_BLOB, '{"type": "MultiLineString", "coordinates": [[[0,0],[1.5,-2.25]]]}'),
        (
            COLLECTION_BLOB,
            '{"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1,2]},'
            '{"type": "LineString", "coordinates": [[0,0],[1.5,-2.25]]}]}',
        ),
    ],
)
def test_geojson(blob: bytes, geojson: str) -> None:
    assert format_geometry(blob, "GEOJSON", None) == (geojson, False)


@pytest.mark.parametrize(
    ("blob", "wkt"),
    [
        (POINT_BLOB, "POINT(1 2)"),
        (LINE_BLOB, "LINESTRING(0 0,1.5 -2.25)"),
        (POLYGON_BLOB, "POLYGON((0 0,1 0,1 1,0 0))"),
        (MULTIPOINT_BLOB, "MULTIPOINT(1 2,3 4)"),
        (MULTILINE_BLOB, "MULTILINESTRING((0 0,1.5 -2.25))"),
        (MULTIPOLYGON_BLOB, "MULTIPOLYGON(((0 0,1 0,1 1,0 0)),((0 0,1 0,1 1,0 0)))"),
        (COLLECTION_BLOB, "GEOMETRYCOLLECTION(POINT(1 2),LINESTRING(0 0,1.5 -2.25))"),
    ],
)
def test_wkt(blob: bytes, wkt: str) -> None:
    assert format_geometry(blob, "WKT", None) == (wkt, True)


def test_coordinates_print_as_rust_displays_floats() -> None:
    blob = ewkb(POINT, points((1e21, 1e-7)))
    assert text(blob, "WKT") == "POINT(1000000000000000000000 0.0000001)"


def test_ewkt_prefixes_the_srid_unless_it_is_zero_or_absent() -> None:
    assert text(ewkb(POINT, points((1.0, 2.0)), srid=4326), "EWKT") == "SRID=4326;POINT(1 2)"
    assert text(POINT_BLOB, "EWKT", default_srid=4326) == "SRID=4326;POINT(1 2)"
    assert text(ewkb(POINT, points((1.0, 2.0)), srid=0), "EWKT", default_srid=4326) == "POINT(1 2)"
    assert text(POINT_BLOB, "EWKT") == "POINT(1 2)"


def test_wkb_is_little_endian_upper_hex_without_srid() -> None:
    expected = (struct.pack("<BI", 1, POINT) + struct.pack("<2d", 1.0, 2.0)).hex().upper()
    assert text(ewkb(POINT, points((1.0, 2.0), big_endian=True), srid=4326, big_endian=True), "WKB") == expected


def test_wkb_writes_every_kind_back_as_read() -> None:
    blobs = [POINT_BLOB, LINE_BLOB, POLYGON_BLOB, MULTIPOINT_BLOB, MULTILINE_BLOB, MULTIPOLYGON_BLOB, COLLECTION_BLOB]
    for blob in blobs:
        assert text(blob, "WKB") == blob.hex().upper()


def test_ewkb_carries_the_srid_or_zero() -> None:
    with_srid = ewkb(POINT, points((1.0, 2.0)), srid=4326)
    assert text(with_srid, "EWKB") == with_srid.hex().upper()
    assert text(POINT_BLOB, "EWKB") == ewkb(POINT, points((1.0, 2.0)), srid=0).hex().upper()


def test_unreadable_bytes_come_back_as_text() -> None:
    assert format_geometry(b"\x01\x01", "WKT", None) == ("\x01\x01", True)
    assert format_geometry(b"POINT(1 2)", "GEOJSON", None) == ("POINT(1 2)", False)
