"""A text chunk written into PNG bytes: the image's text alternative travels inside the file. Standard library only.

``with_text(png, "Description", text)`` returns the PNG with an ``iTXt``
chunk (UTF-8, uncompressed; PNG specification 11.3.3.4) placed before
``IEND``. Image viewers and asset managers that read PNG metadata (Pillow's
``Image.text``, exiftool, most DAMs) show it; the pixels are untouched.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def with_text(png: bytes, keyword: str, text: str, language: str = "en") -> bytes:
    """``png`` with an iTXt chunk ``keyword`` = ``text`` before its IEND chunk."""
    if not png.startswith(SIGNATURE):
        raise ValueError("not a PNG")
    if not 1 <= len(keyword) <= 79 or not keyword.isascii():
        raise ValueError(f"a PNG keyword is 1-79 Latin-1 characters: {keyword!r}")
    end = png.rfind(b"IEND") - 4  # the IEND chunk starts with its 4-byte length
    if end < len(SIGNATURE):
        raise ValueError("PNG without an IEND chunk")
    data = keyword.encode("latin-1") + b"\0" + b"\0\0" + language.encode("ascii") + b"\0" + b"\0" + text.encode("utf-8")
    return png[:end] + _chunk(b"iTXt", data) + png[end:]
