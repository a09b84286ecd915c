"""Builders of the binary values the engine hands over in Arrow: JSONB (VARIANT) and EWKB (GEOMETRY)."""

from __future__ import annotations

import struct
from decimal import Decimal

# JSONB (databendlabs/jsonb v0.5): a container header (kind | count), one 4-byte entry per slot (kind | length),
# then the payloads in slot order; an object's slots are its keys, then its values.
_ARRAY, _OBJECT, _SCALAR = 0x80000000, 0x40000000, 0x20000000
_NULL, _STRING, _NUMBER, _FALSE, _TRUE, _CONTAINER, _EXTENSION = (i << 28 for i in range(7))


class Extension:
    """A JSONB extension value: its tag byte and body."""

    def __init__(self, tag: int, body: bytes) -> None:
        self.tag, self.body = tag, body


class Number:
    """A JSONB number written with an explicit tag and body (decimals, NaN, infinities)."""

    def __init__(self, tag: int, body: bytes = b"") -> None:
        self.tag, self.body = tag, body


def decimal_number(value: Decimal, width: int) -> Number:
    """A decimal as JSONB stores it: the unscaled value big-endian in `width` bytes, then the scale."""
    sign, digits, exponent = value.as_tuple()
    unscaled = int("".join(map(str, digits))) * (-1 if sign else 1)
    return Number(0x70, unscaled.to_bytes(width, "big", signed=True) + bytes([-int(exponent)]))


def jsonb(value: object) -> bytes:
    if isinstance(value, list):
        return _container(_ARRAY, [_entry(v) for v in value])
    if isinstance(value, dict):
        keys = [(_STRING, k.encode()) for k in value]
        return _container(_OBJECT, keys + [_entry(v) for v in value.values()])
    return _container(_SCALAR, [_entry(value)])


def _container(kind: int, entries: list[tuple[int, bytes]]) -> bytes:
    count = len(entries) // 2 if kind == _OBJECT else len(entries)
    head = struct.pack(">I", kind | count) + b"".join(struct.pack(">I", k | len(p)) for k, p in entries)
    return head + b"".join(p for _, p in entries)


def _entry(value: object) -> tuple[int, bytes]:
    if value is None:
        return _NULL, b""
    if value is True:
        return _TRUE, b""
    if value is False:
        return _FALSE, b""
    if isinstance(value, str):
        return _STRING, value.encode()
    if isinstance(value, int):
        if value == 0:
            return _NUMBER, b"\x00"
        tag = 0x40 if value < 0 else 0x50
        width = (value.bit_length() + 8) // 8
        return _NUMBER, bytes([tag]) + value.to_bytes(width, "big", signed=value < 0)
    if isinstance(value, float):
        return _NUMBER, b"\x60" + struct.pack(">d", value)
    if isinstance(value, Number):
        return _NUMBER, bytes([value.tag]) + value.body
    if isinstance(value, Extension):
        return _EXTENSION, bytes([value.tag]) + value.body
    return _CONTAINER, jsonb(value)


# EWKB: byte order, type (with 0x20000000 when an SRID follows), then the coordinates as float64 pairs.
POINT, LINESTRING, POLYGON, MULTIPOINT, MULTILINESTRING, MULTIPOLYGON, COLLECTION = range(1, 8)


def ewkb(kind: int, body: bytes, srid: int | None = None, big_endian: bool = False) -> bytes:
    order = ">" if big_endian else "<"
    flag = 0x20000000 if srid is not None else 0
    head = bytes([0 if big_endian else 1]) + struct.pack(f"{order}I", kind | flag)
    return head + (struct.pack(f"{order}i", srid) if srid is not None else b"") + body


def points(*xy: tuple[float, float], big_endian: bool = False) -> bytes:
    order = ">" if big_endian else "<"
    return b"".join(struct.pack(f"{order}2d", x, y) for x, y in xy)


def counted(count: int, body: bytes, big_endian: bool = False) -> bytes:
    return struct.pack(">I" if big_endian else "<I", count) + body
