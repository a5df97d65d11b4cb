"""Name keys: fold the spelling variation of Arabic and Latin place names.

Two names that an analyst would call "the same spelling" must get the same key:
البوكمال / البو كمال / البُوكَمال, Ālbū Kamāl / Albu Kamal, Deir ez-Zor / Deir al-Zor.
The folding is character-by-character where possible so that the recogniser can
map every key character back to an offset in the original text (`fold_with_offsets`).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Characters removed outright: Arabic diacritics (harakat, shadda, sukun, dagger
# alef, Quranic marks), tatweel, zero-width and bidi controls, soft hyphen.
_DROP = (
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670", "\u0640", "\u00ad", "\u061c", "\ufeff"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)

# One-to-one substitutions (Arabic letter variants, Persian/Urdu forms, digits,
# apostrophe-like marks used for ʿayn/hamza in transliteration, dashes).
_SUBSTITUTE = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ئ": "ي",
    "ة": "ه", "ۀ": "ه", "ہ": "ه", "ھ": "ه",
    "ؤ": "و",
    "ک": "ك", "ڪ": "ك", "گ": "ك",
    "ء": "",
    "ـ": "",
    "ʿ": "", "ʾ": "", "ʼ": "", "ʻ": "", "'": "", "’": "", "‘": "", "`": "", "´": "",
    "-": " ", "‐": " ", "‑": " ", "‒": " ", "–": " ", "—": " ", "_": " ",
    "\u00a0": " ", "\t": " ", "\n": " ", "\r": " ",
    "ß": "ss", "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
}
for _i in range(10):
    _SUBSTITUTE[chr(0x0660 + _i)] = str(_i)  # Eastern Arabic digits ٠-٩
    _SUBSTITUTE[chr(0x06F0 + _i)] = str(_i)  # Persian digits ۰-۹
for _ch in _DROP:
    _SUBSTITUTE[_ch] = ""

_ARABIC_RANGE = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")

#: Latin transliterations of the Arabic article that all mean "al".
LATIN_ARTICLES = frozenset(
    "al el ul ad ed at et ath az ez as es ash esh an en ar er adh dh".split()
)


def _fold_char(ch: str) -> str:
    """Fold one character: drop marks, unify letter variants, lowercase."""
    mapped = _SUBSTITUTE.get(ch)
    if mapped is not None:
        return mapped
    if ch.isascii():
        return ch.lower()
    if "\u0600" <= ch <= "\u06ff":
        return ch
    decomposed = unicodedata.normalize("NFKD", ch)
    out = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = out.casefold()
    return "".join(_SUBSTITUTE.get(c, c) for c in out)


fold_char = lru_cache(maxsize=4096)(_fold_char)


@lru_cache(maxsize=1)
def fold_table() -> tuple[dict[int, str], "re.Pattern[str]"]:
    """`str.translate` table for every BMP character whose fold differs, and a
    pattern matching the characters that fold to other than exactly one
    character (dropped marks, ß → ss). Built once per process (~0.1 s)."""
    table: dict[int, str] = {}
    irregular: list[str] = []
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        folded = _fold_char(ch)
        if folded != ch:
            table[code] = folded
            if len(folded) != 1:
                irregular.append(ch)
    pattern = re.compile("[" + "".join(re.escape(c) for c in irregular) + "]|[\U00010000-\U0010FFFF]")
    return table, pattern


def fold_fast(text: str) -> tuple[str, list[int]]:
    """Like `fold_with_offsets` (without the sentinel), in C-speed chunks:
    `str.translate` does the folding, and only the rare characters that
    vanish or expand are visited one by one to keep the offset map right."""
    table, irregular = fold_table()
    offsets: list[int] = []
    pieces: list[str] = []
    position = 0
    for match in irregular.finditer(text):
        index = match.start()
        if index > position:
            pieces.append(text[position:index].translate(table))
            offsets.extend(range(position, index))
        folded = fold_char(text[index])
        pieces.append(folded)
        offsets.extend([index] * len(folded))
        position = index + 1
    pieces.append(text[position:].translate(table))
    offsets.extend(range(position, len(text)))
    return "".join(pieces), offsets


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def fold(text: str) -> str:
    """Fold a whole string (no whitespace collapsing, no article handling)."""
    if _ASTRAL.search(text):
        return "".join(fold_char(ch) for ch in text)
    return text.translate(fold_table()[0])


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold `text`, returning the folded string and, for each of its characters,
    the index of the source character it came from.

    The folded text has one extra sentinel offset at the end (len(text)), so a
    folded span [i, j) maps back to [offsets[i], offsets[j-1] + 1).
    """
    out: list[str] = []
    offsets: list[int] = []
    for index, ch in enumerate(text):
        folded = fold_char(ch)
        if not folded:
            continue
        out.append(folded)
        offsets.extend([index] * len(folded))
    offsets.append(len(text))
    return "".join(out), offsets


def is_arabic(text: str) -> bool:
    return bool(_ARABIC_RANGE.search(text))


#: Tokens: runs of letters, or runs of digits (الـ55 → ال 55, as the text may space it).
TOKEN = re.compile(r"[^\W\d_]+|\d+")


def name_key(name: str) -> str:
    """The lookup key of a name: folded, punctuation-free, single-spaced, with
    Latin article variants (ez-, ad-, el-…) unified to "al"."""
    if not isinstance(name, str):
        raise TypeError(f"name must be str, not {type(name).__name__}")
    words = TOKEN.findall(fold(name))
    if not words:
        return ""
    if len(words) > 1:
        words = [
            "al" if (w in LATIN_ARTICLES and i < len(words) - 1 and not words[i + 1].isdigit()) else w
            for i, w in enumerate(words)
        ]
    return " ".join(words)


def compact_key(name: str) -> str:
    """`name_key` without spaces: البو كمال ~ البوكمال, Albu Kamal ~ Al-Bukamal."""
    return name_key(name).replace(" ", "")


def strip_article(key: str) -> str | None:
    """The key without a leading article (ال / al), or None if it has none."""
    if key.startswith("ال") and len(key) > 4:
        return key[2:]
    if key.startswith("al ") and len(key) > 5:
        return key[3:]
    return None


def lookup_keys(name: str) -> list[str]:
    """The keys under which a name is indexed and looked up, most exact first."""
    key = compact_key(name)
    if not key:
        return []
    keys = [key]
    bare = strip_article(name_key(name))
    if bare:
        bare_compact = bare.replace(" ", "")
        if bare_compact != key and len(bare_compact) >= 3:
            keys.append(bare_compact)
    return keys


# -- transliteration folding -------------------------------------------------
#: Words spelled the same in every transliteration, or English words the
#: recogniser compares as they are (cue words, organisation heads): never folded.
NO_TRANSLIT_FOLD = frozenset("""
of the and for de la le les du del des da di do dos das van von den der on in y et sur am an im al
north south east west northern southern eastern western northeast northwest southeast southwest
northeastern northwestern southeastern southwestern upper lower new old great greater central
heights strip farms river sea mountains mountain mount lake valley plain plains desert island islands
bay gulf city county district province governorate region camp crossing dam border state states
town village villages towns cities suburb suburbs outskirts countryside near outside airport base
port harbour harbor provinces governorates districts regions police council brigade brigades army
front forces observatory command university club airways airlines news times post chief tribal
tribes operations media republic kingdom united emirates saint st fort point cape
from into towards toward across via between at to with by after before this that these those
""".split())

_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=65536)
def translit_fold_token(token: str) -> tuple[str, tuple[int, ...] | None]:
    """Fold one lower-case Latin token over the ways Arabic names are written
    in English (Mayadeen/Mayadin, Dayr/Deir/Dair, Makhmour/Makhmur, Qaim/Kaim,
    Hasakah/Hasakeh, Hilaliya/Hilaliye/Hilaliyah, Raqqa/Raqa): the result and,
    per kept character, its index in `token` (None when nothing changed).

    Rules, in order: a final -ah/-eh/-e is -a; q→k, o→u, e→i, y→i (not
    initially); a before i goes (ay/ai/ei → i); doubled letters are written once.
    A word that would fold to fewer than four letters stays as it is."""
    if len(token) < 3 or token in NO_TRANSLIT_FOLD or not token.isascii() or not token.isalpha():
        return token, None
    chars = list(token)
    index = list(range(len(token)))
    if len(chars) >= 4 and chars[-1] == "h" and chars[-2] in "ae":
        chars[-2] = "a"
        del chars[-1], index[-1]
    elif len(chars) >= 4 and chars[-1] == "e" and chars[-2] not in _VOWELS:
        chars[-1] = "a"
    for i, ch in enumerate(chars):
        if ch == "q":
            chars[i] = "k"
        elif ch == "o":
            chars[i] = "u"
        elif ch == "e" or (ch == "y" and i > 0):
            chars[i] = "i"
    out: list[str] = []
    kept: list[int] = []
    for i, ch in enumerate(chars):
        if ch == "a" and i + 1 < len(chars) and chars[i + 1] == "i":
            continue
        if out and out[-1] == ch:
            continue
        out.append(ch)
        kept.append(index[i])
    folded = "".join(out)
    if folded == token or len(folded) < 4:
        return token, None  # short words fold into each other and into English words (Aley, Maan)
    return folded, tuple(kept)


def translit_fold_key(key: str) -> str:
    """`translit_fold_token` on every word of a spaced Latin key (Arabic keys unchanged)."""
    if not key or is_arabic(key):
        return key
    return " ".join(translit_fold_token(word)[0] for word in key.split(" "))
