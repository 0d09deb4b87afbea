"""General forms of reporting the rules had not seen (issue 22), one class at a time, each with made-up sentences
for both sides: who acted, wordings, structural filters. No sentence is taken from an article of the corpus."""

from datetime import date

import pytest

from dashboard.loader.extract import EventExtractor

PUBLISHED = date(2024, 11, 1)


def events(text, published=PUBLISHED):
    return [
        (e.actor, e.action, e.place_name or e.oblast_iso, e.settlements)
        for e in EventExtractor().extract(text, published).events
    ]


# --- Who acted ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a side's source telling its own gain names the other side on the way: the other side is the object
        (
            "Units of the North grouping, continuing to rout the Ukrainian formations, liberated Vovchansk.",
            [("RU", "captured", "Vovchansk", None)],
        ),
        (
            "Russian forces pushed back Ukrainian troops and liberated Krasnohorivka, the ministry said.",
            [("RU", "captured", "Krasnohorivka", None)],
        ),
        (
            "Russian troops, after defeating Ukrainian units, took control of Selydove.",
            [("RU", "captured", "Selydove", None)],
        ),
        (
            "Ukrainian forces, having repelled Russian assaults, liberated Robotyne.",
            [("UA", "captured", "Robotyne", None)],
        ),
        (
            "Ukrainian marines, after routing Russian assault groups, recaptured Klishchiivka.",
            [("UA", "captured", "Klishchiivka", None)],
        ),
        # the subject named before a side that is no object keeps its place: it acted
        ("Russia said Ukrainian forces attacked and captured Robotyne.", [("UA", "captured", "Robotyne", None)]),
    ],
)
def test_the_side_that_gained_acted_whoever_else_the_sentence_names(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The occupiers fled Kherson, the governor said.", [("RU", "withdrew", "Kherson", None)]),
        ("The Russian invaders fled from Balakliia.", [("RU", "withdrew", "Balakliia", None)]),
        ("Russian units abandoned Izium in panic.", [("RU", "withdrew", "Izium", None)]),
        (
            "Ukrainian soldiers fled Avdiivka under fire, the Russian ministry said.",
            [("UA", "withdrew", "Avdiivka", None)],
        ),
        ("The neo-Nazis fled Selydove, the ministry said.", [("UA", "withdrew", "Selydove", None)]),
    ],
)
def test_who_fled_or_abandoned_a_place_withdrew(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of Ukrainian civilians have fled to Pokrovsk.",
        "Russian troops withdrew towards Kreminna.",
        "Residents fled to Kramatorsk as Russian forces advanced, where the city is located.",
    ],
)
def test_where_a_side_went_is_not_the_place_it_left(text):
    assert [e for e in events(text) if e[1] == "withdrew" and e[2] in ("Pokrovsk", "Kreminna", "Kramatorsk")] == []


# --- Wordings ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # admissions of loss and euphemisms: the side that left withdrew; "our" and "the enemy" read from the speaker
        (
            "Our units took up more advantageous lines near Avdiivka, the Ukrainian General Staff said.",
            [("UA", "withdrew", "Avdiivka", None)],
        ),
        (
            "Our troops took up more favourable positions outside Kherson, the Russian Defence Ministry said.",
            [("RU", "withdrew", "Kherson", None)],
        ),
        (
            "Ukrainian troops relocated to prepared positions outside Avdiivka, the army said.",
            [("UA", "withdrew", "Avdiivka", None)],
        ),
        (
            "Russian units withdrew to prepared positions near Kherson, the Russian Defence Ministry said.",
            [("RU", "withdrew", "Kherson", None)],
        ),
        ("The enemy now controls Vuhledar, the Ukrainian commander admitted.", [("RU", "captured", "Vuhledar", None)]),
        (
            "The enemy now controls Robotyne, the Russian Defence Ministry conceded.",
            [("UA", "captured", "Robotyne", None)],
        ),
        (
            "Russian forces are now in control of Vuhledar, Ukrainian officials said.",
            [("RU", "captured", "Vuhledar", None)],
        ),
        # "cleared X of the enemy": a capture
        ("Ukrainian troops cleared Robotyne of the enemy.", [("UA", "captured", "Robotyne", None)]),
        (
            "Russian forces cleared Kurakhove of Ukrainian formations, the ministry said.",
            [("RU", "captured", "Kurakhove", None)],
        ),
        # damage in the passive, with who struck
        ("Homes in Kharkiv were damaged by Russian shelling.", [("RU", "struck", "Kharkiv", None)]),
        (
            "Several buildings in Belgorod were damaged in a Ukrainian drone attack.",
            [("UA", "struck", "Belgorod", None)],
        ),
        # strikes told through casualties
        ("Two people died when a Russian guided bomb hit Kostiantynivka.", [("RU", "struck", "Kostiantynivka", None)]),
        ("Three people were wounded when a Ukrainian drone struck Shebekino.", [("UA", "struck", "Shebekino", None)]),
        # lists: one claim per place, a name the gazetteer lacks listed before one it knows too
        (
            "Ukrainian forces repelled 14 attacks near Lyptsi, Vovchansk and Hlyboke.",
            [
                ("UA", "repelled", "Lyptsi", None),
                ("UA", "repelled", "Vovchansk", None),
                ("UA", "repelled", "Hlyboke", None),
            ],
        ),
        (
            "Russian troops repelled Ukrainian attacks near Robotyne and Verbove.",
            [("RU", "repelled", "Robotyne", None), ("RU", "repelled", "Verbove", None)],
        ),
    ],
)
def test_wordings_of_each_class_for_both_sides(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The enemy now controls Vuhledar.",  # whose enemy: not said
        "Sappers cleared the road near Robotyne of mines.",  # not "of the enemy"
        "Ten damaged apartment buildings stood in Uman.",  # a participle as an adjective
        "The school in Kharkiv was damaged.",  # who struck: not said
        "Our correspondent took up a position near Avdiivka.",  # not lines of a side
        "Residents said a bomb shelter in Kharkiv was full.",  # a shelter, no bomb hit anything
    ],
)
def test_wordings_that_are_no_claim(text):
    assert events(text) == []


# --- Structure: places and action words that only frame the news -------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a place that only locates another is no claim; the other place is
        ("Russian forces captured Hrodivka, a village 15 km from Pokrovsk.", [("RU", "captured", "Myrnohrad", None)]),
        (
            "Ukrainian troops liberated Andriivka, 10 kilometres south of Bakhmut, the General Staff said.",
            [("UA", "captured", "Andriivka", None)],
        ),
        ("Russian troops captured Novoselivka on the road to Kramatorsk.", [("RU", "captured", "Iverske", None)]),
        (
            "Russian forces captured Ivanivka, which lies 10 km from Kupiansk, the ministry said.",
            [("RU", "captured", "Ivanivka", None)],
        ),
        # a direction gives an advance no place; "near" keeps it
        ("Russian forces are advancing toward Pokrovsk.", []),
        ("Ukrainian troops advanced in the direction of Kreminna.", []),
        ("Russian forces have been advancing on Selydove.", []),
        ("Russian forces advanced near Pokrovsk, the ministry said.", [("RU", "advanced", "Pokrovsk", None)]),
        ("Ukrainian forces advanced 12 square kilometres toward Robotyne.", [("UA", "advanced", None, None)]),
    ],
)
def test_places_that_only_frame_a_claim(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text, oblast",
    [
        ("Russian forces withdrew from the Kyiv region, the Pentagon said.", "UA-32"),
        ("Russian missiles struck the Kharkiv region overnight.", "UA-63"),
        ("Ukraine has retaken the entire Kyiv region, Deputy Defence Minister Hanna Maliar said.", "UA-32"),
    ],
)
def test_the_x_region_is_the_oblast_never_its_city(text, oblast):
    [event] = EventExtractor().extract(text, PUBLISHED).events
    assert (event.oblast_iso, event.place_precision, event.geonameid) == (oblast, "oblast", None)


@pytest.mark.parametrize(
    "text",
    [
        # background about the war's start
        "Russian forces captured Kherson in the first days of the invasion.",
        "Early in the war, Russian troops seized Hostomel.",
        "Ukrainian forces repelled the assault on Kyiv at the start of the full-scale invasion.",
        # a dateline is where the report was filed
        "Kharkiv (Reuters) - Russian missiles struck overnight, officials said.",
        "Pokrovsk, Ukraine (AP) — Russian forces attacked overnight.",
    ],
)
def test_background_and_datelines_are_no_claim(text):
    assert events(text) == []


def test_a_dateline_is_never_the_claims_place():
    from dashboard.loader.claims import is_dateline

    assert is_dateline("Kyiv, Feb 3 (Reuters) - Russian missiles ...", 0)
    assert is_dateline("MOSCOW: Russian forces ...", 0)
    assert not is_dateline("Kyiv said Russian forces ...", 0)
    assert not is_dateline("Russian forces left Kyiv: ...", 19)
    assert events("Kupiansk (Reuters) - Kupiansk was retaken by Ukrainian troops on Saturday.") == [
        ("UA", "captured", "Kupiansk", None)
    ]  # the same name later in the sentence is a claim


# --- More wordings of strikes, held attacks and gains (official summaries of both sides) ---------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Units of Battlegroup West repelled three counterattacks by Ukrainian assault groups near Kupiansk.",
            [("RU", "repelled", "Kupiansk", None)],
        ),  # "by" after an attack noun names the attacker
        ("Ukrainian defenders stopped a Russian assault near Chasiv Yar.", [("UA", "repelled", "Chasiv Yar", None)]),
        ("Russian troops halted a Ukrainian attack near Robotyne.", [("RU", "repelled", "Robotyne", None)]),
        ("Ukrainian troops beat off an attack on Robotyne.", [("UA", "repelled", "Robotyne", None)]),
        ("Kharkiv came under Russian missile fire overnight.", [("RU", "struck", "Kharkiv", None)]),
        ("Belgorod came under Ukrainian drone attack, Governor Gladkov said.", [("UA", "struck", "Belgorod", None)]),
        ("Russian troops attacked Kupiansk with glide bombs.", [("RU", "struck", "Kupiansk", None)]),
        ("Ukraine attacked Belgorod with drones, Governor Gladkov said.", [("UA", "struck", "Belgorod", None)]),
        ("Ukrainian forces hit a Russian command post near Tokmak.", [("UA", "struck", "Tokmak", None)]),
        ("Russian forces broke into Toretsk, the ministry said.", [("RU", "captured", "Toretsk", None)]),
        ("Ukrainian troops have established a bridgehead near Kozatske.", [("UA", "advanced", "Kozatske", None)]),
    ],
)
def test_official_summary_wordings_for_both_sides(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The war hit the economy of Kharkiv hard.",  # "hit" with no military target
        "Police stopped a car near Kupiansk.",  # "stopped" with no attack
        "The plan was attacked by critics in Kyiv.",  # "attacked" with no "with"
    ],
)
def test_those_wordings_elsewhere_are_no_claim(text):
    assert events(text) == []


# --- Failed attempts and denials ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The enemy unsuccessfully tried to advance near Kupiansk, the General Staff said.",
            [("UA", "repelled", "Kupiansk", None)],
        ),
        (
            "Ukrainian forces unsuccessfully attacked near Robotyne, the Russian Defence Ministry said.",
            [("RU", "repelled", "Robotyne", None)],
        ),
        ("Russian troops tried in vain to break through near Chasiv Yar.", [("UA", "repelled", "Chasiv Yar", None)]),
        ("Russian troops attempted to storm Chasiv Yar but were repelled.", [("UA", "repelled", "Chasiv Yar", None)]),
        (
            "Ukrainian units tried to advance near Robotyne without success, the Russian ministry said.",
            [("RU", "repelled", "Robotyne", None)],
        ),
        ("Russian troops tried to capture Kupiansk in 2023.", []),  # an attempt whose end is not told: no claim
    ],
)
def test_a_failed_attack_is_the_other_sides_repel(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russian claims to have captured Bilohorivka are false, the governor said.",
        "Reports that Ukrainian troops had retaken Krynky were denied by Kyiv.",
        "Russian forces are preparing to capture Pokrovsk, analysts said.",
        "Moscow has vowed to retake Kursk.",
    ],
)
def test_denied_and_planned_claims_are_none(text):
    assert events(text) == []


def test_a_denial_in_another_clause_does_not_deny_the_claim():
    assert events("Ukrainian forces liberated Robotyne, but Kyiv dismissed reports of a breakthrough.") == [
        ("UA", "captured", "Robotyne", None)
    ]


# --- More wordings of captures and strikes ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Vuhledar is now under Russian control, the ministry said.", [("RU", "captured", "Vuhledar", None)]),
        ("Kupiansk is under Ukrainian control again.", [("UA", "captured", "Kupiansk", None)]),
        ("Ukrainian forces freed the village of Klishchiivka.", [("UA", "captured", "Klishchiivka", None)]),
        ("Russia claimed control of Soledar on Friday.", [("RU", "captured", "Soledar", None)]),
        ("Ukrainian soldiers raised the Ukrainian flag over Kherson.", [("UA", "captured", "Kherson", None)]),
        ("Russian troops moved into Marinka.", [("RU", "captured", "Marinka", None)]),
        ("Russian forces fired on Nikopol overnight.", [("RU", "struck", "Nikopol", None)]),
        ("An apartment block in Dnipro was hit by a Russian missile.", [("RU", "struck", "Dnipro", None)]),
        ("Shebekino was hit by Ukrainian drones overnight.", [("UA", "struck", "Shebekino", None)]),
        ("Ukraine's forces pushed Russian troops back from Kupiansk.", [("UA", "advanced", "Kupiansk", None)]),
    ],
)
def test_more_wordings_for_both_sides(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nearly 5% of Ukraine is under Russian control, including the majority of the Luhansk area.",
        "Kharkiv was hit hard by power cuts.",  # no agent of a strike
        "Officials freed up funds for Kherson.",  # "freed up": not a place's liberation
    ],
)
def test_those_wordings_elsewhere_are_none(text):
    assert events(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ukrainian forces held their positions near Kupiansk, the General Staff said.",
            [("UA", "repelled", "Kupiansk", None)],
        ),
        ("Russian troops hold positions in Bakhmut.", [("RU", "repelled", "Bakhmut", None)]),
        ("Ukrainian troops withstood a Russian assault on Chasiv Yar.", [("UA", "repelled", "Chasiv Yar", None)]),
        ("Ukrainian defenders continue to repel attacks near Pokrovsk.", [("UA", "repelled", "Pokrovsk", None)]),
        ("Russia hit Kyiv with missiles and drones overnight.", [("RU", "struck", "Kyiv", None)]),
        ("Russian forces hammered Kherson with artillery.", [("RU", "struck", "Kherson", None)]),
        ("Kyiv said Russian forces struck Kharkiv.", [("RU", "struck", "Kharkiv", None)]),  # Kyiv the speaker
    ],
)
def test_holding_and_hitting_for_both_sides(text, expected):
    assert events(text) == expected


def test_holding_the_line_as_a_duty_is_no_claim():
    assert events("Ukraine must hold the line in Pokrovsk, Zelensky said.") == []


# --- Parts, questions and what would follow ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Wagner units liberated two districts in the city of Bakhmut, the ministry said.",  # a part of a place
        "Ukrainian troops left a microdistrict of Vovchansk.",
        "Russian troops had entered the suburbs of Chasiv Yar, RIA said.",
        "Asked whether the capture of Robotyne by Russian troops was true, the spokesman declined to comment.",
        "The fall of Toretsk brings closer the liberation of Kostiantynivka, the Russian commentator wrote.",
        "Ukrainian forces are considering withdrawing from Kurakhove.",
        "Further Russian advances could harm Ukraine's economy.",
        "Russia takes control of Donetsk region village.",  # the region locates
    ],
)
def test_parts_questions_and_prospects_are_no_claim(text):
    assert events(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The occupiers are retreating to the borders of the legendary Kherson, the statement said.", []),
        ("Novoluhanske is located north of DPR's Horlivka, which Russian forces liberated.", []),
        ("Moscow said its forces had captured a village near the embattled supply hub of Pokrovsk.", []),
    ],
)
def test_where_and_whither_are_not_the_claims_place(text, expected):
    assert [e for e in events(text) if e[2] in ("Kherson", "Horlivka", "Pokrovsk")] == [] and (
        not expected or events(text) == expected
    )


def test_a_strike_on_a_district_is_a_strike_on_the_place():
    assert events("Russian missiles hit a residential district of Kharkiv.") == [("RU", "struck", "Kharkiv", None)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russia failed to capture Vuhledar after a three-week fight.", [("UA", "repelled", "Vuhledar", None)]),
        ("Ukraine failed to take Tokmak, the Russian Defence Ministry said.", [("RU", "repelled", "Tokmak", None)]),
        (
            "The enemy made unsuccessful offensive attempts in the areas of Myroliubivka and Bilohirka, the Russian "
            "Defence Ministry said.",
            [("RU", "repelled", "Myroliubivka", None), ("RU", "repelled", "Bilohirka", None)],
        ),
    ],
)
def test_unsuccessful_attempts_are_the_other_sides_repel(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Ukrainian forces drove out Russian troops from the villages of Mykhailivka and Volodymyrivka.",
            [("UA", "captured", "Mykhailivka", None), ("UA", "captured", "Volodymyrivka", None)],
        ),
        ("Russian forces drove Ukrainian troops out of Kamianka.", [("RU", "captured", "Kamianka", None)]),
        ("The Defence Forces returned Rivnopil under Ukrainian control.", [("UA", "captured", "Rivnopil", None)]),
        ("Russian forces were now in control of Vuhledar.", [("RU", "captured", "Vuhledar", None)]),
        (
            "Ukrainian forces have vacated Synkivka, the Russian-installed head said.",
            [("UA", "withdrew", "Synkivka", None)],
        ),
        ("Ukrainian troops were forced to retreat from Kozinka.", [("UA", "withdrew", "Kozinka", None)]),
        ("Russian troops fought their way into Velyka Novosilka.", [("RU", "advanced", "Velyka Novosilka", None)]),
        ("Russian troops reached the centre of Kurakhove.", [("RU", "advanced", "Kurakhove", None)]),
        ("Ukrainian defenders broke through the Russian defences near Verbove.", [("UA", "advanced", "Verbove", None)]),
        ("Russian troops are expanding the buffer zone near Siversk.", [("RU", "advanced", "Siversk", None)]),
        # a purpose or a direction after the gain gives it no more places
        (
            "Russian forces expanded their foothold in Pisky, in order to encircle Avdiivka.",
            [("RU", "advanced", "Pisky", None)],
        ),
        (
            "Russian forces expanded the control zone near Pisky with access to Pervomaiske.",
            [("RU", "advanced", "Pisky", None)],
        ),
    ],
)
def test_gains_and_losses_in_wire_and_official_wording(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia confirms big retreat near Kharkiv as Ukraine offensive advances.",
        "Reports of a Ukrainian retreat from Sudzha emerged on Monday.",
    ],
)
def test_a_retreat_as_a_noun_is_no_claim(text):
    assert [e for e in events(text) if e[1] == "withdrew"] == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # a defence ministry's strike told as one on the other side's forces: the side named is the target
        (
            "Russian aviation and artillery defeated concentrations of Ukrainian personnel and equipment near Vovchansk "
            "and Hlyboke, the Russian Defence Ministry said.",
            [("RU", "struck", "Vovchansk", None), ("RU", "struck", "Hlyboke", None)],
        ),
        (
            "Ukrainian artillery inflicted losses on the manpower of two Russian brigades near Verbove, the General Staff "
            "said.",
            [("UA", "struck", "Verbove", None)],
        ),
        (
            "Ukrainian drones carried out a fire attack on Russian personnel near Kreminna.",
            [("UA", "struck", "Kreminna", None)],
        ),
        # no side before it: "enemy" takes its side from who introduced the list
        (
            "Russia's Defence Ministry reported on Sunday:\n- Air strikes and artillery fire defeated concentrations of "
            "enemy personnel near Siversk.",
            [("RU", "struck", "Siversk", None)],
        ),
        (
            "Ukraine's General Staff reported on Sunday:\n- Our artillery engaged enemy equipment near Kreminna.",
            [("UA", "struck", "Kreminna", None)],
        ),
    ],
)
def test_a_strike_on_the_other_sides_forces_is_a_strike_where_they_were(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine hopes to inflict losses on Russian manpower near Kreminna.",
        "Ukraine defeated Russia in the football match played near Kreminna.",
    ],
)
def test_a_strike_on_forces_not_carried_out_is_no_claim(text):
    assert events(text) == []


def placed(text):
    return {e.place_name: e.oblast_iso for e in EventExtractor().extract(text, PUBLISHED).events}


@pytest.mark.parametrize(
    "text, snagost",
    [
        # a village the gazetteer lacks, listed beside a namesake town (Yuzhny, a small town of Kharkiv oblast) in an
        # oblast the article never names: at the region the article named before
        (
            "Russian aircraft hit Ukrainian troops in the Sumy Region, Russia's Defence Ministry reported.\n"
            "Fighting went on in the Kursk Region.\n"
            "- Russian artillery defeated concentrations of Ukrainian personnel near Snagost, Borki and Yuzhny.",
            "RU-KRS",
        ),
        (
            "Ukrainian drones hit Russian troops in the Sumy Region, Ukraine's General Staff reported.\n"
            "Fighting went on in the Kursk Region.\n- Ukrainian forces repelled attacks near Snagost, Borki and Yuzhny.",
            "RU-KRS",
        ),
        # a town beside it in an oblast the article names does place it
        (
            "Russian aircraft hit Ukrainian troops in the Sumy Region and the Kharkiv Region, Russia's Defence Ministry "
            "reported.\nFighting went on in the Kursk Region.\n"
            "- Russian artillery defeated concentrations of Ukrainian personnel near Snagost, Borki and Yuzhny.",
            "UA-63",
        ),
    ],
)
def test_a_village_the_gazetteer_lacks_is_not_placed_by_a_namesake_the_article_never_points_to(text, snagost):
    assert placed(text).get("Snagost") == snagost


@pytest.mark.parametrize(
    "text, expected",
    [
        # an attempt told in one sentence, its failure in the next: the other side's repel
        (
            "The enemy tried to attack near Siversk and Kreminna, the General Staff said. It was not successful.",
            [("UA", "repelled", "Siversk", None), ("UA", "repelled", "Kreminna", None)],
        ),
        (
            "The enemy continues to attempt to regain its lost positions near Siversk, the General Staff said. However, "
            "our defenders successfully repel these attacks.",
            [("UA", "repelled", "Siversk", None)],
        ),
        (
            "Ukrainian forces tried to storm Verbove, the Russian Defence Ministry said. All attacks were repulsed.",
            [("RU", "repelled", "Verbove", None)],
        ),
    ],
)
def test_an_attempt_whose_failure_the_next_sentence_tells_is_the_other_sides_repel(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # an attempt whose outcome the next sentence does not tell is no claim
        "Ukrainian forces tried to storm Verbove, the Russian Defence Ministry said. Fighting continues.",
        "The enemy tried to attack near Siversk. Our reporters visited the town on Monday.",
        # a past participle between a determiner and a noun is an adjective: "their lost positions"
        "The units returned to their lost positions near Siversk as the General Staff said.",
    ],
)
def test_an_attempt_with_no_failure_told_is_no_claim(text):
    assert events(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # the side named as who made the attacks ("attacks by Ukrainian groups") is not who held: a repel after it in
        # the sentence is the other side's
        (
            "The Northern group repelled attacks by Ukrainian assault groups in the direction of Kreminna, and foiled "
            "attacks near Siversk and Verbove.",
            [("RU", "repelled", "Siversk", None), ("RU", "repelled", "Verbove", None)],
        ),
        (
            "The brigade beat back attacks by Russian assault groups and thwarted attacks near Siversk.",
            [("UA", "repelled", "Siversk", None)],
        ),
    ],
)
def test_the_side_that_made_the_attacks_is_not_who_repelled_them(text, expected):
    assert [e for e in events(text) if e[2] != "Kreminna"] == expected  # a direction's place is optional


def test_attacks_by_a_side_with_no_repel_are_no_claim():
    assert events("Attacks by Russian forces near Siversk continued.") == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # names with diacritics, as Czech, Slovak and Polish outlets write them, are the gazetteer's places
        ("Russian troops liberated Sudža, the ministry in Moscow said.", [("RU", "captured", "Sudzha", None)]),
        ("Ukrainian forces recaptured Černihiv.", [("UA", "captured", "Chernihiv", None)]),
        ("Journalists visited Sudža on Monday.", []),
    ],
)
def test_a_name_with_diacritics_is_read_whole(text, expected):
    assert events(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an attack on a city told through its casualties, with the city's description between
        (
            "A Russian attack on the southern city of Mykolaiv killed three people on Friday.",
            [("RU", "struck", "Mykolaiv", None)],
        ),
        (
            "A Ukrainian attack on the border town of Shebekino wounded two people, the governor said.",
            [("UA", "struck", "Shebekino", None)],
        ),
        # a failed attack on a city is an assault, no strike
        ("Russian forces lost dozens of vehicles during a failed attack on the eastern city of Vuhledar.", []),
    ],
)
def test_an_attack_on_the_described_city_of_x_is_a_strike(text, expected):
    assert [e for e in events(text) if e[1] == "struck"] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the X and Y regions": two oblast-level claims, never the cities
        (
            "Russian drones struck the Kyiv and Khmelnytskyi regions overnight.",
            [("RU", "struck", "Kyiv Oblast", None), ("RU", "struck", "Khmelnytskyi", None)],
        ),
        (
            "Ukrainian artillery shelled the Belgorod and Kursk regions overnight, the governors said.",
            [("UA", "struck", "Belgorod Oblast", None), ("UA", "struck", "Kursk Oblast", None)],
        ),
        # regions only located by the sentence are no claim
        ("Air raid alerts sounded across the Kyiv and Khmelnytskyi regions overnight.", []),
    ],
)
def test_two_regions_under_one_noun_are_two_oblast_level_claims(text, expected):
    found = EventExtractor().extract(text, PUBLISHED).events
    assert events(text) == expected and all(e.geonameid is None for e in found)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bare "hit X": the name right after, then a list, a time or the clause's end
        ("Russian forces hit Kyiv and surrounding areas in a massive night attack.", [("RU", "struck", "Kyiv", None)]),
        ("Ukrainian drones hit Belgorod overnight, the governor said.", [("UA", "struck", "Belgorod", None)]),
        # "hit hard", "hit back", a figure of speech: no place
        ("Sanctions hit Russia's economy hard in Belgorod.", []),
        ("Zelensky said Ukraine would hit back at Russia in Belgorod.", []),
    ],
)
def test_a_bare_hit_of_a_place_is_a_strike(text, expected):
    assert [e for e in events(text) if e[1] == "struck"] == expected
