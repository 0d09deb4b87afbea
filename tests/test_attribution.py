"""Who a sentence says made its claim (dashboard/loader/attribution.py): one made-up sentence per form.

The expected speakers are written by hand from the module's rules (the first form that fits wins:
"according to ...", "..., said X", "..., X said ...", "X said ..."); the sentences are made up for these
tests. Each row pins one step a mutation run found untested (issue 16).
"""

import pytest

from dashboard.loader.attribution import refers_back, speaker


@pytest.mark.parametrize(
    "sentence,who",
    [
        # "according to ...": up to the next comma, full stop or semicolon, whatever the case of "According"
        ("Troops left the village, according to the regional governor.", "the regional governor"),
        ("According to local officials, troops left the village on Monday.", "local officials"),
        ("Troops left the village according to the governor; fighting went on.", "the governor"),
        # "..., said X": capitalised words after the verb, up to a comma or the end (the full stop is not a word)
        ("The bridge was blown up, said Petro Kovalenko, a local official.", "Petro Kovalenko"),
        ("The bridge was blown up, said Petro Kovalenko.", "Petro Kovalenko"),
        ("The bridge was blown up, said the Southern Command.", "the Southern Command"),
        ("Troops left the village, said AFX.", "AFX"),  # the full stop is cut from the end, not the name's last letter
        # "..., X said ...": the words before a trailing verb
        ("Troops left the village on Monday, the general staff said in its evening update.", "the general staff"),
        ("Troops left the village on Monday, the general staff reported.", "the general staff"),
        # ... with the descriptor between the commas before a name joined to it (five words at most)
        ("Troops left the village, the city's mayor, Ivan Petrenko, said.", "the city's mayor, Ivan Petrenko"),
        (
            "Troops left the village, the head of the administration, Ivan Petrenko, said.",
            "the head of the administration, Ivan Petrenko",
        ),
        (
            "Troops left the village, the head of the district administration, Ivan Petrenko, said.",
            "Ivan Petrenko",
        ),  # six words: too long for a descriptor
        # the descriptor is what stands after the last comma before the name
        (
            "On Monday, troops left the village, the city's mayor, Ivan Petrenko, said.",
            "the city's mayor, Ivan Petrenko",
        ),
        ("Troops left the village on Monday, Ivan Petrenko, said.", "Ivan Petrenko"),  # not a descriptor
        ("the city's mayor, Ivan Petrenko, said troops left.", "Ivan Petrenko"),  # no comma before the descriptor
        ("Troops left the village, the mayor, the head of the council, said.", "the head of the council"),
        # quotes around a trailing speaker's words are not part of the speaker
        ('"We have left the village," the governor said.', "the governor"),
        ("“We have left the village,” the governor said.", "the governor"),
        ("‘We have left the village,’ the governor said.", "the governor"),
        # "X said ...": the subject of the first speech verb, after the last comma before it
        ("Ukraine's general staff said troops had left the village.", "Ukraine's general staff"),
        ("Meanwhile, Kyiv said troops had left the village.", "Kyiv"),
        # a comma after the verb: no trailing speaker, the subject after the last comma before the verb
        ("On Monday, in a statement, Kyiv said troops had left the village, and Moscow denied it.", "Kyiv"),
        ("Meanwhile Kyiv said troops had left the village.", "Kyiv"),  # a filler word without its comma
        ("Separately the governor said troops had left the village.", "the governor"),
        ("Kyiv, whose troops hold the line, said the village was retaken.", "Kyiv"),  # a relative clause cut off
        ("The governor on Ukrainian television said troops had left the village.", "The governor"),
        ("The governor on TV said troops had left the village.", "The governor"),
        ("The governor in Russian television said troops had left the village.", "The governor"),
        # twelve words are a speaker, thirteen are not
        (
            "The spokesman of the eastern group of forces of the Ukrainian army said troops left.",
            "The spokesman of the eastern group of forces of the Ukrainian army",
        ),
    ],
)
def test_the_speaker_of_each_form(sentence, who):
    assert speaker(sentence) == who


@pytest.mark.parametrize(
    "sentence",
    [
        "Troops left the village on Monday.",  # no speech verb, no "according to"
        "He said troops had left the village.",  # a pronoun is no speaker
        "They said troops had left the village.",
        "It said troops had left the village.",
        "The new spokesman of the eastern group of forces of the Ukrainian army said troops left.",  # 13 words
    ],
)
def test_no_speaker(sentence):
    assert speaker(sentence) is None


def test_the_first_form_that_fits_wins():
    # "according to" before a speech verb; an inverted speaker before a trailing one
    assert speaker("According to the governor, Kyiv said troops left.") == "the governor"
    assert speaker("Troops left, the mayor added, said Ivan Petrenko") == "Ivan Petrenko"


def test_a_relative_clause_is_no_trailing_speaker():
    # "..., which officials said ...": the words after the comma are no speaker; the subject before is
    assert speaker("Kyiv, which officials said was calm, reported shelling.") == "Kyiv"


@pytest.mark.parametrize(
    "sentence,who",
    [
        # a relay: "according to" an outlet after a speaker the sentence names is that speaker's
        ("Troops held the village, says Petro Kovalenko, a spokesman, according to Ukrinform.", "Petro Kovalenko"),
        ("Troops held the village, according to Ukrinform.", "Ukrinform"),  # no other speaker: the outlet
        # "according to" reads through the dots of an abbreviation
        ("Troops gained 40 sq km, according to data from the U.S.-based ISW.", "data from the U.S.-based ISW"),
        # the passive: the agent, up to a preposition that is no part of it
        ("This was reported by the Southern Command in a statement on Monday.", "the Southern Command"),
        ("The pullback had been announced by Kyiv.", "Kyiv"),
        # "X quoted Y as saying": Y
        ("RIA quoted a local official, Ivan Petrenko, as saying troops left.", "a local official, Ivan Petrenko"),
        # "told": its object is the listener; the name keeps its descriptor
        (
            "Troops left the village, Ivan Petrenko, chairman of the council, told TASS, adding more.",
            "Ivan Petrenko, chairman of the council",
        ),
        # an aside between the speaker and the verb is skipped; "also" is no part of the speaker
        ("Petrenko, in a separate post on Telegram, also said troops left.", "Petrenko"),
        # "X reported, citing Y": Y's claim, read by the claimants lexicon
        (
            "Troops left the village, the news agency reported on Monday, citing the ministry.",
            "the news agency citing the ministry",
        ),
        # "A said, B reported": B only relays A
        ("Troops left the village, the ministry said on Monday, Russia Today reported.", "the ministry"),
        # a negated verb is no speech: the subject of the first verb speaks
        ("The ministry claimed its troops took the village, a statement not confirmed by Kyiv.", "The ministry"),
        # a report named as a noun
        ("Reuters could not verify the report by the ministry that its troops took the village.", "the ministry"),
        # a headline's verb and its source after a dash
        ("Ministry Reports Capture Of Village", "Ministry"),
        ("Two killed in shelling of the village — DPR head", "DPR head"),
        # labels and datelines before the speaker
        ("KYIV: Ukrainian authorities on Sunday said troops left.", "Ukrainian authorities"),
    ],
)
def test_the_speaker_of_each_added_form(sentence, who):
    assert speaker(sentence) == who


@pytest.mark.parametrize(
    "sentence, back",
    [
        ("He said troops had left the village.", True),
        ("Details: He also added that troops had left the village.", True),
        ('"Troops left the village," she said.', True),
        ("The governor said troops had left the village.", False),
        ("Troops left the village.", False),
    ],
)
def test_a_pronoun_speaker_refers_back(sentence, back):
    assert refers_back(sentence) is back
    if back:
        assert speaker(sentence) is None


@pytest.mark.parametrize(
    "sentence, who",
    [
        # a lone determiner before a verb-like noun is no speaker ("The reports were ...")
        ("The reports were supported by the capture of two villages.", None),
        # a trailing clause opening with "after" is no speaker: the subject of the first verb is
        ("Kyiv confirmed its troops left the town, two weeks after Russian troops said they took it.", "Kyiv"),
        # a passive's subject is no speaker; its agent up to "during" is
        ("This was reported by Commander Ivan Petrenko during his visit to the front.", "Commander Ivan Petrenko"),
        # an auxiliary at a speaker's end and a subordinator at its start are cut
        ("Troops left the town, local authorities have said.", "local authorities"),
        ("Although the ministry said troops left the town, fighting went on.", "the ministry"),
        # "according to" a long source: up to sixteen words
        (
            "Troops took 40 sq km, according to an AFP analysis of data from the U.S.-based Institute for the "
            "Study of War (ISW).",
            "an AFP analysis of data from the U.S.-based Institute for the Study of War (ISW)",
        ),
    ],
)
def test_what_is_no_speaker_is_cut(sentence, who):
    assert speaker(sentence) == who


@pytest.mark.parametrize(
    "sentence, who",
    [
        # a headline's trailing source is a short name: a clause after a dash is none
        ("Troops entered the city — the city is returning to Ukrainian control", None),
        # a source line may name a long office
        (
            "Source: Ivan Petrenko, Spokesman for the Joint Press Centre of the Southern Operational and Strategic "
            "Group of Forces, on air",
            "Ivan Petrenko, Spokesman for the Joint Press Centre of the Southern Operational and Strategic Group of "
            "Forces",
        ),
        # a wire's dateline and the day are no part of the speaker
        (
            "KYIV, Ukraine (AP) — Ukraine's military officials say forces are withdrawing.",
            "Ukraine's military officials",
        ),
        ("Troops left the town, as commander Ivan Petrenko admits.", "commander Ivan Petrenko"),
    ],
)
def test_headline_sources_source_lines_and_datelines(sentence, who):
    assert speaker(sentence) == who


def test_with_two_speech_verbs_each_claim_has_the_speaker_of_its_clause():
    from dashboard.loader.attribution import clause_speaker

    text = "Kyiv confirmed its troops had left Soledar, two weeks after Russian troops said they had taken it."
    assert clause_speaker(text, text.index("left")) == "Kyiv"
    assert clause_speaker(text, text.index("taken")) == "Russian troops"
    one = "Kyiv confirmed its troops had left Soledar."
    assert clause_speaker(one, one.index("left")) is None  # one verb: the sentence's speaker rules
    late = "Troops left Soledar, Kyiv said, and Moscow said it had taken it."
    assert clause_speaker(late, late.index("left")) is None  # no verb before the claim: the sentence's speaker


def test_events_in_one_sentence_take_their_clauses_speakers():
    from datetime import date

    from dashboard.loader.extract import EventExtractor

    events = (
        EventExtractor()
        .extract(
            "Ukraine confirmed on Wednesday its troops had withdrawn from Soledar, two weeks after Russian troops "
            "said they had captured the town.",
            date(2023, 1, 25),
        )
        .events
    )
    assert {(e.actor, e.action, e.claimant) for e in events} >= {
        ("UA", "withdrew", "Ukrainian officials"),
        ("RU", "captured", "Russian military"),
    }


@pytest.mark.parametrize(
    "sentence, who",
    [
        # a noun "reports" is no verb: the report named as a noun has its source
        ("Putin listened to reports from the commander of the group.", "the commander of the group"),
        # a subordinate clause before the speaker; an auxiliary ends the subject
        ("The announcement came after Ukraine's armed forces said they took the village.", "Ukraine's armed forces"),
        ("The ministry has not commented on the loss but it says fighting goes on.", "The ministry"),
        ("Urozhaine is the only village Ukraine claims to have retaken.", "Ukraine"),  # the name before the verb
        # days and dates before or after a speaker, and outlets' datelines, are cut
        ("On Sunday, the Defence Ministry said troops took the village.", "the Defence Ministry"),
        ("On May 8 Serhiy Haidai said troops left the town.", "Serhiy Haidai"),
        ("The spokesman Dmitry Peskov on Jan. 11 neither confirmed nor said it.", "The spokesman Dmitry Peskov"),
        ("SHAFAQNA-Russian military claims to have taken the city.", "Russian military"),
        ("2024) Russia's defence ministry said troops took the village.", "Russia's defence ministry"),
        # "according to" ends at a colon or a dash
        ("Where attacks happened, according to Ukrainian authorities: cities were struck.", "Ukrainian authorities"),
        # adverbs at a speaker's end
        ("Ukraine's General Staff has now said troops left.", "Ukraine's General Staff"),
    ],
)
def test_a_speakers_phrase_is_cut_to_who_speaks(sentence, who):
    assert speaker(sentence) == who


@pytest.mark.parametrize(
    "sentence, who",
    [
        # a trailing descriptor keeps the name before it, cut to a speaker's length
        (
            "Earlier, the Institute for the Study of War, a U.S. think-tank monitoring the war, said it fell.",
            "the Institute for the Study of War, a U.S. think-tank monitoring",
        ),
        (
            "Troops took the town, Ivan Petrenko, an aide to the LPR interior minister, said.",
            "Ivan Petrenko, an aide to the LPR interior minister",
        ),
        # no name before the descriptor: the descriptor alone
        ("Troops took the town on Monday, a spokesman for the group said.", "a spokesman for the group"),
    ],
)
def test_a_trailing_descriptor_keeps_its_name(sentence, who):
    assert speaker(sentence) == who
