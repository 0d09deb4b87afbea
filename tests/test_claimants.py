"""Claimants as entities (dashboard/loader/claimants.py, lexicon.CLAIMANTS): the same source under its many
spellings is one canonical claimant with its side and the person named; a fragment is no claimant; the event
table gets the three columns (migration v3, on both engines) and the exports carry them. Made-up phrases."""

from datetime import date

import pytest
from sqlalchemy import inspect, text

from dashboard.loader.claimants import NOBODY, ArticleClaimants, Claimant, identify
from dashboard.loader.extract import EventExtractor
from dashboard.store.rows import Store
from dashboard.store.tables import MIGRATIONS


@pytest.mark.parametrize(
    "phrase, claimant",
    [
        ("Russia's Defense Ministry", ("Russian Defence Ministry", "RU", "")),
        ("the Russian Defence Ministry", ("Russian Defence Ministry", "RU", "")),
        ("the Defence Ministry in Moscow", ("Russian Defence Ministry", "RU", "")),
        ("spokesman Igor Konashenkov", ("Russian Defence Ministry", "RU", "Igor Konashenkov")),
        ("Konashenkov", ("Russian Defence Ministry", "RU", "Konashenkov")),
        ("Ukraine's General Staff", ("Ukrainian General Staff", "UA", "")),
        ("The General Staff of the Armed Forces of Ukraine", ("Ukrainian General Staff", "UA", "")),
        ("Deputy Defence Minister Hanna Maliar", ("Ukrainian Defence Ministry", "UA", "Hanna Maliar")),
        ("the Institute for the Study of War", ("Institute for the Study of War", "", "")),
        ("ISW", ("Institute for the Study of War", "", "")),
        ("Belgorod Governor Vyacheslav Gladkov", ("regional governor", "RU", "Vyacheslav Gladkov")),
        ("Kharkiv regional governor Oleh Syniehubov", ("regional governor", "UA", "Oleh Syniehubov")),
        ("Col. Gen. Oleksandr Syrskyi", ("Ukrainian military", "UA", "Oleksandr Syrskyi")),
        ("DPR leader Denis Pushilin", ("separatist authorities", "RU", "Denis Pushilin")),
        ("TASS citing Russia's Defence Ministry", ("Russian Defence Ministry", "RU", "")),
        ("sources", ("unnamed", "", "")),
        ("a military analyst, Jane Roe", ("independent analysts", "", "Jane Roe")),
    ],
)
def test_one_claimant_under_many_spellings(phrase, claimant):
    assert identify(phrase) == Claimant(*claimant)


@pytest.mark.parametrize("fragment", ["had", "when it", "the first liberated settlements it", "", None])
def test_a_fragment_is_no_claimant(fragment):
    assert identify(fragment) == NOBODY


def test_an_institution_without_its_side_is_the_one_the_article_named():
    article = ArticleClaimants()
    assert article.of("the ministry", "UA").name == "Ukrainian Defence Ministry"  # none named yet: the claim's side
    assert article.of("Russia's Defence Ministry", "RU").name == "Russian Defence Ministry"
    assert article.of("the ministry", "UA").name == "Russian Defence Ministry"  # named before: that one
    assert article.of("Russia", "RU").name == "Russian Defence Ministry"  # a country: its claimant named
    assert article.of("the statement", "RU").name == "Russian Defence Ministry"  # referring back
    assert article.of("Kyiv", "UA").name == "Ukrainian Defence Ministry"  # the Ukrainian one named first
    assert ArticleClaimants().of("Kyiv", "UA").name == "Ukrainian officials"  # none named


def test_events_carry_the_claimant_and_a_fragment_is_not_shown():
    extractor = EventExtractor()
    [event] = extractor.extract(
        "Russian forces captured Krasnohorivka, Russia's Defence Ministry said.", date(2024, 9, 2)
    ).events
    assert (event.attribution, event.claimant, event.claimant_side, event.claimant_person) == (
        "Russia's Defence Ministry",
        "Russian Defence Ministry",
        "RU",
        None,
    )
    [event] = extractor.extract(
        "Russian troops captured Krasnohorivka, Russian military spokesman Igor Konashenkov told reporters.",
        date(2024, 9, 2),
    ).events
    assert (event.claimant, event.claimant_person) == ("Russian Defence Ministry", "Igor Konashenkov")
    [event] = extractor.extract("Ukrainian forces liberated Robotyne, Zelensky said.", date(2023, 8, 28)).events
    assert (event.claimant, event.claimant_side) == ("Ukrainian president", "UA")
    [event] = extractor.extract("Ukrainian forces liberated Robotyne.", date(2023, 8, 28)).events
    assert (event.attribution, event.claimant, event.claimant_side) == (None, None, None)


def test_the_claimants_migration_adds_its_columns_to_an_older_database(new_database):
    target = new_database()
    with Store(target) as store:
        with store.engine.begin() as conn:
            for name in ("claimant", "claimant_side", "claimant_person"):
                conn.execute(text(f"ALTER TABLE events DROP COLUMN {name}"))
            before = next(i for i, step in enumerate(MIGRATIONS) if "claimants" in step.__name__)
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql(f"PRAGMA user_version = {before}")
            else:
                conn.exec_driver_sql(f"UPDATE schema_version SET version = {before}")
    with Store(target) as store:  # opening migrates
        with store.engine.connect() as conn:
            columns = {c["name"] for c in inspect(conn).get_columns("events")}
        assert {"claimant", "claimant_side", "claimant_person"} <= columns
        event = (
            EventExtractor()
            .extract("Russian forces captured Krasnohorivka, Russia's Defence Ministry said.", date(2024, 9, 2))
            .events
        )
        article = store.add_article(
            content_hash="h",
            source="a.txt",
            published="2024-09-02",
            report_day="2024-09-02",
            outlet="",
            url="",
            title="",
            text="x",
            events=event,
        )
        assert article is not None
        frame = store.events_frame()
    assert list(frame[["claimant", "claimant_side"]].itertuples(index=False, name=None)) == [
        ("Russian Defence Ministry", "RU")
    ]
    assert len(MIGRATIONS) >= 3


def test_the_csv_and_geojson_exports_have_the_claimant_columns(tmp_path):
    from dashboard.loader.__main__ import main

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Russian forces captured Krasnohorivka, Russia's Defence Ministry said.", encoding="utf-8"
    )
    (folder / "manifest.csv").write_text(
        "file,published,outlet,url\na.txt,2024-09-02,Desk,https://example.org/a\n", encoding="utf-8"
    )
    db, out = tmp_path / "e.db", tmp_path / "e.csv"
    assert main(["ingest", str(folder), "--db", str(db), "--no-progress", "--jobs", "1"]) == 0
    assert main(["export", "--db", str(db), "--csv", str(out), "--view", "all"]) == 0
    import csv

    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert (row["claimant"], row["claimant_side"], row["claimant_person"]) == ("Russian Defence Ministry", "RU", "")
    geojson = tmp_path / "e.geojson"
    assert main(["export", "--db", str(db), "--geojson", str(geojson), "--view", "all"]) == 0
    import json

    [feature] = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    said = {k: feature["properties"][k] for k in ("claimant", "claimant_side", "claimant_person", "attribution")}
    assert said == {
        "claimant": "Russian Defence Ministry",
        "claimant_side": "RU",
        "claimant_person": None,
        "attribution": "Russia's Defence Ministry",
    }


def test_via_names_the_medium_not_the_claimant():
    assert identify("Sergei Shoigu (via Russian media)").name == "Russian Defence Ministry"
    assert identify("TASS quoting the Ukrainian General Staff").name == "Ukrainian General Staff"


def test_a_reference_back_stands_for_the_office_the_article_named_last():
    from dashboard.loader.claimants import named_last

    told = "Ukraine's General Staff published its morning summary. Russian state media disputed it."
    assert named_last(told).name == "Ukrainian General Staff"  # media are not what "the report" means
    assert ArticleClaimants().of("the report", "UA", told).name == "Ukrainian General Staff"
    assert named_last("Governor Oleh Syniehubov of Kharkiv wrote.", "UA").name == "regional governor"
    assert named_last("Nothing about who said it.") is None
    article = ArticleClaimants()
    article.of("RIA Novosti", "RU")
    assert article.of("Moscow", "RU").name == "Russian officials"  # a news agency does not speak for Moscow


@pytest.mark.parametrize(
    "text, claimant",
    [
        # a quotation ends with its paragraph: the next paragraph in the article's own voice has no speaker
        (
            '"We hold the line," Governor Ivan Petrenko said on television.\n\n'
            "The loss of Zolote came after Russia captured Popasna in May.",
            "",
        ),
        # a statement read out over sentences (no quotation) goes on past a paragraph break
        (
            "Russia's Defence Ministry said its forces pressed on in the Luhansk region.\n\n"
            "Russian forces captured Popasna on Monday.",
            "Russian Defence Ministry",
        ),
        # and a quotation's speaker still carries within its paragraph
        (
            '"We hold the line," Governor Ivan Petrenko said. Ukrainian forces repelled an attack near Popasna.',
            "regional governor",
        ),
    ],
)
def test_a_speaker_carries_to_the_next_sentence_unless_a_quotation_ended_its_paragraph(text, claimant):
    events = EventExtractor().extract(text, date(2022, 6, 1)).events
    popasna = [e for e in events if e.place_name == "Popasna"]
    assert popasna and {e.claimant or "" for e in popasna} == {claimant}


@pytest.mark.parametrize(
    "text, claimant",
    [
        # a ministry's summary read out item by item, under a heading: each item is the ministry's
        (
            "Ukraine lost 300 troops over the day, Russia's Defence Ministry reported.\nThe operations of the day\n"
            "- Russian troops captured Hirske.\n- Russian units repelled attacks near Popasna.",
            "Russian Defence Ministry",
        ),
        # introduced right before the list, by the other side's office
        (
            "Ukraine's General Staff reported on Sunday:\n- Russian troops shelled Hirske.\n"
            "- Ukrainian forces repelled attacks near Popasna.",
            "Ukrainian General Staff",
        ),
        # a live blog's items: no item lends its speaker to the next, and a list nobody introduced has none
        (
            "Here are the main events of the day.\n- Governor Ivan Petrenko said shelling continued.\n"
            "- Ukrainian forces repelled attacks near Popasna.",
            "",
        ),
        # a plain paragraph far from a speaker stays the article's own voice
        (
            "Russia's Defence Ministry reported on Monday.\nFighting went on.\nThe weather was cold.\n"
            "Ukrainian forces repelled attacks near Popasna.",
            "",
        ),
    ],
)
def test_a_list_item_is_said_by_who_introduced_the_list(text, claimant):
    events = EventExtractor().extract(text, date(2022, 6, 1)).events
    popasna = [e for e in events if e.place_name == "Popasna"]
    assert popasna and {e.claimant or "" for e in popasna} == {claimant}


@pytest.mark.parametrize(
    "phrase, name",
    [
        ("Illia Yevlash, East group spokesperson", "Ukrainian military"),  # Ukraine's East group, by its person
        ("the Institute for Study of War", "Institute for the Study of War"),
        ("Zaporizhzhia Gov. Oleksandr Starukh", "regional governor"),
        ("regional officials", "regional governor"),
        ("Censor.NET", "news media"),  # an outlet named by its domain is an organisation
        ("the country's deputy defence minister", "Defence Ministry"),  # its side from the article or the claim
    ],
)
def test_more_spellings_of_one_claimant(phrase, name):
    assert identify(phrase).name == name


def test_a_country_named_as_its_officials_is_not_the_office_named_before():
    article = ArticleClaimants()
    article.of("Russia's Defence Ministry", "RU")
    assert article.of("Russian officials", "RU").name == "Russian officials"  # as the text names them
    assert article.of("Russia", "RU").name == "Russian Defence Ministry"  # a bare country: the office named


@pytest.mark.parametrize(
    "phrase, claimant",
    [
        ("The head of the military administration of the city of Kiev", ("city mayor", "UA", "")),
        ("a US research group", ("independent analysts", "", "")),
        ("Lykhovii", ("Ukrainian military", "UA", "Lykhovii")),
        ("The brigade", ("military", "", "")),  # an institution without its side: from the article or the claim
    ],
)
def test_offices_and_groups_named_as_the_press_names_them(phrase, claimant):
    assert identify(phrase) == Claimant(*claimant)


@pytest.mark.parametrize(
    "phrase, name",
    [
        # a note in brackets adds to the phrase as written, which names the claimant ...
        ("Russian-backed officials (TASS, Ivan Petrenko)", "separatist authorities"),
        ("Russian army (Defence Ministry)", "Russian military"),
        # ... unless the phrase is too general to: then the note names it
        ("officials (Belgorod region Governor Ivan Petrenko)", "regional governor"),
        ("the ministry (Russia's Defense Ministry)", "Russian Defence Ministry"),
        ("Moscow (the Kremlin)", "Kremlin"),
    ],
)
def test_a_note_in_brackets_names_the_claimant_only_where_the_phrase_is_general(phrase, name):
    assert identify(phrase).name == name
