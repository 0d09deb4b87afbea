"""A text chunk in PNG bytes (dashboard/render/pngtext.py), read back by Pillow."""

import io

import pytest
from PIL import Image

from dashboard.render.pngtext import with_text


def tiny_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), "#1d4ed8").save(buffer, format="PNG")
    return buffer.getvalue()


def test_text_is_read_back_and_pixels_untouched():
    text = "Up to 12 Sep 2022: 19 claims. Ukraine captured Kupiansk; Russia withdrew from Izium (−1 · <b>)"
    png = with_text(tiny_png(), "Description", text)
    image = Image.open(io.BytesIO(png))
    image.load()  # checks every chunk's CRC
    assert image.text["Description"] == text
    assert image.getpixel((2, 1)) == (0x1D, 0x4E, 0xD8)


def test_not_a_png_is_refused():
    with pytest.raises(ValueError):
        with_text(b"GIF89a", "Description", "x")
    with pytest.raises(ValueError):
        with_text(tiny_png(), "", "x")
