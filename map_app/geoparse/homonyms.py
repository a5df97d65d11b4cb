"""Far homonyms and unlisted names: where the text says a village is.

A village named after a cue ("قرية X في ريف دير الزور", "the village of X
near Hawija") lies in the area its sentence names: a candidate far from that
area is a homonym (قرية الحسينية is not the Egyptian town), and a name the
gazetteer lacks is pinned at that area, flagged for review. A small place
after a cue, or a town its sentence places in a country ("Hula in south
Lebanon"), is not a namesake in another country the document does not
mention. Split from resolve.py; the resolver calls `no_far_homonyms` last.
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np

from gazetteer.index import haversine_km
from gazetteer.place import FOCUS_COUNTRIES, Place

from map_app.geoparse.document import Mention
from map_app.geoparse.lexicon import DEMONYMS
from map_app.geoparse.memo import km
from map_app.geoparse.unlisted import unlisted_place

#: A cued village this far from the area the sentence names is a far homonym.
HOMONYM_DISTANCE_KM = 150.0
#: Cue words that announce a village, town or camp (folded).
SETTLEMENT_CUES = {"قريه", "بلده", "بلدات", "قري", "قريتي", "بلدتي", "مخيم", "مزرعه", "حي", "ضاحيه",
                   "village", "villages", "town", "towns", "camp", "hamlet", "neighbourhood", "neighborhood"}
#: Small places only: a city this big is rarely a homonym of a village (also the
#: resolver's limit for dropping a far outlier).
OUTLIER_MAX_POPULATION = 100_000
#: A town this close to one of the document's places in its main country is a
#: border town ("sirens in Metula across the border"), not a foreign namesake.
BORDER_TOWN_KM = 40.0
#: Words between a name and the area that contains it ("X in the Hama countryside",
#: "X district of Balochistan", "قرية X بريف حلب"); a list ("X and Y", "X وY") is no container.
_CONTAINING = re.compile(r"(?<![\w])(?:in|of|near|outside|في|قرب|بريف|ريف|بمحافظة|محافظة|قضاء|بقضاء|"
                         r"منطقة|بمنطقة|جنوب|شمال|شرق|غرب|بجنوب|بشمال|بشرق|بغرب)(?![\w])")
_CONTAINING_GAP = 40
#: The preposition ب glued to the area's name ("بيت جن بريف دمشق": the mention is ريف دمشق).
_CLITIC_IN = re.compile(r"\s+ب")


def _contains(between: str, comma: bool = False) -> bool:
    """Whether the words between a name and an area after it place the name inside the area
    (with `comma`, "al-Zara, Homs" does too)."""
    return len(between) <= _CONTAINING_GAP and (bool(_CONTAINING.search(between))
                                                or bool(_CLITIC_IN.fullmatch(between))
                                                or (comma and between.strip() == ","))


#: Countries whose place names carry the Arabic article: an "al-X" written in the text is not a
#: namesake elsewhere (Zara in Turkey) when the document is about one of these.
ARABIC_NAMED_COUNTRIES = frozenset("SY IQ LB JO PS SA KW YE EG LY AE QA BH OM SD MA DZ TN MR".split())
_ARTICLE_BEFORE = re.compile(r"(?:^|[\s(\"'“])(?:al|el|ad|ed|ar|as|ash|at|az|ez|an|adh)[-‑]$", re.IGNORECASE)


def _arabic_article_before(text: str, start: int) -> bool:
    """Whether the name at `start` is written after an Arabic article ("al-Zara", "el-Hula")."""
    return bool(_ARTICLE_BEFORE.search(text, max(0, start - 6), start))
#: Areas that place a name in one country (a region may straddle borders).
_NATIONAL_AREAS = ("populated_place", "admin1", "admin2")
_SENTENCE_BREAK = re.compile(r"[.!?؟\n]")


#: The document's places a namesake is compared with (the first ones; bounds the work).
MAX_NEIGHBOURS = 200
#: How many mentions either side `_container` looks at, and how far apart (characters).
CONTAINER_SCAN = 8
CONTAINER_MAX_GAP = 400


def _container(text: str, mentions: list[Mention], index: int, same_sentence: bool = False) -> Mention | None:
    """The area the text places mention `index` in: the nearest resolved mention
    of the same sentence (one after it first: "قرية X في ريف دير الزور", "the
    village of X near Hawija"), else (unless `same_sentence`) the nearest one
    around it. Looks at a bounded number of neighbours (mentions are in text order)."""
    target = mentions[index]
    best: tuple[int, Mention] | None = None
    for step in (1, -1):
        i = index + step
        while 0 <= i < len(mentions) and abs(i - index) <= CONTAINER_SCAN:
            other = mentions[i]
            i += step
            if other.place is None or other.place.kind == "unlisted":
                continue
            lo, hi = (target.end, other.start) if step == 1 else (other.end, target.start)
            gap = hi - lo + (0 if step == 1 else 50)
            broken = hi - lo > CONTAINER_MAX_GAP or bool(_SENTENCE_BREAK.search(text, lo, max(lo, hi)))
            if broken:
                if same_sentence:
                    break
                gap += 10_000
            if best is None or gap < best[0]:
                best = (gap, other)
            break  # the nearest resolved mention on this side
    return best[1] if best else None


def _main_country(mentions: list[Mention]) -> Place | None:
    """The country most of the document's resolved places are in, as a Place
    (its country mention, or None when no country is named), if it has half of them."""
    located = [m.place for m in mentions if m.place is not None and m.place.kind != "unlisted"]
    codes = Counter(p.country_code for p in located if p.country_code)
    if not codes:
        return None
    code, count = codes.most_common(1)[0]
    if count * 2 < len(located):
        return None
    return next((p for p in located if p.kind == "country" and p.country_code == code), None)


def _settle(m, choices: list, area) -> None:
    """Move a far namesake to the first candidate inside `area`, else make it an unlisted place there
    (the old reading stays as the runner-up)."""
    m.runner_up = m.place
    if choices:
        m.place = choices[0]
        m.confidence = min(m.confidence, 0.6)
    else:
        m.place = unlisted_place(m.text, area)
        m.reason = "unlisted"
        m.confidence = 0.3


def no_far_homonyms(text: str, mentions: list[Mention]) -> None:
    """Pin unlisted names at their containing area; a cued village resolved to
    a homonym far from the area its sentence names takes a candidate near that
    area, or becomes unlisted there (قرية الحسينية في ريف دير الزور is not the
    Egyptian town)."""
    located = [m for m in mentions if m.place is not None and m.place.kind != "unlisted"]
    by_country = Counter(m.place.country_code for m in located)
    by_name = Counter((m.place.country_code, m.text) for m in located)
    main = _main_country(mentions)
    neighbours = [m.place for m in located]
    named = {}
    for m in located:  # the countries the document names, by code
        if m.place.kind == "country" and m.place.country_code:
            named.setdefault(m.place.country_code, m.place)
    for i, m in enumerate(mentions):
        if m.place is None or m.place.kind not in ("populated_place", "facility", "region", "admin2"):
            continue
        if m.cue not in SETTLEMENT_CUES and _abroad_of_following_area(text, mentions, i, by_country, by_name):
            continue
        if m.place.kind == "admin2":
            continue
        if m.cue not in SETTLEMENT_CUES:
            if m.place.kind == "populated_place" and m.place.population < OUTLIER_MAX_POPULATION \
                    and (main is None or m.cue is None) \
                    and by_country[m.place.country_code] <= by_name[(m.place.country_code, m.text)]:
                # Hula in a story naming only Israel and Lebanon (not a town near the story's
                # other places)
                unnamed = _named_country_near(m.place, named)
                if unnamed is not None and not _adjective_of(text, m.place.country_code) and not any(
                        n.kind != "country" and n.country_code != m.place.country_code
                        and km(n.lat, n.lon, m.place.lat, m.place.lon) <= HOMONYM_DISTANCE_KM
                        for n in neighbours[:MAX_NEIGHBOURS]):
                    _foreign_village(m, by_country, by_name, unnamed, cued=False, neighbours=neighbours)
                    if m.place.country_code == unnamed.country_code:
                        continue
            if m.cue is not None:
                _foreign_village(m, by_country, by_name, main, neighbours=neighbours)
            elif m.place.kind == "populated_place" and m.place.population < OUTLIER_MAX_POPULATION \
                    and by_country[m.place.country_code] <= by_name[(m.place.country_code, m.text)]:
                # (the conditions `_sentence_country` and `_foreign_village` need, checked before the scan)
                country = _sentence_country(text, mentions, i)
                if country is None and main is not None and main.country_code in ARABIC_NAMED_COUNTRIES \
                        and m.place.country_code not in ARABIC_NAMED_COUNTRIES \
                        and _arabic_article_before(text, m.start):
                    country = main  # "al-Zara" in a story about Syria is not the town in Turkey
                if country is not None:  # "Hula in south Lebanon": the country the sentence names
                    _foreign_village(m, by_country, by_name, country, cued=False, neighbours=neighbours)
            continue
        container = _container(text, mentions, i, same_sentence=True)
        if container is None or container.place.kind == "country":
            country = container.place if container is not None else main
            if country is None or m.place.country_code == country.country_code:
                continue
            _settle(m, [c for c in m.candidates if c.country_code == country.country_code], country)
            continue
        area = container.place
        distances = haversine_km(area.lat, area.lon, np.array([c.lat for c in m.candidates]),
                                 np.array([c.lon for c in m.candidates]))
        national = area.kind in _NATIONAL_AREAS and bool(area.country_code)
        if km(area.lat, area.lon, m.place.lat, m.place.lon) <= HOMONYM_DISTANCE_KM \
                and not (national and m.place.country_code != area.country_code):
            continue  # near the area, and not across a border the sentence rules out
        near = [c for c, d in zip(m.candidates, distances.tolist()) if d <= HOMONYM_DISTANCE_KM
                and not (national and c.country_code != area.country_code)]
        _settle(m, near, area)
    # Then the names the gazetteer lacks, inside areas now settled.
    for i, m in enumerate(mentions):
        if m.reason == "unlisted" and m.place is None:
            container = _container(text, mentions, i, same_sentence=True)
            area = container.place if container is not None else main
            if area is None:
                container = _container(text, mentions, i)
                area = container.place if container is not None else None
            if area is not None:
                m.place = unlisted_place(m.text, area)
                m.candidates = [m.place]
                m.confidence = 0.3
    if " off " in text or "Off " in text:
        mark_offshore(text, mentions)


#: A position at sea given from a port ("60 nautical miles off Hodeidah", "off the coast of Aden"):
#: the pin stays on the port, with cue "off" and a confidence that flags it for review.
_OFFSHORE = re.compile(r"(?:\d[\d,.]*\s*(?:nautical miles|nautical mile|nm|miles|mile|km|kilometres|kilometers)"
                       r"\s+(?:\w+\s+)?off|\boff the (?:coast|coasts|shore|shores|port) of)\s+(?:the port of\s+)?$",
                       re.IGNORECASE)
_OFFSHORE_WINDOW = 60
OFFSHORE_CONFIDENCE = 0.4


def mark_offshore(text: str, mentions: list[Mention]) -> None:
    """Mentions that give a position at sea from a port keep the port, flagged: cue "off", confidence
    below the review threshold (the event is not in the town)."""
    for m in mentions:
        if m.place is None or m.place.kind not in ("populated_place", "facility", "unlisted"):
            continue
        if _OFFSHORE.search(text, max(0, m.start - _OFFSHORE_WINDOW), m.start):
            m.cue = "off"
            m.confidence = min(m.confidence, OFFSHORE_CONFIDENCE)


def pin_outliers(text: str, kept: list[Mention], dropped: list[Mention]) -> list[Mention]:
    """Far namesakes the resolver dropped (جويا, Goya in Argentina, in a story
    about south Lebanon) that their sentence places in an area right after them
    ("على جويا في جنوب لبنان"): unlisted villages of that area, flagged for
    review. Without such an area they stay dropped. Returns the mentions in order."""
    if not dropped:
        return kept
    mentions = sorted(kept + dropped, key=lambda m: m.start)
    out: list[Mention] = []
    removed = {id(m) for m in dropped}
    for i, m in enumerate(mentions):
        if id(m) not in removed:
            out.append(m)
            continue
        container = _container(text, mentions, i, same_sentence=True)
        if container is None or container.start < m.start or id(container) in removed:
            continue
        area = container.place
        if area.kind not in _NATIONAL_AREAS + ("region", "country") or not area.country_code \
                or not _contains(text[m.end:container.start]):
            continue
        m.runner_up = m.place
        m.place = unlisted_place(m.text, area)
        m.candidates = [m.place]
        m.reason = "unlisted"
        m.confidence = 0.3
        out.append(m)
    return out


def _abroad_of_following_area(text: str, mentions: list[Mention], index: int,
                              by_country: Counter, by_name: Counter) -> bool:
    """A small place or district followed in its sentence by an area of another
    country ("al-Zara in the Hama countryside", "Musakhel district of
    Balochistan") far from it, in a country nothing else in the document is in:
    a namesake. A candidate near that area wins; without one the name is
    unlisted there. Returns whether the mention was changed."""
    m = mentions[index]
    place = m.place
    if place.population >= OUTLIER_MAX_POPULATION or place.kind not in ("populated_place", "admin2"):
        return False
    if by_country[place.country_code] > by_name[(place.country_code, m.text)]:
        return False  # other places of the document are in that country (checked first: cheap)
    container = _container(text, mentions, index, same_sentence=True)
    if container is None or container.start < m.start or container.place.kind not in _NATIONAL_AREAS:
        return False
    article = _arabic_article_before(text, m.start) and place.country_code not in ARABIC_NAMED_COUNTRIES
    if not _contains(text[m.end:container.start], comma=article):
        return False  # "X and Y", "X وY": a list, not X inside Y
    area = container.place
    if not area.country_code or area.country_code == place.country_code:
        return False
    if km(area.lat, area.lon, place.lat, place.lon) <= HOMONYM_DISTANCE_KM:
        return False
    _settle(m, [c for c in m.candidates if c.country_code == area.country_code
                and km(area.lat, area.lon, c.lat, c.lon) <= HOMONYM_DISTANCE_KM], area)
    return True


#: Countries news name for one another: Arabic sources place Israeli towns in "Palestine"
#: (إيلات جنوبي فلسطين المحتلة), so either name covers the other's towns.
SAME_LAND = {"IL": "PS", "PS": "IL"}


def _named_country_near(place: Place, named: dict[str, Place]) -> Place | None:
    """For a small place of the region in a country the document never names, while it names
    other countries of the region: the named country nearest to it (its namesake is likely there;
    the region's village names repeat across borders). None when its own country is named."""
    if not named or place.country_code in named or place.country_code not in FOCUS_COUNTRIES \
            or SAME_LAND.get(place.country_code) in named:
        return None
    near = [(km(c.lat, c.lon, place.lat, place.lon), code, c) for code, c in named.items()
            if code in FOCUS_COUNTRIES]
    return min(near)[2] if near else None


def _adjective_of(text: str, code: str | None) -> bool:
    """Whether the text names a country by its adjective ("a Syrian town", "السورية")."""
    low = None
    for form in DEMONYMS.get(code or "", ()):
        if form.isascii():
            low = text.lower() if low is None else low
            if re.search(r"\b" + form + r"s?\b", low):
                return True
        elif form in text or form[:-1] + "ة" in text:
            return True
    return False


def _sentence_country(text: str, mentions: list[Mention], index: int) -> Place | None:
    """The country a town's sentence places it in: its nearest resolved mention
    in the same sentence, when that is a country named after it."""
    container = _container(text, mentions, index, same_sentence=True)
    if container is None or container.place.kind != "country" or container.start < mentions[index].start \
            or mentions[index].place.kind != "populated_place":
        return None  # a town followed by its country ("Hula in south Lebanon"), not a region
    return container.place


def _foreign_village(m: Mention, by_country: Counter, by_name: Counter, main: Place | None,
                     cued: bool = True, neighbours: list[Place] = ()) -> None:
    """A small place after a cue ("near Hula") in a country nothing else in the
    document is in, while the document is about another named country: the
    gazetteer has only a homonym elsewhere. A candidate in the document's
    country wins; without one, the name is unlisted there."""
    place = m.place
    if (cued and m.cue is None) or place.population >= OUTLIER_MAX_POPULATION or place.kind == "country":
        return
    if by_country[place.country_code] > by_name[(place.country_code, m.text)]:
        return  # other places of the document are in that country
    if main is None or main.country_code == place.country_code:
        return
    if any(n.country_code == main.country_code and n.kind != "country"
           and km(n.lat, n.lon, place.lat, place.lon) <= BORDER_TOWN_KM for n in neighbours):
        return  # a town just across the border from the document's places
    _settle(m, [c for c in m.candidates if c.country_code == main.country_code], main)
