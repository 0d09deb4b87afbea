"""Colours of the map (dashboard/render/palette.py) for every reader (issue 14).

- Text contrast (WCAG 2.1 1.4.3): every text the figure draws (title, legend, colour bar, credits, hover
  labels) at least 4.5:1 against what lies behind it; the markers at least 3:1 against their white outline
  (1.4.11, graphical objects).
- Colour-vision deficiencies: the sides' marker colours and the choropleth's scale stay apart under a full
  protanopia, deuteranopia and tritanopia, simulated by colorspacious (Machado, Oliveira and Fernandes 2009,
  severity 100) and measured as a CAM02-UCS colour difference. MIN_CVD_DISTANCE 20 is about ten times a
  just-noticeable difference (about 2 in CAM02-UCS): colours a reader tells apart at a glance. Checked on the
  palette and on an exported PNG, whose simulated images are written to test-output/ to be looked at.
"""

import io

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE
from PIL import Image

from dashboard.render.figure import base_figure
from dashboard.render.palette import (
    ACTOR_COLOURS,
    CLUSTER_TEXT,
    LEGEND_BACKGROUND,
    PAPER,
    SCALE_NEUTRAL,
    SCALE_RUSSIA,
    SCALE_UKRAINE,
    contrast_ratio,
    rgba,
)
from dashboard.web.source import EventSource

DEFICIENCIES = {"protanopia": "protanomaly", "deuteranopia": "deuteranomaly", "tritanopia": "tritanomaly"}
MIN_CVD_DISTANCE = 20.0
PAIRS = {
    "Ukraine/Russia markers": (ACTOR_COLOURS["UA"], ACTOR_COLOURS["RU"]),
    "scale ends": (SCALE_UKRAINE, SCALE_RUSSIA),
    "toward Ukraine/none": (SCALE_UKRAINE, SCALE_NEUTRAL),
    "toward Russia/none": (SCALE_RUSSIA, SCALE_NEUTRAL),
    "Ukraine marker/its oblast": (ACTOR_COLOURS["UA"], SCALE_UKRAINE),
    "Russia marker/its oblast": (ACTOR_COLOURS["RU"], SCALE_RUSSIA),
}


def simulate(rgb255: np.ndarray, kind: str) -> np.ndarray:
    cvd = {"name": "sRGB1+CVD", "cvd_type": DEFICIENCIES[kind], "severity": 100}
    return np.clip(cspace_convert(rgb255 / 255.0, cvd, "sRGB1"), 0, 1) * 255


def as_array(colour: str) -> np.ndarray:
    return np.array(rgba(colour)[:3], dtype=float)


def test_contrast_ratio_matches_wcag_references():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#777777") == pytest.approx(1.0)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes
    assert contrast_ratio("#777777", "#ffffff") < 4.5


@pytest.fixture(scope="module")
def figure(seeded_db):
    source = EventSource(seeded_db)
    return base_figure(source.geojson, source.index())


def test_every_text_on_the_map_has_4_5_to_1(figure):
    layout = figure.layout
    base = layout.font.color
    assert base, "the figure names its text colour (none left to plotly's default)"
    paper = layout.paper_bgcolor
    colorbar = figure.data[0].colorbar
    texts = {
        "title": (layout.title.font.color or base, paper),
        "legend": (layout.legend.font.color or base, layout.legend.bgcolor),
        "colour bar title": (colorbar.title.font.color or base, paper),
        "colour bar ticks": (colorbar.tickfont.color or base, paper),
        "hover label": (layout.hoverlabel.font.color, layout.hoverlabel.bgcolor),
    }
    for i, note in enumerate(layout.annotations):
        texts[f"annotation {i} (credits)"] = (note.font.color or base, paper)
    ratios = {name: round(contrast_ratio(fore, back, behind=paper), 2) for name, (fore, back) in texts.items()}
    assert all(r >= 4.5 for r in ratios.values()), ratios


def test_a_clusters_number_reads_on_either_sides_colour(figure):
    """assets/map_clusters.js writes a cluster's number of places in its circle, filled with the side's colour."""
    number = figure.data[1].textfont.color
    assert number == CLUSTER_TEXT
    for actor, colour in ACTOR_COLOURS.items():
        assert contrast_ratio(number, colour) >= 4.5, actor


def test_markers_stand_out_from_their_outline():
    for actor, colour in ACTOR_COLOURS.items():
        assert contrast_ratio(colour, PAPER) >= 3.0, actor
    assert contrast_ratio("#1c1917", LEGEND_BACKGROUND) >= 4.5


@pytest.mark.parametrize("kind", DEFICIENCIES)
def test_palette_stays_apart_under_colour_vision_deficiencies(kind):
    distances = {
        name: float(deltaE(simulate(as_array(a), kind), simulate(as_array(b), kind), input_space="sRGB255"))
        for name, (a, b) in PAIRS.items()
    }
    assert min(distances.values()) >= MIN_CVD_DISTANCE, distances


def test_the_check_sees_colours_that_merge():
    """A red and a green of equal lightness, far apart to most readers, merge under deuteranopia."""
    red, green = as_array("#c0504d"), as_array("#7f9a48")
    assert deltaE(red, green, input_space="sRGB255") > 30
    assert (
        deltaE(simulate(red, "deuteranopia"), simulate(green, "deuteranopia"), input_space="sRGB255") < MIN_CVD_DISTANCE
    )


@pytest.fixture(scope="module")
def exported_png(seeded_db, output_dir):
    from dashboard.export import snapshot
    from dashboard.query.state import ViewState

    png, _ = snapshot(seeded_db, ViewState(day="2022-09-12"))
    (output_dir / "cvd-original.png").write_bytes(png)
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(float)


@pytest.mark.parametrize("kind", DEFICIENCIES)
def test_exported_png_stays_readable_under_colour_vision_deficiencies(exported_png, output_dir, kind):
    """The PNG's own pixels of each palette colour (markers, Kharkiv at +4, the colour bar's ends), simulated."""
    simulated = simulate(exported_png.reshape(-1, 3), kind).reshape(exported_png.shape)
    Image.fromarray(simulated.round().astype(np.uint8)).save(output_dir / f"cvd-{kind}.png")
    colours = {
        "UA": ACTOR_COLOURS["UA"],
        "RU": ACTOR_COLOURS["RU"],
        "toward Ukraine": SCALE_UKRAINE,
        "toward Russia": SCALE_RUSSIA,
    }
    seen = {}
    for name, colour in colours.items():
        where = np.abs(exported_png - as_array(colour)).max(axis=2) <= 2
        assert where.sum() >= 30, f"{name} ({colour}) not drawn in the PNG"
        seen[name] = np.median(simulated[where], axis=0)
    distances = {
        f"{a}/{b}": float(deltaE(seen[a], seen[b], input_space="sRGB255"))
        for a, b in [
            ("UA", "RU"),
            ("toward Ukraine", "toward Russia"),
            ("UA", "toward Ukraine"),
            ("RU", "toward Russia"),
        ]
    }
    assert min(distances.values()) >= MIN_CVD_DISTANCE, distances
