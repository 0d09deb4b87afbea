"""The rule words (dashboard/loader/lexicon.py): every group non-empty, no word twice, every pattern valid."""

import re

import pytest

from dashboard.loader import lexicon


def _groups():
    for name in dir(lexicon):
        value = getattr(lexicon, name)
        if name.isupper() and isinstance(value, (tuple, dict)):
            if isinstance(value, dict) and all(isinstance(v, tuple) for v in value.values()):
                for key, words in value.items():
                    yield f"{name}[{key}]", words
            else:
                yield name, tuple(value)


GROUPS = dict(_groups())


def test_there_are_groups():
    assert {"ACTION_WORDS[captured]", "SIDE_WORDS[RU]", "HEDGES", "NOT_PLACES", "SPEECH_VERBS"} <= set(GROUPS)


@pytest.mark.parametrize("name", sorted(GROUPS))
def test_group_is_non_empty_without_duplicates_and_compiles(name):
    words = GROUPS[name]
    assert words, f"{name} is empty"
    assert len(set(words)) == len(words), f"{name} lists a word twice"
    if all(isinstance(w, str) for w in words):
        re.compile(lexicon.alternation(words))


def test_an_action_word_belongs_to_one_action():
    seen = {}
    for action, words in lexicon.ACTION_WORDS.items():
        for word in words:
            assert word not in seen, f"{word!r} is both {seen[word]} and {action}"
            seen[word] = action


def test_alternation_refuses_an_empty_group():
    with pytest.raises(ValueError):
        lexicon.alternation(())
    with pytest.raises(ValueError):
        lexicon.alternation(("took", ""))


def test_stems_are_the_literal_starts_every_match_contains():
    assert lexicon.stems((r"den(?:ied|ies|y)", r"rumou?rs?", r"villages?", r"not\s+true", "town")) == (
        "den",
        "rumo",
        "village",
        "not",
        "town",
    )
    for word, text in ((r"den(?:ied|ies|y)", "denies"), (r"rumou?rs?", "rumors"), (r"villages?", "village")):
        (stem,) = lexicon.stems((word,))
        assert re.fullmatch(word, text) and stem in text
    with pytest.raises(ValueError, match="no literal start"):
        lexicon.stems((r"(?:in|into)\s+Russia",))


def test_the_cheap_checks_are_derived_from_the_groups():
    from dashboard.loader import claims, mentions

    for word in ("denied", "dismissed", "rumours", "not true", "disinformation"):
        assert claims._DENIAL_STEM.search(word) and claims._DENIAL.search(word), word
    assert set(mentions._SETTLEMENT_STEMS) == set(lexicon.stems(lexicon.SETTLEMENT_NOUNS))
    assert "DPR" in mentions._REPUBLIC_CUES and "Luhansk" in mentions._REPUBLIC_CUES
    assert lexicon.words_in((r"goals?\s+of", r"push\s+to")) == {"goals", "of", "push", "to"}
