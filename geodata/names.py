"""Fold place-name spellings to one lookup key.

Ukrainian names reach English text in many transliterations: Kupiansk,
Kupyansk, Kup'yans'k; Izium, Izyum; Avdiivka, Avdiyivka; Odesa, Odessa.
``fold`` maps them to one key: ASCII letters only, lower case, ``y`` read as
``i``, ``ie`` read as ``e`` and doubled letters collapsed. The key is for
lookup only; names shown to users keep their GeoNames spelling.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_NOT_LETTER = re.compile(r"[^a-z]+")
_DOUBLED = re.compile(r"(.)\1+")


@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Return the lookup key of a place name (empty for non-Latin names)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    key = _NOT_LETTER.sub("", ascii_name.lower())
    key = key.replace("ie", "e").replace("y", "i")
    return _DOUBLED.sub(r"\1", key)


# Other spellings of the same name reach English text: Russian forms in Russian state media (Kharkov,
# Novognatovka, Granitnoye, Gnutovo, Novoaleksandrovka) and French or German forms (Boutcha, Butscha).
# Each pair rewrites the lower-cased name towards the Ukrainian form; ``spelling_variants`` applies
# them all, so a lookup can try the name as written first and these after.
SPELLING_REWRITES = (
    (r"skoye$|skoe$", "ske"),
    (r"oye$|oe$|aya$", "e"),
    (r"yevka$|evka$|ovka$", "ivka"),
    (r"ovo$", "ove"),
    (r"ov$", "iv"),
    (r"ovsk$", "ivsk"),
    (r"aleksandr", "oleksandr"),
    (r"^g|(?<=[aeiouy])g|(?<=[nrs])g", "h"),
    (r"tch", "ch"),
    (r"ou", "u"),
    (r"tsch", "ch"),
    (r"sch", "sh"),
)
_REWRITES = [(re.compile(pattern), replacement) for pattern, replacement in SPELLING_REWRITES]


@functools.lru_cache(maxsize=65536)
def spelling_variants(name: str) -> tuple[str, ...]:
    """Other spellings of a name, towards the Ukrainian form ("Novognatovka" -> "novohnativka"); may be empty."""
    lowered = name.lower()
    rewritten = lowered
    for pattern, replacement in _REWRITES:
        rewritten = pattern.sub(replacement, rewritten)
    return (rewritten,) if rewritten != lowered else ()


# Ukrainian national romanisation (Cabinet of Ministers resolution No. 55 of 27 January 2010), the
# spelling newsrooms use today: Kupiansk, Izium, Balakliia, Sievierodonetsk, Avdiivka.
_KMU_2010 = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "ю": "iu",
    "я": "ia",
    "'": "",
    "’": "",
    "ʼ": "",
}
_KMU_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_RUSSIAN_ONLY = set("ыэъё")
UKRAINIAN_ONLY = set("іїєґ’ʼ'")  # and the apostrophe: Russian writes "Купянск", Ukrainian "Куп’янськ"


def looks_ukrainian(name: str) -> bool:
    """Cyrillic with no letter Ukrainian lacks (ы, э, ъ, ё)."""
    lowered = name.lower()
    return any("\u0400" <= c <= "\u04ff" for c in lowered) and not _RUSSIAN_ONLY & set(lowered)


def romanise_ukrainian(name: str) -> str:
    """Ukrainian Cyrillic -> Latin by the 2010 national system ("Куп’янськ" -> "Kupiansk")."""
    out = []
    lowered = name.lower()
    for i, c in enumerate(lowered):
        previous = lowered[i - 1] if i else " "
        word_start = not previous.isalpha() and previous not in ("'", "’", "ʼ")
        if c == "г" and previous == "з":
            latin = "gh"  # зг -> zgh, so it does not read as zh
        elif word_start and c in _KMU_WORD_START:
            latin = _KMU_WORD_START[c]
        else:
            latin = _KMU_2010.get(c, c)
        if name[i].isupper() and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
    return "".join(out)


# Russian Cyrillic only (no letter of Ukrainian, Belarusian, Serbian or Kalmyk spellings GeoNames also lists).
_RUSSIAN_WORDS = re.compile(r"[А-ЯЁа-яё]+(?:[ -][А-ЯЁа-яё]+)*")


def romanise_russian(name: str) -> tuple[str, ...]:
    """A place's Russian Cyrillic name as Russian state media and the wires write it in English, by English
    Wikipedia's romanisation of Russian (``iuliia.WIKIPEDIA``: "Угледар" -> "Ugledar", "Великая Новосёлка" ->
    "Velikaya Novosyolka"), and with ё written as е, as the press mostly does ("Velikaya Novoselka",
    "Zelenoye Pole"); empty for a name that is not Russian Cyrillic."""
    import iuliia  # only the build needs it

    if not _RUSSIAN_WORDS.fullmatch(name):
        return ()
    plain = name.replace("ё", "е").replace("Ё", "Е")
    return tuple(dict.fromkeys(iuliia.WIKIPEDIA.translate(n) for n in (name, plain)))


_VOWELS_AND_SOFTENERS = re.compile(r"[aeiouyj'’ʼ]+")


@functools.lru_cache(maxsize=65536)
def consonant_skeleton(name: str) -> str:
    """The consonants of a name's lookup key, with Russian g read as Ukrainian h and doubled letters collapsed:
    the Russian and Ukrainian forms of a village's name meet ("Belogorka" and "Bilohirka" are "blhrk",
    "Rabotino" and "Robotyne" "rbtn"). Lossy: only for telling whether two names written in one article's claim
    may be one place, never for looking a name up."""
    key = fold(name).replace("g", "h").replace("kh", "h").replace("chch", "ch")
    return _DOUBLED.sub(r"\1", _VOWELS_AND_SOFTENERS.sub("", key))
