"""Russian-style romanisations of Ukrainian places, as Russian state media and the wires write them: variants built
from the gazetteer's own Russian Cyrillic names (``geodata.build.romanised_names``, with ``iuliia``), and GeoNames'
historic names. Made-up sentences, both sides; no rule is written for a name."""

from datetime import date

import pytest

from dashboard.geo import gazetteer
from dashboard.loader.extract import EventExtractor
from geodata.build import romanised_names
from geodata.names import romanise_russian


def events(text, published=date(2024, 11, 1)):
    return [(e.actor, e.action, e.place_name, e.oblast_iso) for e in EventExtractor().extract(text, published).events]


@pytest.mark.parametrize(
    "cyrillic, latin",
    [
        ("Угледар", ("Ugledar",)),
        ("Красногоровка", ("Krasnogorovka",)),
        ("Очеретино", ("Ocheretino",)),
        ("Великая Новосёлка", ("Velikaya Novosyolka", "Velikaya Novoselka")),
        ("Зелёное Поле", ("Zelyonoye Pole", "Zelenoye Pole")),
        ("Новомихайловка", ("Novomikhaylovka",)),
    ],
)
def test_russian_cyrillic_is_romanised_as_the_press_writes_it(cyrillic, latin):
    assert romanise_russian(cyrillic) == latin


@pytest.mark.parametrize("name", ["Куп’янськ", "Злынка балһсн", "Сеўск", "Kupiansk", ""])
def test_names_that_are_not_russian_cyrillic_give_no_variant(name):
    assert romanise_russian(name) == ()


def test_only_spellings_geonames_lacks_are_added():
    assert romanised_names("Vasylivka", ["Vasilyevka", "Васильевка"]) == []  # GeoNames has it already
    assert romanised_names("Vasylivka", ["Васильевка", "Васильевка"]) == ["Vasilyevka"]
    assert romanised_names("Mostove", ["Мостовое"]) == ["Mostovoye"]


@pytest.mark.parametrize(
    "written, place",
    [
        ("Ugledar", "Vuhledar"),
        ("Krasnogorovka", "Krasnohorivka"),
        ("Kurakhovo", "Kurakhove"),
        ("Ocheretino", "Ocheretyne"),
        ("Selidovo", "Selydove"),
        ("Velikaya Novoselka", "Velyka Novosilka"),
        ("Zelenoye Pole", "Zelene Pole"),
        ("Dzerzhinsk", "Toretsk"),
        ("Krasnoarmeysk", "Pokrovsk"),
        ("Artyomovsk", "Bakhmut"),
        ("Mostovoye", "Mostove"),
    ],
)
def test_the_gazetteer_knows_russian_and_historic_forms(written, place):
    assert place in {p.name for p in gazetteer().places(written)}


def test_russian_forms_in_a_russian_report():
    assert events(
        "Units of the Southern grouping liberated Krasnogorovka and Velikaya Novoselka, "
        "the Russian Defence Ministry said."
    ) == [("RU", "captured", "Krasnohorivka", "UA-14"), ("RU", "captured", "Velyka Novosilka", "UA-14")]
    assert events("Russian forces struck Krasnoarmeysk overnight.") == [("RU", "struck", "Pokrovsk", "UA-14")]


def test_russian_forms_of_a_ukrainian_gain():
    assert events("Ukrainian troops repelled an attack near Ugledar.") == [("UA", "repelled", "Vuhledar", "UA-14")]
    assert events("Ukrainian forces withdrew from Artyomovsk, Russia said.") == [("UA", "withdrew", "Bakhmut", "UA-14")]


def test_a_village_the_gazetteer_lacks_takes_the_republic_the_sentence_names():
    assert events("Russian forces liberated Novomikhailovka in the DPR.") == [
        ("RU", "captured", "Novomikhailovka", "UA-14")
    ]


def test_a_two_word_russian_form_is_one_name_not_a_known_second_word():
    # "Novoselka" alone is known (several villages); "Velikaya Novoselka" is one place
    assert events("Russian troops entered Velikaya Novoselka.") == [("RU", "captured", "Velyka Novosilka", "UA-14")]
