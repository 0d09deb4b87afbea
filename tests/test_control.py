"""Claimed control (issue 25): the side the latest claim says holds each place as of the day, hollow when hedged,
contested when the sides' latest claims disagree within N days; oblasts by the share each side holds. The query in
Python (dashboard/query/control.py) and its browser twin (assets/view.js, run by Node here) give the same values on the
same events."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from dashboard.dates import day_iso
from dashboard.query.control import AUTO_CONTROL_SPAN_DAYS, claimed_control, shown_mode
from dashboard.query.index import EventIndex
from dashboard.query.state import ViewState
from dashboard.render.columns import browser_columns
from dashboard.render.control_map import control_summary
from dashboard.render.figure import view_update
from dashboard.vocabulary import ACTORS
from tests.servers import ROOT

# (place, geonameid, oblast, lat, lon): four villages of Donetsk oblast and one of Kharkiv
PLACES = {
    "Samiilove": (498959, "UA-14", 47.25519, 38.25317),
    "Urzuf": (505257, "UA-14", 46.91495, 37.10426),
    "Kurakhivka": (538992, "UA-14", 48.03064, 37.37245),
    "Bilosarayska Kosa": (577871, "UA-14", 46.90275, 37.34539),
}
# (day, actor, action, place, hedged): the story each test reads
CLAIMS = [
    ("2022-05-01", "RU", "captured", "Samiilove", False),  # Russia takes it ...
    ("2022-05-20", "UA", "captured", "Samiilove", False),  # ... Ukraine retakes it 19 days later
    ("2022-06-01", "RU", "captured", "Urzuf", False),  # Russia says it took Urzuf;
    ("2022-06-05", "UA", "repelled", "Urzuf", False),  # Ukraine says it held it 4 days later: contested
    ("2022-06-10", "UA", "withdrew", "Kurakhivka", True),  # Ukraine left (hedged): Russia holds, hollow
    ("2022-06-12", "RU", "struck", "Bilosarayska Kosa", False),  # a strike says nothing of who holds it
    ("2022-06-20", "RU", "withdrew", "Bilosarayska Kosa", False),  # Russia left: Ukraine holds
]


@pytest.fixture(scope="module")
def index(seeded_index) -> EventIndex:
    template = seeded_index.frame.iloc[[0] * len(CLAIMS)].reset_index(drop=True).copy()
    for i, (day, actor, action, place, hedged) in enumerate(CLAIMS):
        geonameid, oblast, lat, lon = PLACES[place]
        template.loc[
            i,
            [
                "id",
                "date_start",
                "date_end",
                "event_date",
                "actor",
                "action",
                "place_name",
                "geonameid",
                "oblast_iso",
                "latitude",
                "longitude",
                "hedged",
                "confirmed",
                "attribution",
            ],
        ] = [i + 1, day, day, day, actor, action, place, geonameid, oblast, lat, lon, hedged, "unknown", "Kyiv"]
    return EventIndex(template, seeded_index.oblast_names)


def by_place(index, control) -> dict:
    out = {}
    for slot, name in enumerate(index.slot_name):
        holder = ACTORS[control.holder[slot]] if control.holder[slot] >= 0 else None
        out[name] = (holder, bool(control.hedged[slot]), bool(control.contested[slot]))
    return out


def test_the_latest_claim_says_who_holds_each_place_on_the_day(index):
    before = by_place(index, claimed_control(index, ViewState(day="2022-05-19")))
    assert before["Samiilove"] == ("RU", False, False)
    assert before["Urzuf"][0] is None  # no claim about it yet
    after = by_place(index, claimed_control(index, ViewState(day="2022-06-30")))
    assert after["Samiilove"] == ("UA", False, False)  # 19 days apart: not contested at 14
    assert after["Urzuf"] == ("UA", False, True)  # repelled = Ukraine holds; 4 days apart: contested
    assert after["Kurakhivka"] == ("RU", True, False)  # a withdrawal: the other side holds; hedged
    assert after["Bilosarayska Kosa"] == ("UA", False, False)  # the strike before changes nothing
    wider = by_place(index, claimed_control(index, ViewState(day="2022-06-30", contested_days=30)))
    assert wider["Samiilove"] == ("UA", False, True)  # within 30 days the sides disagree


def test_oblasts_are_shaded_by_the_share_each_side_holds(index):
    control = claimed_control(index, ViewState(day="2022-06-30"))
    donetsk = index.oblast_codes.index("UA-14")
    assert control.held[donetsk].tolist() == [3, 1] and control.oblast_contested[donetsk] == 1
    assert control.share[donetsk] == pytest.approx((3 - 1) / 4)
    update = view_update(index, ViewState(day="2022-06-30", mode="control"))
    assert "claimed held: 3 by Ukraine · 1 by Russia<br>1 contested" in update.oblasts.hover[donetsk]
    assert sorted(update.markers["symbol"]) == ["circle", "circle", "circle-open", "circle-x"]


def test_the_map_in_words_tells_the_claimed_control(index):
    text = control_summary(index, ViewState(day="2022-06-30", mode="control"))
    assert "the latest claim says Ukraine holds 3 and Russia holds 1" in text
    assert "Contested (the two sides' latest claims disagree within 14 days): Urzuf." in text
    assert "Donetsk 3, 1" in text


def test_control_is_the_default_over_a_long_span_only(index, seeded_index):
    assert shown_mode(seeded_index, ViewState()) == "claims"  # 104 days of seed articles
    assert seeded_index.last_day - seeded_index.first_day <= AUTO_CONTROL_SPAN_DAYS
    assert shown_mode(seeded_index, ViewState(mode="control")) == "control"


NODE_TWIN = """
global.window = {addEventListener() {}, dash_clientside: {}};
global.document = {querySelector() { return null; }, querySelectorAll() { return []; }};
require(process.argv[1]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const v = window.conflictView, c = input.columns, p = v.prepare(c);
const out = input.days.map(day => {
  const s = v.stateOf(c, day, 'all', 7, c.vocabulary.actors, c.vocabulary.actions, [], null, '',
                      {mode: 'control', contested: input.contested, country: 'all'});
  const values = {};
  v.viewValues(p, s, []).values.forEach(([trace, key, value]) => { values[trace + ':' + key] = value; });
  values.title = v.viewValues(p, s, []).title;
  values.query = v.toQuery(c, s);
  return values;
});
process.stdout.write(JSON.stringify(out));
"""


@pytest.mark.parametrize("contested", [14, 30])
def test_the_browser_twin_computes_the_same_map(index, contested):
    if not shutil.which("node"):
        pytest.fail("node is needed to run assets/view.js's twin test: run 'bash .ci/setup'")
    columns = browser_columns(index)
    days = ["2022-05-10", "2022-05-25", "2022-06-03", "2022-06-30"]
    numbers = [index.day_of(ViewState(day=d)) for d in days]
    result = subprocess.run(
        ["node", "-e", NODE_TWIN, str(ROOT / "assets" / "view.js")],
        check=True,
        input=json.dumps({"columns": columns, "days": numbers, "contested": contested}),
        capture_output=True,
        text=True,
    )
    browser = json.loads(result.stdout)
    for day, theirs in zip(days, browser):
        ours = view_update(index, ViewState(day=day, mode="control", contested_days=contested))
        assert theirs["0:z"] == pytest.approx(ours.oblasts.z), day
        assert theirs["0:hovertext"] == ours.oblasts.hover, day
        assert theirs["1:lon"] == pytest.approx(ours.markers["lon"]), day
        for key, field in (
            ("1:marker.color", "color"),
            ("1:marker.symbol", "symbol"),
            ("1:hovertext", "hovertext"),
            ("1:marker.line.color", "line"),
        ):
            assert theirs[key] == ours.markers[field], (day, key)
        assert theirs["1:marker.size"] == pytest.approx(ours.markers["size"]), day
        assert theirs["3:text"] == ours.labels[2], day
        assert theirs["title"] == ours.title, day
        shown = day_iso(index.day_of(ViewState(day=day)))  # the page shows the last day at most
        assert theirs["query"] == ViewState(day=shown, mode="control", contested_days=contested).to_query()


def test_each_map_mode_s_figure_shows_its_own_legend(index):
    """The PNG, the embed and the page's first figure (dashboard.render.figure): in claimed control the legend says
    who the latest claim says holds a place, hollow and contested, not the claims' action shapes (issue 25)."""
    from dashboard.geo import gazetteer
    from dashboard.render.figure import map_figure

    def legend(mode: str) -> list[str]:
        figure = map_figure(gazetteer().geojson, index, ViewState(day="2022-06-20", mode=mode))
        shown = [t for t in figure.data if t.showlegend is not False and t.visible is not False]
        return [t.name for t in sorted(shown, key=lambda t: t.legendrank if t.legendrank is not None else 1000)]

    control, claims = legend("control"), legend("claims")
    assert control[:4] == [
        "claimed held by Ukraine",
        "claimed held by Russia",
        "hollow: unconfirmed or hedged",
        "contested: the sides' latest claims disagree",
    ]
    assert not {"captured", "withdrew", "repelled", "struck", "claim by Ukraine"} & set(control)
    assert claims[:3] == ["claim by Ukraine", "claim by Russia", "captured"] and "contested" not in " ".join(claims)
