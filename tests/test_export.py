"""PNG export from the command line, decoded and looked at (Kaleido + Debian's Chromium, offline).

What a reader of the PNG sees is checked on the pixels: the title and the
legend's words read back by OCR (Debian's ``tesseract-ocr``, installed by
.ci/setup), the colour bar found as a blue-to-red strip at the right, and
embed mode's higher map. Expected texts are written by hand.
"""

import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest
from PIL import Image
from shapely.geometry import Point, shape

from dashboard.export import render_png
from dashboard.query.state import ViewState
from dashboard.render.figure import map_figure
from dashboard.web.source import EventSource

ROOT = Path(__file__).resolve().parent.parent


def export(db, out, *args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "dashboard.export", "--db", str(db), "--out", str(out), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )


@pytest.fixture(scope="module")
def exported(seeded_db, tmp_path_factory, output_dir):
    folder = tmp_path_factory.mktemp("png")
    paths = {}
    for day in ("2022-09-09", "2022-09-12"):
        paths[day] = folder / f"map-{day}.png"
        result = export(seeded_db, paths[day], "--date", day)
        assert result.returncode == 0, result.stderr
        (output_dir / paths[day].name).write_bytes(paths[day].read_bytes())
    return paths


@pytest.fixture(scope="module")
def snapshots(exported):
    return {day: np.asarray(Image.open(p).convert("RGB")) for day, p in exported.items()}


def test_png_has_its_text_alternative_beside_it_and_inside(exported):
    """Issue 14: the map in words written beside the PNG (map.txt) and into it (its Description text chunk)."""
    beside = exported["2022-09-12"].with_suffix(".txt")
    assert beside.exists()
    text = beside.read_text(encoding="utf-8")
    assert text.startswith("Up to 12 Sep 2022: 19 claims from 2 articles. ")
    assert "Ukraine captured Kupiansk (10 Sep 2022, said by Kyiv)" in text
    assert Image.open(exported["2022-09-12"]).text["Description"] == text.strip()
    earlier = exported["2022-09-09"].with_suffix(".txt").read_text(encoding="utf-8")
    assert earlier.startswith("Up to 9 Sep 2022: 7 claims from 1 article. ")


@pytest.fixture(scope="module")
def kharkiv_pixel(seeded_db, tmp_path_factory):
    """Where plotly draws a point inside Kharkiv oblast: found by drawing a green probe marker there."""
    source = EventSource(seeded_db)
    kharkiv = shape(next(f for f in source.geojson["features"] if f["id"] == "UA-63")["geometry"])
    events = source.index().frame.dropna(subset=["longitude"])
    # the point of Kharkiv oblast farthest from any marker and from its border
    west, south, east, north = kharkiv.bounds
    grid = [Point(x, y) for x in np.linspace(west, east, 40) for y in np.linspace(south, north, 40)]
    point = max(
        (p for p in grid if kharkiv.contains(p)),
        key=lambda p: min(
            kharkiv.exterior.distance(p), *(np.hypot(events["longitude"] - p.x, events["latitude"] - p.y))
        ),
    )
    figure = map_figure(source.geojson, source.index(), ViewState(day="2022-09-09"))
    figure.add_trace(
        go.Scattergeo(
            lon=[point.x],
            lat=[point.y],
            mode="markers",
            showlegend=False,
            marker=dict(size=10, color="#00ff00", line=dict(width=0)),
        )
    )
    figure.update_layout(width=1400, height=900)
    probe = np.asarray(Image.open(__import__("io").BytesIO(render_png(figure, 1400, 900, 1))).convert("RGB"))
    green = np.argwhere((probe[:, :, 1] > 200) & (probe[:, :, 0] < 80) & (probe[:, :, 2] < 80))
    assert green.size, "probe marker not drawn"
    y, x = green.mean(axis=0).round().astype(int)
    return y, x


def test_png_size_and_not_blank(snapshots):
    image = snapshots["2022-09-12"]
    assert image.shape == (900, 1400, 3)
    colours = np.unique(image.reshape(-1, 3), axis=0)
    assert len(colours) > 50
    assert (image.sum(axis=2) < 700).mean() > 0.2  # much of it is drawn, not white


def test_kharkiv_colour_changes_across_2022_09_10(snapshots, kharkiv_pixel):
    y, x = kharkiv_pixel
    before = snapshots["2022-09-09"][y - 2 : y + 3, x - 2 : x + 3].reshape(-1, 3).mean(axis=0)
    after = snapshots["2022-09-12"][y - 2 : y + 3, x - 2 : x + 3].reshape(-1, 3).mean(axis=0)
    assert np.abs(before - after).sum() > 150, (before, after)
    assert after[2] > after[0] + 80  # blue: toward Ukraine
    assert abs(before[0] - before[2]) < 30  # neutral before


def test_size_scale_and_embed_options(seeded_db, tmp_path):
    out = tmp_path / "small.png"
    result = export(seeded_db, out, "--width", "800", "--height", "500", "--scale", "2", "--embed")
    assert result.returncode == 0, result.stderr
    assert Image.open(out).size == (1600, 1000)


def ocr_words(path: Path) -> str:
    """The words tesseract reads in a PNG, lower case, single-spaced."""
    if not shutil.which("tesseract"):
        pytest.fail("Debian's tesseract-ocr is needed to read the PNGs' text: run 'bash .ci/setup'")
    done = subprocess.run(["tesseract", str(path), "-", "--psm", "3"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.lower().split())


def read_in(entry: str, words: str, ratio: float = 0.93) -> bool:
    """Whether OCR read ``entry`` in ``words``, allowing a misread letter ("hallow" for "hollow"): some run of as
    many words matches it that closely (difflib's ratio); an entry that is not in the image matches nothing."""
    size = len(entry.split())
    said = words.split()
    return any(
        difflib.SequenceMatcher(None, entry, " ".join(said[i : i + size])).ratio() >= ratio
        for i in range(len(said) - size + 1)
    )


# what the PNG of 12 Sep 2022 must say, written by hand from the page's design (title, legend, credits)
TITLE = "territorial claims in news reports, up to 12 sep 2022"
LEGEND = [
    "claim by ukraine",
    "claim by russia",
    "captured",
    "withdrew",
    "repelled",
    "struck",
    "hollow: unconfirmed or hedged",
]


def test_png_shows_its_title_legend_and_credits(exported):
    """Issue 16: a PNG export without title and legend passed every test. Read back by OCR."""
    words = ocr_words(exported["2022-09-12"])
    assert TITLE in words, words
    for entry in LEGEND:
        assert read_in(entry, words), (entry, words)
    assert read_in("net control changes", words, 0.9) and read_in("geonames", words), words  # "‘net contral" read


def colour_bar_columns(image: np.ndarray) -> list[int]:
    """Columns in the right eighth of the image holding a vertical strip that runs from blue (top) to red
    (bottom) over at least 250 rows: the colour bar (+ toward Ukraine above, − toward Russia below)."""
    image = image.astype(int)
    found = []
    for x in range(image.shape[1] * 7 // 8, image.shape[1]):
        column = image[:, x]
        coloured = np.flatnonzero(column.max(axis=1) - column.min(axis=1) > 25)
        if coloured.size < 250:
            continue
        top, bottom = column[coloured[0]], column[coloured[-1]]
        if top[2] > top[0] + 60 and bottom[0] > bottom[2] + 60:
            found.append(x)
    return found


def test_png_has_its_colour_bar(snapshots):
    """Issue 16: a PNG without its colour bar passed. The bar is 12 px thick (figures.py draws it so)."""
    assert 8 <= len(colour_bar_columns(snapshots["2022-09-12"])) <= 16


def first_drawn_row(image: np.ndarray, x: int) -> int:
    """The first row from the top, in column ``x``, that is not the white paper."""
    return int(np.flatnonzero(np.abs(image[:, x].astype(int) - 255).sum(axis=1) > 30)[0])


def test_embed_option_draws_the_compact_layout(seeded_db, snapshots, tmp_path):
    """Issue 16: `--embed` ignored passed. Embed mode's map starts higher (a 70 px top margin, not 86), in a
    column right of the title and legend where nothing else is drawn above the map."""
    out = tmp_path / "embed.png"
    result = export(seeded_db, out, "--date", "2022-09-12", "--embed")
    assert result.returncode == 0, result.stderr
    embed = np.asarray(Image.open(out).convert("RGB"))
    full_top, embed_top = first_drawn_row(snapshots["2022-09-12"], 1100), first_drawn_row(embed, 1100)
    assert 80 <= full_top <= 92 and 64 <= embed_top <= 76, (full_top, embed_top)


def test_clear_message_without_a_browser(seeded_db, tmp_path):
    env = {**os.environ, "PATH": str(tmp_path)}
    env.pop("BROWSER_PATH", None)
    result = export(seeded_db, tmp_path / "x.png", env=env)
    assert result.returncode == 1
    assert "no Chromium found" in result.stderr and "apt-get install chromium" in result.stderr
    assert not (tmp_path / "x.png").exists()


def test_bad_date_and_missing_database(seeded_db, tmp_path):
    result = export(seeded_db, tmp_path / "x.png", "--date", "2022-13-45")
    assert result.returncode == 2 and "'2022-13-45' is not a day of the calendar" in result.stderr
    result = export(tmp_path / "none.db", tmp_path / "x.png")
    assert result.returncode == 2 and "no database" in result.stderr


@pytest.fixture(scope="module")
def kursk_db(tmp_path_factory):
    """A database with one article on the Kursk incursion, read by the loader."""
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    folder = tmp_path_factory.mktemp("kursk")
    (folder / "kursk.txt").write_text(
        "Ukrainian troops captured Sudzha in Russia's Kursk region on Thursday, Zelensky said. "
        "Russian forces shelled Sumy overnight.\n",
        encoding="utf-8",
    )
    (folder / "manifest.csv").write_text("file,published,outlet,url\nkursk.txt,2024-08-16,Test,\n", encoding="utf-8")
    path = folder / "events.db"
    with Store(path) as store:
        ingest([folder], store)
    return path


def test_border_regions_in_the_png(kursk_db, tmp_path, output_dir):
    """Claims in Kursk region widen the map to Russia's three border regions, drawn with a dashed outline."""
    source = EventSource(kursk_db)
    index = source.index()
    assert index.russian_regions == ["RU-KRS"]
    figure = map_figure(source.geojson, index, ViewState(fit=False))  # the whole country, not fitted to the claims
    assert figure.layout.geo.lataxis.range[1] > 52.7  # Kursk region reaches 52.4 N, plus a margin
    outline = next(t for t in figure.data if t.name and "border regions" in t.name)
    assert outline.showlegend
    out = tmp_path / "kursk.png"
    result = export(kursk_db, out)
    assert result.returncode == 0, result.stderr
    (output_dir / "map-kursk.png").write_bytes(out.read_bytes())
    image = np.asarray(Image.open(out).convert("RGB")).astype(int)
    dashed = np.abs(image - np.array([127, 29, 29])).sum(axis=2) < 60
    assert dashed.sum() > 500, dashed.sum()  # the three regions' outlines are drawn
    ukraine_only = figure_for(source, ViewState(ukraine_only=True))
    assert "Sudzha" not in " ".join(str(h) for h in ukraine_only.data[1].hovertext if h)


def figure_for(source, state):
    return map_figure(source.geojson, source.index(), state)


def test_a_timeline_writes_a_frame_per_day_with_one_browser_and_a_gif(seeded_db, tmp_path, output_dir):
    frames, gif = tmp_path / "frames", tmp_path / "timeline.gif"
    done = export(
        seeded_db,
        frames,
        "--from",
        "2022-09-09",
        "--to",
        "2022-09-12",
        "--every",
        "1d",
        "--gif",
        str(gif),
        "--width",
        "700",
        "--height",
        "450",
    )
    assert done.returncode == 0, done.stderr
    assert "wrote 4 frames" in done.stdout and "s per frame, one Chromium" in done.stdout
    pngs = sorted(frames.glob("*.png"))
    assert [p.name[11:21] for p in pngs] == ["2022-09-09", "2022-09-10", "2022-09-11", "2022-09-12"]
    assert (frames / (pngs[0].stem + ".txt")).read_text().startswith("Up to 9 Sep 2022")
    first, second = (np.asarray(Image.open(p).convert("RGB")).astype(int) for p in pngs[:2])
    assert first.shape == (450, 700, 3) and np.abs(first - second).sum() > 0  # 10 Sep: Kharkiv recoloured
    with Image.open(gif) as animation:
        assert animation.n_frames == 4
    (output_dir / "timeline.gif").write_bytes(gif.read_bytes())


def test_a_timeline_in_claimed_control_follows_the_days_control_changes(seeded_db, tmp_path, output_dir):
    """Issue 25: a GIF of who claims to hold each place. On 10 Sep 2022 Ukraine is claimed to hold Kharkiv oblast's
    first places (Balakliia and others): that frame's oblast shading gains Ukraine's end of the scale, the 9th's has
    none; the frames' text alternatives say so; a day with no change of holder changes nothing but the date."""
    from dashboard.render.palette import SCALE_UKRAINE

    frames, gif = tmp_path / "frames", tmp_path / "control.gif"
    done = export(
        seeded_db,
        frames,
        "--query",
        "?mode=control",
        "--from",
        "2022-09-09",
        "--to",
        "2022-09-11",
        "--every",
        "1d",
        "--gif",
        str(gif),
        "--width",
        "700",
        "--height",
        "450",
    )
    assert done.returncode == 0, done.stderr
    pngs = sorted(frames.glob("*.png"))
    texts = [(frames / (p.stem + ".txt")).read_text() for p in pngs]
    assert all(t.startswith("Who claims to hold each place, up to ") for t in texts)
    assert "Ukraine holds 0 and Russia holds 4" in texts[0] and "Ukraine holds 3 and Russia holds 4" in texts[1]
    ukraine = np.array([int(SCALE_UKRAINE[k : k + 2], 16) for k in (1, 3, 5)])
    images = [np.asarray(Image.open(p).convert("RGB")).astype(int) for p in pngs]
    held = [int((np.abs(image - ukraine).sum(axis=2) < 12).sum()) for image in images]
    assert held[0] < 500 < 5000 < held[1], held  # Kharkiv oblast shaded Ukraine's on the 10th (the 9th: the colour bar)
    assert held[2] == held[1]  # the 11th: no claim changes a holder
    changed = [int(np.abs(a - b).sum()) for a, b in zip(images, images[1:])]
    assert changed[0] > 20 * changed[1], changed
    with Image.open(gif) as animation:
        assert animation.n_frames == 3
    (output_dir / "timeline-control.gif").write_bytes(gif.read_bytes())


def test_a_timeline_with_a_bad_step_is_refused_clearly(seeded_db, tmp_path):
    done = export(seeded_db, tmp_path / "f", "--from", "2022-09-09", "--to", "2022-09-12", "--every", "daily")
    assert done.returncode == 2 and "--every" in done.stderr and "1d or 7d" in done.stderr
