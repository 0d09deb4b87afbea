"""Sentence spans (dashboard/loader/sentences.py): where a sentence ends, and its offsets in the article.

Made-up texts; the expected spans and offsets are counted by hand (issue 16: mutation survivors of the
abbreviation and line-break rules).
"""

import pytest

from dashboard.loader.sentences import Sentence, split


def texts(text):
    return [s.text for s in split(text)]


def test_offsets_are_the_sentences_without_the_space_around_them():
    assert split("Troops left. Then they came back.") == [
        Sentence(0, 12, "Troops left."),
        Sentence(13, 33, "Then they came back."),
    ]
    assert split("  Troops left.  ") == [Sentence(2, 14, "Troops left.")]


@pytest.mark.parametrize(
    "text,want",
    [
        ("Troops left! Then they came back?", ["Troops left!", "Then they came back?"]),
        ("Troops left. 12 villages were shelled.", ["Troops left.", "12 villages were shelled."]),  # a digit
        ('Troops left. "We are back," he said.', ["Troops left.", '"We are back," he said.']),  # an opening quote
        ("Troops left. (Then they came back.)", ["Troops left.", "(Then they came back.)"]),
        ('He said "we left." Then they came back.', ['He said "we left.', "Then they came back."]),  # closing quote
        ("Troops left. then they came back.", ["Troops left. then they came back."]),  # lower case: no new sentence
        ("Troops left.Then they came back.", ["Troops left.Then they came back."]),  # no space: no new sentence
        ("Troops left at 5 a.m. Then they came back.", ["Troops left at 5 a.m.", "Then they came back."]),
    ],
)
def test_a_stop_then_space_then_a_capital_or_digit_ends_a_sentence(text, want):
    assert texts(text) == want


@pytest.mark.parametrize(
    "text,want",
    [
        (
            "Gen. Ivanov said troops left. Then they came back.",
            ["Gen. Ivanov said troops left.", "Then they came back."],
        ),
        ("Troops met Dr. Petrenko. Then they left.", ["Troops met Dr. Petrenko.", "Then they left."]),
        (
            "U.S. officials said troops left. Then they came back.",
            ["U.S. officials said troops left.", "Then they came back."],
        ),
        ("Troops left on Sept. 10 and came back.", ["Troops left on Sept. 10 and came back."]),
        ("Troops met Gov. Petrenko and left.", ["Troops met Gov. Petrenko and left."]),
        # an abbreviation as the end of a long sentence: its last word decides, not the sentence's length
        (
            "Troops of the brigade that held the line for weeks were visited by Gen. Ivanov on Monday.",
            ["Troops of the brigade that held the line for weeks were visited by Gen. Ivanov on Monday."],
        ),
        (
            "Troops of the brigade that held the line for weeks met the general. Then they left.",
            ["Troops of the brigade that held the line for weeks met the general.", "Then they left."],
        ),
    ],
)
def test_a_full_stop_after_an_abbreviation_does_not_end_a_sentence(text, want):
    assert texts(text) == want


def test_a_line_break_ends_a_sentence_even_after_an_abbreviation():
    assert texts("Troops spoke to Dr.\nThe next day they left.") == ["Troops spoke to Dr.", "The next day they left."]
    assert texts("Troops left\nThe next day they came back") == ["Troops left", "The next day they came back"]
    assert texts("Headline here\n\n\nTroops left.") == ["Headline here", "Troops left."]


def test_empty_and_blank_lines_are_no_sentences():
    assert split("\nTroops left.") == [Sentence(1, 13, "Troops left.")]
    assert split("  \n  \nTroops left.") == [Sentence(6, 18, "Troops left.")]
    assert split("Troops left.\n  \n") == [Sentence(0, 12, "Troops left.")]
    assert split("") == [] and split(" \n\n ") == []


def test_a_question_mark_after_an_abbreviation_word_ends_a_sentence():
    # the module's rule: only a full stop after an abbreviation does not end a sentence
    assert texts("Did the troops say no? Officials declined to comment.") == [
        "Did the troops say no?",
        "Officials declined to comment.",
    ]
