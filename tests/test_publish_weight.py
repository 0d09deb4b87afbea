"""The published page's weight (issue 25): at 100,000 events over four years (bench's synthetic events) every file the
page loads, as a static host sends it (its brotli form, written by publish), adds up to at most 1 MB; a big file added
to the page (an asset, a library, a fatter payload) fails this; the claims' sources, fetched by the table only once
it is seen, are counted apart. The files' compressed forms are the files, and the
preview server (``dashboard.publish.Precompressed``) sends each in the coding the browser accepts, over real HTTP."""

from __future__ import annotations

import gzip
import threading
import urllib.request

import brotli
import pytest

from bench.slider import seed_frame, synthetic_frame
from dashboard.publish import LICENCES, SOURCE_FOLDER, accepted_encodings, publish, serving

BUDGET = 1_000_000  # bytes on the wire, brotli as served
NOT_LOADED = (*LICENCES, "assets/vendor/plotly-geo.LICENSE.txt")  # licences, for readers of the folder


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("weight") / "site"
    written = publish(synthetic_frame(seed_frame(), 100_000, span_days=1461), out)
    return out, written


def served_size(out, relative: str) -> int:
    path = out / relative
    twin = path.with_name(path.name + ".br")
    return twin.stat().st_size if twin.is_file() else path.stat().st_size


def test_the_page_at_100000_events_weighs_at_most_1_mb_as_served(site):
    out, written = site
    on_disk = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file() and p.suffix not in (".br", ".gz"))
    assert on_disk == sorted(written)  # every file of the folder is counted, not only those publish reports
    # the claims' sources are fetched by the table once it is seen, a file of 500 claims for each claim listed
    sources = [f for f in written if f.startswith(SOURCE_FOLDER)]
    assert len(sources) == 200 and max(served_size(out, f) for f in sources) < 20_000
    loaded = [f for f in written if f not in NOT_LOADED and not f.startswith(SOURCE_FOLDER)]
    sizes = {f: served_size(out, f) for f in loaded}
    total = sum(sizes.values())
    biggest = sorted(sizes.items(), key=lambda item: -item[1])[:5]
    assert total <= BUDGET, f"{total:,} bytes as served (brotli) > {BUDGET:,}; the biggest: {biggest}"
    # the events are not the bulk: the libraries are (plotly.js's geo bundle alone is 385 KB)
    assert sizes["_dash-layout.json"] < 0.35 * BUDGET, sizes["_dash-layout.json"]


def test_every_text_file_has_its_compressed_forms(site):
    out, written = site
    for relative in written:
        path = out / relative
        if path.suffix in (".js", ".json", ".css", ".html") and path.stat().st_size > 1000:
            assert brotli.decompress((out / f"{relative}.br").read_bytes()) == path.read_bytes(), relative
            assert gzip.decompress((out / f"{relative}.gz").read_bytes()) == path.read_bytes(), relative


@pytest.mark.parametrize(
    ("accept", "coding"),
    [("gzip, deflate, br, zstd", "br"), ("gzip, deflate", "gzip"), ("br;q=0, gzip", "gzip"), ("", None)],
)
def test_the_preview_server_sends_the_coding_the_browser_accepts(site, accept, coding):
    out, _ = site
    server = serving(out)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.server_address[1]}/assets/view.js", headers={"Accept-Encoding": accept}
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body, headers = response.read(), response.headers
    finally:
        server.shutdown()
        server.server_close()
    assert headers.get("Content-Encoding") == coding
    assert headers["Content-Type"] == "text/javascript"
    decoded = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[coding](body)
    assert decoded == (out / "assets" / "view.js").read_bytes()


def test_accept_encoding_is_read_as_browsers_write_it():
    assert accepted_encodings("gzip, deflate, br, zstd") == ["gzip", "deflate", "br", "zstd"]
    assert accepted_encodings("br;q=0, gzip;q=0.5") == ["gzip"]
    assert accepted_encodings(" BR ; q=1.0 ,identity") == ["br", "identity"]
    assert accepted_encodings("") == []
