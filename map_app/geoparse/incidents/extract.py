"""Incidents from a parsed document: one per reported event, place and day.

The article's layout comes first (layout.py): headlines and subheadings
summarise, captions, credits, headings and "Background" sections report
nothing, and datelines and credit lines never hold an event location.

For each other sentence with an asserted event cue (taxonomy.py) we pick the
event location among its resolved places (locate.py; if it names none, the
nearest earlier sentence of the same paragraph, up to three back, that does),
its date (dates.py), fatalities (fatalities.py) and actors (actors.py, sides
in roles.py).  A roundup ("strikes on Khanasor, Sinuni and Duhola") gives one
incident per place (roundup.py), and an abduction reported beside a battle
("captured the village and kidnapped dozens of civilians") a second incident.

Dating rule, in order: a date expression in the sentence itself (the most
precise one, then the one nearest the cue: "في الأسبوع الأول من الشهر ...
في ١١ أكتوبر" is the 11th); else the nearest preceding date expression in
the same paragraph; else the date heading the entry (timelines: "2 January",
"=== 12 May ==="); else the publication date with time_precision 2
("reported that week"); else None.  Dates after publication are ignored
(plans, not events); without a publication date, a heading or title year
("January–April 2019") dates "12 May".

Background yields no incident: a sentence whose only time reference is a
year before the publication year ("ISIS captured Mosul in 2014", "قبل ١٠
سنوات"), an event dated more than a year before publication, a cue inside a
"in retaliation for / in response to / ردا على" phrase (an earlier event
given as a reason), and, in an article that reports an event of the last
few days, any event dated more than `STALE_DAYS` before publication ("after
it captured Baghouz last month", "last week a drone killed three").

Precision rules (one event, not a pattern or a statement):
- habitual cues (taxonomy.py: "daily", "منذ العدوان", "تواصل", "the ministry
  accused X of ...", "الهجمات التي تشنها") count only when the sentence
  also gives a day-precise date or a death toll;
- an event placed only at a country (or a region spanning governorates) is
  kept only with a day-precise date, a death toll or a past event verb
  ("نفذت", "شنت", "struck", "killed"): "attacks on US forces in Syria raise
  questions" is commentary; naming two countries ("in Iraq and Syria") is no
  location at all;
- "this attack" / "هذا الهجوم" adds to an earlier incident and never starts one.

Merging (merge.py): reports of the same event at the same place and day, a
headline and the body events it summarises, and an area report and the
precise report inside it become one incident with every evidence span; the
lowest fatality figure is kept.  A sentence that only refers back to the
previous event ("وأسفر الهجوم عن مقتل 5", "the strike killed 5") adds to
that incident instead of creating a new one (a place outside the cue's clause
does not make it new), and so does a death count in the next sentence of the
paragraph when the incident has none yet.

ACLED fields are filled at the end: actor1/actor2 and associates with their
inter codes and interaction (roles.py), civilian targeting, disorder type
(acled.py) and review flags ("area_only", "unlisted_place", "merged",
"roundup", "headline_only", "low_confidence_place").  Battles in which an
armed group fires on civilians only are violence against civilians.

Text inside <script>, <style> and HTML comments is ignored.  A paragraph
ends at a line break.
"""
from __future__ import annotations

from bisect import bisect_left
from datetime import timedelta
from itertools import product

from map_app.geoparse.document import Document, Incident, Mention, Sentence
from map_app.geoparse.incidents.actors import find_actors
from map_app.geoparse.incidents.clauses import (
    ANOTHER, BOUND, CAME_AFTER, CITY_REF, EVENT_VERB, LATER, REASON, SAME_PLACE, SINCE, TRIGGERS,
    after_spans, agent_is_state, anaphora_of, clause_cues, conflict_agreement, days_before,
    hedged_and_denied, in_after_clause, is_background, is_topic, old_year_before,
    past_background, reason_spans, report_date, separate_days, weak_claim)
from map_app.geoparse.incidents.coordinated import event_clauses, other_clauses
from map_app.geoparse.incidents.context import (Dates, as_date, blank, code_regions, one_sense, outside,
                                                paragraph_ids, valid_mentions, valid_sentences)
from map_app.geoparse.incidents.fatalities import count_fatalities, toll_update
from map_app.geoparse.incidents.layout import SILENT, SUMMARY, analyse_layout
from map_app.geoparse.incidents.locate import Location, rank_locations
from map_app.geoparse.incidents.merge import DEMONSTRATIONS, Draft, merge_article
from map_app.geoparse.incidents.normalize import Folded
from map_app.geoparse.incidents.reports import (RECENT_DAYS, absorb_pending, add_report, antecedent, civilians_only,
                                                air_explosion, drop_stale, finish, interrupted_attack, last_draft,
                                                last_demonstration, near_anchor, upgrade_demonstration,
                                                news_date,
                                                story_date,
                                                two_countries, unarmed_target, unique, vague_area)
from map_app.geoparse.incidents.retell import (BY_ATTACKERS, RESPONSIBLE, VIOLENT, area_antecedent, inside,
                                               retold_tolls)
from map_app.geoparse.incidents.roundup import roundup, split_fatalities
from map_app.geoparse.incidents.taxonomy import CROWD_LABELS, VAC, EventType, decide, find_cues

#: How many earlier sentences (same paragraph) may supply a missing location.
MAX_LOOKBACK = 3
#: Events dated more than this before publication are background, not news.
BACKGROUND_AGE = timedelta(days=366)


def extract_incidents(doc: Document) -> list[Incident]:
    """Incidents reported in `doc` (see the module docstring); never raises on str text."""
    text = doc.text if isinstance(doc.text, str) else ""
    if not text.strip():
        return []
    published = as_date(doc.published)
    source = doc.source if isinstance(doc.source, str) else None
    sentences = valid_sentences(doc, text)
    # Code blocks are blanked (same length) for analysis; evidence stays verbatim.
    regions = code_regions(text)
    analysed = blank(text, regions) if regions else text
    views = sentences if not regions else [Sentence(s.start, s.end, analysed[s.start:s.end]) for s in sentences]
    mentions = [m for m in valid_mentions(doc, len(text)) if not regions or not analysed[m.start:m.end].isspace()]
    layout = analyse_layout(analysed, views, published, mentions)
    mentions = one_sense(outside(mentions, layout.blocked))  # datelines and credits are not event places
    blocked = sorted(layout.blocked)
    blocked_starts = [a for a, _b in blocked]
    starts = [m.start for m in mentions]
    # A single line break continues the paragraph unless a heading, credit, headline or list item starts.
    breaks = [layout.bullets[i] or layout.roles[i] in SILENT or layout.roles[i] in SUMMARY
              or (i > 0 and (layout.roles[i - 1] in SILENT or layout.roles[i - 1] in SUMMARY))
              for i in range(len(sentences))]
    paragraphs = paragraph_ids(text, sentences, breaks)
    # Dates and places carry over within a line only (a date or a place is a strong claim).
    lines = paragraph_ids(text, sentences)
    dates = Dates(views, lines, published, layout.year_hints)
    timeline = sum(d is not None for d in layout.heading_dates) and _date_headings(layout) >= 2

    def sentence_mentions(s: Sentence) -> list[Mention]:
        lo = bisect_left(starts, s.start)
        hi = bisect_left(starts, s.end, lo)
        return mentions[lo:hi]

    drafts: list[Draft] = []
    last_in_paragraph: dict[int, Draft] = {}
    pending: dict[int, tuple] = {}  # article -> the last report that named no place
    updates: list[tuple[int, int, set]] = []  # (article, updated toll, places the update names)

    for i, sentence in enumerate(sentences):
        s = views[i]
        role = layout.roles[i]
        if (regions and s.text.isspace()) or role in SILENT:
            continue
        folded = Folded(s.text)
        if (update := toll_update(s.text, folded=folded)) is not None:
            updates.append((layout.articles[i], update, {m.place for m in sentence_mentions(s)}))
        cues = find_cues(s.text, folded=folded, habitual=True)
        if cues and hedged_and_denied(folded.text):
            cues = []  # a hedged claim denied in the same breath
        if cues and is_topic(folded.text):
            cues = []  # "The Tal Afar offensive was a military operation ...": the article's subject
        own_dates = dates.of(i, folded) if cues else []
        if cues and weak_claim(folded.text) and not any(d.precision == 1 for d in own_dates) and \
                count_fatalities(s.text, mask=[(d.start, d.end) for d in own_dates], folded=folded) is None:
            cues = []  # "some outlets reported further attacks near X", "soldiers allegedly fired near a patrol"
        triggers = TRIGGERS.values(folded.key) if cues else set()
        usable = [d for d in dates.usable(i) if "since" not in triggers
                  or not SINCE.search(folded.text, 0, folded.to_folded(d.start))] \
            if cues else []  # "منذ الثامن من أكتوبر": the start of a span, not an event's day
        if usable and blocked_starts:
            # "BAGHDAD, Nov 14 (AP) -": the day the story was filed, not an event's day
            usable = [d for d in usable if not inside(blocked, blocked_starts, s.start + d.start)]
        fatalities = None
        if cues and published is not None and "year" in triggers:
            cues = [c for c in cues if not old_year_before(folded, c, published)]  # "the 2016 bombing"
        if cues and "past" in triggers:
            cues = [c for c in cues if not past_background(folded, c)]  # "last year's strikes", "which began ..."
        if any(c.habitual for c in cues):
            fatalities = count_fatalities(s.text, mask=[(d.start, d.end) for d in own_dates], folded=folded)
            if fatalities is None:
                # A condemned or tried event is told elsewhere; only its toll makes it a report here.
                cues = [c for c in cues if not c.condemned]
            if fatalities is None and not any(d.precision == 1 for d in usable):
                # A pattern, the past or an accusation, with no day and no toll to pin one event on.
                cues = [c for c in cues if not c.habitual]
        if not cues:
            mine = sentence_mentions(s)
            if len(mine) > 1 and drafts:
                # "Five were killed in Jenin, and one in Tulkarm": the tolls of a roundup told above.
                toll = count_fatalities(s.text, folded=folded)
                if toll is not None and retold_tolls(drafts, layout.articles[i], s,
                                                      rank_locations(s.text, s.start, mine, folded=folded), toll):
                    continue
            previous = last_in_paragraph.get(paragraphs[i])
            if previous is not None and previous.incident.fatalities is None and "roundup" not in \
                    previous.incident.review_flags:
                # "Five people were killed, the observatory said." completes the event above.
                previous.incident.fatalities = count_fatalities(
                    s.text, mask=[(d.start, d.end) for d in dates.of(i, folded)], folded=folded)
            continue
        actor_mentions = find_actors(s.text, folded=folded)
        first_state = agent_is_state(folded.text, actor_mentions, folded)
        came_after = CAME_AFTER.search(folded.text) if "after" in triggers else None
        earlier_cues = [c for c in cues if came_after and folded.to_folded(c.start) >= came_after.end()]
        if earlier_cues:
            # "The attack came a day after a roadside bomb killed two soldiers near Jalawla": that earlier
            # event is news too, a day before the one just told.
            main = earlier_cues
        else:
            came_after = None
            main = [c for c in cues if not in_after_clause(folded, c)] if "after" in triggers else cues
            if any(c.label in ("protest", "protest_int") for c in main):
                # "Police fired tear gas at protesters after some threw bottles": the same demonstration.
                main = main + [c for c in cues if c.label == "riot_violence" and c not in main]
        # "اندلعت اشتباكات ...، بعد أن سيطرت الفصائل على قرى الشهر الماضي": the capture is background.
        event = decide(main if main else cues, first_state, s.text)
        if event is None:
            continue
        if event.sub_event_type == "Agreement" and not conflict_agreement(folded.text, actor_mentions):
            continue  # "signed a trade agreement", "a water-sharing deal": diplomacy, not a conflict event
        if "reason" in triggers and REASON.search(folded.text[:folded.to_folded(event.cue.start)][-80:]):
            continue  # "in retaliation for the attack on ...": an earlier event given as a reason
        if RESPONSIBLE.search(folded.text[:folded.to_folded(event.cue.start)][-60:]):
            continue  # "was responsible for attacks on our forces", "claimed responsibility for the attack"
        # "captured ... before halting operations on 12 February": a later bound, not the event's day.
        if "bound" in triggers:
            usable = [d for d in usable if d.start < event.cue.end or not BOUND.search(
                folded.text, folded.to_folded(event.cue.end), folded.to_folded(d.start))]
        excluded = [(s.start + a.start, s.start + a.end) for a in actor_mentions]
        # Places named in an earlier event given as a reason ("in retaliation for an attack on its post in
        # Hajin", "رداً على هجوم في هجين") are not where this event happened.
        if "reason" in triggers:
            excluded += [(s.start + a, s.start + b) for a, b in reason_spans(folded)]
        if "after" in triggers and came_after is None and len(cues) > 1:
            excluded += [(s.start + a, s.start + b) for a, b in after_spans(folded, cues, event.cue)]
        cue_span = (s.start + event.cue.start, s.start + event.cue.end)
        ranked = rank_locations(s.text, s.start, sentence_mentions(s), excluded, folded=folded, cue=cue_span)
        location = ranked[0] if ranked and ranked[0].role != "actor" else None
        if location is not None and (anchor := near_anchor(location, ranked)) is not None:
            location = anchor  # "the village of X near Tal Tamr", X unknown but for its governorate
        own_place = location is not None
        if own_place and not location.in_clause and len(cues) > 1 and anaphora_of(event.cue, folded) is None:
            # "غارات جوية على جنوب لبنان، وردّ من حزب الله بإطلاق صواريخ ... واستهداف مدينة صفد": the place is
            # where the event of its own clause happened.
            local = clause_cues(s.text, cues, location.mention.start - s.start)
            if local and all(c is not event.cue for c in local):
                event = decide(local, first_state, s.text) or event
        if event.sub_event_type == "Remote explosive/landmine/IED" and event.cue.label == "explosion" and \
                air_explosion(s.text, event.cue, actor_mentions, sentence_mentions(s), location):
            event = EventType(event.event_type, "Air/drone strike", event.cue)  # "Coalition bombing", "blamed Israel"
        j = i - 1
        while location is None and j >= max(0, i - MAX_LOOKBACK) and lines[j] == lines[i] \
                and layout.roles[j] not in SILENT:
            prev = views[j]
            found = rank_locations(prev.text, prev.start, sentence_mentions(prev))
            # (a country named in an earlier sentence says nothing about where this event was)
            location = found[0] if found and not vague_area(found[0]) and found[0].role != "actor" else None
            j -= 1

        if event.sub_event_type == "Looting/property destruction" and (own_place is False or not location.in_clause):
            attack = last_in_paragraph.get(paragraphs[i])
            if attack is not None and attack.incident.event_type in VIOLENT and BY_ATTACKERS.search(folded.text):
                # "The attackers also set fire to ten vehicles": part of the attack just told.
                add_report(attack, None, unique(a.name for a in actor_mentions), (s.start, s.end))
                continue
        if event.sub_event_type == "Disrupted weapons use":
            stopped = interrupted_attack(last_in_paragraph.get(paragraphs[i]), location, own_place,
                                         views[max(0, i - 2)])
            if stopped is not None:
                # "Air defences shot down 12 of the 15 drones launched": part of the attack just told.
                add_report(stopped, None, unique(a.name for a in actor_mentions), (s.start, s.end))
                continue

        city = CITY_REF.search(folded.text) if not own_place and "city" in triggers else None
        if location is not None and city is not None and (city.group("near") or city.group("near_ar")):
            location = Location(location.mention, max(location.geo_precision, 2), "", True)  # "east of the city"
        follow = last_draft(drafts, layout.articles[i]) if (
            location is None and (layout.bullets[i] and any(d.precision == 1 for d in usable)
                                  or "same" in triggers and SAME_PLACE.search(folded.text) or city)) \
            or "later" in triggers and LATER.search(folded.text) else None
        if location is None and follow is not None and follow.incident.location_mention is not None:
            # A dated list item with no place continues the article's last event place (battle timelines);
            # so does "near the same checkpoint", "في المنطقة ذاتها", "east of the city".
            inc = follow.incident
            near = city is not None and bool(city.group("near") or city.group("near_ar"))
            location = Location(inc.location_mention, max(inc.geo_precision, 2) if near else inc.geo_precision,
                                "", near)
        names = unique(a.name for a in actor_mentions)
        if fatalities is None:
            fatalities = count_fatalities(s.text, mask=[(d.start, d.end) for d in own_dates], folded=folded)

        anaphora = anaphora_of(event.cue, folded) if came_after is None else None
        if anaphora and not usable and own_place and retold_tolls(drafts, layout.articles[i], s, ranked, fatalities):
            continue  # "The shelling killed six in Saraqib, while three died in Sarmin": the roundup's own tolls
        if anaphora == "definite" and not usable and own_place and location.in_clause and not vague_area(location) \
                and location.geo_precision < 3 and (area := area_antecedent(drafts, layout.articles[i],
                                                                              event.event_type)) is not None:
            # "a raid in the Hamrin Mountains" then "The raid targeted a hideout near Hawija": the town the
            # article names for the event it placed at a range or a region.
            inc = area.incident
            inc.place, inc.location_mention, inc.geo_precision = (location.mention.place, location.mention,
                                                                  location.geo_precision)
            add_report(area, fatalities, names, (s.start, s.end), (s.text, actor_mentions, event.cue.start))
            continue
        if anaphora and not usable:
            # A place outside the cue's clause ("التدريبات ...، في حين أفاد سكان في ريف القنيطرة")
            # does not make the event a new one.
            target = antecedent(anaphora, event.event_type, location, own_place and location.in_clause,
                                 last_in_paragraph.get(paragraphs[i]), drafts,
                                 generic=event.cue.label in ("attack", "explosion"))
            if target is not None:
                add_report(target, fatalities, names, (s.start, s.end), (s.text, actor_mentions, event.cue.start))
                continue
            if anaphora == "demonstrative":
                continue  # "in response to this attack": refers to an event we did not code
        if location is None and event.event_type in DEMONSTRATIONS and not usable and \
                (demo := last_demonstration(drafts, layout.articles[i])) is not None:
            # "Police fired tear gas to disperse the crowd near the governor's office": what happened at the
            # article's demonstration, told without its place.
            add_report(demo, fatalities, names, (s.start, s.end), (s.text, actor_mentions, event.cue.start))
            upgrade_demonstration(demo.incident, event)
            continue
        if location is None:
            # A report with no place yet ("An Israeli drone strike in southern Lebanon killed a commander"):
            # the next report of the same kind in the article names where.
            pending[layout.articles[i]] = (event.event_type, fatalities, usable, (s.start, s.end),
                                           (s.text, actor_mentions, event.cue.start), i)
            continue
        if own_place and two_countries(location, ranked):
            continue
        if own_place and came_after is None and "after" in triggers and in_after_clause(folded, event.cue) and (
                not location.in_clause or not any(d.precision == 1 for d in usable)):
            # "After it captured al-Susah last month, ...", "وبعد أن سيطرت على 15 بلدة، تباطأت العملية قرب X":
            # what came before, or not where the capture was.
            continue
        if vague_area(location) and fatalities is None and not any(d.precision == 1 for d in usable) \
                and not EVENT_VERB.search(folded.text):
            continue  # a country-level statement, not a report of one event

        # Coordinated clauses naming an event and a place of their own are events of their own (coordinated.py):
        # the main event keeps its clause's places, days and toll.
        side: list = []
        all_usable = usable
        if own_place and len(cues) > 1:
            clauses = event_clauses(s.text, cues)
            if len(clauses) > 1:
                main_clause, side = other_clauses(clauses, location, ranked, s.start)
                if side:
                    event = decide(list(main_clause.cues), first_state, s.text) or event
                    usable = [d for d in usable if not any(c.holds(d.start) for c, _l in side)]
                    ranked = [c for c in ranked if main_clause.holds(c.mention.start - s.start)]
                    fatalities = _clause_toll(s.text, main_clause, own_dates)

        if usable:
            # A day given for the report ("Kataib Hezbollah on Wednesday denied ...", "said on Monday") comes
            # last: the event's own day is the one its clause names.
            best = min(usable, key=lambda d: (report_date(folded, d), d.precision or 9, abs(d.start - event.cue.start)))
            event_date, precision = best.value, best.precision
            # (only the day it was reported, "officials said on Thursday": the event may be a day or two older)
            dated = "report" if report_date(folded, best) else "own"
        elif is_background(own_dates, published):
            continue
        else:
            earlier = dates.before(i)
            heading = layout.heading_dates[i] if timeline else None
            anchor = last_draft(drafts, layout.articles[i]) if came_after is not None else None
            if anchor is not None and not anchor.weak_date and anchor.incident.event_date is not None:
                days, exact = days_before(came_after)
                try:
                    event_date = anchor.incident.event_date - timedelta(days=days)
                    precision, dated = (1 if exact else 2), "context"
                except OverflowError:  # before the first day of the calendar: unknown
                    event_date, precision, dated = None, None, "none"
            elif earlier is not None:
                event_date, precision, dated = earlier.value, earlier.precision, "context"
            elif follow is not None and not follow.weak_date:
                # "Hours later ...", "Police later defused a second device near the same checkpoint".
                event_date, precision, dated = follow.incident.event_date, follow.incident.time_precision, "context"
            elif heading is not None:
                event_date, precision, dated = heading.value, heading.precision, "heading"
            elif (story := story_date(drafts, layout.articles[i], event.event_type, location)) is not None:
                # The body retells the lede's news: "The drones hit a house in X ..." after "on Tuesday".
                event_date, precision, dated = story.incident.event_date, story.incident.time_precision, "context"
            elif event.event_type != "Strategic developments" and (
                    news := news_date(drafts, layout.articles[i], published)) is not None:
                # "A car bomb also exploded in X": an undated violent event or demonstration of the article is one
                # of its news days (arrests and defusals are announced the day they are reported).
                event_date, precision, dated = news.incident.event_date, news.incident.time_precision, "context"
            elif (told := _pending_day(pending.get(layout.articles[i]), published)) is not None \
                    and event.event_type != "Strategic developments":
                # The article's news day told with an event it placed nowhere ("A drone struck a car in a village
                # yesterday" before "Shells also hit the edges of X"): the day of its news.
                event_date, precision, dated = told.value, told.precision, "context"
            elif published is not None:
                event_date, precision, dated = published, 2, "published"
            else:
                event_date, precision, dated = None, None, "none"
        if published is not None and event_date is not None and published - event_date > BACKGROUND_AGE:
            continue  # "in June 2014 ISIS seized Mosul" in a 2024 article: background

        units = []  # (event, places, tolls, [(date, precision)], dated)
        event_dates = separate_days(s.text, usable, cues, event_date, precision)
        places = roundup(s.text, s.start, location, ranked) if own_place else [location]
        units.append((event, places, _tolls(s.text, s.start, places, fatalities, ranked), event_dates, dated))
        crowd = [c for c in cues if c.label in CROWD_LABELS and not c.habitual]
        for clause, locations in side:
            # (the crowd named in another clause is the subject of this one too: "Protesters torched offices in
            # X and clashed with police in Y")
            other = decide(list(clause.cues) + [c for c in crowd if not clause.holds(c.start)], first_state, s.text)
            if other is None:
                continue
            own = [d for d in all_usable if clause.holds(d.start)]
            when = [(event_date, precision)]
            if own:
                best = min(own, key=lambda d: (report_date(folded, d), d.precision or 9,
                                               abs(d.start - other.cue.start)))
                when = [(best.value, best.precision)]
            there = roundup(s.text, s.start, locations[0], locations)
            toll = _clause_toll(s.text, clause, own_dates)
            units.append((other, there, _tolls(s.text, s.start, there, toll, locations), when,
                          "own" if own else dated))
        units.sort(key=lambda u: u[1][0].mention.start if u[1][0].mention is not None else 0)
        earlier_report = pending.pop(layout.articles[i], None)
        if earlier_report is not None and (earlier_report[0] != event.event_type or i - earlier_report[5] > 3
                                           or side):
            earlier_report = None
        distinct = came_after is not None or "another" in triggers and bool(ANOTHER.search(folded.text))
        for event, places, tolls, event_dates, dated in units:
            kinds = [(event.event_type, event.sub_event_type)]
            abducted = not side and any(c.label == "abduction" and not c.habitual for c in cues)
            if event.event_type == "Battles" and event.sub_event_type == "Armed clash" and (
                    unarmed_target(s.text, actor_mentions, event.cue)
                    or civilians_only(s.text, actor_mentions, places[0], event_dates[0][0], event.cue.start)):
                # Firing on villagers, storming a school or a bar is not a battle: one side is unarmed (and
                # what gunmen who storm a school and take its pupils do is an abduction).
                kinds = [(VAC, "Abduction/forced disappearance" if abducted else "Attack")]
            elif event.event_type != VAC and abducted:
                kinds.append((VAC, "Abduction/forced disappearance"))
            for (event_type, sub_event_type), (event_date, precision) in product(kinds, event_dates):
                for place, toll in zip(places, tolls):
                    incident = Incident(
                        event_type=event_type, sub_event_type=sub_event_type, evidence=sentence.text,
                        start=s.start, end=s.end, place=place.mention.place, location_mention=place.mention,
                        event_date=event_date, time_precision=precision, geo_precision=place.geo_precision,
                        fatalities=toll if event_type == kinds[0][0] and len(event_dates) == 1 else None,
                        actors=list(names), source=source)
                    if len(places) > 1:
                        incident.review_flags.append("roundup")
                    draft = Draft(incident, role=role if role in SUMMARY else "body", article=layout.articles[i],
                                  dated=dated, reports=[(s.text, actor_mentions, event.cue.start)], distinct=distinct)
                    if earlier_report is not None and len(places) == 1:
                        absorb_pending(draft, earlier_report)
                    drafts.append(draft)
                    last_in_paragraph[paragraphs[i]] = draft
    drafts = merge_article(drafts)
    drafts = drop_stale(drafts, published)
    for article, toll, named in updates:
        _apply_update(drafts, article, toll, named)
    # A "Read also" teaser: a headline with no body of its own reports nothing we can code.
    bodied = {layout.articles[i] for i, role in enumerate(layout.roles) if role not in SILENT and role not in SUMMARY}
    drafts = [d for d in drafts if d.role not in SUMMARY or d.article == 0 or d.article in bodied]
    return [finish(d) for d in drafts]


def _pending_day(report: tuple | None, published):
    """The day-precise own date of a report that named no place, within `RECENT_DAYS` of publication, or None."""
    if report is None or published is None:
        return None
    for d in report[2]:
        if (d.precision == 1 and d.value is not None
                and timedelta(0) <= published - d.value <= timedelta(days=RECENT_DAYS)):
            return d
    return None


def _apply_update(drafts: list[Draft], article: int, toll: int, named: set) -> None:
    """A casualty update ("bringing the toll to three") raises the toll of the event it names, or of the
    article's only violent event; an update naming no event place in a report of several events is left out."""
    violent = [d for d in drafts if d.article == article and d.incident.event_type in VIOLENT]
    there = [d for d in violent if d.incident.place in named]
    target = there[0] if len(there) == 1 else violent[0] if len(violent) == 1 and not there else None
    if target is not None and (target.incident.fatalities or 0) < toll:
        target.incident.fatalities = toll


def _tolls(text: str, start: int, places: list, fatalities: int | None, ranked: list) -> list[int | None]:
    """The toll of each place of a roundup (one place: the sentence's toll)."""
    if len(places) < 2:
        return [fatalities]
    return split_fatalities(text, start, places, fatalities, lambda piece: count_fatalities(piece), ranked)


def _clause_toll(text: str, clause, dates) -> int | None:
    """The toll one coordinated clause reports (its dates' digits are not counts)."""
    mask = [(d.start - clause.start, d.end - clause.start) for d in dates if clause.holds(d.start)]
    return count_fatalities(text[clause.start:clause.end], mask=mask)


def _date_headings(layout) -> int:
    """How many distinct date headings the document has (a timeline has several)."""
    seen = {id(d) for d in layout.heading_dates if d is not None}
    return len(seen)
