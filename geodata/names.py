"""Fold place-name spellings to one lookup key.

Ukrainian names reach English text in many transliterations: Kupiansk,
Kupyansk, Kup'yans'k; Izium, Izyum; Avdiivka, Avdiyivka; Odesa, Odessa.
``fold`` maps them to one key: ASCII letters only, lower case, ``y`` read as
``i``, ``ie`` read as ``e`` and doubled letters collapsed. The key is for
lookup only; names shown to users keep their GeoNames spelling.
"""
from __future__ import annotations

import functools
import re
import unicodedata

_NOT_LETTER = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Return the lookup key of a place name (empty for non-Latin names)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = _NOT_LETTER.sub("", ascii_name.lower())
    key = key.replace("ie", "e").replace("y", "i")
    return _DOUBLED.sub(r"\1", key)
