#!/usr/bin/env python3
"""Draws the app icons (app/assets/icons/icon-*.png) from the favicon's "K" mark: the mark on a
full-bleed background, inside the central 60 % so the icon also works masked (round, squircle)."""
import struct, sys, zlib
from pathlib import Path

BLUE, WHITE = (0x00, 0x5A, 0x8C), (0xFF, 0xFF, 0xFF)
# The favicon's K, in its 32-unit box (x 9..24.5, y 7..25).
K = [(9, 7), (13, 7), (13, 14.5), (19.5, 7), (24, 7), (17, 15), (24.5, 25), (20, 25), (14.6, 17.6), (13, 19.3), (13, 25), (9, 25)]

def inside(x, y, poly):
    hit = False
    for (x1, y1), (x2, y2) in zip(poly, poly[1:] + poly[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit

def draw(size, samples=3):
    scale = size * 0.6 / 18  # the mark is 18 units tall
    ox, oy = (size - 15.5 * scale) / 2 - 9 * scale, (size - 18 * scale) / 2 - 7 * scale
    poly = [(ox + x * scale, oy + y * scale) for x, y in K]
    rows = []
    for py in range(size):
        row = bytearray([0])
        for px in range(size):
            cover = sum(inside(px + (i + 0.5) / samples, py + (j + 0.5) / samples, poly)
                        for i in range(samples) for j in range(samples)) / samples**2
            row += bytes(round(b + (w - b) * cover) for b, w in zip(BLUE, WHITE))
        rows.append(bytes(row))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))

out = Path(sys.argv[1] if len(sys.argv) > 1 else "app/assets/icons")
for size in (192, 512):
    (out / f"icon-{size}.png").write_bytes(draw(size))
