"""GEOMETRY: EWKB to the configured geometry_output_format (geozero 0.15 writers, via databend_common_io)."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from typing import Any

from .values import rust_display_float

_GEOMETRY_NAMES = {
    1: "Point",
    2: "LineString",
    3: "Polygon",
    4: "MultiPoint",
    5: "MultiLineString",
    6: "MultiPolygon",
    7: "GeometryCollection",
}


@dataclass(frozen=True)
class Geometry:
    kind: int
    srid: int | None
    coords: Any  # nested lists of (x, y) tuples, or a list of Geometry for collections


def parse_ewkb(data: bytes) -> Geometry:
    geometry, _ = _read_geometry(data, 0)
    return geometry


def _read_geometry(data: bytes, at: int) -> tuple[Geometry, int]:
    order = "<" if data[at] == 1 else ">"
    (raw_kind,) = struct.unpack_from(f"{order}I", data, at + 1)
    at += 5
    srid = None
    if raw_kind & 0x20000000:
        (srid,) = struct.unpack_from(f"{order}i", data, at)
        at += 4
    kind = raw_kind & 0xFF
    if kind == 1:
        point, at = _read_points(data, at, order, 1)
        return Geometry(kind, srid, point[0]), at
    if kind == 2:
        line, at = _read_line(data, at, order)
        return Geometry(kind, srid, line), at
    if kind == 3:
        rings, at = _read_rings(data, at, order)
        return Geometry(kind, srid, rings), at
    (count,) = struct.unpack_from(f"{order}I", data, at)
    at += 4
    members = []
    for _ in range(count):
        member, at = _read_geometry(data, at)
        members.append(member)
    if kind == 7:
        return Geometry(kind, srid, members), at
    return Geometry(kind, srid, [m.coords for m in members]), at


def _read_points(data: bytes, at: int, order: str, count: int) -> tuple[list[tuple[float, float]], int]:
    values = struct.unpack_from(f"{order}{2 * count}d", data, at)
    return list(zip(values[::2], values[1::2])), at + 16 * count


def _read_line(data: bytes, at: int, order: str) -> tuple[list[tuple[float, float]], int]:
    (count,) = struct.unpack_from(f"{order}I", data, at)
    return _read_points(data, at + 4, order, count)


def _read_rings(data: bytes, at: int, order: str) -> tuple[list[list[tuple[float, float]]], int]:
    (count,) = struct.unpack_from(f"{order}I", data, at)
    at += 4
    rings = []
    for _ in range(count):
        ring, at = _read_line(data, at, order)
        rings.append(ring)
    return rings, at


def geometry_geojson(g: Geometry) -> str:
    name = _GEOMETRY_NAMES[g.kind]
    if g.kind == 7:
        members = ",".join(geometry_geojson(m) for m in g.coords)
        return f'{{"type": "{name}", "geometries": [{members}]}}'
    return f'{{"type": "{name}", "coordinates": {_geojson_coords(g.coords)}}}'


def _geojson_coords(coords: Any) -> str:
    if isinstance(coords, tuple):
        return f"[{rust_display_float(coords[0])},{rust_display_float(coords[1])}]"
    return "[" + ",".join(_geojson_coords(c) for c in coords) + "]"


def geometry_wkt(g: Geometry) -> str:
    name = _GEOMETRY_NAMES[g.kind].upper()
    if g.kind == 7:
        return f"{name}({','.join(geometry_wkt(m) for m in g.coords)})"
    if g.kind == 1:
        return f"{name}({_wkt_coords(g.coords)})"
    return f"{name}{_wkt_coords(g.coords)}"


def _wkt_coords(coords: Any) -> str:
    if isinstance(coords, tuple):
        return f"{rust_display_float(coords[0])} {rust_display_float(coords[1])}"
    return "(" + ",".join(_wkt_coords(c) for c in coords) + ")"


def geometry_wkb(g: Geometry, srid: int | None) -> bytes:
    """Little-endian (E)WKB; with an SRID the EWKB flag and the SRID follow the type."""
    kind = g.kind | (0x20000000 if srid is not None else 0)
    head = struct.pack("<BI", 1, kind) + (struct.pack("<i", srid) if srid is not None else b"")
    if g.kind == 1:
        return head + struct.pack("<2d", *g.coords)
    if g.kind == 7:
        return head + struct.pack("<I", len(g.coords)) + b"".join(geometry_wkb(m, None) for m in g.coords)
    if g.kind in (4, 5, 6):
        members = [Geometry(g.kind - 3, None, c) for c in g.coords]
        return head + struct.pack("<I", len(members)) + b"".join(geometry_wkb(m, None) for m in members)
    return head + _wkb_coords(g.coords)


def _wkb_coords(coords: list[Any]) -> bytes:
    if coords and isinstance(coords[0], tuple):
        return struct.pack("<I", len(coords)) + b"".join(struct.pack("<2d", *c) for c in coords)
    return struct.pack("<I", len(coords)) + b"".join(_wkb_coords(c) for c in coords)


def format_geometry(data: bytes, geometry_format: str, default_srid: int | None) -> tuple[str, bool]:
    """Returns the text and whether it is a string (quoted when nested) rather than JSON."""
    try:
        g = parse_ewkb(data)
    except (struct.error, KeyError, IndexError):
        return data.decode("utf-8", errors="replace"), geometry_format != "GEOJSON"
    srid = g.srid if g.srid is not None else default_srid
    if geometry_format == "WKT":
        return geometry_wkt(g), True
    if geometry_format == "EWKT":
        return (f"SRID={srid};" if srid else "") + geometry_wkt(g), True  # geozero omits SRID 0
    if geometry_format == "WKB":
        return geometry_wkb(g, None).hex().upper(), True
    if geometry_format == "EWKB":
        return geometry_wkb(g, srid or 0).hex().upper(), True
    return geometry_geojson(g), False
