"""The quality floor: extraction on the labelled corpus of real reporting never gets worse.

``tests/eval/baseline.json`` records precision, recall, F1, dates exact and
oblast correct, the number of ``must_not`` hits, and the SHA-256 of the corpus
they were measured on. A changed corpus must record new figures on purpose
(``python -m bench.quality --record``); a rule change that lowers any figure
fails here. The scoring itself is checked on made-up events.
"""

import json
from pathlib import Path

import pytest

from bench.quality import (
    CORPUS,
    FIGURES,
    MANIFEST,
    corpus_hash,
    evaluate,
    has_split,
    outlet_kind,
    place_matches,
    split_root,
)
from dashboard.geo import gazetteer
from dashboard.schema import Event
from tests.events import made_event

BASELINE = json.loads((CORPUS / "baseline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report():
    return evaluate(CORPUS)


@pytest.fixture(scope="module")
def sealed_report():
    """The sealed split's report: only its totals are ever looked at (and no assertion prints a claim of it)."""
    if not has_split(CORPUS, "sealed"):
        pytest.skip("no sealed split in tests/eval/sealed yet")
    return evaluate(split_root(CORPUS, "sealed"))


def test_the_corpus_is_the_one_the_baseline_was_measured_on():
    assert corpus_hash(CORPUS) == BASELINE["dev"]["corpus_sha256"], (
        "tests/eval changed: check the new figures and record them with `python -m bench.quality --record`"
    )


def test_the_sealed_split_is_the_one_its_floor_was_measured_on():
    if not has_split(CORPUS, "sealed"):
        pytest.skip("no sealed split in tests/eval/sealed yet")
    assert "sealed" in BASELINE, "tests/eval/sealed has no floor: record it with `python -m bench.quality --record`"
    assert corpus_hash(split_root(CORPUS, "sealed")) == BASELINE["sealed"]["corpus_sha256"], (
        "tests/eval/sealed changed: record its floor again with `python -m bench.quality --record`"
    )


def test_the_corpus_is_as_large_and_varied_as_promised(report):
    import csv

    with (CORPUS / "articles" / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = list(csv.DictReader(handle))
    assert len(manifest) >= 80 and len({row["outlet"] for row in manifest}) >= 12
    assert report.articles == len(manifest) and not report.problems
    years = {row["published"][:4] for row in manifest}
    assert {"2022", "2023", "2024"} <= years


@pytest.mark.parametrize("figure", FIGURES)
def test_quality_does_not_drop_below_the_baseline(report, figure):
    measured = report.figures()[figure]
    assert measured >= BASELINE["dev"][figure] - 1e-9, (
        f"{figure} fell to {measured:.4f} from {BASELINE['dev'][figure]:.4f}; `python -m bench.quality` lists the "
        "misses and false events"
    )


def test_must_not_hits_do_not_rise(report):
    assert len(report.must_not_hits) <= BASELINE["dev"]["must_not_hits"], report.must_not_hits


@pytest.mark.parametrize("figure", FIGURES)
def test_sealed_quality_does_not_drop_below_its_floor(sealed_report, figure):
    measured = sealed_report.figures()[figure]
    assert measured >= BASELINE["sealed"][figure] - 1e-9, (
        f"sealed {figure} fell to {measured:.4f} from {BASELINE['sealed'][figure]:.4f}"
    )  # totals only


def test_sealed_must_not_hits_do_not_rise(sealed_report):
    hits = len(sealed_report.must_not_hits)
    assert hits <= BASELINE["sealed"]["must_not_hits"], f"sealed must_not hits: {hits}"  # a count, never the claims


# --- The splits on a tiny made-up corpus --------------------------------------------------------------------

GOLD_HEADER = (
    "file,required,actor,action,place,oblast_iso,event_date,date_basis,area_km2,settlements,attribution,"
    "confirmed,note\n"
)


def _tiny_corpus(root: Path, sealed_manifest_beside: bool = True) -> Path:
    """A dev split and a sealed split of one article each; the sealed one's words are marked SEALED-... so a test
    can tell that none is ever printed."""
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "d1.txt").write_text(
        "Ukrainian forces captured Lyman on Sunday, the General Staff said.", encoding="utf-8"
    )
    (root / "articles" / "manifest.csv").write_text(
        "file,published,outlet,url\nd1.txt,2022-10-03,Dev Outlet,https://example.org/d1\n", encoding="utf-8"
    )
    (root / "gold_claims.csv").write_text(
        GOLD_HEADER + "d1.txt,yes,UA,captured,Lyman,UA-14,2022-10-02,on Sunday,,,Ukraine's General Staff,unknown,"
        "'captured Lyman'\n",
        encoding="utf-8",
    )
    sealed = root / "sealed"
    (sealed / "articles").mkdir(parents=True)
    (sealed / "articles" / "s1-SEALED-FILE.txt").write_text(
        "Russian forces captured Bakhmut on Saturday, Russia's Defence Ministry said. Russian troops will seize "
        "Izium, SEALED-SPEAKER said.",
        encoding="utf-8",
    )
    manifest = (
        "file,published,outlet,url,kind\ns1-SEALED-FILE.txt,2023-05-21,SEALED-OUTLET,https://example.org/s,"
        "Russian state media\n"
    )
    (sealed / MANIFEST if sealed_manifest_beside else sealed / "articles" / MANIFEST).write_text(
        manifest, encoding="utf-8"
    )
    (sealed / "gold_claims.csv").write_text(
        GOLD_HEADER + "s1-SEALED-FILE.txt,yes,RU,captured,Bakhmut,UA-14,2023-05-20,on Saturday,,,Russia's Defence "
        "Ministry,unknown,'SEALED-NOTE-1'\n"
        "s1-SEALED-FILE.txt,yes,RU,captured,Kupiansk,UA-63,2023-05-21,(report date),,,,unknown,"
        "'SEALED-NOTE-2'\n"
        "s1-SEALED-FILE.txt,must_not,RU,captured,Izium,UA-63,,,,,,unknown,'SEALED-NOTE-3'\n",
        encoding="utf-8",
    )
    return root


def _run(capsys, *argv) -> tuple[int, str]:
    from bench.quality import main

    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.parametrize("beside", [True, False])
def test_the_sealed_split_prints_totals_only(tmp_path, capsys, beside):
    corpus = _tiny_corpus(tmp_path / "eval", sealed_manifest_beside=beside)
    code, out = _run(capsys, "--corpus", corpus, "--split", "sealed")
    assert code == 0
    assert "precision 1.000  recall 0.500" in out and "(found 1 of 2; 0 false events)" in out
    assert "claimant correct 1.000 of 1 matched" in out
    assert "by action" in out and "by outlet kind" in out and "Russian state media" in out
    for secret in ("SEALED", "Bakhmut", "Kupiansk", "Izium", "s1-", "Saturday", "misses", "by outlet "):
        assert secret not in out.replace("by outlet kind", ""), secret


def test_the_default_report_prints_dev_and_sealed_side_by_side(tmp_path, capsys):
    corpus = _tiny_corpus(tmp_path / "eval")
    code, out = _run(capsys, "--corpus", corpus)
    assert code == 0
    assert "misses (0):" in out and "Dev Outlet" in out  # the dev report, with its lists
    assert "dev and sealed side by side" in out
    assert [line.split() for line in out.splitlines() if line.startswith("recall ")] == [
        ["recall", "1.000", "0.500", "+0.500"]
    ]
    assert "SEALED" not in out and "Kupiansk" not in out and "Bakhmut" not in out


def test_record_writes_a_floor_and_a_hash_per_split(tmp_path, capsys):
    corpus = _tiny_corpus(tmp_path / "eval")
    assert _run(capsys, "--corpus", corpus, "--record")[0] == 0
    baseline = json.loads((corpus / "baseline.json").read_text(encoding="utf-8"))
    assert set(baseline) == {"dev", "sealed"}
    assert baseline["sealed"]["recall"] == 0.5 and baseline["dev"]["recall"] == 1.0
    assert baseline["sealed"]["corpus_sha256"] == corpus_hash(corpus / "sealed") != baseline["dev"]["corpus_sha256"]
    (corpus / "sealed" / "gold_claims.csv").write_text(GOLD_HEADER, encoding="utf-8")
    assert corpus_hash(corpus / "sealed") != baseline["sealed"]["corpus_sha256"]  # a changed split: a new hash
    assert _run(capsys, "--corpus", corpus, "--split", "dev", "--record")[0] == 0
    assert json.loads((corpus / "baseline.json").read_text(encoding="utf-8"))["sealed"] == baseline["sealed"]


def test_a_missing_split_is_named(tmp_path, capsys):
    corpus = _tiny_corpus(tmp_path / "eval")
    import shutil

    shutil.rmtree(corpus / "sealed")
    code, out = _run(capsys, "--corpus", corpus, "--split", "sealed")
    assert code == 2 and "no sealed split in" in out and "gold_claims.csv and articles/ expected" in out
    code, out = _run(capsys, "--corpus", corpus)
    assert code == 0 and "side by side" not in out


def test_outlet_kinds():
    assert outlet_kind("TASS") == outlet_kind("RT") == "Russian state media or wires quoting it"
    assert outlet_kind("Ukrainska Pravda") == "Ukrainian media"
    assert outlet_kind("Reuters (via Daily Mail)") == "international media"
    assert outlet_kind("Reuters", {"kind": "live blog"}) == "live blog"


def _event(**fields) -> Event:
    return made_event(
        **{
            "event_date": "2022-11-11",
            "date_start": "2022-11-11",
            "date_end": "2022-11-11",
            "date_phrase": "",
            "sentence": "",
            "sentence_end": 0,
            **fields,
        }
    )


def _row(place, oblast=""):
    return {"place": place, "oblast_iso": oblast}


def test_place_matching_follows_spellings_gazetteer_and_regions():
    g = gazetteer()
    kherson = g.places("Kherson")[0]
    as_point = _event(
        place_as_written="Kherson", place_name=kherson.name, geonameid=kherson.geonameid, oblast_iso=kherson.oblast_iso
    )
    assert place_matches(g, as_point, _row("Kherson", "UA-65"))
    assert not place_matches(g, as_point, _row("Mykolaiv", "UA-48"))
    izium = g.places("Izium")[0]
    written_otherwise = _event(place_as_written="Izyum", place_name=izium.name, geonameid=izium.geonameid)
    assert place_matches(g, written_otherwise, _row("Izium"))
    region = _event(
        place_as_written="Donetsk region",
        place_name=g.oblast_name("UA-14"),
        oblast_iso="UA-14",
        place_precision="oblast",
    )
    assert place_matches(g, region, _row("Donetsk Oblast", "UA-14"))
    assert not place_matches(g, region, _row("Luhansk Oblast", "UA-09"))
    assert place_matches(g, _event(action="advanced", area_km2=500.0), _row(""))
    assert not place_matches(g, as_point, _row(""))


def test_a_village_the_gazetteer_lacks_matches_its_gold_name_in_the_other_language():
    g = gazetteer()
    russian_form = _event(
        place_as_written="Belogorka", place_name="Belogorka", oblast_iso="UA-65", place_precision="oblast"
    )
    assert place_matches(g, russian_form, _row("Bilohirka", "UA-65"))
    assert not place_matches(g, russian_form, _row("Bilozerka", "UA-65"))
    short = _event(place_as_written="Bukha", place_name="Bukha", oblast_iso="UA-32", place_precision="oblast")
    assert not place_matches(g, short, _row("Buhai", "UA-32"))  # too few consonants to tell
    kupiansk = g.places("Kupiansk")[0]
    placed = _event(place_as_written="Kapyansk", place_name="Kapyansk", oblast_iso="UA-63")
    assert not place_matches(g, placed, _row(kupiansk.name, "UA-63"))  # a gazetteer place is matched by id only
