"""English-script name heuristics for the recogniser: capitals, demonyms, and
names that sit inside longer names (a person's, an organisation's) or in a
handle or URL. Kept apart from the matching logic in recognize.py."""
from __future__ import annotations

import re

from gazetteer.normalize import LATIN_ARTICLES

from map_app.geoparse.lexicon import (
    DEMONYMS,
    NAME_PREFIXES_OK,
    ORGANISATION_HEADS_EN,
    ORGANISATION_HEADS_OF,
    POST_CUES,
    STRONG_CUES,
    TITLE_ABBREVIATIONS,
    WEAK_CUES,
)

COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast",
            "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
            "southwestern", "central", "upper", "lower"}
#: English demonyms and nationality adjectives: never a place on their own.
DEMONYM_WORDS = frozenset(
    {form for forms in DEMONYMS.values() for form in forms if form.isascii()}
    | {"syrian", "iraqi", "lebanese", "jordanian", "turkish", "israeli", "iranian", "kurdish", "palestinian",
       "saudi", "egyptian", "american", "russian", "british", "french", "german", "arab", "arabian", "yemeni",
       "libyan", "sudanese", "qatari", "emirati", "kuwaiti", "bahraini", "omani", "afghan", "pakistani",
       "chinese", "european", "african", "asian", "western", "eastern"})
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CAPITAL_AFTER = re.compile(r"[ \t]+(?:al-|el-|ar-|as-|ad-|ash-|at-)?([^\W\d_])")


def capitalised(text: str, start: int, end: int, key: str) -> bool:
    """English names are written with capitals: 'Homs', 'al-Qaim', 'Deir ez-Zor'."""
    words = _LETTER_RUN.findall(text, start, end)
    significant = [w for w in words if w.lower() not in LATIN_ARTICLES]
    if not significant:
        return False
    return significant[0][0].isupper()



def inside_handle_or_url(text: str, start: int, end: int) -> bool:
    """@AJA_Syria, example.com/syria: not a mention of a place."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return before in "@_/.#" or after in "_/@" or (after == "." and text[end + 1:end + 2].isalpha())



def capitalised_word_follows(text: str, end: int) -> bool:
    match = _CAPITAL_AFTER.match(text, end, end + 40)
    return bool(match) and match.group(1).isupper()


def sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(":
        i -= 1
    return i < 0 or text[i] in ".!?\n:؟"


def _word_before(text: str, start: int) -> tuple[str, int] | None:
    """The word right before `start` when only spaces or tabs separate them,
    with its start offset (letters, digits, apostrophes and full stops)."""
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    if i == start - 1 or i < 0:
        return None
    j = i
    while j >= 0 and (text[j].isalnum() or text[j] in "'’."):
        j -= 1
    word = text[j + 1:i + 1]
    if not word or not word[0].isalpha():
        return None
    return word, j + 1


def inside_longer_name(text: str, start: int) -> bool:
    """A capitalised word right before a Latin name makes it part of a longer
    name: "George Bush", "State Duma", "Michael Jordan", unless that word is a
    preposition, compass or demonym adjective, weekday... ("Eastern Ghouta",
    "Syrian Golan", "In Aleppo"), or the line is a title-case headline.
    "University of Aleppo" is an organisation too."""
    found = _word_before(text, start)
    if found is None:
        return False
    word, at = found
    lower = word.lower().strip(".'’")
    if word.endswith(".") and lower not in TITLE_ABBREVIATIONS and len(lower) > 2:
        return False  # the previous sentence's last word: "... Palestine. Bahrain responded"
    if lower == "of":
        head = _word_before(text, at)
        return head is not None and head[0].lower() in ORGANISATION_HEADS_OF
    if not word[0].isupper() or lower in NAME_PREFIXES_OK or lower in STRONG_CUES or lower in WEAK_CUES:
        return False
    if lower.endswith(("'s", "’s")):
        return False  # a possessive says whose place it is: "Syria's Hama province"
    window = text[max(0, start - 60):start]
    line = window[window.rfind("\n") + 1:]
    words = line.split()
    if len(words) >= 4 and all(w[:1].isupper() or not w[:1].isalpha() for w in words[-4:]):
        return False  # a Title Case Headline
    return True


_NAME_AFTER = re.compile(r"[ \t]+(?:(?:al|el|ad|ar|as|ash|at|az|ez|an)-)?([A-Z][a-z]+)")


def person_name_follows(text: str, end: int) -> bool:
    """A capitalised word right after a one-word name that is not a cue, a
    month or weekday: the name is a given name ("Qasem Soleimani")."""
    match = _NAME_AFTER.match(text, end, end + 40)
    if not match:
        return False
    word = match.group(1).lower()
    return word not in NAME_PREFIXES_OK and word not in POST_CUES and word not in STRONG_CUES \
        and word not in ORGANISATION_HEADS_EN
