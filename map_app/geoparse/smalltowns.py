"""Small towns of world news: names the recogniser's single pass leaves out.

The automaton holds English names of towns abroad only from 20,000 inhabitants
(smaller ones collide with surnames and ordinary words). Local news names
smaller ones with a clear cue, and those are found here, from the whole
gazetteer (GeoNames cities500), when the cue is strong and the place lies in
a country the document is already about:

- "Sisters, Ore.", "Lititz, Pennsylvania": a town followed by its US state
  (admin-1) is looked up in that state, whatever the document says elsewhere;
- "in Knaresborough", "near Granbury", "outside Pitlochry", "the town of X":
  a preposition of place before a capitalised name that is not an ordinary
  English word;
- "Granbury police", "Thirsk residents", "a Weatherford man": a capitalised
  name before a word that local news puts after a town.

For the last two the candidates are the gazetteer's places spelled exactly
like the name (alternate spellings do not count) in the document's countries
(those of the places already recognised), so a text naming no place gains
none, and a name after "in" in a US story is not an English village.
Work is linear: one regular-expression pass and one index lookup per cued name.
"""
from __future__ import annotations

import re
from collections import Counter

from map_app.geoparse.memo import name_key
from gazetteer.place import FOCUS_COUNTRIES

from map_app.geoparse.document import Mention
from map_app.geoparse.lexicon import US_STATES
from map_app.geoparse.unlisted import state_of_abbreviation

#: A capitalised name of one to three words ("Front Royal", "White River Junction", "Wagga Wagga").
_NAME = r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+){0,2}"
#: Prepositions and phrases of place before a name (the preposition may open the sentence).
_BEFORE = re.compile(r"(?<![\w-])((?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]round|[Nn]orth of|[Ss]outh of|[Ee]ast of|"
                     r"[Ww]est of|(?:town|village|city|hamlet|suburb) of|[Bb]etween|[Tt]hrough|[Vv]ia|[Aa]t|"
                     r"[Ff]rom|[Tt]o|[Ff]or|[Oo]f|[Ii]nto|[Tt]owards?)) (" + _NAME + r")(?![\w'’-])(?! [A-Z])")
#: The next names of a list that opens with a place: "in Keswick and Ambleside", "Ripon, Thirsk or Bedale".
_LIST_NEXT = re.compile(r"((?:,| and| or|, and|, or)) (" + _NAME + r")(?![\w'’-])(?! [A-Z])")
#: Words after a town in local news: "Granbury police", "a Weatherford man".
_AFTER = re.compile(r"(?<![\w-])()(" + _NAME + r") (?:police|residents|officials|firefighters|voters|mayor|"
                    r"man|woman|teen|teenager|couple|family|resident|native|businessman|farmer)\b")
#: "Town, ST" / "Town, State" (AP abbreviations, postal codes and full names).
_STATE_NAMES = "|".join(sorted({re.escape(s) for s in US_STATES}
                               | {re.escape(f) for forms in US_STATES.values() for f in forms},
                               key=len, reverse=True))
_WITH_STATE = re.compile(r"(?<![\w-])(" + _NAME + r"), (?:" + _STATE_NAMES + r")(?![A-Za-z])")

#: A name right before its admin-1 area ("Gwoza in Borno State", "Gwoza, Borno"): the
#: area is a recognised mention; this finds the name that ends just before it.
_BEFORE_AREA = re.compile(r"(?<![\w-])(" + _NAME + r")(?:,| in| in the) $")
#: A preposition of place right before such a name: the name is a place even when the
#: gazetteer lacks it ("near Paletwa in Chin State"), reported unlisted and pinned at the area.
_PLACE_PREPOSITION = re.compile(r"(?<![\w-])(?:in|near|outside|around)\s$")
#: How far back from the area `_BEFORE_AREA` looks (characters).
_BEFORE_AREA_SPAN = 60

#: How common an English word a one-word cued name may be (Zipf), by cue: after a preposition
#: of place "in Chester" (3.8) is a town and "in March" (5.3) a month; after "at" or "from" a
#: rarer word is asked, after "to", "for" or "of" a word that is hardly English; a list's next
#: name ("Wrexham and Chester") is asked what a preposition of place asks.
MAX_ZIPF = {"in": 4.0, "near": 4.0, "outside": 4.0, "around": 4.0, "between": 4.0, "through": 4.0,
            "via": 4.0, "north": 4.0, "south": 4.0, "east": 4.0, "west": 4.0, "town": 4.5, "village": 4.5,
            "city": 4.5, "hamlet": 4.5, "suburb": 4.5, "and": 4.0, "or": 4.0, "at": 3.5, "from": 3.5,
            "": 3.5}
OTHER_MAX_ZIPF = 3.0
#: Words that open a name span but are not part of a town's name.
_NOT_FIRST = {"The", "A", "An", "This", "That", "These", "Those", "His", "Her", "Their", "Our", "Its",
              "Mr", "Mrs", "Ms", "Dr", "St", "Mount", "Lake", "Fort"}
_HAS_ARABIC = re.compile(r"[\u0621-\u064a]")
#: A town this big is good evidence that the document is about its country.
SIZEABLE = 100_000
#: A document country needs this share of the recognised places' votes.
COUNTRY_SHARE = 0.25


def find_small_towns(text: str, mentions: list[Mention], gazetteer,
                     english_zipf: dict[str, float]) -> list[Mention]:
    """Cued town names no mention covers, with their candidates (best first)."""
    taken = [(m.start, m.end) for m in mentions]

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    found: list[Mention] = []
    for match in _WITH_STATE.finditer(text):
        start, end = match.span(1)
        state = state_of_abbreviation(text[match.end(1) + 2:match.end()].strip())
        if not free(start, end) or state is None:
            continue
        places = _exact(gazetteer, text[start:end], lambda p: p.country_code == "US" and p.admin1 == state)
        if places:
            found.append(Mention(start=start, end=end, text=text[start:end], candidates=places, reason="state"))
            taken.append((start, end))
    # The automaton already holds every place of the region's countries: look up only elsewhere.
    countries = _document_countries(mentions) - FOCUS_COUNTRIES
    if not countries:
        return found
    in_countries = lambda p: p.country_code in countries  # noqa: E731

    def cued(match: re.Match, cue: str | None) -> Mention | None:
        start, end = match.span(2)
        name = text[start:end]
        if name.split(" ")[0] in _NOT_FIRST or not free(start, end):
            return None
        limit = MAX_ZIPF.get(match.group(1).strip(" ,").split(" ")[0].lower() or "and", OTHER_MAX_ZIPF)
        if " " not in name and english_zipf.get(name_key(name), 0.0) >= limit:
            return None  # a one-word name that is an ordinary word; "Pateley Bridge" is not
        places = _exact(gazetteer, name, in_countries)
        if not places:
            return None
        taken.append((start, end))
        return Mention(start=start, end=end, text=name, candidates=places, reason="context", cue=cue)

    for area in mentions:  # "Gwoza in Borno State": a town its admin-1 area follows
        best = area.candidates[0] if area.candidates else None
        if best is None or best.kind != "admin1" or best.country_code not in countries:
            continue
        match = _BEFORE_AREA.search(text, max(0, area.start - _BEFORE_AREA_SPAN), area.start)
        if match is None or match.end() != area.start:
            continue
        start, end = match.span(1)
        name = text[start:end]
        if name.split(" ")[0] in _NOT_FIRST or not free(start, end) \
                or (" " not in name and english_zipf.get(name_key(name), 0.0) >= MAX_ZIPF["in"]):
            continue
        places = _exact(gazetteer, name, lambda p, code=best.country_code: p.country_code == code)
        if places:
            found.append(Mention(start=start, end=end, text=name, candidates=places, reason="context", cue="in"))
            taken.append((start, end))
        elif _PLACE_PREPOSITION.search(text, max(0, start - 8), start) \
                and english_zipf.get(name_key(name.split(" ")[0]), 0.0) < OTHER_MAX_ZIPF:
            found.append(Mention(start=start, end=end, text=name, reason="unlisted", cue="in"))
            taken.append((start, end))
    for pattern in (_BEFORE, _AFTER):
        for match in pattern.finditer(text):
            mention = cued(match, match.group(1).split(" ")[0].lower() if pattern is _BEFORE else None)
            if mention is not None:
                found.append(mention)
    # Lists: a name joined to a place by "and", "or" or a comma is a place of the same kind.
    ends = {m.end for m in mentions if not m.text.isupper()} | {m.end for m in found}
    queue = sorted(ends)
    while queue:
        match = _LIST_NEXT.match(text, queue.pop(0))
        if match:
            mention = cued(match, None)
            if mention is not None:
                found.append(mention)
                queue.append(mention.end)
    _local_namesakes(mentions, gazetteer, in_countries)
    found.sort(key=lambda m: m.start)
    return found


def _local_namesakes(mentions: list[Mention], gazetteer, in_countries) -> None:
    """A town the automaton knows only abroad ("Keswick": Ontario's, 21,000) or
    only as a bigger namesake (Hillsboro, Oregon) may be the document's own small
    town: same-name places in the document's countries join its candidates,
    and the resolver weighs them by nearness to the document's other places."""
    extras: dict[str, list] = {}  # per name: a document repeats its towns
    for m in mentions:
        if m.reason not in ("rare-name", "populated", "cue") or not m.candidates or m.text.isupper() \
                or _HAS_ARABIC.match(m.text) or m.candidates[0].kind != "populated_place":
            continue
        if m.text not in extras:
            extras[m.text] = _exact(gazetteer, m.text, in_countries)[:5]
        have = {c.pid for c in m.candidates}
        extra = [p for p in extras[m.text] if p.pid not in have]
        if extra:
            m.candidates = list(m.candidates) + extra


def _exact(gazetteer, name: str, keep) -> list:
    """Populated places spelled exactly `name` (any case and diacritics) that `keep` accepts, best first."""
    key = name_key(name)
    found = gazetteer.candidates(name)
    places = []
    for pid, score in sorted(found.items(), key=lambda kv: -kv[1]):
        place = gazetteer.place(pid, score)
        if place.kind == "populated_place" and name_key(place.name) == key and keep(place):
            places.append(place)
            if len(places) == 10:
                break
    return places


def _document_countries(mentions: list[Mention]) -> set[str]:
    """Countries the recognised places lie in, by their best candidates: a country,
    an area or a sizeable town is a full vote, a small town (Keswick, Ontario: the
    automaton's only Keswick) a weak one."""
    votes: Counter = Counter()
    for m in mentions:
        if not m.candidates or not m.candidates[0].country_code:
            continue
        best = m.candidates[0]
        strong = best.kind != "populated_place" or best.population >= SIZEABLE
        votes[best.country_code] += 1.0 if strong else 0.3
    total = sum(votes.values())
    return {code for code, n in votes.items() if n >= 0.9 and n >= COUNTRY_SHARE * total}
