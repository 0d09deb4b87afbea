"""The loader's reading rules, compiled: the Rust library in ``dashboard/loader/claimcore/``.

Reading claims is the loader's hot path (the issue asks for >= 20 MB/s of
article text on one core), so sentences, date phrases, quantities, claims,
places and their de-duplication run in Rust; this module is the only door to
it. It hands the library the gazetteer once (spelling keys come from
``dashboard.geo``, so Python and Rust share one notion of a name), then one
article at a time, and turns the JSON it answers with into ``Event``s and
``DatePhrase``s.

The library is built by ``bash .ci/setup`` (``cargo build --release``,
offline, from Debian's ``librust-regex-dev`` and ``librust-memchr-dev``).
When it is missing or older than its sources and cargo is on the machine, it
is built on first use.
"""
from __future__ import annotations

import ctypes
import functools
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from dashboard.geo import Gazetteer, gazetteer as default_gazetteer
from dashboard.schema import EVENT_FIELDS, Event

CRATE = Path(__file__).resolve().parent / "claimcore"
LIBRARY = CRATE / "target" / "release" / "libclaimcore.so"
BUILD_COMMAND = ["cargo", "build", "--release", "--quiet"]   # run in CRATE: its .cargo/config.toml says offline
_EPOCH = date(1970, 1, 1)
_SENTENCE = EVENT_FIELDS.index("sentence")   # the library sends null there and the offsets after it
# raw_decode of a str: json.loads(bytes) first sniffs the encoding and loads(str) checks for trailing
# space, which together cost as much as the parsing (33 against 16 µs an article, bench corpus)
_JSON = json.JSONDecoder()


class CoreUnavailable(RuntimeError):
    """The compiled rules are not built and cannot be built here."""


@dataclass(frozen=True)
class DatePhrase:
    start: int                # code point offsets in the article
    end: int
    text: str
    kind: str                 # weekday | monthday | daymonth | month | pastday | yesterday | ...
    first: date
    last: date
    precision: str            # day | range | month
    label: str                # ISO text of the date: day, 'start/end' range, or 'YYYY-MM' month
    future: bool = False


@dataclass
class Extraction:
    events: list[Event]
    report_day: date
    warnings: list[str]


def _stale() -> bool:
    if not LIBRARY.exists():
        return True
    built = LIBRARY.stat().st_mtime
    sources = [CRATE / "Cargo.toml", *(CRATE / "src").glob("*.rs")]
    return any(p.stat().st_mtime > built for p in sources)


@functools.lru_cache(maxsize=1)
def _library() -> ctypes.CDLL:
    if _stale():
        if not shutil.which("cargo"):
            raise CoreUnavailable(
                f"the compiled claim reader {LIBRARY} is missing or older than its sources, and cargo is not "
                "installed: run `bash .ci/setup` (installs Debian's cargo, librust-regex-dev and librust-memchr-dev, "
                "then builds it)")
        print("building the claim reader (dashboard/loader/claimcore, cargo build --release)...", file=sys.stderr)
        done = subprocess.run(BUILD_COMMAND, cwd=CRATE, capture_output=True, text=True)
        if done.returncode != 0:
            raise CoreUnavailable(f"cargo could not build {CRATE}:\n{done.stderr[-3000:]}")
    lib = ctypes.CDLL(str(LIBRARY))
    size_p = ctypes.POINTER(ctypes.c_size_t)
    lib.claimcore_new.argtypes = [ctypes.c_char_p, ctypes.c_size_t]
    lib.claimcore_new.restype = ctypes.c_void_p
    lib.claimcore_drop.argtypes = [ctypes.c_void_p]
    lib.claimcore_free.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    for name, extra in (("claimcore_extract", [ctypes.c_int64]), ("claimcore_dates", [ctypes.c_int64]),
                        ("claimcore_sentences", []), ("claimcore_quantities", [])):
        function = getattr(lib, name)
        function.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, *extra, size_p]
        function.restype = ctypes.c_void_p
    return lib


def gazetteer_spec(g: Gazetteer) -> bytes:
    """The gazetteer as the library reads it: one line per place with its spelling keys, one per oblast."""
    by_key, oblast_keys = g.lookup_tables()
    keys_of: dict[int, list[str]] = {}
    places = {}
    for key, found in by_key.items():
        for place in found:
            keys_of.setdefault(place.geonameid, []).append(key)
            places[place.geonameid] = place
    order = sorted(places.values(), key=lambda p: (-p.population, p.geonameid))
    lines = [f"P\t{p.geonameid}\t{p.name}\t{p.latitude!r}\t{p.longitude!r}\t{p.oblast_iso}\t{'|'.join(keys_of[p.geonameid])}"
             for p in order]
    for iso, oblast in g.oblasts.items():
        keys = [key for key, code in oblast_keys.items() if code == iso]
        lines.append(f"O\t{iso}\t{oblast.name}\t{'|'.join(keys)}")
    return "\n".join(lines).encode("utf-8")


class ClaimReader:
    """One loaded rule engine with its gazetteer. Cheap to call; build once (``reader()``)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._lib = _library()
        spec = gazetteer_spec(gazetteer)
        self._handle = self._lib.claimcore_new(spec, len(spec))
        if not self._handle:
            raise CoreUnavailable("the claim reader could not load the gazetteer")

    def __del__(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            self._lib.claimcore_drop(handle)

    def _ask(self, function, text: str, *args):
        data = text.encode("utf-8", "replace")   # a lone surrogate becomes "?": offsets stay the same
        size = ctypes.c_size_t()
        pointer = function(self._handle, data, len(data), *args, ctypes.byref(size))
        if not pointer:
            raise RuntimeError("the claim reader failed on this text (an internal error; please report it)")
        try:
            return _JSON.raw_decode(ctypes.string_at(pointer, size.value).decode("utf-8"))[0]
        finally:
            self._lib.claimcore_free(pointer, size.value)

    def extract(self, text: str, published: date) -> Extraction:
        """Events of one article (the Rust ``events`` module says how claims become events)."""
        report_day, rows, warnings = self._ask(self._lib.claimcore_extract, text, (published - _EPOCH).days)
        for row in rows:
            row[_SENTENCE] = text[row[_SENTENCE + 1]:row[_SENTENCE + 2]]
        return Extraction([Event(*row) for row in rows], date.fromisoformat(report_day), warnings)

    def date_phrases(self, text: str, published: date) -> tuple[list[DatePhrase], date]:
        """Every date phrase of a text, resolved against publication, and the article's report day."""
        day, rows = self._ask(self._lib.claimcore_dates, text, (published - _EPOCH).days)
        phrases = [DatePhrase(s, e, text[s:e], kind, date.fromisoformat(first), date.fromisoformat(last),
                              precision, label, future)
                   for s, e, kind, first, last, precision, label, future in rows]
        return phrases, date.fromisoformat(day)

    def sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans (start, end), abbreviations ("Gen.", "U.S.") kept whole."""
        return [tuple(span) for span in self._ask(self._lib.claimcore_sentences, text)]

    def quantities(self, text: str) -> tuple[list[float], list[int]]:
        """Areas in km² and settlement counts written in a text, in order."""
        areas, counts = self._ask(self._lib.claimcore_quantities, text)
        return areas, counts


@functools.lru_cache(maxsize=4)
def reader(gazetteer: Gazetteer | None = None) -> ClaimReader:
    """The process-wide reader for a gazetteer (the default one when None)."""
    return ClaimReader(gazetteer or default_gazetteer())
