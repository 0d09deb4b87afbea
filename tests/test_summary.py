"""The map in words (dashboard/render/words.py) on the seed events.

The expected texts were written by hand from the seed articles' 19 claims (the
events table the loader stores from seeds/), not produced by the function:
on 12 Sep 2022 Kharkiv oblast has +4 (Kupiansk taken by Ukraine; Izium,
Balakliia and Kharkiv left by Russia), Luhansk −3 (Siverskodonetsk, Hirske
and Zolote left by Ukraine, Hirske taken by Russia, Svatove left by Russia),
Donetsk −1 (Mariupol taken by Russia).
"""

import pytest

from dashboard.query.index import EventIndex
from dashboard.query.state import ViewState
from dashboard.render.words import map_summary


def summary(index, query):
    return map_summary(index, ViewState.from_query(query))


@pytest.mark.parametrize(
    "query, expected",
    [
        (
            "",
            "Up to 12 Sep 2022: 19 claims from 2 articles. Places claimed taken or left, newest first: "
            "Russia withdrew from Kharkiv (12 Sep 2022, said by Britain's defense ministry, hedged); "
            "Russia withdrew from Svatove (12 Sep 2022, said by the general staff, could not be confirmed); "
            "Russia withdrew from Izium and Balakliia (10 Sep 2022, said by Russia's Defense Ministry); "
            "Ukraine captured Kupiansk (10 Sep 2022, said by Kyiv); and 5 earlier such claims. "
            "Also in view: 3 attacks repelled, 3 gains claimed without a place, 3 strikes. "
            "Net control changes claimed: toward Ukraine in Kharkiv (+4); toward Russia in Luhansk (−3), Donetsk (−1).",
        ),
        (
            "?date=2022-09-08",
            "Up to 8 Sep 2022: 7 claims from 1 article. Places claimed taken or left, newest first: "
            "Russia captured Hirske (24 Jun 2022, said by the city's leader, Oleksiy Babchenko); "
            "Ukraine withdrew from Hirske and Zolote (24 Jun 2022, said by Oleksiy Arestovych); "
            "Ukraine withdrew from Siverskodonetsk (24 Jun 2022, said by Serhiy Gaidai); "
            "Russia captured Mariupol (May 2022). Also in view: 1 attack repelled, 1 strike. "
            "Net control changes claimed: toward Russia in Luhansk (−4), Donetsk (−1).",
        ),
        (
            "?date=2022-09-12&window=recent&days=3",
            "10 Sep – 12 Sep 2022: 12 claims from 1 article. Places claimed taken or left, newest first: "
            "Russia withdrew from Kharkiv (12 Sep 2022, said by Britain's defense ministry, hedged); "
            "Russia withdrew from Svatove (12 Sep 2022, said by the general staff, could not be confirmed); "
            "Russia withdrew from Izium and Balakliia (10 Sep 2022, said by Russia's Defense Ministry); "
            "Ukraine captured Kupiansk (10 Sep 2022, said by Kyiv). "
            "Also in view: 2 attacks repelled, 3 gains claimed without a place, 2 strikes. "
            "Net control changes claimed: toward Ukraine in Kharkiv (+4), Luhansk (+1).",
        ),
        (
            "?actors=RU&confirmed=1",
            "Up to 12 Sep 2022 (claims by Russia; unconfirmed and hedged claims hidden): 7 claims from 2 articles. "
            "Places claimed taken or left, newest first: "
            "Russia withdrew from Izium and Balakliia (10 Sep 2022, said by Russia's Defense Ministry); "
            "Russia captured Hirske (24 Jun 2022, said by the city's leader, Oleksiy Babchenko); "
            "Russia captured Mariupol (May 2022). Also in view: 3 strikes. "
            "Net control changes claimed: toward Ukraine in Kharkiv (+2); toward Russia in Donetsk (−1), Luhansk (−1).",
        ),
        (
            "?actions=struck",
            "Up to 12 Sep 2022 (actions: struck): 3 claims from 2 articles. In view: 3 strikes. "
            "No oblast is shaded toward either side.",
        ),
        (
            "?date=2022-06-01",
            "Up to 1 Jun 2022: 1 claim from 1 article. Places claimed taken or left, newest first: "
            "Russia captured Mariupol (May 2022). "
            "Net control changes claimed: toward Russia in Donetsk (−1).",
        ),
        ("?date=2022-06-01&actors=UA", "Up to 1 Jun 2022 (claims by Ukraine): no claims in view."),
    ],
)
def test_summary_of_seed_views(seeded_index, query, expected):
    assert summary(seeded_index, query) == expected


def test_the_oblast_narrows_the_table_not_the_map(seeded_index):
    assert summary(seeded_index, "?oblast=UA-63") == summary(seeded_index, "")


def test_text_from_articles_stays_text(seeded_index):
    frame = seeded_index.frame.copy()
    kupiansk = frame["place_name"] == "Kupiansk"
    frame.loc[kupiansk, "place_name"] = "<b>Kupiansk</b>"
    frame.loc[kupiansk, "attribution"] = "[Kyiv](javascript:alert(1))"
    text = map_summary(EventIndex(frame, seeded_index.oblast_names), ViewState())
    assert "Ukraine captured <b>Kupiansk</b> (10 Sep 2022, said by [Kyiv](javascript:alert(1)))" in text


def test_an_empty_database(seeded_index):
    empty = EventIndex(seeded_index.frame.iloc[0:0].copy(), seeded_index.oblast_names)
    assert map_summary(empty, ViewState()).endswith(": no claims in view.")
