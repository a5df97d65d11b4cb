"""Draft incidents of one article: references back, the story's day and place, background, ACLED fields.

Used by extract.py once it has turned a sentence into draft incidents
(merge.Draft): which earlier draft a reference back ("the strike killed 5")
adds to, which earlier draft an undated or placeless report takes its day or
place from, which drafts are background ("last month ..."), and, at the end,
the ACLED fields that depend on the whole merged incident (actor sides, inter
codes, interaction, disorder type, civilian targeting, review flags).
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from map_app.geoparse.document import Incident
from map_app.geoparse.incidents import acled
from map_app.geoparse.incidents.layout import SUMMARY
from map_app.geoparse.incidents.locate import Location
from map_app.geoparse.incidents.merge import DEMO_RANK, DEMONSTRATIONS, Draft, contains, merge_sides
from map_app.geoparse.incidents.normalize import fold
from map_app.geoparse.incidents.roles import assign_sides, victim_forces
from map_app.geoparse.incidents.taxonomy import VAC

#: How many earlier incidents of the article an undated report may take its day from.
MAX_STORY = 8
#: In an article reporting a recent event, events older than this are background.
STALE_DAYS = 30
#: An event this close to publication makes the article's news "recent".
RECENT_DAYS = 3

_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def antecedent(anaphora: str, event_type: str, location: Location | None, own_place: bool,
                previous: Draft | None, drafts: list[Draft], generic: bool = False) -> Draft | None:
    """The draft an anaphoric sentence adds to, or None.

    The paragraph's last incident when the sentence names no place of its own
    or the same place; for a pointing word ("this attack"), no place of its own
    or a country-level place ("34 soldiers were killed in the strikes, sources
    close to Turkey said"), the article's last incident of the same event type
    (of any violent type for a generic "the attack" with no place).
    """
    prev = previous.incident if previous is not None else None
    if prev is not None and (not own_place or (location is not None and prev.place is not None
                                                and (location.mention.place.key == prev.place.key
                                                     or _region_around(location, prev)))):
        return previous  # (the same place, or a region around it: "the shelling ... the Golan Heights")
    if anaphora == "demonstrative" or not own_place or (location is not None and vague_area(location)):
        # "Iraq's prime minister condemned the attack": with no place of its own, a definite reference is to
        # the article's last event of its kind, wherever it was told.
        for draft in reversed(drafts[-MAX_STORY:]):
            if draft.incident.event_type == event_type or (
                    generic and draft.incident.event_type in _VIOLENT and not own_place):
                return draft
        if anaphora == "demonstrative" and previous is not None:
            return previous
    if location is not None and own_place and not vague_area(location):
        # "A health official later said the Baidoa attack had also wounded 15", "no word on casualties from the
        # raids near Sanaa": the article's event at that very place, told in an earlier paragraph.
        key = location.mention.place.key
        for draft in reversed(drafts[-MAX_STORY:]):
            inc = draft.incident
            if inc.place is not None and inc.place.key == key and (
                    inc.event_type == event_type or (generic and inc.event_type in _VIOLENT)):
                return draft
    return None


def vague_area(location: Location) -> bool:
    """A country, or a region spanning several governorates (geo precision 3 without admin1)."""
    place = location.mention.place
    return place.kind == "country" or (place.kind in ("region", "water") and location.geo_precision == 3)


def two_countries(location: Location, ranked: list[Location]) -> bool:
    """The event is placed at a country while the sentence names another one too ("in Iraq and Syria")."""
    if location.mention.place.kind != "country":
        return False
    return any(c.mention.place.kind == "country" and c.mention.place.key != location.mention.place.key
               and c.role in (location.role, "actor") for c in ranked)


def add_report(draft: Draft, fatalities: int | None, names: list[str], span: tuple[int, int],
                report: tuple | None = None) -> None:
    """A sentence that refers back to `draft`'s event adds its toll, actors and evidence."""
    inc = draft.incident
    if report is not None and len(draft.reports) < 8:
        draft.reports.append(report)
    if fatalities is not None:
        inc.fatalities = fatalities if inc.fatalities is None else min(inc.fatalities, fatalities)
    for name in names:
        if name not in inc.actors:
            inc.actors.append(name)
    if span != (inc.start, inc.end) and span not in draft.spans:
        draft.spans.add(span)
        inc.evidence_spans.append(span)


def last_draft(drafts: list[Draft], article: int) -> Draft | None:
    """The article's last body incident at a town (for "the same checkpoint", "hours later", list items)."""
    for d in reversed(drafts):
        inc = d.incident
        if d.article == article and d.role not in SUMMARY and inc.location_mention is not None \
                and inc.geo_precision < 3:
            return d
        if d.article != article:
            break
    return None


def last_demonstration(drafts: list[Draft], article: int) -> Draft | None:
    """The article's latest demonstration (among its last `MAX_STORY` incidents)."""
    for d in reversed(drafts[-MAX_STORY:]):
        if d.article == article and d.incident.event_type in DEMONSTRATIONS and d.incident.place is not None:
            return d
    return None


def upgrade_demonstration(inc, event) -> None:
    """A protest met with force is a protest with intervention; one that turned violent, a riot."""
    if DEMO_RANK.get(event.sub_event_type, -1) > DEMO_RANK.get(inc.sub_event_type, 9):
        inc.event_type, inc.sub_event_type = event.event_type, event.sub_event_type


def story_date(drafts: list[Draft], article: int, event_type: str, location: Location | None) -> Draft | None:
    """An earlier dated incident of the article's story: the same event type in the same governorate or
    within 50 km (a body sentence with no date of its own retells it)."""
    if location is None or location.mention.place is None:
        return None
    place = location.mention.place
    for d in reversed(drafts[-MAX_STORY:]):
        inc = d.incident
        if d.article != article or d.weak_date or inc.event_date is None or inc.place is None:
            continue
        if inc.event_type == event_type and (
                place.admin1 and inc.place.admin1 == place.admin1 or contains(inc, _point(location))):
            return d
    return None


def news_date(drafts: list[Draft], article: int, published) -> Draft | None:
    """The article's latest report dated in its own sentence to a day within `RECENT_DAYS` of publication (the
    day of its news), for an event the article tells without a day of its own."""
    if published is None:
        return None
    try:
        recent = published - timedelta(days=RECENT_DAYS)
    except OverflowError:  # a publication day at the start of the calendar
        recent = date.min
    for d in reversed(drafts[-MAX_STORY:]):
        inc = d.incident
        if d.article != article:
            continue
        if d.dated in ("own", "report") and inc.time_precision == 1 and inc.event_date is not None \
                and recent <= inc.event_date <= published:
            return d
    return None


def _region_around(location: Location, incident: Incident) -> bool:
    """The location is a named region (not an admin area) that holds the incident's place."""
    return location.mention.place.kind == "region" and contains(_point(location), incident)


def _point(location: Location) -> Incident:
    return Incident("", "", "", 0, 0, place=location.mention.place, geo_precision=location.geo_precision)


def absorb_pending(draft: Draft, report: tuple) -> None:
    """A report that named no place, told again with its place: its toll, day and actors join."""
    _event_type, fatalities, usable, span, sides_input, _i = report
    inc = draft.incident
    if inc.fatalities is None and fatalities is not None:
        inc.fatalities = fatalities
    precise = [d for d in usable if d.precision == 1]
    if precise and (draft.weak_date or inc.event_date is None):
        inc.event_date, inc.time_precision, draft.dated = precise[0].value, 1, "own"
    draft.reports.append(sides_input)
    draft.spans.add(span)
    inc.evidence_spans.append(span)


def civilians_only(text: str, actor_mentions, location: Location, when, cue_start: int) -> bool:
    """The only target named is civilians (shepherds, villagers): the "clash" is an attack on civilians."""
    if not any(a.actor.inter == acled.CIVILIANS for a in actor_mentions) or victim_forces(text):
        return False  # (soldiers or policemen among the dead: armed men fought back)
    code = location.mention.place.country_code if location.mention.place is not None else None
    sides = assign_sides(text, actor_mentions, "Battles", "Armed clash", code, when, cue_start)
    return sides.inter2 == acled.CIVILIANS and not sides.assoc_actor_2


#: Places and people that cannot fight back: gunmen opening fire inside a bar, storming a school or a wedding.
_UNARMED = re.compile(
    r"(?<!\w)(?:bars?|pubs?|nightclubs?|clubs?|restaurants?|caf[eé]s?|hotels?|weddings?|funerals?|markets?|bazaars?|"
    r"shops?|stores?|malls?|mosques?|church(?:es)?|temples?|synagogues?|schools?|universit(?:y|ies)|colleges?|"
    r"hospitals?|clinics?|bus(?:es)?|minibus(?:es)?|trains?|homes?|houses?|part(?:y|ies)|concerts?|festivals?|"
    r"worshippers|customers|diners|students|pupils|passengers|guests|mourners|shoppers|families|people|"
    r"villagers|residents|" + fold(r"[وف]?[بل]?(?:ال)?(?:مقهى|مقاهي|مطعم|حفل|عرس|زفاف|سوق|مسجد|كنيسة|مدرسة|جامعة|"
                                    r"مستشفى|حافلة|منزل|مصلين|طلاب|ركاب|زبائن|مدنيين|أهالي|سكان)") + r")(?!\w)",
    re.IGNORECASE)
#: How far after the cue the unarmed target may be named (characters).
_UNARMED_REACH = 60


def interrupted_attack(previous: Draft | None, location: Location | None, own_place: bool, since) -> Draft | None:
    """The attack an interception belongs to: the paragraph's last incident, a drone, missile or rocket attack
    told at most two sentences before (from `since`, a Sentence), when the interception names no other place
    ("most of the rockets were intercepted", "Israel's military said ...")."""
    if previous is None or previous.incident.event_type != "Explosions/Remote violence" \
            or previous.incident.start < since.start:
        return None
    if own_place and location is not None and not vague_area(location) and previous.incident.place is not None \
            and location.mention.place.key != previous.incident.place.key:
        return None
    return previous


_BLAME = re.compile(r"(?<!\w)(?:blam(?:es|ed|ing)|accus(?:es|ed|ing)|held\s+responsible|" +
                    fold(r"[وف]?(?:حمل|حملت|يحمل|تحمل|اتهم|اتهمت|يتهم|تتهم)") + r")(?!\w)", re.IGNORECASE)


def air_explosion(text: str, cue, actor_mentions, mentions, location: Location | None) -> bool:
    """A bombing by a state's forces ("Coalition bombing on X", "bombed by Russian jets") or an explosion blamed on
    a foreign country ("blamed Israel for an explosion at the base") is an air or drone strike."""
    if fold(cue.text).lower().startswith(("bomb", "قصف")) and any(
            a.actor.is_state and (cue.start - 40 <= a.start <= cue.start or cue.end <= a.start <= cue.end + 30)
            for a in actor_mentions):
        return True
    if _BLAME.search(fold(text)) is None:
        return False
    home = location.mention.place.country_code if location is not None and location.mention.place else None
    return any(m.place is not None and m.place.kind == "country" and m.place.country_code != home for m in mentions)


def unarmed_target(text: str, actor_mentions, cue) -> bool:
    """An attack ("opened fire", "stormed", "attacked") on an unarmed place or crowd by at most one armed group,
    with no state force named: violence against civilians, not a battle."""
    if cue.label not in ("clash", "attack") or any(a.actor.inter in (acled.STATE, acled.EXTERNAL, acled.REBEL)
                                                   for a in actor_mentions):
        return False
    if len({a.actor.name for a in actor_mentions if a.actor.inter != acled.CIVILIANS}) > 1 or victim_forces(text):
        return False
    return _UNARMED.search(fold(text[cue.end:cue.end + _UNARMED_REACH])) is not None \
        or _CIVILIAN_DEAD.search(text, cue.end) is not None


#: The dead are civilians only: "attacked the X neighbourhood ..., killing at least eight residents".
_CIVILIAN_DEAD = re.compile(r"(?<![\w-])(?:killing|killed)\s+(?:at\s+least\s+|some\s+|about\s+)?[\w-]+\s+"
                            r"(?:residents|villagers|civilians|farmers|shepherds|worshippers|women|children|"
                            r"passers-by|family\s+members)(?!\w)(?!\s+and\s+(?:[\w-]+\s+)?(?:soldiers|fighters|"
                            r"policemen|officers|militants|troops|guards|attackers|gunmen))", re.IGNORECASE)


def _set_sides(draft: Draft) -> None:
    """ACLED actor1/actor2, associates and inter codes from the actors of its reports (roles.py)."""
    incident = draft.incident
    code = incident.place.country_code if incident.place is not None else None
    for sentence_text, actor_mentions, cue_start in draft.reports:
        sides = assign_sides(sentence_text, actor_mentions, incident.event_type, incident.sub_event_type, code,
                             incident.event_date, cue_start)
        merge_sides(incident, sides)


def drop_stale(drafts: list[Draft], published) -> list[Draft]:
    """Background in an article that reports something recent: an event dated only to a month ("last month,
    a drone killed three near Zakho", "earlier this month ..."), only to a week that ended before the news
    ("last week ..."), or more than `STALE_DAYS` before publication."""
    if published is None or len(drafts) < 2:
        return drafts
    # Ages as differences of dates (never a shifted date, which would overflow in year 1).
    news = any(d.incident.event_date is not None
               and (published - d.incident.event_date).days <= RECENT_DAYS
               for d in drafts if d.role not in SUMMARY)
    if not news:
        return drafts

    def old(d: Draft) -> bool:
        when = d.incident.event_date
        if when is None or d.weak_date:
            return False
        precision = d.incident.time_precision or 1
        if precision >= 3:
            # "Earlier this month", "last month": a month-long span beside the article's news of the day.
            return True
        if precision == 2 and d.dated in ("own", "report") and (published - when).days > RECENT_DAYS:
            return True  # "last week a drone killed three": before the news, with no day of its own
        return (published - when).days > STALE_DAYS
    return [d for d in drafts if not old(d)]


#: Victims or things hit that are civilian: "killing two people", "a residential building", "سيارة مدنية".
_CIVILIAN_HIT = re.compile(
    r"(?<!\w)(?:people|persons|residents|passers-?by|bystanders|famil(?:y|ies)|residential|civilian\s+(?:cars?|"
    r"vehicles?|buses?)|(?:a|the)\s+(?:house|home|market|school|hospital|bakery|shop)|" +
    fold(r"(?:[وف]?[بل]?(?:ال)?(?:شخص|شخصين|شخصان|أشخاص|مواطن|مواطنين|مواطنا|مواطنان|سكان|أهالي|عائلة|عائلات|"
         r"منزل|منازل|مبنى\s+سكني|مباني\s+سكنية|حي\s+سكني|أحياء\s+سكنية|سيارة\s+مدنية|سوق|مدرسة|مستشفى|فرن|مخبز))")
    + r")(?!\w)", re.IGNORECASE)
#: Armed victims: the strike hit fighters, not civilians.
_ARMED_HIT = re.compile(
    r"(?<!\w)(?:fighters?|militants?|soldiers?|troops|gunmen|members|commanders?|officers?|" +
    fold(r"[وف]?[بل]?(?:ال)?(?:عنصر|عنصرين|عناصر|مقاتل|مقاتلين|مقاتلا|مسلح|مسلحين|جندي|جنديين|جنود|قيادي|قائد|ضابط)")
    + r")(?!\w)", re.IGNORECASE)


def _civilians_hit(draft: Draft) -> bool:
    """A strike that killed people or hit a home, a civilian car or a market, with no armed victim named."""
    hit = False
    for sentence_text, _actors, _cue in draft.reports:
        if _ARMED_HIT.search(sentence_text):
            return False
        hit = hit or _CIVILIAN_HIT.search(sentence_text) is not None
    return hit


def finish(draft: Draft) -> Incident:
    """Fill the ACLED fields that depend on the whole (merged) incident."""
    inc = draft.incident
    _set_sides(draft)
    if inc.event_type == "Explosions/Remote violence" and inc.actor2 is None and inc.fatalities \
            and inc.inter1 != acled.CIVILIANS and _civilians_hit(draft):
        # ACLED's target of a strike that killed people in their car, home or market is civilians.
        country = acled.country_name(inc.place.country_code) if inc.place is not None else None
        inc.actor2 = f"Civilians ({country})" if country else "Civilians"
        inc.inter2 = acled.CIVILIANS
    if inc.event_type == "Battles" and inc.sub_event_type == "Armed clash" and inc.inter2 == acled.CIVILIANS \
            and not inc.assoc_actor_2:
        # Firing on villagers is not a battle: one side is unarmed.
        inc.event_type, inc.sub_event_type = VAC, "Attack"
    inc.interaction = acled.interaction(inc.inter1, inc.inter2)
    inc.disorder_type = acled.disorder_type(inc.event_type, inc.sub_event_type)
    inc.civilian_targeting = inc.event_type == VAC or (
        inc.inter2 == acled.CIVILIANS and inc.event_type in ("Explosions/Remote violence", "Battles"))
    flags = inc.review_flags
    if inc.geo_precision >= 3 and "area_only" not in flags:
        flags.append("area_only")
    if inc.place is not None and inc.place.kind == "unlisted" and "unlisted_place" not in flags:
        flags.append("unlisted_place")
    if draft.role in SUMMARY and "headline_only" not in flags:
        flags.append("headline_only")
    if inc.location_mention is not None and inc.location_mention.needs_review and "low_confidence_place" not in flags:
        flags.append("low_confidence_place")
    inc.evidence_spans.sort()
    return inc


def unique(names) -> list[str]:
    return list(dict.fromkeys(names))


#: Farthest a named town may follow an unlisted village to pin it ("قرية X قرب بلدة Y", characters).
ANCHOR_REACH = 60


def near_anchor(location: Location, ranked: list[Location]) -> Location | None:
    """A village the gazetteer lacks, pinned only at its governorate, named "near Y" / "بريف Y" / "in the
    countryside of Y": the town Y with geo precision 2 (ACLED's "near"), or None."""
    if location.mention.place.kind != "unlisted" or location.geo_precision < 3:
        return None
    end = location.mention.end
    after = sorted((c for c in ranked if c.mention.start >= end), key=lambda c: c.mention.start)
    if not after:
        return None
    c = after[0]  # (the next name only: in a list, "قرى X وY بريف إدلب", each village is its own event)
    if c.near and c.mention.place.kind in ("populated_place", "facility") and c.geo_precision < 3 \
            and c.mention.start - end <= ANCHOR_REACH:
        return Location(c.mention, 2, location.role, True, location.in_clause)
    return None
