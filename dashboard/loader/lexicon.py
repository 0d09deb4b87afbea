"""The reading rules' words, as data: what to change to teach the loader a new wording.

Every group below is a tuple of words or short phrases (regular-expression
syntax allowed: ``\\s+`` between words, ``?`` for an optional letter). Each
group says in one line what it means and where the rules use it. The rule
modules (``claims.py``, ``mentions.py``, ``dates.py``, ``quantities.py``,
``attribution.py``, ``sentences.py``) build their patterns from these groups
with ``alternation()``; none spells a rule word of its own.

To add a wording: put it in the right group, add a line to
``tests/test_claims.py`` with a sentence that uses it (and, if it could
mislead, one that must not become an event), run ``python -m pytest
tests/test_claims.py tests/test_lexicon.py``.
"""

from __future__ import annotations

import re

# A strike told as one on the other side's forces (how both defence ministries report it): "defeated concentrations
# of enemy personnel and equipment near X", "inflicted losses on the manpower of three Ukrainian brigades in the
# areas of X", "carried out a fire attack on enemy manpower near X". The side named after it is the target.
FORCES_STRIKE = (
    r"(?:defeated|engaged|struck|hit|inflicted\s+(?:heavy\s+|significant\s+)?(?:losses|damage)\s+on|"
    r"carried\s+out\s+(?:an?\s+)?(?:fire\s+)?(?:attacks?|strikes?)\s+on)"
    r"(?=\s+(?:[\w'’-]+\s+){0,5}?(?:manpower|personnel|equipment|concentrations|formations|reserves|"
    r"deployment\s+sites|brigades?)\b)",
)

# How the sentence after an attempt says it failed ("tried to attack near X. It was not successful"): an attempt
# followed by one of these is the other side's repel (lexicon "failed_attack").
FAILURE_NEXT = (
    r"(?:it|they|this|these\s+attacks|all\s+(?:the\s+|of\s+the\s+|these\s+)?attacks|the\s+attacks?|"
    r"the\s+attempts?|the\s+enemy|the\s+attackers)\s+(?:(?:was|were|has\s+been|have\s+been)\s+)?"
    r"(?:not\s+successful|unsuccessful|repelled|repulsed|beaten\s+back|thwarted|stopped|failed)",
    r"(?:it|they|the\s+enemy|the\s+attackers)\s+did\s+not\s+succeed",
    r"our\s+(?:defenders|troops|forces|units|soldiers)\s+(?:\w+ly\s+)?(?:repel|repelled|repulsed|stopped|"
    r"held\s+them\s+off|beat\s+(?:them|these\s+attacks)\s+back)",
)

# --- Actions ---------------------------------------------------------------------------------------
# Verbs (and a few nouns) that make a sentence a claim of each action, written in lower case: they are
# matched against the lower-cased text. Longer forms first where one is a prefix of another.
# "the city is returning to Ukrainian control": the side inside the words took the place before them
RETURNING_TO_CONTROL = (
    r"(?:is|are|was|were)\s+(?:now\s+)?return(?:ing|ed)\s+(?:to|under)\s+(?:ukrainian|russian)\s+control"
)
ACTION_WORDS: dict[str, tuple[str, ...]] = {
    # the actor took the place: took, retook, entered, occupied, liberated, took control; present tense and
    # nouns of action too ("captures", "the recapture of", "Russia's takeover of", "the liberation of")
    "captured": (
        r"re-?captured",
        "captured",
        "recaptured",
        "retook",
        "retaken",
        r"re-?took",
        r"took\s+(?:back|(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over))",
        r"taken\s+(?:back|(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over))",
        r"took(?!\s+up\b)",
        r"taken(?!\s+up\b)",
        r"(?:takes|taking)\s+(?:back|(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over))",
        "seized",
        "seizes",
        "entered",
        "occupied",
        "liberated",
        "liberates",
        "regained",
        "regains",
        "freed",
        "frees",
        r"moved\s+into",
        r"claimed\s+(?:full\s+|complete\s+)?control\s+(?:of|over)",
        # "raised the Ukrainian flag over X"
        r"(?:raised|hoisted|planted)\s+(?:the\s+|a\s+|their\s+|its\s+)?(?:[\w-]+\s+)?flags?\s+(?:over|in|above|on)",
        "reclaimed",
        r"won\s+back",
        r"re-?captures",
        "retakes",
        "captures",
        r"de-?occupied",
        "capturing",
        r"re-?capturing",
        "retaking",
        "seizing",
        "liberating",
        r"put\s+under\s+(?:(?:their|its|full)\s+)?control",
        # "X is back under Ukrainian control": the side inside the words is the actor
        # (not "remains under Ukrainian control": holding a place is no capture of it, GUIDE.md)
        r"(?:back|(?:came|come|comes|fell|passed)(?:\s+back)?|(?:is|are|was|were|has\s+been|have\s+been|now)"
        r"(?:\s+now|\s+fully|\s+completely)?)\s+under\s+(?:full\s+|complete\s+)?"
        r"(?:ukrainian|russian)\s+control",
        RETURNING_TO_CONTROL,
        r"(?:gained|gains|established|establishes|assumed|secured|seized|had|has|have)\s+"
        r"(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over)",
        r"(?:the\s+)?(?:re-?capture|capture|takeover|seizure|liberation|occupation)\s+of",
        r"fell\s+to",
        r"fallen\s+to",
        r"falls\s+to",
        r"fall\s+to",
        r"fall\s+of",
        r"broke\s+into",
        # admissions: "the enemy now controls X", "Russian forces are now in control of X"
        r"now\s+controls?(?!\s+(?:about|around|over|more|nearly|some|almost|[\d,.]+)\b)",
        # "cleared X of the enemy", "cleared Kurakhove of Ukrainian troops"
        r"cleared(?=\s+(?:[\w'’-]+\s+){1,3}of\s+(?:the\s+)?(?:enemy|ukrainian|russian|occupiers?|invaders|"
        r"neo-?nazis|militants|[\w-]+\s+(?:troops|forces|units|formations)))",
        # "Russian troops have driven Ukrainian forces out of Korenevo": the subject took it
        r"(?:drove|driven|drive|drives|driving|pushed|knocked|forced)\s+(?:the\s+)?(?:ukrainian|russian|enemy)\s+"
        r"(?:armed\s+forces|forces|troops|units|army|military)\s+out\s+(?:of|from)",
        r"(?:drove|driven|drive|drives|driving|pushed|knocked|forced|kicked)\s+out\s+(?:the\s+)?(?:ukrainian|russian|"
        r"enemy)\s+(?:armed\s+forces|forces|troops|units|army|military)\s+(?:from|of)",
        # "returned Rivnopil under our control", "Russian forces were now in control of Pobeda"
        r"returned(?=\s+(?:[\w'’-]+\s+){1,3}?(?:under|to)\s+(?:our|ukrainian|russian|their|its)\s+control)",
        r"(?:were|was|is|are)\s+(?:now\s+)?in\s+(?:full\s+)?control\s+of",
    ),
    # the actor left the place: withdrew, pulled out, retreated, abandoned, was ordered out; present tense
    # ("Troops withdraw from X", "say they are withdrawing") and the noun ("the withdrawal of its troops from")
    "withdrew": (
        "withdrew",
        "withdrawn",
        "withdraws",
        "withdrawing",
        "withdraw",
        r"pulled\s+(?:out|back)",
        r"(?:pulls|pulling|pull)\s+(?:out|back)",
        "retreated",
        "retreats",
        "retreating",
        "retreat",
        "abandoned",
        "abandons",
        "abandoning",
        "left",
        "fled",
        "flees",
        "fleeing",
        "vacated",
        r"ordered\s+(?:(?:the|its|their|his|[\w-]+)\s+){0,3}?to\s+(?:withdraw|retreat|leave|pull\s+(?:out|back)|"
        r"move\s+elsewhere)",
        r"ordered\s+(?:(?:its|their|the|a)\s+)?[\"“]?withdrawal",
        r"pulled\s+(?:(?:its|their|the|his|[\w-]+)\s+){0,2}?(?:forces|troops|units|soldiers)\s+(?:out|back)",
        r"withdrawal\s+(?:of\s+(?:[\w-]+\s+){0,3})?from",
        r"pull-?out\s+from",
        # euphemisms of one's own retreat: "took up more advantageous lines", "relocated to prepared
        # positions", "fell back to", "regrouped to"
        r"(?:took|taken|take|takes|taking)\s+up\s+(?:more\s+)?(?:advantageous|favou?rable|better|new|"
        r"prepared|defensive)\s+(?:lines|positions|frontiers|boundaries)",
        r"(?:relocated|moved|withdrew|pulled\s+back|fell\s+back|regrouped|redeployed|retreated)\s+to\s+"
        r"(?:more\s+)?(?:advantageous|favou?rable|better|prepared|new|defensive|rear)\s+"
        r"(?:lines|positions|frontiers|boundaries)",
        r"fell\s+back\s+from",
    ),
    # the actor held the place against an attack
    "repelled": (
        "repelled",
        "repulsed",
        r"fended\s+off",
        r"beat\s+back",
        r"beaten\s+back",
        r"held\s+off",
        "thwarted",
        "foiled",
        "repels",
        "repelling",
        "repulsing",
        r"fought\s+off",
        r"fending\s+off",
        "defending",
        "defended",
        "withstood",
        r"warded\s+off",
        "repel",
        # "held their positions near X", "are holding the line in X"
        r"(?:held|holding|hold|holds)\s+(?:their\s+|its\s+|the\s+)?(?:positions|ground|line|defen[cs]es?)",
        # "stopped a Russian assault near X", "beat off an attack on X": an attack held
        r"(?:stopped|halted|beat\s+off|beaten\s+off|fought\s+back|repulsed|blocked|neutrali[sz]ed)"
        r"(?=\s+(?:an?\s+|the\s+|all\s+|several\s+|multiple\s+|[\d,]+\s+)?(?:[\w-]+\s+){0,2}?"
        r"(?:attacks?|assaults?|offensives?|counterattacks?|counter-attacks?|attempts?|advances?|storming)\b)",
    ),
    # the actor hit the place (no change of control): verbs, and the weapons named as the subject
    "struck": (
        "struck",
        "strikes",
        "shelled",
        "shelling",
        "shells",
        "bombarded",
        "bombed",
        "missiles?",
        # "homes in X were damaged by shelling", "a guided bomb hit X" (a weapon as the subject)
        "damaged",
        r"(?:guided\s+|glide\s+|aerial\s+|cluster\s+)?bombs?",
        "rockets?",
        "artillery",
        "drones?",
        r"air\s*strikes?",
        r"air\s+raids?",
        "pounded",
        "pounding",
        "pound",
        "destroyed",
        # "attacked the cities of Kharkiv and Kryvyi Rih": an attack on cities is a strike
        r"attacked(?=\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?(?:cities|city|capital|towns?)\b)",
        # "The town of Shebekino was targeted by Ukrainian forces", "a Ukrainian attack on the town of"
        "targeted",
        r"(?<!failed\s)(?<!unsuccessful\s)attacks?\s+on(?=\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}?"
        r"(?:cities|city|capital|towns?|villages?)\b)",  # "a failed attack on the city of X" is an assault
        # "Kharkiv came under Russian missile fire" (the place before), "attacked Kupiansk with glide bombs"
        r"(?:came|come|comes|was|were|is|are|has\s+been|have\s+been)\s+under\s+(?:heavy\s+|intense\s+|renewed\s+|"
        r"massive\s+)?(?:[\w-]+\s+){0,2}?(?:fire|shelling|attack|bombardment|strikes)",
        r"attacked(?=\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+with\b)",
        r"fired\s+(?:on|at|upon)",
        # "Russia hit Kyiv with missiles", "hammered X", "bombarding X"
        r"hit(?=\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+with\b)",
        # a bare "hit X": a name right after, then a list, a time or the clause's end ("hit Kyiv and
        # surrounding areas", "hit Kharkiv overnight"); "hit hard", "hit back" are no place
        r"hit(?=\s+(?!hard\b|back\b|out\b|home\b|by\b|the\b|a\b|an\b)[\w'’-]+(?:\s+[\w'’-]+)?"
        r"(?:\s*[,.;]|\s+(?:and|overnight|early|late|on|in|at|again|twice)\b))",
        "hammered",
        "hammering",
        "bombarding",
        "blasted",
        # "X was hit by a Russian missile" (the place before)
        r"(?:was|were|been|being)\s+hit",
        r"hit(?=\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:positions?|command\s+posts?|depots?|bases?|airfields?|"
        r"bridges?|facilit(?:y|ies)|infrastructure|plants?|refiner(?:y|ies)|targets?|warehouses?)\b)",
        # a defence ministry's strike on forces: "defeated concentrations of enemy personnel and equipment
        # near X", "inflicted losses on Ukrainian manpower in the areas of X" (the side named is the target)
        *FORCES_STRIKE,
    ),
    # the actor gained ground: given as an area or a count of settlements, or near a place it names
    "advanced": (
        "advanced",
        "gained",
        r"made\s+(?:marginal\s+|small\s+|some\s+|further\s+)?(?:gains|progress)",
        r"pushed\s+forward",
        "advancing",
        "advances",
        "advance",
        # "fought their way into X", "moving deeper into X", "reached the centre of X", "broke through the
        # Russian defences near X", "expanding the buffer zone near X"
        r"(?:fought|battled|pushed|forced)\s+(?:their|its)\s+way\s+into",
        r"(?:moving|moved|pushed|pushing)\s+deeper\s+into",
        r"reached\s+the\s+(?:centre|center|edge)\s+of",
        r"broke\s+through(?=\s+(?:[\w'’-]+\s+){0,6}?(?:lines?|defen[cs]es?|positions)\b)",
        r"(?:expand|expanded|expanding|expands|widened|widening|extended|extending)\s+(?:the\s+|a\s+|its\s+|their\s+)?"
        r"(?:buffer\s+zone|foothold|bridgehead|control\s+zone|zone\s+of\s+control|area\s+of\s+control)",
        # "established a bridgehead near Krynky", "gained a foothold in X"
        r"(?:established|secured|expanded|widened|consolidated)\s+(?:a\s+|the\s+|their\s+|its\s+)?"
        r"(?:bridgeheads?|footholds?)",
        r"improved\s+(?:their\s+|its\s+)?(?:forward\s+)?positions",
        r"(?:drove|driven|pushed)\s+(?:[\w-]+\s+){0,3}?back\s+from",
        # "its forces control about 100 villages in Kursk": a gain given as a count or an area
        r"control(?:s|led)?(?=\s+(?:about\s+|around\s+|over\s+|more\s+than\s+|nearly\s+|some\s+|almost\s+)?"
        r"[\d,.]+\s+(?:villages|settlements|towns|square|sq\b|km))",
    ),
    # "Ukraine lost Mariupol": the OTHER side captured the place (the rules swap the actor)
    "lost": (r"lost(?:\s+control\s+of)?", r"losing(?:\s+control\s+of)?"),
    # "the enemy unsuccessfully tried to advance near X", "Russian forces unsuccessfully attacked near X": the
    # OTHER side held the place (the rules swap the actor and make it "repelled")
    "failed_attack": (
        r"unsuccessfully\s+(?:tried|attempted|sought)\s+to\s+(?:break\s+through|[a-z]+)",
        r"unsuccessfully\s+(?:attacked|stormed|assaulted|advanced|tried|attempted|attacking|storming)",
        r"(?:tried|attempted|sought)\s+(?:in\s+vain|unsuccessfully)\s+to\s+[a-z]+",
        # "unsuccessful offensive attempts in the areas of X", "Russia failed to capture X"
        r"unsuccessful\s+(?:[\w-]+\s+){0,2}?(?:attempts?|attacks?|assaults?|storm\s+activities|activities|"
        r"actions|operations)",
        r"failed\s+to\s+(?:capture|take|seize|break\s+through|advance|storm|encircle|cross)",
        # "attempted to storm X but were repelled", "tried to advance near X without success"
        r"(?:tried|attempted|trying|attempting|sought)\s+to\s+(?:attack|storm|advance|break\s+through|capture|"
        r"seize|take|cross|enter)(?=[^.;]{0,120}?\b(?:but\s+(?:were|was)\s+(?:repelled|repulsed|stopped|"
        r"beaten\s+back|pushed\s+back|thwarted)|without\s+success|to\s+no\s+avail|but\s+failed))",
        # told over two sentences: "tried to attack near X and Y. It was not successful", "The enemy
        # continues to attempt to regain its positions near X. However, our defenders repel these attacks"
        r"(?:tried|attempted|trying|attempting|attempts?|sought)\s+to\s+(?:attack|storm|advance|break\s+through|"
        r"capture|seize|take|cross|enter|regain|recapture)(?=[^.;!?]{0,160}?[.!]\s+(?:however,?\s+)?"
        rf"(?:{'|'.join(FAILURE_NEXT)}))",
    ),
}

# Action words whose object stands before them: "Lyman fell to Russian forces", so a place just before
# is theirs (as after a passive "was retaken").
OBJECT_FIRST = (
    r"fell\s+to",
    r"fallen\s+to",
    r"falls\s+to",
    r"fall\s+to",
    r"(?:was|were|been|being)\s+hit",
    r"(?:came|come|comes|was|were|is|are|has\s+been|have\s+been)\s+under\s+(?:heavy\s+|intense\s+|renewed\s+|"
    r"massive\s+)?(?:[\w-]+\s+){0,2}?(?:fire|shelling|attack|bombardment|strikes)",
    r"(?:back|(?:came|come|comes|fell|passed)(?:\s+back)?|(?:is|are|was|were|has\s+been|have\s+been|now)"
    r"(?:\s+now|\s+fully|\s+completely)?)\s+under\s+(?:full\s+|complete\s+)?"
    r"(?:ukrainian|russian)\s+control",
    RETURNING_TO_CONTROL,
)
# Verbs that make a strike noun a strike ("Russian missiles hit Kyiv"); without one ("drones were heading
# towards Izmail", "missiles were shot down") the noun is no claim.
STRIKE_VERBS = (
    "hit",
    "hits",
    "hitting",
    "struck",
    "strike",
    "striking",
    "pounded",
    "pounding",
    "shelled",
    "attacked",
    "attacking",
    "targeted",
    "targeting",
    "fired",
    "firing",
    "launched",
    "launching",
    r"rained\s+down",
    "slammed",
    "landed",
    "destroyed",
    "damaged",
    "killed",
    "killing",
    "exploded",
    "bombarded",
    "bombed",
    "wounded",
    "injured",
    "pound",
    r"carried\s+out",
    "conducted",
)
# A strike noun followed by these needs no verb: "one of the strikes on Kyiv".
STRIKE_NOUN_TARGETS = ("on", "against", "targeting", r"attacks?\s+on", r"barrages?\s+on")
# A question reported before an action word in its clause asks, it does not claim ("asked whether the capture of X
# was true").
QUESTION_WORDS = ("whether", r"if\s+it\s+was\s+true")
# Words after a claim that deny it in its clause: "Russian claims to have captured X are false".
DENIED_AFTER = (
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?(?:false|untrue|fake|premature|"
    r"incorrect|not\s+true|baseless|disinformation|denied|refuted|rejected)",
)
# Words that deny what follows: a claim after them in the sentence is no event ("Kyiv denied that
# Lyman had fallen", "statements that Pokrovsk has been captured are untrue").
DENIALS = (
    r"den(?:ied|ies|y|ying)",
    "dismissed",
    "refuted",
    "rejected",
    "untrue",
    "false",
    r"not\s+true",
    "fake",
    "disinformation",
    "baseless",
    "rumou?rs?",
    "premature",
    "incorrect",
)
# A background clause: an action word in -ing right after these happened before the news ("desperate for
# a win after retreating from Kherson").
# quotation marks: a sentence with one quotes its speaker; the article's own voice resumes after its paragraph
QUOTE_MARKS = ('"', "\u201c", "\u201d")
BACKGROUND_BEFORE = ("after", "since", "before", "while", "despite")
# A name after these is a river or a republic's formal name, not a settlement ("the left bank of the
# Dnipro", "the People's Republic of Luhansk").
NOT_PLACE_BEFORE = (r"banks?\s+of", r"Republic\s+of", r"river", r"River")
# A run of capitalised words followed by ", an aide to", ", the head of", ", a spokesman for" is a person
# ("Vitaly Kiselev, an aide to the LPR interior minister, said"), none of its words a place.
PERSON_ROLES = (
    "aide",
    "adviser",
    "advisor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "head",
    "chief",
    "commander",
    "governor",
    "mayor",
    "minister",
    "official",
    "officer",
    "deputy",
    "representative",
    "leader",
    "member",
    "secretary",
    "analyst",
    "expert",
    "correspondent",
    "blogger",
    "lawmaker",
    "president",
    "director",
)
# Rivers the front runs along: after "the", "cross", "bank of" or "side of" such a name is the river, not the city
# or village of that name ("cross the Dnipro", "the other side of the Dnipro", "the left bank of the Seversky
# Donets"); a river's adjective ("Seversky") may stand between.
RIVERS = (
    "Dnipro",
    "Dnieper",
    "Donets",
    "Oskil",
    "Oskol",
    "Inhulets",
    "Ingulets",
    "Desna",
    "Seim",
    "Seym",
    "Psel",
    "Vorskla",
    "Kalmius",
    "Vovcha",
    "Dniester",
    "Bug",
)
RIVER_BEFORE = (
    r"(?:the|cross(?:es|ed|ing)?|across|(?:banks?|side|shores?)\s+of(?:\s+the)?)"
    r"(?:\s+(?:seversky|siverskyi|severskiy|siversky|northern|southern|pivdennyi))?",
)
# A part of a city named with the city's possessive ("Kharkiv's Shevchenkivskyi district") is the city's: the
# city is the place, the part no place of its own.
CITY_PART_AFTER = (r"(?:city\s+)?(?:districts?|raions?|neighbou?rhoods?|microdistricts?)\b",)
# A place referred back to after it was named: "the town", "the strategic city", "the devastated town" (the
# place named last before it), "the capital" (Kyiv). Not when a name follows ("the town of Lyman", "the
# capital, Kyiv": the name is read itself).
ANAPHOR_NOUNS = ("town", "city", "village", "settlement", "stronghold", "hub", "capital")
CAPITAL = "Kyiv"
# Of those, the nouns of a small place: "the village" never refers back to a city named before it.
SMALL_ANAPHOR_NOUNS = ("village", "settlement")
# "the regional capital", "the provincial capital": the capital of a region named before, not Kyiv
CAPITAL_NOT_KYIV_BEFORE = ("regional", "provincial", "oblast", "administrative", "region's", "region’s")
# Words that end a clause: a place after one is not the object of an action word before it ("left
# Hostomel, but was digging in at Bucha").
CLAUSE_BREAKS = (
    r",\s+but\b",
    r";",
    r"\bwhile\b",
    r"\bwhereas\b",
    r"\bbut\s+(?:was|were|is|are|remain)",
    r",\s+and\s+that\b",
    r"[”\"],",
    r",[”\"]",
    r",\s+(?:after|before|when|as)\b",
    # a clause that only locates ("..., where the city is located", "..., located 10 km from X")
    r",\s+(?:where|located|situated|lying|which\s+(?:lies|is\s+located|is\s+situated))\b",
    # a purpose or a consequence: "..., in order to encircle X", "which will make it possible to"
    r",?\s+in\s+order\s+to\b",
    r",?\s+so\s+as\s+to\b",
    # "took X in its continuing effort to sever Y", "in a bid to encircle Y": the aim's place is not taken
    r"\s+in\s+(?:an?|its|their|the)\s+(?:[\w-]+\s+){0,2}?(?:effort|bid|attempt|push|drive|quest|campaign)s?\s+to\b",
    r",\s+which\s+(?:will|would|could)\b",
)
# What "lost" may have between it and the place it lost ("lost control of the strategic city of"), and
# words that show the place is not what was lost ("lost dozens of vehicles during an attack on Vuhledar").
LOST_OBJECT_WORDS = ("the", "a", "an", "key", "strategic", "[a-z]+ern", "[a-z-]+", "town", "city", "village", "port")
LOST_NOT_OBJECT = (
    "during",
    "in",
    "near",
    "at",
    "on",
    "after",
    "from",
    "with",
    "around",
    "than",
    "dozens",
    "hundreds",
    "vehicles",
    "soldiers",
    "troops",
    "men",
    "tanks",
    "equipment",
    "lives",
    "positions",
    "ground",
)
# Shares of a region as an action word's object ("retook all of Kharkiv's territory", "parts of the region").
REGION_SHARES = ("all", "most", "much", r"parts?", r"the\s+rest")
# A place right after a withdrawal word and one of these is where the side went, not the place it left
# ("civilians fled to Pokrovsk", "withdrew towards Kramatorsk").
# People who leave a place without being a side: "residents fled X", "civilians left X" is no withdrawal.
CIVILIAN_SUBJECTS = (
    "residents",
    "civilians",
    "locals",
    "inhabitants",
    "families",
    "refugees",
    "evacuees",
    "people",
    "villagers",
    "children",
    "population",
)
DESTINATION_WORDS = ("to", "towards?", "into", "for", r"back\s+to")
# ... unless the words between name lines near the place: "withdrew to prepared positions near X" left X.
LINES_NEAR = (
    r"(?:lines|positions|frontiers|boundaries)\s+(?:near|outside|around|west\s+of|east\s+of|north\s+of|"
    r"south\s+of|on\s+the\s+outskirts\s+of|in\s+the\s+area\s+of)",
)
# Nouns of settlements that, as an action word's object, make a place after "near"/"around" a locator
# ("seized two villages near Bakhmut": Bakhmut is where, not what).
GENERIC_SETTLEMENTS = (
    "villages?",
    "settlements?",
    "towns?",
    "hamlets?",
    "communities",
    "territory",
    "land",
    "areas?",
    "regions?",
    "another",  # "a village near X and another near the town of Y"
)

# Nouns of action ("the capture of", "withdrawing" is a noun by its -ing): one before a modal is a
# supposition ("The capture of X could ..."), one in a sentence with a denial is denied.
ACTION_NOUNS = (r"re-?capture", "capture", "takeover", "seizure", "liberation", "occupation", "fall")
# The forms of "take": with an idiom after them (below) they are no capture.
TAKE_FORMS = ("took", "taken", "takes", "taking", "take")
# "took place", "taken part": "take" with these after it is no capture.
TAKE_IDIOMS = (
    "place",
    "part",
    "shelter",
    "cover",
    "note",
    "aim",
    "steps",
    "measures",
    "action",
    "prisoners?",  # "three soldiers were taken prisoner near X"
    "captives?",
    "hostages?",
)
# Strike words that are nouns: the side named just before them is the actor ("Russian strikes",
# "Moscow shells", "Ukrainian cruise missiles").
STRIKE_NOUNS = (
    "strikes",
    "shelling",
    "shells",
    "missiles?",
    "rockets?",
    "artillery",
    "drones?",
    r"(?:guided\s+|glide\s+|aerial\s+|cluster\s+)?bombs?",
    r"air\s*strikes?",
    r"air\s+raids?",
)

# --- Sides -----------------------------------------------------------------------------------------
# Words that name a side, case as written in text. Forces of the separatist "republics" count as RU.
SIDE_WORDS: dict[str, tuple[str, ...]] = {
    "UA": (
        "Ukrainians?",
        "Ukraine(?:'s|’s)?",
        "Kyiv(?:'s|’s)?",
        "Kiev(?:'s|’s)?",
        "Zelensk[iy]{1,2}(?:'s|’s)?",
        r"Defen[cs]e\s+Forces",
        "AFU",
        "ZSU",
        # how Russian sources name Ukraine's forces
        "Neo-?Nazis?",
        "neo-?Nazis?",
        r"Kyiv\s+regime",
        r"Kiev\s+regime",
        "VSU",
        # officials who speak for Ukraine's side
        "Mal[iy]ar",
        "Syrsk[iy]{1,2}",
        "Zaluzhn[iy]{1,2}",
        "Budanov",
        "Umerov",
        "Reznikov",
        "Kuleba",
        "Yermak",
        "Cherevat[iy]{1,2}",
        "Shtupun",
        "Voloshyn",
        "Trehubov",
        "Syn[iy]ehubov",
        "Arestovych",
        "Gaidai",
        "Haidai",
    ),
    "RU": (
        "Russians?",
        "Russia(?:'s|’s)?",
        "Moscow(?:'s|’s)?",
        "Kremlin(?:'s|’s)?",
        "Putin(?:'s|’s)?",
        "separatists?",
        "Wagner",
        "Chechen",
        r"(?:Luhansk|Lugansk|Donetsk)\s+People(?:'s|’s)\s+Republic",
        "LPR",
        "DPR",
        "LNR",
        "DNR",
        r"People(?:'s|’s)\s+Militia",
        "Rosgvardia",
        "Akhmat",
        # how Ukrainian sources name Russia's forces
        "occupiers",
        "invaders",
        r"occupation\s+(?:forces|troops|army)",
        "Rashists?",
        "rashists?",
        "Ruscists?",
        "ruscists?",
        # officials who speak for Russia's side
        "Shoigu",
        "Gerasimov",
        "Peskov",
        "Konashenkov",
        "Belousov",
        "Prigozhin",
        "Kadyrov",
        "Pushilin",
        "Saldo",
        "Balitsky",
        "Rogov",
        "Pasechnik",
        # Russia's named groups of forces: "the 'West' grouping", "Battlegroup Centre"
        r"(?:West|Centre|Center|South|East|North|Dnepr|Dnieper|Vostok|Zapad|Sever|Tsentr|Yug)['’\"”]?\s+"
        r"(?:[Gg]roup(?:ing)?|[Bb]attlegroup)(?:\s+of\s+[Ff]orces)?",
        r"(?:Battlegroup|Battle\s+[Gg]roup|Group\s+of\s+[Ff]orces|Grouping\s+of\s+[Ff]orces)\s+['’\"“]?"
        r"(?:West|Centre|Center|South|East|North|Dnepr|Dnieper|Vostok|Zapad|Sever|Tsentr|Yug)\b",
    ),
}
# Words that name the speaker's own side ("our units took up more advantageous lines") or the other side ("the
# enemy now controls X"): the side is read from who said it (the claimants lexicon).
OWN_SIDE_WORDS = (
    r"[Oo]ur\s+(?:units|troops|forces|soldiers|defenders|fighters|servicemen|military|army|warriors|"
    r"marines|paratroopers|brigades?)",
)
ENEMY_WORDS = (
    r"(?:[Tt]he\s+)?enemy(?:['’]s)?(?!\s+(?:losses|lost|casualties|equipment|attacks?|assaults?|"
    r"positions|strongholds?|drones?))",
    r"[Tt]he\s+adversary",
    r"[Tt]he\s+opponent",
)
# Side words that are also cities: "Kyiv said" is the government, "in Kyiv" the city (lower case).
CITY_SIDES = ("kyiv", "kiev")
# Prepositions that make a city-side word the city ("in Kyiv", "the capital Kyiv"), case-insensitive.
PLACE_PREPOSITIONS = (
    "in",
    "from",
    "of",
    "near",
    "to",
    "around",
    "at",
    "outside",
    "towards?",
    "on",
    "capital,?",
    "into",
    "over",
)
# A side word followed by these names a place, not who acted ("the Ukrainian town of", "Ukrainian-held",
# "Russia's Kursk region", "Ukrainian positions").
SIDE_AS_PLACE_AFTER = (
    r"-(?:held|controlled|occupied|annexed)",
    r"\s+(?:villages?|towns?|city|cities|settlements?|"
    r"regions?|oblasts?|provinces?|territory|territories|soil|land|border|capital|port|positions|"
    r"defen[cs]es|lines|side|troops\s+were\s+attacked|Black\s+Sea|Kursk|Belgorod|Bryansk|Donetsk|"
    r"Luhansk|Kharkiv|Zaporizhzhia|Kherson|Sumy)",
)
# A country named after these is a place ("in eastern Ukraine", "across Russia"), not who acted.
COUNTRY_AS_PLACE_BEFORE = (
    "in",
    "into",
    "across",
    "throughout",
    "inside",
    "of",
    "from",
    "to",
    "against",
    "on",
    "over",
    "within",
)
# A side named right after these is the other party, not the actor ("attacks against Russian forces").
AGAINST_WORDS = ("against", "with")
# A side named right after these verbs (and "the", up to two more words) is their object, not who acted: a
# source telling its own gain names the other side on the way ("Units of the North grouping, continuing to
# rout the Ukrainian formations, liberated X"; "Russian forces pushed back Ukrainian troops and took X").
SIDE_AS_OBJECT_BEFORE = (
    r"rout(?:s|ed|ing)?",
    r"defeat(?:s|ed|ing)?",
    r"push(?:es|ed|ing)?\s+back",
    r"drove\s+(?:back|out)",
    r"driv(?:e|es|en|ing)\s+(?:back|out)",
    r"repel(?:s|led|ling)?",
    r"repuls(?:e|es|ed|ing)",
    r"encircl(?:e|es|ed|ing)",
    r"destroy(?:s|ed|ing)?",
    r"dislodg(?:e|es|ed|ing)",
    r"oust(?:s|ed|ing)?",
    r"eliminat(?:e|es|ed|ing)",
    r"crush(?:es|ed|ing)?",
    r"inflict(?:s|ed|ing)?\s+(?:heavy\s+)?(?:losses|defeat)\s+on",
    r"knock(?:s|ed|ing)?\s+out",
    r"(?:fought|fighting|fights|fight)\s+(?:off|back)",
)
# A side named after the action word and after these is where the action came from, not the actor.
FROM_WORDS = ("from", "against", "with", "of")
# Nouns of an attack: "repelled three counterattacks by Ukrainian assault groups" names the attacker after "by",
# not a passive agent.
ATTACK_NOUNS = (
    r"attacks?",
    r"counter-?attacks?",
    r"assaults?",
    r"offensives?",
    r"attempts?",
    r"raids?",
    r"incursions?",
    r"storming",
    r"sorties?",
)
# A passive agent: "retaken by Ukrainian troops" (up to four words between the verb and "by"), "damaged in a
# Ukrainian drone attack", "as a result of Russian shelling".
AGENT_WORDS = (r"by\s+an?", "by", r"in\s+an?", r"during\s+an?", r"as\s+a\s+result\s+of(?:\s+an?)?", r"after\s+an?")
# A passive auxiliary right before an action word makes a place named before it its object ("Kherson was
# retaken", "has been fully liberated"); so does a relative pronoun right after the place ("Lyman, which
# Ukraine liberated").
PASSIVE_AUXILIARIES = ("was", "were", "is", "are", "been", "being", "be")
RELATIVE_PRONOUNS = ("which", "that", "whom")
# A strike word in -ing after these is a verb ("have been shelling", "kept pounding").
PROGRESSIVE_AUXILIARIES = ("is", "are", "was", "were", "been", "be", "kept", "keep", r"continued?")
# A count followed by these names its places ("eight settlements, including Piatykhatky").
INCLUDING_WORDS = ("including", r"among\s+them", r"such\s+as")
# A sentence starting with these takes its attribution from the sentence before ("They said ...").
PRONOUN_STARTS = ("They", "It", "He", "She", "Its", "Their")

# --- What is not an event --------------------------------------------------------------------------
# An action word within 40 characters after one of these is a forecast, a condition or a negation.
# Each is followed by up to three words before the action word ("will try to capture").
IRREALIS_WORDS = (
    "will",
    "would",
    "could",
    "shall",
    "cannot",
    "can't",
    "won't",
    "not",
    "never",
    "if",
    "unless",
    "can",
    "should",
    "must",
    r"no\s+longer",
)
# An action word right after "to" (maybe with an adverb: "to completely seize") is a goal.
INFINITIVE_MARK = "to"
# ... except after these, where the action happens ("continue to advance", "began to withdraw").
# "the latest town to fall to Russia", "the first village to be retaken": it happened.
ORDINAL_TO = ("latest", "first", "last", "second", "third", "fourth", "fifth", "next")
ASPECT_VERBS = (
    "forced",
    "compelled",
    "continue",
    "continues",
    "continued",
    "continuing",
    "began",
    "begin",
    "begins",
    "started",
    "starts",
    "start",
    "proceeded",
    "managed",
    "manages",
    "managing",
)
# An action word used as an adjective or noun ("the occupied territories", "newly liberated",
# "Russian-occupied", "re-taken") is no claim: these words or a hyphen right before it.
ADJECTIVE_MARKS = ("the", "newly", "Russian-", "Ukrainian-")
# A past participle right after these is an adjective too ("the partially occupied Donetsk region",
# "near liberated Staromaiorske", "Russian occupied territory").
PARTICIPLE_MARKS = (
    "partially",
    "temporarily",
    "recently",
    "previously",
    "illegally",
    "formerly",
    "Russian",
    "Ukrainian",
    "near",
    "in",
    "at",
    "around",
    "from",
)
# A past participle between one of these and a noun is an adjective ("ten damaged apartment buildings", "a
# destroyed bridge", "several shelled villages"), no claim.
DETERMINERS = (
    "a",
    "an",
    "the",
    "ten",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "several",
    "many",
    r"dozens\s+of",
    r"hundreds\s+of",
    "some",
    "other",
    r"\d+",
    "its",
    "their",
    "badly",
    "heavily",
    "partially",
    "completely",
)
# Past participles not ending in -ed, adjectives too between a determiner and a noun ("its lost positions", "the
# left bank", "a struck depot").
IRREGULAR_PARTICIPLES = ("lost", "left", "taken", "retaken", "struck")
# Bare present-tense forms that are nouns too ("Russia's advance toward Pokrovsk", "the withdraw..."):
# after these words they are nouns, no claim.
BARE_FORMS = ("advance", "advances", "withdraw", "retreat", "retreats")
NOUN_MARKS = (
    r"['’]s",
    r"\bthe",
    r"\ban",
    r"\ba",
    r"\bits",
    r"\btheir",
    r"\bhis",
    r"\bprevent\w*",
    r"\bstop\w*",
    r"\bhalt\w*",
    r"\bslow\w*",
    r"\bfurther",
    # adjectives of a retreat or an advance: "a big retreat", "a Ukrainian retreat", "the rapid advance"
    r"\bbig",
    r"\bmajor",
    r"\bfull",
    r"\bhasty",
    r"\bchaotic",
    r"\brapid",
    r"\bpartial",
    r"\btactical",
    r"\bcomplete",
    r"\bukrainian",
    r"\brussian",
    r"\bsudden",
    r"\bswift",
    r"\borderly",
)
# An action word right after these is a goal, not a deed ("Moscow's goal of capturing Donetsk province",
# "an attempt to capture").
GOAL_WORDS = (
    r"goals?\s+of",
    r"aims?\s+of",
    r"bids?\s+(?:of|to)",
    r"attempts?\s+(?:of|to|at)",
    r"efforts?\s+(?:of|to)",
    r"plans?\s+(?:of|to|for)",
    r"hopes?\s+of",
    r"intention\s+of",
    r"ambitions?\s+of",
    r"push\s+to",
    r"drive\s+to",
    r"trying\s+to",
    r"tried\s+to",
    r"seeking\s+to",
    r"sought\s+to",
    r"failed\s+to",
    # what would follow, not what happened: "brings closer the liberation of X", "considering withdrawing"
    r"brings?\s+closer",
    r"(?:dates?|deadlines?|timelines?|timetables?)\s+(?:on|for)",  # "setting a date for the liberation of X"
    r"paves?\s+the\s+way\s+(?:for|to)",
    r"prelude\s+to",
    r"(?:threat|risk|prospect|danger)s?\s+of",
    "considering",
    "considers",
    "considered",
    "consider",
    r"threaten(?:s|ed|ing)?\s+to",
    r"(?:preparing|prepares|prepared)\s+(?:to|for)",
    r"planning\s+(?:to|for)",
    r"ready\s+to",
)
# A sentence that opens with one of these words is background up to its first comma.
BACKGROUND_OPENERS = ("Since", "since")
# A sentence opening with these details the one before ("... 253 strikes over the past 24 hours. In particular,
# the army mounted 192 artillery attacks on X"): without a date of its own it takes that sentence's date.
CONTINUATION_OPENERS = (
    r"in\s+particular",
    r"in\s+addition",
    "specifically",
    r"among\s+them",
    r"of\s+these",
    r"of\s+them",
    "including",
    r"for\s+example",
    r"for\s+instance",
)

# --- Structure: places and action words that only frame the news ------------------------------------
# A dateline: a place at the start of a sentence followed by these ("KYIV, Feb 3 (Reuters) -", "Kyiv:",
# "MOSCOW (AP) —") is where the report was filed, never a claim's place.
DATELINE_AFTER = (
    r"(?:,\s*(?:[A-Z][a-z]+\.?\s+\d{1,2}|[A-Z][a-z]+)){0,2}\s*(?:\([A-Z][\w./ &-]{1,30}\))?\s*(?:[:–—]|-\s)",
)
# An article's own dateline, its first words: a city in capitals, perhaps a date or a wire, then a dash or colon
# ("JAKARTA -", "TOKYO, June 25 (Kyodo) —", "NEW DELHI:"). Its city's time zone says how far the publication date
# runs ahead of Kyiv's (``datelines.py``).
ARTICLE_DATELINE = (
    r"(?P<city>[A-Z][A-Z'.]+(?: [A-Z][A-Z'.]+){0,2})"  # the city, in capitals
    r"(?:,[^\n–—:]{0,40}?)?\s*(?:\([^)\n]{1,30}\))?\s*(?:[:–—]|-\s)"  # a date, a wire, the dash
)
# A place after these words only locates another ("Hrodivka, a village 15 km from Pokrovsk", "on the road to
# Kramatorsk", "which lies near X"): never the claim's place.
LOCATING_BEFORE = (
    r"\d[\d.,]*\s*(?:km|kilomet(?:er|re)s?|miles?|mi)\s+(?:\([^)]{0,30}\)\s+)?(?:[a-z]+\s+)?"
    r"(?:from|of|outside|away\s+from|to)",
    r"on\s+the\s+(?:main\s+)?(?:road|highway|route|way)\s+(?:to|between|from|linking)",
    r"(?:road|highway|route)\s+(?:between|linking|to)",
    r"not\s+far\s+from",
    r"(?:lies|lying|located|situated|sits)\s+(?:[a-z]+\s+){0,4}?(?:from|of|near|outside|to)",
    r"on\s+the\s+(?:border|frontier)\s+with",
    r"(?:gateway|route|approaches?)\s+to",
)
# Background about the war's start near an action word: what happened then, not the report's news ("captured
# Kherson in the first days of the invasion", "early in the war").
WAR_START = (
    r"(?:in|during)\s+the\s+(?:first|early|opening|initial)\s+(?:days|weeks|months|stages?|phase)\s+of\s+"
    r"(?:the\s+)?(?:full-scale\s+)?(?:war|invasion|conflict)",
    r"early\s+(?:in|on)\s+(?:the\s+)?(?:full-scale\s+)?(?:war|invasion|conflict)",
    r"at\s+the\s+(?:start|beginning|outset)\s+of\s+(?:the\s+)?(?:full-scale\s+)?(?:war|invasion|conflict)",
    r"when\s+(?:the\s+|russia['’]s\s+)?(?:full-scale\s+)?(?:war|invasion)\s+(?:began|started)",
    r"(?:shortly|soon)\s+after\s+(?:the\s+|russia['’]s\s+)?(?:full-scale\s+)?invasion",
)
# A share of a place is not the place ("the majority of the Luhansk area", "70 percent of Pokrovsk"): GUIDE.md
# makes such a claim optional, so it is not read as the whole place's ("the southern part of X" still is X's).
SHARE_OF = (
    r"(?:the\s+)?(?:majority|most|portions?|percent|per\s+cent|%|share|half|third|quarter|remainder|bulk|"
    r"sizable\s+portions?|large\s+parts?)\s+of",
    # "liberated two districts in the city of Artyomovsk", "entered the suburbs of Chasiv Yar"
    r"(?:districts?|neighbou?rhoods?|microdistricts?|outskirts|suburbs)\s+(?:in|of)",
    # "two districts in the northwestern and southeastern parts of the city of X"
    r"parts\s+of",
)
# Words of a direction, not a place reached: "advancing toward X", "on X", "in the direction of X" give the
# advance no place (the place stays only for "at", "in", "near", "around", "outside").
DIRECTION_BEFORE = (
    r"towards?",
    r"in\s+the\s+direction\s+of",
    "on",
    r"closer\s+to",
    r"on\s+the\s+approach(?:es)?\s+to",
    r"with\s+access\s+to",
    r"further\s+to",
    r"(?:as\s+)?far\s+as",
    r"in\s+the\s+[\w-]+\s+direction",
    r"along\s+the\s+[\w-]+\s+axis",
)

# --- Hedges and confirmation -----------------------------------------------------------------------
# The claim is hedged (kept, marked hedged=True).
HEDGES = (
    "may",
    "might",
    "reportedly",
    "allegedly",
    "apparently",
    "purportedly",
    r"appears?\s+to",
    r"(?:is|are|was|were)\s+said\s+to",
    r"claimed\s+to",
)
# Negations before "confirm"/"verify": the sentence (or the one after the claim) says it could not be
# confirmed (confirmed="no"), case-insensitive.
UNCONFIRMED_NEGATIONS = (
    r"could\s+not",
    "cannot",
    r"can\s*not",
    "can't",
    "couldn't",
    r"unable\s+to",
    r"was\s+not",
    r"were\s+not",
    r"has\s+not\s+been",
    r"have\s+not\s+been",
    "not",
)
UNCONFIRMED_WORDS = ("unconfirmed", "unverified")

# --- Attribution -----------------------------------------------------------------------------------
# Verbs of speech that introduce who made a claim ("..., the general staff said").
SPEECH_VERBS = (
    "said",
    "says",
    "told",
    "admitted",
    "acknowledged",
    "announced",
    "reported",
    "claimed",
    "stated",
    "added",
    "showed",
    "confirmed",
    "conceded",
    "concedes",
    "admits",
    "acknowledges",
    "say",
    "claims",
    "reports",
    "writes",
    "wrote",
    "confirms",
    "announces",
    r"claim(?=\s+to\s+have\b)",  # "Ukrainian officials claim to have recaptured ..." (the noun stays no verb)
)
# Speech verbs whose object is the listener, never the speaker ("..., Rogov told TASS"): no inverted form.
LISTENER_VERBS = ("told",)
# Words stripped from the front of a speaker ("Meanwhile, Kyiv said") and adverbs from its end ("He also said").
SPEAKER_FILLERS = (
    "Meanwhile",
    "Separately",
    "However",
    "But",
    "And",
    "Also",
    "Earlier",
    "Later",
    "Although",
    "While",
    "As",
)
SPEAKER_TRAILING_ADVERBS = (
    "also",
    "further",
    "later",
    "earlier",
    "then",
    "again",
    "separately",
    "previously",
    "now",
    "already",
    "has",
    "have",
    "had",
)
# A speaker that is only one of these words is none ("The reports were ...": "reports" is a noun there).
NOT_SPEAKERS = ("the", "a", "an", "this", "that", "these", "those", "there", "which", "what")
# A trailing speaker opening with these is a clause, not a speaker ("..., almost two weeks after Russian troops
# said they had captured it").
NOT_SPEAKER_STARTS = (
    r"(?:\w+\s+){0,3}(?:after|before|since|when|while|until|as|because|though|although)",
    r"[a-z]\w*ing",  # a participle's clause: "..., confirming previous reports that ..."
)
# A speaker that is only a pronoun is no speaker of its own: it is the one speaking before (``speakers.py``).
PRONOUN_SPEAKERS = ("it", "he", "she", "they")
# A word before a speech verb that makes it no speech of the subject ("a statement not confirmed by Kyiv").
NOT_SPEECH_BEFORE = ("not", "never", "been", "be", "being", "was", "were")
# A word before "reports", "says", "claims" that makes it a noun ("Putin listened to reports from ..."): the
# subject is before a later verb, if any.
NOUN_BEFORE = ("to", "of", "from", "by", "with", "for", "the", "these", "those", "such", "his", "her", "its", "their")
# An auxiliary in a speaker's subject ends it ("Russia's defence ministry has not commented ... but it says").
SUBJECT_AUXILIARIES = ("has", "have", "had", "is", "was", "did", "does", "will")
# A subordinate clause's opener in a speaker's subject: the speaker is after it ("The announcement came after
# Ukraine's armed forces said").
SUBJECT_CLAUSE_OPENERS = ("after", "before", "while", "when", "since", "because", "although", "though")
# A label a line opens with that is no part of its speaker ("Details: He also added", "KYIV: Ukrainian
# authorities said").
SPEAKER_LABEL = r"(?:[A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+)?|[A-Z]{2,}(?:,\s*[A-Za-z]+)?)\s*:\s+"
# Words that open a clause whose subject may speak ("... after Russian troops said they took it").
CLAUSE_OPENERS = ("after", "before", "while", "as", "when", "and", "but", "since", "because", "although", "though")
# A wire's dateline before a speaker ("KYIV, Ukraine (AP) — Ukraine's military officials say").
WIRE_DATELINES = (
    r"^[^()]{0,40}\((?:AP|Reuters|AFP|RFE/RL|Sputnik|Ukrinform|CNN|MENAFN[^()]{0,20})\)\s*[-—–]*\s*",
    r"^[A-Z]{3,}\s*[-—–]\s*",  # "SHAFAQNA-Russian military"
    r"^[^()]{0,12}\)\s*",  # the end of a parenthesis the sentence began inside ("2024) Russia's defence ministry")
)
# A comma-enclosed aside between a speaker and its verb ("Syniehubov, in a separate post on Telegram, also
# said"): the speaker is before it.
SPEAKER_ASIDE_STARTS = ("in", "on", "at", "during", "speaking", "writing", "via", "through", "also", "later")
# The source of a sentence said in the passive ("This was reported by the General Staff", "had been
# announced by Kyiv"): the agent after these.
PASSIVE_SPEECH = (r"(?:was|were|been|is|are)\s+(?:\w+\s+)?(?:reported|announced|stated|said|confirmed|claimed)\s+by",)
# A report named as a noun with its source ("the report by Russia's Defence Ministry that ...", "claims by
# Wagner"): the source after these.
NOMINAL_SPEECH = (r"(?:report|claim|statement|announcement|assessment|analysis)s?\s+(?:by|from)",)
# "RIA quoted a pro-Russian official, Vladimir Rogov, as saying": the one quoted.
QUOTED_AS_SAYING = (r"quoted\s+(.{3,120}?)\s+as\s+saying",)
# A speaker's words after which the rest of a passive or nominal source is dropped ("the Main Directorate
# of Intelligence in an appeal to ..."; "the ministry on Sunday").
SOURCE_ENDS = (
    r"in\s+an?",
    r"in\s+its",
    r"in\s+his",
    r"in\s+her",
    "on",
    "during",
    "that",
    "who",
    "which",
    "as",
    "after",
    "when",
)
# A line naming the source of what follows and what came before ("Source: General Staff of the Armed Forces").
SOURCE_LABELS = ("Source", "Sources")
# --- Who speaks across an article (speakers.py) ---
# A paragraph opening with these continues the report in effect ("In particular, ...", "The enemy also ...",
# "Quote: ..."); these words within its first few words too ("The Zapad group also inflicted ...").
SPEAKER_CONTINUATIONS = (
    r"In\s+particular",
    r"In\s+addition",
    "Additionally",
    "Also",
    "Besides",
    "Moreover",
    "Furthermore",
    "Meanwhile",
    r"At\s+the\s+same\s+time",
    r"According\s+to\s+(?:the|him|her|them|it)\b",
    r"Quote(?:\s+from\s+\w+)?\s*:",
    r"Details\s*:",
    r"The\s+enemy",
    "Enemy",
    r"In\s+the\s+[\w-]+(?:\s+[\w-]+)?\s+(?:direction|sector|axis)",
)
SPEAKER_CONTINUATIONS_WITHIN = ("also", r"the\s+enemy", "enemy", "our")
# A live blog's time stamp on a line of its own: a new item begins ("12:30", "9.15 am GMT", "14:07 JST").
TIME_STAMPS = (r"\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|[A-Z]{2,4}))*(?:\s+\w+\s+time)?",)
# A line opening with these is the article's own voice: the report in effect ends ("Background: ...").
OWN_VOICE_LABELS = ("Background", "Reminder", "Context", r"For\s+reference", r"Read\s+more", "Related", r"See\s+also")
# A dateline of state media at an article's start: its body is the source's report throughout ("MOSCOW, July
# 26. /TASS/.", "MOSCOW (Sputnik) -").
REPORT_DATELINES = (r"/TASS/", r"\(Sputnik\)", r"/RIA\s+Novosti/", r"\(RIA\s+Novosti\)")
# Claimants that only relay another's claim: "according to Ukrinform" after "says X", "..., the ministry said,
# Russia Today reported" are X's and the ministry's.
RELAY_CLAIMANTS = ("Russian state media", "Ukrainian media", "news media")
# Relative words that end a leading speaker ("Kyiv, whose troops ..., said") or make a trailing one void.
RELATIVE_WORDS = ("whose", "who", "which")

# --- Places ----------------------------------------------------------------------------------------
# Capitalised words that are never a place (lower case): function words, pronouns, the sides'
# countries, regions too wide to map, compass words, titles.
NOT_PLACES = (
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "as",
    "after",
    "before",
    "since",
    "to",
    "for",
    "from",
    "with",
    "and",
    "but",
    "meanwhile",
    "separately",
    "according",
    "they",
    "he",
    "she",
    "it",
    "its",
    "their",
    "there",
    "ukraine",
    "russia",
    "ukrainian",
    "russian",
    "moscow",
    "kremlin",
    "crimea",
    "donbas",
    "donbass",
    "europe",
    "west",
    "east",
    "north",
    "south",
    "president",
    "general",
    "governor",
    "mayor",
    "pravda",
    "nato",
)
# Words that put a sentence's places in Russia (its border regions), not in Ukraine: a name the gazetteer
# knows on both sides of the border is looked up on Russia's side first ("across the border", "in Russia's
# Kursk region" (a region itself), "the Russian village of", "on Russian soil"). Case as written.
RUSSIA_CUES = (
    r"across\s+the\s+border",
    r"(?:in|into|inside|within)\s+Russia(?!['’]s\s+(?:war|invasion|full))",
    r"Russian\s+(?:border\s+)?(?:villages?|towns?|city|cities|settlements?|territory|soil|region|oblast|"
    r"side\s+of\s+the\s+border)",
    r"(?:Russia|Moscow)['’]s\s+(?:own\s+)?(?:border\s+)?(?:territory|soil|villages?|towns?|"
    r"(?:western\s+|southwestern\s+)?(?:border\s+)?regions?)",
    r"(?:in|into)\s+(?:its|their)\s+(?:own\s+)?(?:western\s+)?(?:Kursk|Belgorod|Bryansk)",
    r"cross-border\s+(?:incursion|offensive|raid|attack)",
)
# A capitalised word this common in English (Zipf frequency, wordfreq) and unknown to the gazetteer is no
# place ("Operational Command", "British intelligence", a title-case headline's "Village Near").
COMMON_WORD_ZIPF = 3.5
# First words of many place names: joined with the next capitalised word into one name ("Mala
# Oleksandrivka", "Velyka Novosilka"), even where the gazetteer knows the second word alone.
NAME_PREFIXES = (
    "Mala",
    "Malyi",
    "Mali",
    "Velyka",
    "Velykyi",
    "Velyki",
    "Nova",
    "Novyi",
    "Novi",
    "Stara",
    "Staryi",
    "Stari",
    "Verkhnia",
    "Nyzhnia",
    "Zolota",
    "Bila",
    "Krasna",
    "Chervona",
    "Vilna",
    "Pershe",
    "Druha",
    # their Russian forms, in Russia's border regions and in Russian reports ("Novaya Sorochina",
    # "Malaya Loknya", "Bolshoye Soldatskoye")
    "Novaya",
    "Novy",
    "Novoye",
    "Staraya",
    "Stary",
    "Staroye",
    "Malaya",
    "Maly",
    "Maloye",
    "Bolshaya",
    "Bolshoi",
    "Bolshoy",
    "Bolshoye",
    "Verkhnyaya",
    "Nizhnyaya",
    "Krasnaya",
    "Krasny",
    "Krasnoye",
    "Velikaya",
    "Velikiy",
    "Velikoye",
)
# Last words of place names, joined with the word before ("Snake Island", "Kinburn Spit").
NAME_SUFFIXES = ("Island", "Spit")
# Words dropped from the front of a capitalised run before it is read as a name ("On Saturday Izium").
LEADING_WORDS = (
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "After",
    "Since",
    "To",
    "From",
    "Meanwhile",
    "Separately",
    "Near",
    "By",
)
# A capitalised word after these is a person's name, not a place ("President Zelensky").
TITLES = (
    "President",
    "Governor",
    "General",
    "Gen.",
    "Mayor",
    "Minister",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Colonel",
    "Commander",
    "Spokesman",
    "Spokeswoman",
    "Prime",
    "Deputy",
    "Adviser",
    "Head",
    "Chief",
)
# Words after a known name that keep it a place rather than a person's name ("Kharkiv Oblast").
REGION_WORDS = ("Oblast", "Region", "Province", "River", "Reservoir")
# A name followed by these is a region, kept as a context hint ("Luhansk province", "Kharkiv's territory").
REGION_NOUNS = ("region", "Region", "province", "Province", "oblast", "Oblast", "territory")
# The separatist "republics" name the oblast they claim: a hint for places the article names.
REPUBLIC_WORDS = {
    "donetsk": ("DPR", "DNR", r"Donetsk\s+People(?:'s|’s)\s+Republic"),
    "luhansk": ("LPR", "LNR", r"Luhansk\s+People(?:'s|’s)\s+Republic", r"Lugansk\s+People(?:'s|’s)\s+Republic"),
}
REPUBLICS = {"donetsk": "UA-14", "luhansk": "UA-09"}
# A name after these is a region ("the region of Kharkiv", "Kharkiv oblast"), kept as a hint.
REGION_BEFORE = (
    r"region\s+of",
    r"oblast\s+of",
    r"province\s+of",
    r"regions\s+(?:including|such\s+as)",
    r"(?:regions|provinces|oblasts)\s+of",  # "the eastern regions of Luhansk and Donetsk"
)
# After a region's name these make it the region a settlement lies in ("the Donetsk town of Chasiv Yar").
REGION_AS_ADJECTIVE_AFTER = (r"(?:town|city|village|settlement|hamlet|community)\s+of\b",)
REGION_NOUNS_PLURAL = ("regions", "provinces", "oblasts")
# Names in a list that ends in one of these are no places ("the Berdiansk and Melitopol directions",
# "the so-called Donetsk and Lugansk people's republics").
LIST_ENDS_NOT_PLACES = ("directions", "axes", "sectors", "fronts", r"people['’]s\s+republics", "offensives")
# After a possessive these keep the name a place ("Kharkiv's territory", "Vovchansk's urban area").
PLACE_PARTS = (
    "territory",
    "urban",
    "outskirts",
    r"cent(?:re|er)",
    "suburbs?",
    "districts?",
    "northern",
    "southern",
    "eastern",
    "western",
    "streets?",
    "industrial",
)
# A name followed by these is not a place ("Dnipro River", "Donetsk People's Republic").
NOT_PLACE_AFTER = (
    "River",
    "river",
    "People",
    "Sea",
    "Reservoir",
    r"Oblast\s+administration",
    "Post",
    "Independent",
    "Times",
    "Pravda",
    "Herald",
    "Telegraph",
    "News",
    "Agency",
    "Institute",
    "University",
    "Fleet",
    "Brigade",
    "Battalion",
    "Regiment",
    "Grouping",
    "Army",
    "Corps",
    "Division",
    "Command",
    "said",
    "says",
    "told",
    "directions?",
    "axis",
    "axes",
    "sectors?",
    "fronts?",
    r"counter-?offensives?",
    "offensives?",
    "operations?",
    "campaigns?",
    r"people['’]s",
    # "the Kursk military group", "the Kursk incursion", "the Kursk Nuclear Power Plant"
    r"(?:military\s+)?group(?:ing)?",
    "incursions?",
    "raids?",
    "Nuclear",
    "NPP",
    "salient",
)
# Words that introduce a settlement: an unknown name after them is still a place ("the village of Olhine").
SETTLEMENT_NOUNS = ("towns?", "villages?", "city", "cities", "settlements?", "hamlets?", "strongholds?")
# Compass words of a locator: "north of Kharkiv" names a context, not the claim's place.
COMPASS_WORDS = ("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest")
# Nouns of a locator "a town in Donetsk", "near the town of Horlivka".
LOCATOR_NOUNS = ("town", "city", "village", "region")
# Words allowed between an action word and its unknown object ("pulled out of the", "near").
OBJECT_GAP_WORDS = (r"(?:out\s+)?of", "from", "near", "in")

# What opens a list item: the items of a ministry's summary or a live blog ("- The Northern group repelled ...").
LIST_ITEM_MARKS = (r"\s*[-–—•*·]\s", r"\s*\d{1,2}[.)]\s")

# --- Dates -----------------------------------------------------------------------------------------
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Month names with the month's number, and their abbreviations (written with a dot: "Sept. 10").
MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sept": 9,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Relative date phrases (lower case), by what they mean.
# "over the past day", "in the last 24 hours", "last night": the day before publication to publication (a
# daily summary's period, as GUIDE.md's labels read it)
PAST_DAY = (
    r"(?:in|over|during|within)\s+(?:just\s+)?the\s+(?:past|last)\s+(?:day|24\s+hours)",
    r"last\s+night",
)
# the day before publication ("the day before": the day before the report's, in a report of what was said on
# the day it was published)
YESTERDAY = ("yesterday", r"the\s+day\s+before(?!\s+(?:yesterday|the|that|its|his|her|their|last|a|an)\b)")
# publication day ("overnight" in a morning report: the night that ended that day, as two labellers of the
# evaluation corpus read it in real reports)
TODAY = ("today", r"this\s+morning", r"earlier\s+in\s+the\s+day", "overnight")
MONTH_START = (r"since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+month",)  # 1st to report day
LAST_WEEK = (r"last\s+week", r"(?:in|over)\s+the\s+(?:past|last)\s+week")  # the 7 days before
# "in the past two weeks", "over the last 10 days": a range of that many days or weeks to publication
# "overnight into Tuesday": the night before that day, to that day
OVERNIGHT_INTO = r"overnight\s+(?:into|to)"
SPAN_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10, "several": 3, "few": 3}
THIS_WEEK = (r"this\s+week", r"earlier\s+this\s+week")
WEEKEND = (r"(?:over|during|at)\s+the\s+weekend", r"this\s+weekend", r"last\s+weekend")  # Saturday and Sunday before
THIS_YEAR = (
    r"this\s+year",
    r"so\s+far\s+this\s+year",
    r"since\s+the\s+start\s+of\s+the\s+year",
)  # 1 January to publication
# "two days earlier", "three days ago": that many days before publication
DAYS_AGO = (r"(?P<agocount>two|three|four|five|six|\d)\s+days\s+(?:ago|earlier)",)  # Monday to publication
FUTURE = ("tomorrow", r"next\s+(?:week|month)")  # after publication: flagged

# --- Quantities ------------------------------------------------------------------------------------
# Numbers written as words, with their value ("twelve villages", "dozens of settlements").
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a dozen": 12,
    "a hundred": 100,
    "dozens of": 24,
    "hundreds of": 200,
}
SQUARE_KILOMETRES = (r"square\s+kilomet(?:er|re)s?", r"sq\.?\s*km", "km2", "km²", r"square\s+km")
SQUARE_MILES = (r"square\s+miles?", r"sq\.?\s*mi(?:les?)?")
# Nouns counted as settlements ("20 towns and villages").
SETTLEMENT_COUNT_NOUNS = (
    r"towns\s+and\s+villages",
    r"villages\s+and\s+towns",
    "villages",
    "towns",
    "settlements",
    "localities",
    "communities",
    "hamlets",
    r"cities\s+and\s+villages",
)

# --- Sentences -------------------------------------------------------------------------------------
# A full stop after these (lower case, without their dot) does not end a sentence ("Gen. Ivanov").
ABBREVIATIONS = (
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "sgt",
    "st",
    "u.s",
    "u.k",
    "jan",
    "feb",
    "aug",
    "sept",
    "sep",
    "oct",
    "nov",
    "dec",
    "no",
    "vs",
    "approx",
    "maj",
    "capt",
    "gov",
    "sen",
    "rep",
)


def stems(words) -> tuple[str, ...]:
    """The literal start of each word (up to its first pattern sign; a letter made optional by ``?`` left
    out): every text a word matches contains its stem, so the stems make a cheap check before a pattern."""
    found = []
    for word in words:
        literal = re.match(r"[^\\()\[\]?*+{}|.^$]*", word).group()
        if word[len(literal) :].startswith(("?", "*", "{")):
            literal = literal[:-1]
        if not literal.strip():
            raise ValueError(f"a rule word with no literal start to check cheaply: {word!r}")
        found.append(literal)
    return tuple(dict.fromkeys(found))


def words_in(words) -> frozenset[str]:
    """Every plain word written in a group's patterns, lower case ("goals?\\s+of" gives "goals" and "of")."""
    return frozenset(w for word in words for w in re.findall(r"[a-z']+", re.sub(r"\\[a-zA-Z]", " ", word.lower())))


def alternation(words) -> str:
    """One regular-expression group matching any of the words (a group must not be empty)."""
    words = tuple(words)
    if not words or any(not w for w in words):
        raise ValueError(f"an empty rule-word group or word: {words!r}")
    return "(?:" + "|".join(words) + ")"


# --- Claimants ---------------------------------------------------------------------------------------
# Who makes a claim, as an entity: canonical name -> (its side: UA, RU or "" for neither, the phrases that name
# it). A claim's attribution as written ("Russia's Defense Ministry", "the Russian Defence Ministry",
# "Konashenkov") is read for these, the specific before the general: the first group in this order with a
# phrase in it is the claimant. Case-insensitive except where a pattern spells (?-i:...).
CLAIMANTS: dict[str, tuple[str, tuple[str, ...]]] = {
    # outlets and analysts that are not a side
    "Institute for the Study of War": ("", (r"Institute\s+for\s+(?:the\s+)?Study\s+of\s+War", r"(?-i:ISW)")),
    "British Defence Ministry": (
        "",
        (
            r"(?:U\.?K\.?|British|Britain['’]s)\s+(?:Defen[cs]e\s+Ministry|Ministry\s+of\s+"
            r"Defen[cs]e|defen[cs]e\s+intelligence|military\s+intelligence|intelligence)",
        ),
    ),
    "DeepState": ("UA", (r"Deep\s*State",)),
    # Russia's side
    "Russian state media": (
        "RU",
        (
            r"(?-i:TASS)",
            r"(?-i:RIA)(?:\s+Novosti)?",
            r"Russia\s+Today",
            r"(?-i:RT)\b",
            "Sputnik",
            "Zvezda",
            r"Russian\s+(?:state\s+)?(?:media|news\s+agency|television)",
        ),
    ),
    "Russian military bloggers": (
        "RU",
        (
            r"(?:military|war)\s+(?:bloggers?|correspondents?)",
            "Rybar",
            r"(?:pro-Kremlin|Russian)\s+Telegram\s+channels?",
        ),
    ),
    "Wagner": ("RU", ("Prigozhin", "Wagner")),
    "Chechen leadership": ("RU", ("Kadyrov", "Akhmat")),
    "separatist authorities": (
        "RU",
        (
            r"(?-i:DPR|LPR|DNR|LNR)",
            r"People['’]s\s+(?:Militia|Republic)",
            "Basurin",
            "Pushilin",
            "Pasechnik",
            "Ganchev",
            "Rogov",
            "Saldo",
            "Balitsky",
            "Kimakovsky",
            r"separatists?",
            r"Russian-(?:installed|appointed|backed)",
            r"territorial\s+defen[cs]e\s+headquarters",
        ),
    ),
    "Kremlin": ("RU", ("Kremlin", "Putin", "Peskov", r"Russian\s+president")),
    "Russian Defence Ministry": (
        "RU",
        (
            r"(?:Russia|Russian|Russia['’]s|Moscow['’]s)\s+(?:Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry|"
            r"defen[cs]e\s+minist(?:ry|er)|military\s+statement)",
            r"(?:Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry)\s+(?:in|of)\s+(?:Moscow|Russia|the\s+Russian)",
            "Konashenkov",
            "Shoigu",
            "Belousov",
            "Gerasimov",
            r"(?-i:MoD)\s+of\s+Russia",
        ),
    ),
    # Ukraine's side
    "Ukrainian military intelligence": (
        "UA",
        (
            "Budanov",
            r"(?-i:HUR|GUR)",
            r"Main\s+(?:Directorate|Intelligence)",
            r"military\s+intelligence\s+\(?(?:HUR|GUR)",
        ),
    ),
    "Ukrainian General Staff": ("UA", (r"General\s+Staff",)),
    "Ukrainian Defence Ministry": (
        "UA",
        (
            r"(?:Ukraine|Ukrainian|Ukraine['’]s|Kyiv['’]s)\s+(?:Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry|"
            r"(?:deputy\s+)?defen[cs]e\s+minist(?:ry|er))",
            r"Mal[iy]ar",
            r"Malyar",
            "Reznikov",
            "Umerov",
        ),
    ),
    "Ukrainian president": (
        "UA",
        (
            r"Zelensk[iy]{1,2}",
            "Yermak",
            r"Ukrainian\s+president",
            r"Ukraine['’]s\s+president",
            r"President['’]s\s+Office",
            r"presidential\s+office",
        ),
    ),
    "Ukrainian military": (
        "UA",
        (
            r"Operational\s+(?:Command|Group)",
            "Khortytsia",
            "Tavria",
            r"S[iy]rsk[iy]{1,2}",
            r"Zaluzhn[iy]{1,2}",
            "Tarnavskyi",
            "Voloshyn",
            r"Sh?tupun",
            "Trehubov",
            r"Cherevat[iy]{1,2}",
            r"Naiev",
            r"Pohorilyi",
            r"Kursk\s+military\s+group",
            "Yevlash",
            r"Lykhov[iy]{1,2}",
            r"Shershen",
            r"Dmytrashkivsk[iy]{1,2}",
            r"(?:Ukraine|Ukrainian|Ukraine['’]s|Kyiv['’]s)\s+(?:armed\s+forces|military|army|"
            r"air\s+force|navy|marines?|troops|forces|commanders?|brigades?|defen[cs]e\s+forces)",
            r"(?:the\s+)?\d+(?:st|nd|rd|th)\s+(?:\w+\s+)?(?:brigade|battalion)",
            r"territorial\s+defen[cs]e",
            r"Armed\s+Forces\s+of\s+Ukraine",
            r"(?-i:AFU|ZSU)",
        ),
    ),
    "Ukrainian media": (
        "UA",
        (
            r"Ukrainska\s+Pravda",
            r"Ukrainian\s+Pravda",
            "Suspilne",
            "Ukrinform",
            r"Ukrainian\s+(?:media|outlets?)",
            r"Hromadske",
            r"Kyiv\s+Independent",
        ),
    ),
    "regional governor": (
        "",
        (
            r"governor",
            r"(?-i:Gov)\.",
            r"regional\s+officials",
            r"(?:regional|oblast)\s+(?:military\s+)?administration",
            r"(?:oblast|region(?:al)?)\s+head",
            r"head\s+of\s+the\s+[\w\s]{0,20}?(?:region|oblast)",
            "Gladkov",
            r"Syn[iy]ehubov",
            "Kiper",
            "Lysak",
            "Prokudin",
            "Fedorov",
            r"Haidai|Gaidai",
            "Chaus",
            "Kim",
            "Mudrov",
            "Starovoit",
            "Khinshtein",
            "Bogomaz",
            r"region(?:al)?\s+authorities",
            r"authorities\s+in\s+(?:the\s+)?(?:Belgorod|Kursk|Bryansk)",
        ),
    ),
    "city mayor": ("", (r"mayor", r"city\s+(?:military\s+)?administration", r"head\s+of\s+the\s+[\w\s]{0,40}?city")),
    "Russian military": (
        "RU",
        (
            r"(?:Russia|Russian|Russia['’]s|Moscow['’]s)\s+(?:armed\s+forces|military|army|troops|"
            r"forces|commanders?|units|chief\s+of\s+(?:general\s+)?staff)",
            r"(?:West|Centre|Center|South|East|North|Dnepr|Dnieper)['’\"”]?\s+(?:group(?:ing)?|battlegroup)",
        ),
    ),
    "news media": (
        "",
        (
            "Reuters",
            r"(?-i:AFP)",
            r"(?-i:AP)\b",
            r"Associated\s+Press",
            r"(?-i:BBC|CNN|BILD)",
            "Guardian",
            r"New\s+York\s+Times",
            r"Washington\s+Post",
            "Agentstvo",
            r"Meduza",
            r"[A-Z][\w-]*\.(?-i:NET|net|com|Az|az|ua|info)\b",
            r"Mediazona",
            "Bild",
        ),
    ),
    "independent analysts": (
        "",
        (
            r"analysts?",
            r"experts?",
            r"researchers?",
            r"research\s+(?:group|institute|cent(?:re|er))",
            r"open-?source",
            r"(?-i:OSINT)",
            r"think[-\s]tanks?",
        ),
    ),
    # a side named only as a country, its capital or its officials
    "Russian officials": ("RU", (r"Russia(?:ns?|['’]s)?", "Moscow", r"Russian\s+(?:officials|authorities|side)")),
    "Ukrainian officials": (
        "UA",
        (r"Ukraine(?:['’]s)?", r"Ukrainians?", r"Kyiv", r"Kiev", r"Ukrainian\s+(?:officials|authorities|side)"),
    ),
    # who is not named
    "unnamed": (
        "",
        (
            r"sources?",
            r"officials?",
            r"authorities",
            r"witnesses",
            r"residents",
            r"frontline\s+reports",
            r"(?:a|the)\s+statement",
            r"(?:a|the)\s+report",
            r"spokes(?:man|woman|person)",
            r"(?:the\s+)?media",
            r"Telegram\s+channels?",
        ),
    ),
}
# Claimants named only as an institution of either side ("the Defence Ministry", "the ministry", "the military"):
# the one of that kind the article named last with its side, else the one of the side whose claim it is
# (a ministry reports its own side's deeds).
UNQUALIFIED_CLAIMANTS = {
    "Defence Ministry": (
        (("RU", "Russian Defence Ministry"), ("UA", "Ukrainian Defence Ministry")),
        (r"(?:the\s+)?(?:Ministry\s+of\s+Defen[cs]e|Defen[cs]e\s+Ministry|defen[cs]e\s+minister|ministry)",),
    ),
    "military": (
        (("RU", "Russian military"), ("UA", "Ukrainian military")),
        (r"(?:the\s+)?(?:military|army|armed\s+forces|brigade|battalion)",),
    ),
}
# A claimant phrase that only refers back ("the statement", "the report") is the claimant the article named
# last; a side named only as a country ("Russia", "Kyiv") is the specific claimant of that side the article named
# last ("Russia's Defence Ministry"), if any.
REFERRING_CLAIMANTS = (r"(?:the|this|that|its|a)\s+(?:statement|report|announcement|update|briefing|summary)",)
COUNTRY_CLAIMANTS = ("Russian officials", "Ukrainian officials")
# A country's claimant phrase with one of these words names its officials as such ("Russian officials said"),
# not the office a bare country name stands for ("Russia said").
OFFICIALS_WORDS = ("officials", "authorities", "side", "government")
# The claimants a country, a reference back or an unqualified institution may stand for: its government and
# forces (not media, bloggers or analysts, who report what these say).
STANDING_CLAIMANTS = (
    "Russian Defence Ministry",
    "Kremlin",
    "Russian military",
    "separatist authorities",
    "Wagner",
    "Chechen leadership",
    "Ukrainian General Staff",
    "Ukrainian Defence Ministry",
    "Ukrainian military",
    "Ukrainian president",
    "Ukrainian military intelligence",
    "regional governor",
    "city mayor",
    "British Defence Ministry",
    "Institute for the Study of War",
    "DeepState",
)
# Words before the speaker's name that are no part of it: titles and office words ("Deputy Defence Minister
# Hanna Maliar").
CLAIMANT_TITLES = (
    "President",
    "Deputy",
    "Defen[cs]e",
    "Minister",
    "Governor",
    "Mayor",
    "General",
    "Gen",
    "Gov",
    "Col",
    "Colonel",
    "Brigadier",
    "Lieutenant",
    "Spokes(?:man|woman|person)",
    "Commander",
    "Chief",
    "Head",
    "Acting",
    "Oblast",
    "Region",
    "Regional",
)
# A claimant of no side of its own (a governor, a mayor) is Russia's when its phrase names one of these.
CLAIMANT_RU_CUES = (
    "Gladkov",
    "Khinshtein",
    "Starovoit",
    "Bogomaz",
    "Smirnov",
    "Belgorod",
    "Kursk",
    "Bryansk",
    r"Russian-(?:installed|appointed)",
    "Russia",
    "Russian",
    "Moscow",
)
CLAIMANT_UA_CUES = (
    "Ukraine",
    "Ukrainian",
    "Kyiv",
    "Kiev",
    "Kharkiv",
    "Kherson",
    "Zaporizhzhia",
    "Dnipropetrovsk",
    "Sumy",
    "Chernihiv",
    "Mykolaiv",
    "Odesa",
    "Donetsk",
    "Luhansk",
    "Poltava",
    "Lviv",
    "Syn[iy]ehubov",
    "Kiper",
    "Lysak",
    "Prokudin",
    "Fedorov",
    "Haidai",
    "Gaidai",
    "Chaus",
    "Kim",
    "Pavlyuk",
    "Terekhov",
)
# Claimant phrases of one word that name a country, a group or an outlet, not a person.
CLAIMANT_COUNTRY_WORDS = (
    "russia",
    "russian",
    "russians",
    "ukraine",
    "ukrainian",
    "ukrainians",
    "kyiv",
    "kiev",
    "moscow",
    "kremlin",
    "wagner",
    "akhmat",
    "zvezda",
    "sputnik",
    "rybar",
    "suspilne",
    "ukrinform",
    "hromadske",
    "khortytsia",
    "tavria",
    "deepstate",
    "deep",
    "meduza",
    "mediazona",
    "agentstvo",
    "reuters",
    "guardian",
    "bild",
    "separatist",
    "separatists",
    "ria",
    "tass",
    "novosti",
)
