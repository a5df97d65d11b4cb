"""Reports of one event told more than once (ACLED: one event per place, type and day).

An article repeats its news: the headline summarises the body ("strikes on
Deir ez-Zor kill 10"), the lede names the district and a later paragraph the
villages, a second sentence tells the same strike again.  `merge_article`
folds such reports into one incident per event:

1. Same event type, sub-event type and place, on the same day, or with one of
   the two dated only by the publication day, are one event.
2. A headline's incident is a summary: it folds into the body incidents it
   summarises (same event type, place the same or contained in the headline's,
   dates compatible); a headline that matches nothing stays an incident.
3. A report placed only at an area (country, governorate, district, region, or
   "near X") folds into a precise report of the same event inside that area.
4. A protest and the riot it turned into (same place and day) are one riot; arrests at a
   demonstration's place and day are part of it (a peaceful protest becomes a protest
   with intervention).

The merged incident keeps the most precise place and date, the lowest
fatality figure (ACLED's rule; a headline's total only fills a body incident
that has none), every actor, and the evidence of every report
(`evidence_spans`; review flag "merged", so a reviewer can split it again).

`same_event(a, b)` is the same test as a pure function for incidents from
different articles or languages (the store's cross-source merge).

Work is linear: candidates are looked up by key and each lookup scans at most
`MAX_CANDIDATES` incidents.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache

from map_app.geoparse.document import Incident
from map_app.geoparse.incidents.layout import HEADLINE, SUMMARY

#: Incidents scanned per lookup (keeps merging linear on hostile input).
MAX_CANDIDATES = 64
#: Reports whose actors are read for one incident.
MAX_REPORTS = 8
#: Sub-event types that a more specific report of the same event may refine.
GENERIC_SUBS = frozenset({"Armed clash", "Remote explosive/landmine/IED", "Other"})
#: How far a precise place may lie from an area's point and still be inside it (km), by area kind.
AREA_RADIUS_KM = {"admin2": 40.0, "region": 60.0, "water": 60.0, "unlisted": 30.0, "near": 20.0}
#: A headline's place summarises body events this close to it (km).
HEADLINE_RADIUS_KM = 30.0
#: Two points this close are the same place for cross-source merging (km).
SAME_PLACE_KM = 10.0
#: An area report dated only by the day it was told ("officials said on Thursday") folds into a precise report
#: of the same event up to this many days before (the report bounds the event's day from above).
LOOSE_DAYS = timedelta(days=6)
_AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "water"})
_ADMIN_WORDS = re.compile(r"\s+(?:governorate|province|muhafazat|region|district)$", re.IGNORECASE)


@dataclass(slots=True)
class Draft:
    """An incident being built, with what merging needs to know about its report."""

    incident: Incident
    #: Layout role of its sentence (layout.py): "headline", "lede", "body".
    role: str = "body"
    article: int = 0
    #: Where its date came from: "own" (its sentence), "heading" (a timeline heading), "context" (an
    #: earlier sentence of the paragraph), "report" (its sentence's day of the report, "officials said on
    #: Thursday"), "published" (the publication day) or "none".
    dated: str = "own"
    #: Evidence spans already recorded (keeps repeated merges linear).
    spans: set = field(default_factory=set)
    #: (sentence text, actor mentions, cue start) of its reports, read for the actor sides at the end
    #: (at most `MAX_REPORTS`).
    reports: list = field(default_factory=list)
    #: Told as a new event ("another drone", "مسيرة أخرى"): never folded into a report before it.
    distinct: bool = False

    @property
    def weak_date(self) -> bool:
        return self.dated in ("published", "none")

    @property
    def loose_date(self) -> bool:
        """Dated by publication, not at all, or by the day of the report ("officials said on Thursday")."""
        return self.dated in ("published", "none", "report")


@lru_cache(maxsize=4096)
def _admin_key(name: str | None) -> str | None:
    return _ADMIN_WORDS.sub("", name).casefold() if name else None


def _km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _is_area(inc: Incident) -> bool:
    return inc.place is not None and (inc.place.kind in _AREA_KINDS or inc.geo_precision >= 2)


def contains(area: Incident, point: Incident) -> bool:
    """`point`'s place is the same as or inside `area`'s place (by kind, admin names or distance)."""
    a, p = area.place, point.place
    if a is None or p is None:
        return False
    if a.key == p.key:
        return True
    if a.country_code and p.country_code and a.country_code != p.country_code:
        return False
    if a.kind == "country":
        return bool(a.country_code) and a.country_code == p.country_code
    if a.kind == "admin1":
        return _admin_key(a.name) is not None and _admin_key(a.name) in (_admin_key(p.admin1), _admin_key(p.name))
    if a.kind == "admin2" and p.admin2 and _admin_key(a.name) == _admin_key(p.admin2):
        return True
    if area.geo_precision >= 3 and a.admin1 and _admin_key(a.admin1) == _admin_key(p.admin1):
        return True  # a town standing for its province ("Idlib province")
    if area.geo_precision >= 2 and _capital(a) and _admin_key(a.admin1) == _admin_key(p.admin1):
        return True  # "ريف درعا", "Deir ez-Zor countryside": a governorate's capital standing for its countryside
    radius = AREA_RADIUS_KM.get(a.kind) or (AREA_RADIUS_KM["near"] if area.geo_precision >= 2 else 0.0)
    return radius > 0 and _km(a, p) <= radius


def _capital(place) -> bool:
    """The place is the town its governorate is named after (Daraa in Daraa, Duhok in Duhok)."""
    if not place.admin1 or place.kind not in ("populated_place", "admin2"):
        return False
    a, n = _admin_key(place.admin1), _admin_key(place.name)
    return bool(a and n) and (a == n or _letters(a) == _letters(n))


@lru_cache(maxsize=4096)
def _letters(name: str) -> str:
    """The consonants of a name without its article, for comparing transliterations
    ("Al-Hasakah" / "Al Ḩasakah", "Duhok" / "Dihok", "Daraa" / "Dar‘ā")."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    plain = re.sub(r"^(?:al|el|ad|ar|as|ash|at|az)[\s-]+", "", plain.casefold())
    plain = re.sub(r"[^a-z]|[aeiouy]", "", plain)
    return re.sub(r"(.)\1+", r"\1", plain)


def _summarises(headline: Incident, body: Incident) -> bool:
    """A headline's place covers a body event: contained in it, within `HEADLINE_RADIUS_KM`, or, for a headline
    placed at an area (a country, a governorate, a region), anywhere in the same country."""
    h, b = headline.place, body.place
    if contains(headline, body) or _km(h, b) <= HEADLINE_RADIUS_KM:
        return True
    if _capital(h) and _admin_key(h.admin1) == _admin_key(b.admin1):
        return True
    return (h.kind in _AREA_KINDS or headline.geo_precision >= 3) and bool(h.country_code) \
        and h.country_code == b.country_code


def _dates_close(a: Incident, b: Incident, days: int = 1) -> bool:
    """Within `days` days; a week-precise date covers its week, a month-precise one its month."""
    if a.event_date is None or b.event_date is None:
        return True
    for x, y in ((a, b), (b, a)):
        if (x.time_precision or 1) >= 3:
            return (x.event_date.year, x.event_date.month) == (y.event_date.year, y.event_date.month)
    slack = days + (3 if 2 in (a.time_precision, b.time_precision) else 0)
    return abs((a.event_date - b.event_date).days) <= slack


def _fatalities_compatible(a: int | None, b: int | None) -> bool:
    if a is None or b is None:
        return True
    lo, hi = sorted((a, b))
    return hi <= 3 * lo + 3


#: Demonstrations: a protest and the riot it turned into at one place and day are one event (the riot).
DEMONSTRATIONS = _DEMONSTRATIONS = frozenset({"Protests", "Riots"})
#: Which sub-event type a merged demonstration keeps (the most violent).
DEMO_RANK = _DEMO_RANK = {"Peaceful protest": 0, "Protest with intervention": 1, "Violent demonstration": 2,
                          "Mob violence": 2}


def _family(event_type: str) -> str:
    return "Demonstrations" if event_type in _DEMONSTRATIONS else event_type


def _subs_compatible(a: Incident, b: Incident) -> bool:
    """Equal, one of them generic or unknown (empty: an imported or stored record without one), or both
    demonstrations (a protest and the riot it turned into)."""
    if a.event_type in _DEMONSTRATIONS and b.event_type in _DEMONSTRATIONS:
        return True
    return a.sub_event_type == b.sub_event_type or not a.sub_event_type or not b.sub_event_type \
        or a.sub_event_type in GENERIC_SUBS or b.sub_event_type in GENERIC_SUBS


def _actors_compatible(a: Incident, b: Incident) -> bool:
    if not a.actor1 or not b.actor1 or a.actor1 == b.actor1:
        return True
    side_a = {a.actor1, *a.assoc_actor_1}
    side_b = {b.actor1, *b.assoc_actor_1}
    return bool(side_a & side_b) or "Unidentified" in a.actor1 or "Unidentified" in b.actor1


def same_event(a: Incident, b: Incident) -> bool:
    """Two reports (any articles, any languages) of one event.

    Same event type (sub-event types equal or one of them generic or unknown), the same
    place or one inside the other (admin1/admin2 names, or within a radius
    set by the area kind; two points within `SAME_PLACE_KM`), dates within a
    day (a week or a month for week or month precision), compatible death
    tolls (neither more than three times the other plus three) and no two
    different attackers.
    """
    if a.event_type != b.event_type or not _subs_compatible(a, b):
        return False
    if a.place is None or b.place is None:
        return False
    if not (contains(a, b) or contains(b, a)):
        if _is_area(a) or _is_area(b) or _km(a.place, b.place) > SAME_PLACE_KM:
            return False
    return _dates_close(a, b) and _fatalities_compatible(a.fatalities, b.fatalities) and _actors_compatible(a, b)


def absorb(target: Draft, other: Draft, *, summary: bool = False) -> None:
    """Fold `other` (another report of the same event) into `target`."""
    t, o = target.incident, other.incident
    if o.fatalities is not None:
        if t.fatalities is None:
            t.fatalities = o.fatalities
        elif not summary:
            t.fatalities = min(t.fatalities, o.fatalities)
    for name in o.actors:
        if name not in t.actors:
            t.actors.append(name)
    if t.sub_event_type in GENERIC_SUBS and o.sub_event_type not in GENERIC_SUBS:
        t.sub_event_type = o.sub_event_type  # "clashes" then "captured": the battle changed hands
    if _DEMO_RANK.get(o.sub_event_type, -1) > _DEMO_RANK.get(t.sub_event_type, 9):
        t.event_type, t.sub_event_type = o.event_type, o.sub_event_type  # the protest turned violent
    merge_sides(t, o)
    room = MAX_REPORTS - len(target.reports)
    if room > 0:
        target.reports.extend(other.reports[:room])
    if target.weak_date and not other.weak_date and o.event_date is not None:
        t.event_date, t.time_precision, target.dated = o.event_date, o.time_precision, other.dated
    elif o.time_precision is not None and (t.time_precision is None or o.time_precision < t.time_precision) \
            and o.event_date == t.event_date:
        t.time_precision = o.time_precision
    if o.place is not None and (t.place is None or o.geo_precision < t.geo_precision and not summary):
        t.place, t.location_mention, t.geo_precision = o.place, o.location_mention, o.geo_precision
    _record(target, (o.start, o.end))
    for span in o.evidence_spans:
        _record(target, span)
    t.civilian_targeting = t.civilian_targeting or o.civilian_targeting
    if "merged" not in t.review_flags:
        t.review_flags.append("merged")
    for flag in o.review_flags:
        if flag not in t.review_flags and flag != "area_only":
            t.review_flags.append(flag)


def merge_sides(t: Incident, o) -> None:
    """Add another report's actor sides (`o` has actor1, inter1, assoc_actor_1, actor2 ...) to `t`."""
    if o.actor1 is not None:
        if t.actor1 is None or (t.actor1.startswith("Unidentified") and not o.actor1.startswith("Unidentified")):
            if t.actor1 is not None and t.actor1 == (o.actor2 or ""):
                pass
            t.actor1, t.inter1 = o.actor1, o.inter1
        elif o.actor1 != t.actor1 and not o.actor1.startswith("Unidentified") and o.actor1 not in t.assoc_actor_1 \
                and o.actor1 != t.actor2:
            t.assoc_actor_1.append(o.actor1)
    for name in o.assoc_actor_1:
        if name not in t.assoc_actor_1 and name != t.actor1 and name != t.actor2:
            t.assoc_actor_1.append(name)
    if o.actor2 is not None:
        if t.actor2 is None:
            if o.actor2 != t.actor1:
                t.actor2, t.inter2 = o.actor2, o.inter2
        elif o.actor2 != t.actor2 and o.actor2 not in t.assoc_actor_2 and o.actor2 != t.actor1:
            t.assoc_actor_2.append(o.actor2)
    for name in o.assoc_actor_2:
        if name not in t.assoc_actor_2 and name != t.actor2 and name != t.actor1:
            t.assoc_actor_2.append(name)


def _record(target: Draft, span: tuple[int, int]) -> None:
    t = target.incident
    if span != (t.start, t.end) and span not in target.spans:
        target.spans.add(span)
        t.evidence_spans.append(span)


def merge_article(drafts: list[Draft]) -> list[Draft]:
    """Fold repeated reports of one event within an article (see the module docstring)."""
    if len(drafts) < 2:
        return drafts
    drafts = _merge_same_place(drafts)
    drafts = _fold_arrests(drafts)
    drafts = _fold_into_precise(drafts, lambda d: d.role in SUMMARY, summary=True)
    drafts = _fold_into_precise(drafts, lambda d: _is_area(d.incident) and not d.distinct, summary=False)
    return _fold_headline_at_body_place(drafts)


def _fold_headline_at_body_place(drafts: list[Draft]) -> list[Draft]:
    """Rule 2b: a headline left over at a place where the body codes an event of another type ("clashes spread
    to Mombasa" over a riot there) sums that event up in its own words; it is noted on it, not kept."""
    heads = [d for d in drafts if d.role == HEADLINE and d.incident.place is not None]
    if not heads:
        return drafts
    body: dict[tuple, Draft] = {}
    for d in drafts:
        if d.role not in SUMMARY and d.incident.place is not None:
            body.setdefault((d.article, d.incident.place.key), d)
    dropped: set[int] = set()
    for d in heads:
        other = body.get((d.article, d.incident.place.key))
        if other is not None and (d.weak_date or other.weak_date or _dates_close(d.incident, other.incident, 1)):
            _note(other, d)
            dropped.add(id(d))
    return [d for d in drafts if id(d) not in dropped]


def _merge_same_place(drafts: list[Draft]) -> list[Draft]:
    """Rule 1: one event type at one place (or two points `SAME_PLACE_KM` apart when one report is dated only
    by publication), on the same day or with one dated only by publication; sub-event types equal or one
    generic (the specific one is kept)."""
    out: list[Draft | None] = []
    by_type: dict[tuple, list[int]] = {}
    for d in drafts:
        inc = d.incident
        bucket = by_type.setdefault((d.article, _family(inc.event_type)), [])
        target_at = None
        for at in reversed(bucket[-MAX_CANDIDATES:]):
            other = out[at]
            if other is None or not _same_report(d, other):
                continue
            if d.distinct and d.incident.place.key != other.incident.place.key:
                continue  # "another drone struck ...": a second event nearby
            if d.role in SUMMARY and other.role not in SUMMARY:
                continue  # a headline folds into the body (rule 2), not the other way round
            target_at = at
            break
        if target_at is None:
            bucket.append(len(out))
            out.append(d)
            continue
        target = out[target_at]
        if d.role not in SUMMARY and target.role in SUMMARY:
            # A body report of the headline's event: the body report leads.
            absorb(d, target, summary=True)
            out[target_at] = d
        else:
            absorb(target, d, summary=d.role in SUMMARY)
    return [d for d in out if d is not None]


def _fold_arrests(drafts: list[Draft]) -> list[Draft]:
    """Arrests at a demonstration's place and day are part of it: ACLED codes a protest whose participants were
    arrested as a protest with intervention, not as a separate arrest."""
    demos: dict[tuple, Draft] = {}
    for d in drafts:
        if d.incident.event_type in _DEMONSTRATIONS and d.incident.place is not None:
            demos.setdefault((d.article, d.incident.place.key), d)
    if not demos:
        return drafts
    out = []
    for d in drafts:
        inc = d.incident
        demo = demos.get((d.article, inc.place.key)) if inc.sub_event_type == "Arrests" and inc.place else None
        if demo is not None and (d.weak_date or demo.weak_date or _dates_close(demo.incident, inc, 0)):
            if demo.incident.sub_event_type == "Peaceful protest":
                demo.incident.sub_event_type = "Protest with intervention"
            _note(demo, d)
            continue
        out.append(d)
    return out


def _same_report(d: Draft, other: Draft) -> bool:
    a, b = d.incident, other.incident
    if a.place is None or b.place is None or not _subs_compatible(a, b):
        return False
    weak = d.dated == "published" or other.dated == "published"
    if a.event_date is None and b.event_date is None and a.sub_event_type != b.sub_event_type:
        return False  # undated: two kinds of event at one place may be days apart
    if a.place.key != b.place.key:
        if a.start == b.start:
            return False  # two places of one sentence (a roundup) are two events
        if not weak or _is_area(a) != _is_area(b) or a.place.kind in _AREA_KINDS or b.place.kind in _AREA_KINDS \
                or _km(a.place, b.place) > SAME_PLACE_KM:
            return False
    # An undated restatement ("The Battle of X ...") of a dated report at the same place is the same event.
    undated = (a.event_date is None) != (b.event_date is None) and a.place.key == b.place.key
    return a.event_date == b.event_date or weak or undated


def _fold_into_precise(drafts: list[Draft], is_source, *, summary: bool) -> list[Draft]:
    """Rules 2 and 3: fold each source draft into the precise drafts of the same event it covers."""
    by_type: dict[tuple, list[Draft]] = {}
    for d in drafts:
        # (an area report may fold into a report near a town: "in the Sagaing region" then "near Kanbalu")
        if d.incident.place is not None and (not is_source(d) or not summary and d.incident.geo_precision < 3):
            by_type.setdefault((d.article, d.incident.event_type), []).append(d)
    dropped: set[int] = set()
    for i, d in enumerate(drafts):
        inc = d.incident
        if not is_source(d) or inc.place is None:
            continue
        matches = []
        for other in by_type.get((d.article, inc.event_type), [])[:MAX_CANDIDATES]:
            o = other.incident
            if other is d or id(other) in dropped or (o.start == inc.start and o.place.key != inc.place.key):
                continue  # (two places of one sentence are two events)
            if is_source(other) and o.geo_precision >= inc.geo_precision:
                continue  # (an area folds only into a more precise report)
            if not summary and not _subs_compatible(inc, o):
                continue  # (a headline's "قصف" or "strikes" may sum up air strikes or shelling alike)
            if not (_summarises(inc, o) if summary else contains(inc, o)):
                continue
            if not (d.weak_date or other.weak_date or _dates_close(inc, o, days=0)
                    or not summary and d.loose_date and other.dated == "own" and o.event_date is not None
                    and inc.event_date is not None and timedelta(0) <= inc.event_date - o.event_date <= LOOSE_DAYS):
                # (an area report dated by the day it was told folds into the precise report of a day before)
                continue
            matches.append(other)
        if not matches and summary and d.role == HEADLINE:
            # A headline that names its place differently ("near Tishreen Dam") still sums up the body's
            # events of its kind: note it on the nearest one rather than keep a second incident.
            near = [o for o in by_type.get((d.article, inc.event_type), [])[:MAX_CANDIDATES]
                    if id(o) not in dropped and (d.weak_date or o.weak_date or _dates_close(inc, o.incident, 1))]
            if near:
                _note(min(near, key=lambda o: _km(inc.place, o.incident.place)), d)
                dropped.add(id(d))
            continue
        if not matches:
            continue
        if len(matches) == 1:
            absorb(matches[0], d, summary=summary)
        else:
            for other in matches:
                _note(other, d)  # a headline over a roundup: its total is not split again
        dropped.add(id(d))
    return [d for d in drafts if id(d) not in dropped]


def _note(target: Draft, other: Draft) -> None:
    """Record `other`'s evidence on `target` without changing its figures."""
    t, o = target.incident, other.incident
    _record(target, (o.start, o.end))
    if "merged" not in t.review_flags:
        t.review_flags.append("merged")
