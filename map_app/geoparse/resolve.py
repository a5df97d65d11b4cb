"""Choose which place each mention means, using the whole document as context.

A candidate's score starts from its gazetteer prominence and gains from:
the cue before it (محافظة → an admin area, معبر → a crossing, town → a town),
a country qualifier right after it ("Al-Qaim, Iraq", "القائم العراقية",
"في العراق"), the countries the document talks about, and nearness to the
other places of the document (two passes). The margin over the runner-up
becomes the confidence; a small margin flags the mention for review.

Every step is linear in the number of mentions: work is done per distinct
name or place, and the spatial context of a document is at most
`MAX_CONTEXT_PLACES` distinct places (the most mentioned ones), so a crafted
text repeating or listing names cannot make resolution quadratic.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

import numpy as np

from gazetteer.index import haversine_km
from map_app.geoparse.memo import name_key
from gazetteer.place import FOCUS_COUNTRIES, Place

from map_app.geoparse.coherence import support_bonus
from map_app.geoparse.document import Mention
from map_app.geoparse.lexicon import CUE_KINDS, DEMONYMS
from map_app.geoparse.homonyms import OUTLIER_MAX_POPULATION, no_far_homonyms, pin_outliers
from map_app.geoparse.unlisted import state_of_abbreviation

COUNTRY_CONTEXT_BONUS = 0.25
QUALIFIER_BONUS = 0.5
PROXIMITY_BONUS = 0.15
ANCHOR_COUNTRY_WEIGHT = 0.5
PROXIMITY_SCALE_KM = 250.0
OUTLIER_DISTANCE_KM = 800.0
#: Distinct places (the most mentioned first) that make up a document's spatial
#: context for the proximity bonus and the outlier test.  News articles name a
#: few dozen; the cap bounds the work on crafted input.
MAX_CONTEXT_PLACES = 500
#: The regional preference baked into the gazetteer ranks (gazetteer.build.FOCUS_BONUS):
#: taken back when the document is not about the region (US local news: Alexandria, Medina).
FOCUS_BONUS = 0.25
#: Share of a document's mentions that must lie in the region for the regional preference to hold.
REGIONAL_SHARE = 0.4
#: Country context counts for more when the document is not about the region.
WORLD_COUNTRY_CONTEXT_BONUS = 0.4
#: Regions and provinces named alike in several countries (Kurdistan: Iraq's region, Iran's
#: province) follow the document's countries more than towns do.
AREA_CONTEXT_BONUS = 0.6
_AREA_KINDS = ("admin1", "region")
#: Local news elsewhere: an admin-1 area of the document's own country beats a country of the same
#: name the document does not otherwise name (Georgia, the US state, in US local news).
HOME_STATE_BONUS = 0.4
#: Share of the document's country context that makes a country its home.
HOME_SHARE = 0.6
#: "Paris, Texas", "Alexandria, Va.": the admin-1 named right after a town.
ADMIN1_QUALIFIER_BONUS = 0.8
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064a]")
_FIRST_WORD = re.compile(r"[\W_]*?([^\W\d_]+)")
_ADMIN1_AFTER = re.compile(r",\s*([A-Z][A-Za-z]*\.?(?:\s?[A-Z][A-Za-z]*\.?)?)")


def _country_of_word(word: str | None, country_keys: dict[str, str]) -> str | None:
    if not word:
        return None
    return country_keys.get(word)


class Resolver:
    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self._country_keys = self._country_words()
        self._admin1_keys = {name_key(p.name): p.name for p in gazetteer.lookup_kind("admin1")}
        self._qualifier_heads = {key.split(" ")[0] for key in self._country_keys} | {"في", "بي", "in"}

    def _country_words(self) -> dict[str, str]:
        """Folded country names and demonym adjectives → ISO code, for qualifiers."""
        words: dict[str, str] = {}
        for place in self.gazetteer.lookup_kind("country"):
            for name in filter(None, (place.name, place.name_ar)):
                words[name_key(name)] = place.country_code
        for code, forms in DEMONYMS.items():
            for form in forms:
                words[form] = code
        return words

    def resolve(self, text: str, mentions: list[Mention]) -> list[Mention]:
        if not mentions:
            return mentions
        qualifiers = [self._qualifier(text, m) for m in mentions]
        states = [self._admin1_qualifier(text, m) for m in mentions]
        for mention, state in zip(mentions, states):
            if state and mention.candidates and not any(c.admin1 == state for c in mention.candidates):
                self._add_candidates_in(mention, state)
        self._regional = _regional(text, mentions)
        # Local news elsewhere: readings of its towns that lie together win (Hillsboro, Ohio).
        self._support = {} if self._regional else support_bonus(mentions)
        # Countries the document is about: unambiguous country mentions.
        countries = Counter(
            m.candidates[0].country_code for m in mentions
            if m.candidates and m.candidates[0].kind == "country"
        )
        names = [tuple(c.pid for c in m.candidates) for m in mentions]
        first_cache: dict[tuple, Place | None] = {}
        anchors = []
        for m, q, a, name in zip(mentions, qualifiers, states, names):
            key = (name, m.cue, q, a)
            if key not in first_cache:
                if len(m.candidates) <= 1:  # nothing to rank: the first pass would keep it as it is
                    first_cache[key] = m.candidates[0] if m.candidates else None
                else:
                    scored = self._score(m, q, countries, None, a)
                    first_cache[key] = scored[0][1]
            anchors.append(first_cache[key])
        # Distinct first-pass places (not countries) and how often each was chosen:
        # proximity is measured to the most mentioned of those, so the cost is
        # distinct names × MAX_CONTEXT_PLACES at most.
        counts = Counter(a.pid for a in anchors if a is not None and a.kind != "country")
        distinct = {a.pid: a for a in anchors if a is not None and a.pid in counts}
        pids = _context_pids(counts)
        lats = np.array([distinct[p].lat for p in pids])
        lons = np.array([distinct[p].lon for p in pids])
        # The document's countries also count where its other places lie (half weight).
        located = Counter()
        for anchor in anchors:
            if anchor is not None and anchor.kind != "country" and anchor.country_code:
                located[anchor.country_code] += ANCHOR_COUNTRY_WEIGHT
        pid_array = np.array(pids, dtype=np.int64)
        cache: dict[tuple, np.ndarray] = {}
        rows: dict[int, int] = {}  # candidate pid → its row of `distances[0]`
        distances: list[np.ndarray] = []
        contexts: dict[str | None, Counter] = {}
        scored_cache: dict[tuple, list[tuple[float, Place]]] = {}
        shared: dict[tuple[int, float], Place] = {}  # one Place per (pid, score): repeats share it

        def proximity(candidates: list[Place], name: tuple, excluded: int | None) -> np.ndarray:
            """Bonus per candidate for nearness to the document's other places
            (cached: a name repeated in a document has the same candidates)."""
            key = (name, excluded)
            if key not in cache:
                # (context pids are distinct: excluding one leaves none only when it is the only one)
                if not candidates or not pids or (excluded is not None and pids == [excluded]):
                    cache[key] = np.zeros(len(candidates))
                else:
                    if not rows:  # every candidate of the document against every context place, at once
                        located = {c.pid: c for m in mentions if len(m.candidates) > 1 for c in m.candidates}
                        rows.update((pid, i) for i, pid in enumerate(located))
                        c_lat = np.array([c.lat for c in located.values()])[:, None]
                        c_lon = np.array([c.lon for c in located.values()])[:, None]
                        distances.append(haversine_km(c_lat, c_lon, lats[None, :], lons[None, :]))
                    block = distances[0][[rows[c.pid] for c in candidates]]
                    nearest = (block if excluded is None else block[:, pid_array != excluded]).min(axis=1)
                    cache[key] = PROXIMITY_BONUS * np.exp(-nearest / PROXIMITY_SCALE_KM)
            return cache[key]

        def context_for(own_country: str | None) -> Counter:
            if own_country not in contexts:
                context = countries + located
                if own_country:
                    context[own_country] -= ANCHOR_COUNTRY_WEIGHT
                contexts[own_country] = +context
            return contexts[own_country]

        for mention, qualifier, anchor, state, name in zip(mentions, qualifiers, anchors, states, names):
            # A mention does not support itself: drop its own anchor if it is the only one.
            own = anchor is not None and anchor.pid in counts
            excluded = anchor.pid if own and counts[anchor.pid] == 1 else None
            own_country = anchor.country_code if own and anchor.country_code else None
            key = (name, mention.cue, qualifier, excluded, own_country, state)
            scored = scored_cache.get(key)
            if scored is None:
                # One candidate: nothing to choose, so nearness need not be measured.
                near = proximity(mention.candidates, name, excluded) if len(mention.candidates) > 1 else None
                scored = scored_cache[key] = self._score(mention, qualifier, context_for(own_country), near, state)
            self._assign(mention, scored, shared)
        self._one_sense_per_document(mentions)
        kept = self._drop_outliers(mentions, countries)
        if len(kept) < len(mentions):
            kept_ids = {id(m) for m in kept}
            kept = pin_outliers(text, kept, [m for m in mentions if id(m) not in kept_ids])
        no_far_homonyms(text, kept)
        # An unlisted name in a text that names no area at all has nowhere to be pinned.
        return [m for m in kept if m.place is not None]

    def _add_candidates_in(self, mention: Mention, state: str) -> None:
        """The recogniser keeps a name's 25 best-ranked places; "Paris, Texas"
        needs the one in Texas even when it ranks lower."""
        found = self.gazetteer.candidates(mention.text)
        extra = [self.gazetteer.place(pid, score) for pid, score in sorted(found.items(), key=lambda kv: -kv[1])]
        extra = [p for p in extra if p.admin1 == state][:5]
        if extra:
            mention.candidates = list(mention.candidates) + extra

    def _admin1_qualifier(self, text: str, mention: Mention) -> str | None:
        """An admin-1 area named right after the mention: 'Paris, Texas', 'Lebanon, N.H.'."""
        match = _ADMIN1_AFTER.match(text, mention.end, mention.end + 30)
        if not match:
            return None
        words = match.group(1).split()
        for n in (2, 1):
            if len(words) >= n:
                phrase = " ".join(words[:n])
                state = state_of_abbreviation(phrase) or self._admin1_keys.get(name_key(phrase))
                if state:
                    return state
        return None

    def _qualifier(self, text: str, mention: Mention) -> str | None:
        """A country named right after the mention: 'Al-Qaim, Iraq', 'القائم العراقية'."""
        first = _FIRST_WORD.match(text, mention.end, mention.end + 40)
        if first is None or name_key(first.group(1)) not in self._qualifier_heads:
            return None  # most names are followed by an ordinary word: no need to fold the tail
        words = _first_words(text[mention.end:mention.end + 40])
        for n in (1, 2):
            if len(words) >= n:
                code = _country_of_word(" ".join(words[:n]), self._country_keys)
                if code:
                    return code
        if words and words[0] in ("في", "بي", "in") and len(words) > 1:
            return _country_of_word(words[1], self._country_keys)
        return None

    def _score(self, mention: Mention, qualifier: str | None, countries: Counter,
               proximity: np.ndarray | None, state: str | None = None) -> list[tuple[float, Place]]:
        candidates = mention.candidates
        nears = [0.0] * len(candidates) if proximity is None else proximity.tolist()
        cue_bonus = CUE_KINDS.get(mention.cue or "", {})
        total = sum(countries.values()) + 1  # smoothed: one obscure place elsewhere is weak evidence
        regional = getattr(self, "_regional", True)
        support = getattr(self, "_support", {})
        context_bonus = COUNTRY_CONTEXT_BONUS if regional else WORLD_COUNTRY_CONTEXT_BONUS
        in_state = state is not None and any(c.admin1 == state for c in candidates)
        # The document's home country, leaving out the countries this very name may be (Georgia).
        own = {c.country_code for c in candidates if c.kind == "country"}
        home = _home_country(Counter({k: v for k, v in countries.items() if k not in own})) \
            if not regional and own else None
        # Areas of one name in several countries (Kurdistan) follow the document's countries more.
        area_weight = AREA_CONTEXT_BONUS if len({c.country_code for c in candidates
                                                 if c.kind in _AREA_KINDS}) > 1 else context_bonus
        scored: list[tuple[float, Place]] = []
        for place, near in zip(candidates, nears):
            score = place.score + cue_bonus.get(place.kind, 0.0)
            if in_state:
                score += ADMIN1_QUALIFIER_BONUS if place.admin1 == state else -ADMIN1_QUALIFIER_BONUS
            if home and place.kind == "admin1" and place.country_code == home:
                score += HOME_STATE_BONUS  # "south Georgia" in US local news: the state, not the country
            if place.kind != "country":
                if not regional and place.country_code in FOCUS_COUNTRIES:
                    score -= FOCUS_BONUS
                if qualifier:
                    score += QUALIFIER_BONUS if place.country_code == qualifier else -0.2
                weight = area_weight if place.kind in _AREA_KINDS else context_bonus
                score += weight * countries.get(place.country_code, 0) / total
                score += near + support.get(place.pid, 0.0)
            scored.append((score, place))
        scored.sort(key=lambda item: (-item[0], item[1].pid))
        return scored

    @staticmethod
    def _assign(mention: Mention, scored: list[tuple[float, Place]],
                shared: dict[tuple[int, float], Place] | None = None) -> None:
        if not scored:
            return
        best_score, best = scored[0]
        if shared is None:
            mention.candidates = [p.with_score(s) for s, p in scored]
        else:
            candidates = []
            for s, p in scored:
                place = shared.get((p.pid, s))
                if place is None:
                    place = shared[(p.pid, s)] = p.with_score(s)
                candidates.append(place)
            mention.candidates = candidates
        mention.place = mention.candidates[0]
        if len(scored) > 1:
            mention.runner_up = mention.candidates[1]
            margin = best_score - scored[1][0]
        else:
            margin = 0.6
        base = 0.5 + 0.5 * math.tanh(3.0 * margin)
        if mention.reason == "rare-name" and best.kind == "populated_place" and best.population < 1000:
            base *= 0.85
        mention.confidence = round(min(max(base, 0.0), 1.0), 3)

    @staticmethod
    def _drop_outliers(mentions: list[Mention], countries: Counter) -> list[Mention]:
        """Drop a small town that is far from everything else the document
        names, in a country it does not mention: usually a neighbourhood or
        a village missing from the gazetteer that shares its name with a
        faraway place (حي الرميلة in Raqqa is not Ar Rumaylah, UAE).

        Distances are computed once per distinct place, to the document's
        context places (at most MAX_CONTEXT_PLACES): linear in the mentions."""
        located = [m for m in mentions if m.place is not None and m.place.kind != "country"]
        if len(located) < 2:
            return mentions
        counts = Counter(m.place.pid for m in located)
        places = {m.place.pid: m.place for m in located}
        context = _context_pids(counts)
        c_lat = np.array([places[p].lat for p in context])
        c_lon = np.array([places[p].lon for p in context])
        c_pid = np.array(context, dtype=np.int64)
        checked = [(place is not None and place.kind == "populated_place"
                    and place.population < OUTLIER_MAX_POPULATION
                    and place.country_code not in countries and m.cue not in CUE_KINDS)
                   for m, place in ((m, m.place) for m in mentions)]
        suspects = list(dict.fromkeys(m.place.pid for m, check in zip(mentions, checked) if check))
        if not suspects:
            return mentions
        # Every suspect against every context place in one vectorised call.
        distances = haversine_km(np.array([places[p].lat for p in suspects])[:, None],
                                 np.array([places[p].lon for p in suspects])[:, None],
                                 c_lat[None, :], c_lon[None, :])
        far: dict[int, bool] = {}
        for row, pid in enumerate(suspects):
            # (context pids are distinct: leaving this one out leaves none only when it is the only one)
            far[pid] = context != [pid] and float(np.min(distances[row][c_pid != pid])) > OUTLIER_DISTANCE_KM
        return [m for m, check in zip(mentions, checked) if not check or not far[m.place.pid]]

    @staticmethod
    def _one_sense_per_document(mentions: list[Mention]) -> None:
        """The same name with the same cue means the same place throughout a
        document; keep the most confident reading."""
        best: dict[tuple[str, str], Mention] = {}
        folded: dict[str, str] = {}
        keys: list[tuple[str, str] | None] = []
        for m in mentions:
            if m.place is None:
                keys.append(None)
                continue
            if m.text not in folded:
                folded[m.text] = name_key(m.text)
            key = (folded[m.text], m.cue if m.cue in CUE_KINDS else "")
            keys.append(key)
            if key not in best or m.confidence > best[key].confidence:
                best[key] = m
        for m, key in zip(mentions, keys):
            if key is None:
                continue
            chosen = best[key]
            if chosen is not m and chosen.place and chosen.place.pid != m.place.pid:
                for cand in m.candidates:
                    if cand.pid == chosen.place.pid:
                        m.runner_up = m.place
                        m.place = cand
                        m.confidence = chosen.confidence
                        break


@lru_cache(maxsize=4096)
def _first_words(tail: str) -> tuple[str, ...]:
    """The first three folded words of the text after a mention (cached: articles repeat
    "Al-Qaim, Iraq" and crafted ones repeat everything)."""
    return tuple(name_key(tail).split()[:3])


def _context_pids(counts: Counter) -> list[int]:
    """The document's context places: all of them, or the MAX_CONTEXT_PLACES most
    mentioned (ties: first mentioned) when it names more."""
    if len(counts) <= MAX_CONTEXT_PLACES:
        return list(counts)
    return [pid for pid, _ in counts.most_common(MAX_CONTEXT_PLACES)]


def _home_country(countries: Counter) -> str | None:
    """The country most of the document's context is in, if it has HOME_SHARE of it."""
    total = sum(countries.values())
    if not total:
        return None
    code, weight = countries.most_common(1)[0]
    return code if weight >= HOME_SHARE * total else None


def _regional(text: str, mentions: list[Mention]) -> bool:
    """Whether the document is about the region (the default): unless it names
    at least two places whose best candidate without the regional preference
    lies elsewhere, and these are most of its Latin-script mentions."""
    named = outside = arabic = 0
    for m in mentions:
        if m.candidates:
            named += 1
            if _ARABIC_LETTERS.match(m.text):
                arabic += 1
            else:
                outside += _unbiased_best(m.candidates).country_code not in FOCUS_COUNTRIES
    # The region is the default: only a document mostly (and more than once) about elsewhere leaves it.
    return outside < 2 or 2 * arabic >= named or named - outside >= REGIONAL_SHARE * named


def _unbiased_best(candidates: list[Place]) -> Place:
    """The best candidate by static rank without the regional preference
    (candidates come best-ranked first, so the scan stops early)."""
    best, best_score = None, -1e9
    for place in candidates:
        if place.score <= best_score:
            break  # later candidates rank lower still, even unbiased ones
        score = place.score - (FOCUS_BONUS if place.kind != "country" and place.country_code in FOCUS_COUNTRIES
                               else 0.0)
        if score > best_score:
            best, best_score = place, score
    return best
