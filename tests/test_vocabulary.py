"""One vocabulary (dashboard/vocabulary.py): every table that needs an action's property derives it from the
action's record, so every derived table covers every action, and a new action needs only its record, its
lexicon group in the loader and tests (shown by adding a throwaway action in a fresh interpreter)."""

import json
import subprocess
import sys
import textwrap

from dashboard import schema, vocabulary
from dashboard.loader import lexicon
from dashboard.render import columns, palette
from dashboard.render import figure as figures
from dashboard.render import words as summary
from dashboard.vocabulary import ACTION_RECORDS, ACTIONS, ACTORS
from tests.conftest import ROOT


def test_every_derived_table_covers_every_action():
    names = [a.name for a in ACTION_RECORDS]
    assert list(schema.ACTIONS) == names and list(ACTIONS) == names
    assert set(palette.ACTION_SYMBOLS) == set(names) == set(figures.ACTION_LABELS)
    assert set(names) - set(lexicon.ACTION_WORDS) == set(), "every action has its group of words in the lexicon"
    # the map in words lists each control action and counts each other one: none is left out
    assert set(summary.OTHER_ACTIONS) | set(vocabulary.CONTROL_ACTIONS) == set(names)
    # the browser's payload
    v = columns.VOCABULARY
    assert v["actions"] == names and set(v["action_labels"]) == set(v["action_symbols"]) == set(names)
    assert [len(row) for row in v["control_signs"]] == [len(names)] * len(ACTORS)
    # the legend: every action with a glyph, in the records' order (an action without one has no marker)
    legend = [t.name for t in figures.base_figure({"features": []}, _empty_index()).data]
    assert [n for n in legend if n in names] == list(vocabulary.ACTION_GLYPHS)
    assert all(a.glyph or not a.counted or a.name == "advanced" for a in ACTION_RECORDS)


def test_records_are_complete_and_distinct():
    for action in ACTION_RECORDS:
        assert all(str(getattr(action, f)).strip() for f in ("name", "meaning", "label", "one", "many", "symbol"))
        assert action.control_sign in (-1, 0, 1)
        assert action.counted != bool(action.control_sign), f"{action.name}: listed or counted in words, not both"
    assert len({a.symbol for a in ACTION_RECORDS}) == len(ACTION_RECORDS), "each action its own marker"
    assert len({a.name for a in ACTION_RECORDS}) == len(ACTION_RECORDS)
    # the control signs the map's colour means: Ukraine taking a place or Russia leaving one is +1
    assert vocabulary.CONTROL_SIGN == {
        ("UA", "captured"): 1,
        ("RU", "withdrew"): 1,
        ("RU", "captured"): -1,
        ("UA", "withdrew"): -1,
    }


def _empty_index():
    from dashboard.query.index import EventIndex
    from dashboard.review.read import empty_events

    return EventIndex(empty_events(), {})


THROWAWAY = """
import json, sys
from pathlib import Path
import dashboard.vocabulary as v
# the one edit a new action needs outside the loader: its record
source = Path(v.__file__).read_text()
record = ('    Action("encircled", "actor surrounded the place", "encircled", "place encircled", "places encircled",'
          ' "hexagon", "⬢", 0, True),\\n')
marker = "ACTION_RECORDS: tuple[Action, ...] = (\\n"
exec(compile(source.replace(marker, marker + record), v.__file__, "exec"), v.__dict__)

from dashboard import schema
from dashboard.render import columns
from dashboard.render import figure as figures
from dashboard.render import palette
from dashboard.geo import gazetteer
from dashboard.web.layout import legend_compact as legend
from dashboard.loader import lexicon
from dashboard.query.index import EventIndex
from dashboard.review.corrections import correction, form_values
from dashboard.review.read import read_events
from dashboard.query.state import ViewState
from dashboard.render.words import map_summary

frame = read_events(sys.argv[1])
first = frame.index[frame["place_name"] == "Kupiansk"][0]
frame.loc[first, "action"] = "encircled"
index = EventIndex(frame, {code: o.name for code, o in gazetteer().oblasts.items()})
only = ViewState.from_query("?actions=encircled&date=2022-09-12")
extracted = frame.loc[first].to_dict()
changes, _, problems = correction(extracted, {**form_values(extracted), "action": "encircled"})
print(json.dumps({
    "schema": "encircled" in schema.ACTIONS,
    "palette": palette.ACTION_SYMBOLS.get("encircled"),
    "query": int(index.mask(only).sum()),
    "words": map_summary(index, only),
    "legend": [t.name for t in figures.base_figure(gazetteer().geojson, index).data],
    "page_legend": str(legend()),
    "browser": columns.VOCABULARY["actions"],
    "symbol": figures.map_figure(gazetteer().geojson, index, only).data[figures.TRACE_MARKERS].marker.symbol,
    "review": problems,
    "lexicon_missing": sorted(set(schema.ACTIONS) - set(lexicon.ACTION_WORDS)),
}))
"""


def test_a_new_action_needs_only_its_record_its_lexicon_group_and_tests(seeded_db):
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(THROWAWAY), str(seeded_db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["schema"] and seen["palette"] == "hexagon"
    assert seen["query"] == 1  # the filter by action selects it
    assert "In view: 1 place encircled." in seen["words"]  # the map in words counts it
    assert "encircled" in seen["legend"] and "encircled" in seen["page_legend"]
    assert seen["browser"][0] == "encircled"
    assert list(seen["symbol"]) == ["hexagon"]  # drawn with its own marker
    assert seen["review"] == []  # an editor may correct a claim to it
    # what is left to do: the loader's words for it (its lexicon group), which test_every_derived_table... asks for
    assert seen["lexicon_missing"] == ["encircled"]


def test_who_holds_a_place_after_a_claim_is_the_vocabulary_s():
    """holds_after (issue 25): the one place that says which side a claim says holds its place afterwards, read by
    the claimed-control map (dashboard/query/control.py) and its browser twin (the payload's vocabulary)."""
    assert vocabulary.HOLDER_AFTER == {"captured": "actor", "withdrew": "other", "repelled": "actor"}
    for action in ACTION_RECORDS:  # a claim moving a place to a side says who holds it then
        if action.control_sign:
            assert action.holds_after == ("actor" if action.control_sign > 0 else "other"), action.name
    assert columns.VOCABULARY["holds_after"] == vocabulary.HOLDER_AFTER
    import numpy as np

    from dashboard.query.control import holder_of_rows

    actions = list(ACTIONS)
    actor = np.array([0, 0, 1, 1, 0])  # UA, UA, RU, RU, UA
    action = np.array([actions.index(a) for a in ("captured", "withdrew", "repelled", "struck", "advanced")])
    assert holder_of_rows(actor, action).tolist() == [0, 1, 1, -1, -1]
    # the rule words are data: neither the control map nor its twin spells out which action holds a place
    for path in (ROOT / "dashboard" / "query" / "control.py", ROOT / "assets" / "view.js"):
        text = path.read_text(encoding="utf-8")
        assert '"captured"' not in text and '"withdrew"' not in text and "control_holder" not in text, path


def test_an_action_with_an_unknown_holder_is_refused_naming_it():
    import pytest

    with pytest.raises(ValueError, match="action 'encircled': holds_after must be one of"):
        vocabulary.Action("encircled", "m", "l", "o", "m", "hexagon", "", 0, True, "attacker")
