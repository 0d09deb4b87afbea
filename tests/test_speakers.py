"""Who speaks across an article (dashboard/loader/speakers.py): a speaker carried forward from the sentence
that named it, and each thing that stops it. Every case is a made-up article, one for each side of a step:
the speaker applies, or a reset stops it."""

from datetime import date

import pytest

from dashboard.loader.extract import EventExtractor
from dashboard.loader.sentences import split
from dashboard.loader.speakers import ArticleSpeakers


def voices(text: str) -> list[str | None]:
    sentences = split(text)
    model = ArticleSpeakers(text, sentences)
    return [model.of(k) for k in range(len(sentences))]


def claimant_of(text: str, place: str) -> str:
    events = [e for e in EventExtractor().extract(text, date(2024, 6, 1)).events if e.place_name == place]
    assert events, f"no event at {place}"
    return {e.claimant or "" for e in events}.pop()


@pytest.mark.parametrize(
    "text, expected",
    [
        # within a paragraph the speaker goes on, however many sentences
        (
            "The ministry said fighting went on. Troops moved. Guns fired. Units held.",
            ["The ministry", "The ministry", "The ministry", "The ministry"],
        ),
        # a new speaker takes over
        (
            "The ministry said fighting went on. The governor said shelling went on. Units held.",
            ["The ministry", "The governor", "The governor"],
        ),
        # "he added": the report in effect, even after a quotation's paragraph ended
        ('"We hold," the governor said.\n\nHe added that units held.', ["the governor", "the governor"]),
        # "the report said": the report in effect
        ("The General Staff said fighting went on.\n\nUnits held, the report said.", ["The General Staff"] * 2),
    ],
)
def test_a_speaker_goes_on_until_another_is_named(text, expected):
    assert voices(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a paragraph that opens with a continuation carries the report ...
        (
            'The governor said 11 towns were shelled on Saturday.\n"We hold," he said.\n\n'
            "In particular, the enemy fired at Huliaipole.",
            "The governor",
        ),
        # ... as does one whose first words say "also" or "the enemy" ...
        (
            'The governor said 11 towns were shelled.\n"We hold," he said.\n\nThe enemy also fired at Huliaipole.',
            "The governor",
        ),
        # ... and one opening a quotation
        ('The governor said 11 towns were shelled.\nFighting went on.\n\n"Huliaipole was shelled."', "The governor"),
        # a plain paragraph after a quotation is the article's own voice
        ('The governor said 11 towns were shelled.\n"We hold," he said.\n\nHuliaipole lies on a river.', None),
        # and after a paragraph in the article's own voice, a plain paragraph still is
        ("Governor Ivan Fedorov said 11 towns were shelled.\nHuliaipole lies on a river.\nThe river is wide.", None),
    ],
)
def test_a_paragraph_carries_the_report_only_when_it_continues_it(text, expected):
    assert voices(text)[-1] == expected


def test_a_state_media_report_carries_its_source_through_every_paragraph():
    body = (
        "Russian forces took Novopil, the Russian Defence Ministry said.\n\n"
        "Units of the battlegroup pressed on.\n\nRussian forces struck Huliaipole."
    )
    assert voices("MOSCOW, June 1. /TASS/. " + body)[-1] == "the Russian Defence Ministry"
    assert voices("MOSCOW, June 1. " + body)[-1] is None  # no state-media dateline: the article's own voice


def test_a_label_of_the_articles_own_voice_ends_the_report():
    text = "The General Staff said fighting went on.\n\nBackground: In 2022 Russia took Huliaipole."
    assert voices(text) == ["The General Staff", None]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the headline and lede before the first speaker named in the opening take it
        (
            "Russian Forces Liberate Novopil\n\nThe settlement was taken on Sunday, the ministry reported.",
            ["the ministry", "the ministry"],
        ),
        # a source line names the source of what came before it
        (
            'Russians shell Huliaipole\n\nSource: General Staff of the Armed Forces of Ukraine\n\nQuote: "It holds."',
            ["General Staff of the Armed Forces of Ukraine"] * 3,
        ),
        (
            "Units entered Kherson.\n\nThis was reported by the Main Directorate of Intelligence in an appeal.",
            ["the Main Directorate of Intelligence"] * 2,
        ),
        # a live blog's opening (a list among the first sentences) is no one's report
        ("Key events\n- Units held Huliaipole.\n- The governor said shelling went on.", [None, None, "The governor"]),
    ],
)
def test_the_opening_takes_the_first_speaker_named(text, expected):
    assert voices(text) == expected


def test_a_list_items_continuation_is_said_by_who_introduced_the_list():
    text = (
        "Ukraine lost 300 troops, the Russian Defence Ministry said.\nThe day's operations\n"
        "- The military repelled two attacks. One soldier was captured.\n- Units struck Novopil."
    )
    assert voices(text)[-3:] == ["the Russian Defence Ministry"] * 3


@pytest.mark.parametrize(
    "text, claimant",
    [
        (
            "Russian troops struck eleven settlements, Zaporizhzhia Governor Ivan Fedorov said on Saturday.\n"
            '"The occupiers fired 253 times," he said on Telegram.\n\n'
            "In particular, the Russian army shelled Huliaipole and Robotyne.",
            "regional governor",
        ),
        (
            "Russian troops struck eleven settlements, Zaporizhzhia Governor Ivan Fedorov said on Saturday.\n"
            '"The occupiers fired 253 times," he said on Telegram.\n\n'
            "The Russian army has shelled Huliaipole for two years.",
            "",
        ),
    ],
)
def test_events_take_the_carried_speaker_or_none(text, claimant):
    assert claimant_of(text, "Hulyaypole") == claimant


@pytest.mark.parametrize(
    "text, expected",
    [
        # a paragraph's lead sentence takes the speaker its next sentence names ...
        (
            "- A Russian attack on the city killed ten people. Governor Ivan Petrenko said it burned.",
            ["Governor Ivan Petrenko"] * 2,
        ),
        # ... but not one of the paragraph after it
        (
            '"We hold," the mayor said.\n\nFighting went on near the city.\n\nGovernor Ivan Petrenko said it burned.',
            ["the mayor", None, "Governor Ivan Petrenko"],
        ),
    ],
)
def test_a_paragraphs_lead_takes_the_speaker_it_names_next(text, expected):
    assert voices(text)[-len(expected) :] == expected


def test_a_surname_alone_is_the_person_named_in_full_before():
    text = "Shelling went on, the city mayor, Ivan Prikhodko, said.\n\nLater, Prikhodko said five were hurt."
    assert voices(text) == ["the city mayor, Ivan Prikhodko"] * 2
    assert voices("Later, Prikhodko said five were hurt.") == ["Prikhodko"]  # named nowhere in full: as written


def test_a_source_line_makes_the_body_its_report_until_the_background():
    text = (
        "Russians shell Huliaipole\n\nSource: General Staff of the Armed Forces of Ukraine\n\n"
        "Details: The enemy attacked twice.\n\nRussia carried out an airstrike near Huliaipole.\n\n"
        "Background: Russia took the town in 2022.\n\nUkraine retook it in 2023."
    )
    assert voices(text)[-4:] == ["General Staff of the Armed Forces of Ukraine"] * 2 + [None, None]


def test_the_enemy_after_the_action_word_is_its_object_not_its_actor():
    # the carried speaker (Ukraine's General Staff) makes "the enemy" Russian; named after "liberated", it is
    # the object, and the actor is the side the sentence before names
    text = (
        "Ukrainian defence forces had partial success near Klishchiivka, Ukraine's General Staff said.\n"
        '"In the course of the assault, they liberated Andriivka, inflicted significant losses on the enemy," '
        "it added."
    )
    events = EventExtractor().extract(text, date(2023, 9, 15)).events
    andriivka = {(e.actor, e.action, e.claimant) for e in events if e.place_name == "Andriivka"}
    assert andriivka == {("UA", "captured", "Ukrainian General Staff")}


def test_a_time_stamp_or_heading_between_a_live_blogs_items_ends_the_report():
    entry = "12:05\n\nRussian forces struck Kharkiv overnight, the governor said.\n\n"
    after = "12:30\n\nIn particular, Ukrainian forces repelled attacks near Bakhmut."
    assert voices(entry + after)[-1] is None  # a new item: the continuation has no report to continue
    assert voices(entry + after.replace("12:30\n\n", ""))[-1] == "the governor"  # the same item: it continues
