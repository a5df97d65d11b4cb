"""Free-text search over incidents, written once for both backends.

A query's words must each occur somewhere an analyst would look: the incident's
own search key (evidence, location, place name, actors; Arabic-folded), its
event type and sub-type, its admin areas, or the text of an article reporting
it.  On top of that, the whole query is looked up in the gazetteer (exact and
article-dropped names, no fuzzy guesses): an incident at one of the places it
names — by GeoNames id, by name in either script, or inside a governorate /
district / country it names — matches too.  So `Abu Kamal` finds the incident
whose evidence says البوكمال, and `Deir ez-Zor` every incident in that province.

Values only ever travel as bound parameters; the SQL fragments are constants.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Callable

from map_app.store.sql import like_pattern, search_key

#: At most this many gazetteer places widen one query.
MAX_PLACES = 12
#: Longest query looked up in the gazetteer (characters); longer text is not a place name.
MAX_PLACE_QUERY = 80


@dataclass(frozen=True)
class PlaceMatch:
    """What a query names in the gazetteer: ids, names (both scripts) and areas."""

    geonameids: tuple[int, ...] = ()
    names: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    admin2: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.geonameids or self.names or self.admin1 or self.admin2
                    or self.countries)


#: text -> PlaceMatch (empty when the text names no place).
PlaceMatcher = Callable[[str], PlaceMatch]


def no_places(_text: str) -> PlaceMatch:
    return PlaceMatch()


def gazetteer_places(gazetteer: Any = None) -> PlaceMatcher:
    """Looks a query up in the offline gazetteer (opened on first use; none if missing)."""
    state: dict[str, Any] = {} if gazetteer is None else {"gazetteer": gazetteer}

    @functools.lru_cache(maxsize=512)
    def match(text: str) -> PlaceMatch:
        text = " ".join(text.split())
        if not text or len(text) > MAX_PLACE_QUERY:
            return PlaceMatch()
        if "gazetteer" not in state:
            try:
                from gazetteer import Gazetteer

                state["gazetteer"] = Gazetteer.open()
            except Exception:  # noqa: BLE001 - index not built: plain text search only
                state["gazetteer"] = None
        gaz = state["gazetteer"]
        if gaz is None:
            return PlaceMatch()
        try:
            places = gaz.lookup(text, limit=MAX_PLACES, fuzzy=False)
        except Exception:  # noqa: BLE001 - a lookup problem must not break the search
            return PlaceMatch()
        ids, names, admin1, admin2, countries = [], [], [], [], []
        for p in places:
            names.extend(n for n in (p.name, p.name_ar) if n)
            if p.kind == "admin1":
                admin1.append(p.name)
            elif p.kind == "admin2":
                admin2.append(p.name)
            elif p.kind == "country" and p.country_code:
                countries.append(p.country_code)
            elif p.geonameid is not None:
                ids.append(int(p.geonameid))
        uniq = lambda xs: tuple(dict.fromkeys(xs))  # noqa: E731
        return PlaceMatch(uniq(ids), uniq(names), uniq(admin1), uniq(admin2), uniq(countries))

    return match


def _in(column: str, values: tuple[Any, ...]) -> tuple[str, list[Any]]:
    return f"{column} IN ({','.join('?' * len(values))})", list(values)


def text_condition(text: str, places: PlaceMatcher = no_places) -> tuple[str, list[Any]]:
    """SQL condition on incidents `i` for a free-text query (see the module doc)."""
    words = search_key(text).split()
    if not words:
        return "TRUE", []
    clauses: list[str] = []
    params: list[Any] = []
    raw_words = text.casefold().split()
    for k, word in enumerate(words):
        pattern = like_pattern(word)
        raw = like_pattern(raw_words[k]) if k < len(raw_words) else pattern
        clauses.append(
            "(i.search LIKE ? ESCAPE '\\' OR lower(i.event_type) LIKE ? ESCAPE '\\' "
            "OR lower(i.sub_event_type) LIKE ? ESCAPE '\\' "
            "OR lower(coalesce(i.admin1, '')) LIKE ? ESCAPE '\\' "
            "OR lower(coalesce(i.admin2, '')) LIKE ? ESCAPE '\\' "
            "OR i.id IN (SELECT s.incident_id FROM incident_sources s JOIN articles a "
            "ON a.id = s.article_id WHERE lower(a.text) LIKE ? ESCAPE '\\' "
            "OR lower(a.text) LIKE ? ESCAPE '\\'))")
        params.extend([pattern] * 5 + [raw, pattern])
    words_sql = " AND ".join(clauses)
    found = places(text)
    if not found:
        return f"({words_sql})", params
    alternatives: list[str] = []
    alt_params: list[Any] = []
    for column, values in (("i.geonameid", found.geonameids), ("i.admin1", found.admin1),
                           ("i.admin2", found.admin2), ("i.country_code", found.countries)):
        if values:
            sql, vals = _in(column, values)
            alternatives.append(sql)
            alt_params.extend(vals)
    for name in found.names:
        key = search_key(name)
        if key:
            alternatives.append("i.search LIKE ? ESCAPE '\\'")
            alt_params.append(like_pattern(key))
    if not alternatives:
        return f"({words_sql})", params
    return f"(({words_sql}) OR {' OR '.join(alternatives)})", params + alt_params
