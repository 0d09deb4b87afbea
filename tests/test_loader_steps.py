"""The sentence reader's named steps: each made-up sentence is dropped by the step whose name says why (read from
the trace ``python -m dashboard.loader explain`` prints), the command prints them, and no function of the loader
is above cyclomatic complexity 25 (``mccabe``, the checker flake8 uses)."""

import ast
from datetime import date
from pathlib import Path

import mccabe
import pytest

from dashboard.loader import claims
from dashboard.loader.__main__ import main
from dashboard.loader.extract import EventExtractor

LOADER = Path(__file__).resolve().parent.parent / "dashboard" / "loader"
MAX_COMPLEXITY = 25


def trace_of(text: str, published=date(2022, 10, 3)):
    trace = []
    events = EventExtractor().extract(text, published, trace).events
    return trace, events


@pytest.mark.parametrize(
    "sentence, words, step",
    [
        ("Kyiv denied that Russian forces had captured Lyman.", "captured", "drop_after_denial"),
        ("Russian forces could soon retake Kupiansk, analysts said.", "retake", None),  # no action word: see below
        ("Russian forces are trying to seize Kupiansk.", "seize", None),
        ("Russian forces would have captured Kupiansk without the mud.", "captured", "drop_irrealis"),
        (
            "Since Ukrainian troops liberated Kherson, the city has been shelled daily.",
            "liberated",
            "drop_since_clause",
        ),
        (
            "Reports about the capture of Bakhmut by Russian forces were premature, Kyiv said.",
            "the capture of",
            "drop_after_denial",
        ),
        ("Kyiv called the capture of Bakhmut by Russian forces fake.", "the capture of", "drop_denied_noun"),
        (
            "Withdrawing from Avdiivka would be a mistake for Ukraine, the general said.",
            "Withdrawing",
            "drop_supposition",
        ),
        ("Russia was desperate for a win after retreating from Kherson.", "retreating", "drop_background_ing"),
        ("Russia's advance toward Pokrovsk slowed.", "advance", "drop_bare_noun"),
        ("Fighting took place near Bakhmut, Ukraine said.", "took", "drop_take_idiom"),
        ("Ukrainian soldiers searched a bombed-out school in Izium.", "bombed", "drop_hyphen_adjective"),
        ("Russian drones were heading towards Izmail.", "drones", "drop_weapon_only"),
        ("The centre of Vovchansk has been destroyed.", "destroyed", "drop_passive_without_agent"),
        ("Russian forces advanced, the ministry said.", "advanced", "drop_bare_advance"),
        ("Ukrainian troops repelled attacks overnight.", "repelled", "drop_without_place"),
        ("Forces captured Lyman.", "captured", "drop_without_actor"),
    ],
)
def test_each_step_drops_the_sentence_it_names(sentence, words, step):
    trace, events = trace_of(sentence)
    entries = [e for e in trace if e.words == words and e.kind == "claim"]
    if step is None:
        assert not entries and not events  # not an action word at all: nothing to trace
        return
    assert [e.step for e in entries] == [step]
    assert not entries[0].kept and not events


def test_a_kept_claim_and_its_places_are_traced():
    trace, events = trace_of(
        "Russian forces left Hostomel, but were digging in at Bucha. "
        "Ukraine lost dozens of vehicles during an attack on Vuhledar."
    )
    kept = [e for e in trace if e.kept]
    assert [(e.words, e.step, e.detail) for e in kept] == [("left", "kept", "RU withdrew Hostomel")]
    places = {(e.words, e.step) for e in trace if e.kind == "place"}
    assert places == {("Bucha", "drop_place_in_other_clause"), ("Vuhledar", "drop_not_what_was_lost")}
    assert [(e.actor, e.action, e.place_name) for e in events] == [("RU", "withdrew", "Hostomel")]


def test_claims_the_event_step_drops_are_traced():
    trace, events = trace_of("Russian forces captured Horlivka in 2014.")
    assert not events
    assert {e.step for e in trace} == {"kept", "drop_dated_long_before"}


def test_every_name_reader_and_place_resolver_is_a_documented_named_function():
    from dashboard.loader import mentions, places

    for step in mentions.NAME_READERS + places.RESOLVERS:
        assert step.__doc__ and step.__name__ == step.__name__.lower(), step
    assert mentions.NAME_READERS[-1].__name__ == "a_place"
    assert places.RESOLVERS[-1].__name__ == "unknown_at_the_oblast_pointed_to"


def test_every_step_is_a_documented_named_function():
    for step in claims.ACTION_WORD_STEPS + claims.PLACE_STEPS:
        assert step.__name__.startswith("drop_") and step.__doc__, step
    for step in claims.CLAIM_STEPS:
        assert step.__doc__, step
    names = [s.__name__ for s in claims.ACTION_WORD_STEPS + claims.PLACE_STEPS + claims.CLAIM_STEPS]
    assert len(names) == len(set(names))


def test_explain_prints_every_candidate_and_its_step(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(
        "Ukrainian forces captured Lyman on Sunday, the defence ministry said. "
        "Russian drones were heading towards Izmail.",
        encoding="utf-8",
    )
    assert main(["explain", str(article), "--published", "2022-10-03"]) == 0
    out = capsys.readouterr().out
    assert "'captured'" in out and "kept: UA captured Lyman" in out
    assert "'drones'" in out and "dropped by drop_weapon_only" in out
    assert "events: 1" in out and "UA captured Lyman (UA-14) 2022-10-02" in out
    assert "said by the defence ministry = Ukrainian Defence Ministry" in out  # the phrase and its claimant


def test_explain_names_a_missing_file(tmp_path, capsys):
    assert main(["explain", str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt is not a file" in capsys.readouterr().err


def test_explain_names_a_file_without_a_date(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Ukrainian forces captured Lyman.", encoding="utf-8")
    assert main(["explain", str(article)]) == 1
    assert "a.txt" in capsys.readouterr().err


def complexities(path: Path):
    tree = compile(path.read_text(encoding="utf-8"), str(path), "exec", ast.PyCF_ONLY_AST)
    visitor = mccabe.PathGraphingAstVisitor()
    visitor.preorder(tree, visitor)
    return {graph.entity: graph.complexity() for graph in visitor.graphs.values()}


def test_no_loader_function_is_above_the_complexity_limit():
    over = {
        f"{path.name}:{name}": value
        for path in sorted(LOADER.glob("*.py"))
        for name, value in complexities(path).items()
        if value > MAX_COMPLEXITY
    }
    assert over == {}


def test_the_complexity_check_sees_a_complex_function(tmp_path):
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(MAX_COMPLEXITY + 1))
    (tmp_path / "f.py").write_text(f"def f(x):\n{branches}    return -1\n")
    assert complexities(tmp_path / "f.py") == {"f": MAX_COMPLEXITY + 2}
