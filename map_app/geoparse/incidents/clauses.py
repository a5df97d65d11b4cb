"""What one sentence says about time, reference and its clauses (used by extract.py).

Each helper reads one sentence (folded, see normalize.py) and answers one
question the extractor asks: is a cue a reference back ("the attack", "هذا
الهجوم")?  Is it inside an "after ..." clause or a "in retaliation for ..."
phrase (background)?  Which cues share a place's clause?  Is a date the day
of the report rather than of the event ("said on Monday")?  Does "The attack
came a day after ..." introduce an earlier event?  The sentence-level
patterns only run when one of their literal triggers occurs (`TRIGGERS`, one
Aho-Corasick pass per sentence).
"""
from __future__ import annotations

from bisect import bisect_left

import re

from map_app.geoparse.incidents.keywords import KeywordIndex
from map_app.geoparse.incidents.normalize import Folded, fold
from map_app.geoparse.incidents.taxonomy import Cue

#: Past-tense verbs of one concrete event: they let a country-level report stand.
EVENT_VERB = re.compile(
    r"(?<!\w)(?:" + fold(r"[وف]?(?:نفذت|نفذ|نفذوا|شنت|شن|شنوا|قصفت|استهدفت|استهدف|استهدفوا|قتل|قتلت|قتلوا|اغتالت|"
                          r"اغتال|هاجمت|هاجم|هاجموا|اقتحمت|اقتحم|فجرت|فجر|أسقطت|أسقط|سيطرت|استعادت|أطلقت|ضربت|"
                          r"أغارت|اعتقلت|اعتقل|سلمت|أعادت|أفرجت|رحلت|اندلعت|دارت|انفجرت|اشتبكت|استولت|"
                          r"اختطفت|اختطف|خطف)") +
    r"|carried\s+out|struck|killed|attacked|launched|shelled|bombed|seized|captured|stormed|targeted|fired|"
    r"exploded|detonated|clashed|arrested|handed\s+over|shot\s+down|intercepted|raided|ambushed|abducted|"
    r"kidnapped|executed|returned|released|deported|hit)(?!\w)", re.IGNORECASE)
#: Words that point back at an event already told ("this attack", "هذا الهجوم", "تلك الغارة").
_POINTING = re.compile(r"(?:\b(?:this|these)\s+(?:[a-z-]+\s+)?|(?<!\w)" + fold("(?:هذا|هذه|تلك|هذين)") + r"\s+)$",
                       re.IGNORECASE)
#: Generic cue words that, when definite ("the attack", "الهجوم"), usually
#: refer back to an event already reported.
_ANAPHORIC_LABELS = frozenset({"clash", "attack", "explosion", "air", "shelling", "suicide", "ied", "exercise"})
_DEFINITE_AR = re.compile(r"(?:[وف]?(?:[بك]?ال|لل))")
_DEMONSTRATIVE = re.compile(r"(?:\b(?:the|this|that|these|those)|" + fold("هذا|هذه|ذلك|تلك|هذين") + r")\s+(?:\S+\s+)?$",
                            re.IGNORECASE)
#: An earlier event given as a reason: "in retaliation for the attack", "ردا على القصف".
REASON = re.compile(r"(?:(?:in\s+(?:retaliation|response|revenge)\s+(?:for|to)|to\s+avenge|"
                     + fold(r"ردا\s+على|رداً\s+على|انتقاما\s+ل|انتقاماً\s+ل|للرد\s+على|ثأرا\s+ل") + r")\s+(?:\S+\s+){0,3}"
                     r"|(?:citing|cited|recalling|since|after|following)\s+(?:the|a)\s+(?:recent|latest|last|previous|"
                     r"earlier|deadly)\s+(?:\S+\s+){0,1})$", re.IGNORECASE)
_REASON_START = re.compile(r"(?<!\w)(?:in\s+(?:retaliation|response|revenge)\s+(?:for|to)|to\s+avenge|" +
                           fold(r"ردا\s+على|رداً\s+على|انتقاما\s+ل|انتقاماً\s+ل|للرد\s+على|ثأرا\s+ل") + r")",
                           re.IGNORECASE)
#: A cue inside an "after ..." clause: "after it captured Baghouz last month, ...", "وبعد أن سيطرت ...".
_AFTER_CLAUSE = frozenset(fold(w).lower() for w in ("after", "بعد", "وبعد", "بعدما", "وبعدما", "عقب", "إثر"))


#: Literal triggers of the sentence-level patterns below: a pattern runs only when its trigger occurs
#: (one Aho-Corasick pass per event sentence keeps the extractor fast on long documents).
TRIGGERS = KeywordIndex([(fold(w).lower(), name) for name, words in {
    "since": ("since", "منذ"),
    "after": ("after", "بعد", "عقب", "إثر", "اثر"),
    "reason": ("retaliation", "response", "revenge", "avenge", "citing", "cited", "recalling", "recent", "latest",
               "previous", "earlier", "deadly", "last", "رد", "انتقام", "ثأر", "للرد"),
    "bound": ("before", "until", "till", "prior", "قبل", "حتى", "لحين"),
    "same": ("same", "ذات", "نفس", "the attackers", "the assailants", "the gunmen", "the raiders", "the kidnappers"),
    "later": ("later", "shortly", "hours", "بعد ساع", "لاحق", "اليوم ذات", "اليوم نفس"),
    "another": ("another", "second", "third", "أخرى", "آخر", "ثانية", "ثالثة"),
    "year": ("19", "20"),
    "past": ("last year", "last month", "last week", "last summer", "last winter", "last spring", "last autumn",
             "previous year", "past year", "began", "started", "was launched", "بدأت", "انطلقت"),
    "city": ("the city", "the town", "the village", "the camp", "المدينة", "البلدة", "القرية", "المخيم"),
}.items() for w in words])
#: A year right before a cue: "the 2016 bombing", "2014's offensive".
_YEAR_BEFORE = re.compile(r"(?<!\d)((?:19|20)\d\d)(?:'s|’s)?\s+(?:[\w-]+\s+)?$")


#: "last year's strikes on Naqoura": the cue is named after a past period (background, like "the 2016 bombing").
_PAST_BEFORE = re.compile(r"(?<!\w)(?:last|previous|past)\s+(?:year|month|week|summer|winter|spring|autumn|fall)"
                          r"(?:'s|’s)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
#: "Israel's offensive in Jabalia, which began more than two weeks ago, is ...": a campaign under way, described.
_CAMPAIGN = re.compile(r"(?<!\w)(?:offensive|campaign|operation|siege|war|bombardment|blockade|incursion)$",
                       re.IGNORECASE)
_BEGAN_AFTER = re.compile(r"^(?:\s+(?:in|on|against|of)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2})?\s*,?\s*"
                          r"(?:which|that)\s+(?:began|started|was\s+launched|has\s+lasted|has\s+been\s+under\s*way)"
                          r"(?!\w)", re.IGNORECASE)


def past_background(folded: Folded, cue: Cue) -> bool:
    """The cue names an earlier period's events ("last year's strikes") or a campaign described as under way since
    an earlier day ("the offensive in Jabalia, which began two weeks ago"): background, not a report."""
    start, end = folded.to_folded(cue.start), folded.to_folded(cue.end)
    if _PAST_BEFORE.search(folded.text, max(0, start - 40), start):
        return True
    return _CAMPAIGN.search(folded.text, max(0, end - 14), end) is not None and \
        _BEGAN_AFTER.match(folded.text[end:end + 90]) is not None


def old_year_before(folded: Folded, cue: Cue, published) -> bool:
    """The cue is named after a year before the publication year ("the 2016 bombing"): background."""
    start = folded.to_folded(cue.start)
    m = _YEAR_BEFORE.search(folded.text, max(0, start - 24), start)
    return m is not None and int(m.group(1)) < published.year


#: An encyclopedic topic sentence: "The Tal Afar offensive was a military operation ...", "Operation Peace Spring
#: was ...", "كان هجوم درعا 2014 ... حملة", "معركة حلب هي ...": it names the subject of the article, not an event
#: of its own (the article's dated sentences report those).
_TOPIC_NOUNS_EN = (r"offensive|battle|siege|campaign|operation|massacre|bombing|attack|uprising|insurgency|raid|war|"
                   r"conflict|crisis|intervention|invasion|incursion|assault|war|protests|riots|unrest|clashes|"
                   r"bombings|attacks|killings|airstrikes|air\s+strikes")
#: The verb after a topic: "was a", "is the", "refers to", "were a series of" (a plural subject needs "a series").
_TOPIC_VERB = (r"(?:was|is|refers\s+to)\s+(?:a|an|the|one|part|fought)(?!\w)|"
               r"(?:were|are)\s+(?:a|an)\s+(?:series|wave|set|number|string|campaign)(?!\w)")
TOPIC = re.compile(
    r"^[\s\-–•*]*(?:(?:The\s+)?(?:(?!The\s)[A-Z0-9][\w'’.\-–]*\s+){1,6}?(?i:" + _TOPIC_NOUNS_EN + r")"
    r"|(?:The\s+)?(?i:" + _TOPIC_NOUNS_EN + r")(?=\s+(?:of|for|on|in)\s+(?:the\s+)?[A-Z])"
    r"|Operation\s+(?:[A-Z][\w'’\-]*\s*){1,3})"
    r"(?:\s+(?:of|for|on|in|into|against|by)\s+[\w'’.\-–]+(?:\s+[\w'’.\-–]+){0,3}?)?"
    r"(?:\s*\([^()\n]{0,80}\))?,?\s+(?:" + _TOPIC_VERB + r")"
    r"|^[\s\-–•*]*" + fold(r"(?:كان|كانت|وكان|وكانت)\s+(?:معركة|هجوم|حصار|عملية|حملة|مجزرة|تفجير|تفجيرات|اشتباكات|غزو)")
    + r"|^[\s\-–•*]*" + fold(r"(?:معركة|هجوم|حصار|عملية|حملة|مجزرة|غزو)(?:\s+\S+){1,5}?\s+(?:هي|هو)\s"))


def is_topic(text: str) -> bool:
    """The sentence (folded) is an encyclopedic topic sentence (see `TOPIC`)."""
    return TOPIC.match(text[:300]) is not None


#: "liberated from ISIL", "recaptured X from the SDF", "تحرير المدينة من تنظيم داعش": the side a place was taken
#: from, not the one who took it.
_FROM = re.compile(r"(?:\bfrom(?:\s+the)?|(?<!\w)" + fold(r"[وف]?(?:من|عن)(?:\s+(?:تنظيم|قوات|ميليشيا|جماعة))?") + r")\s*$",  # noqa: E501 (one pattern)
                   re.IGNORECASE)


def agent_is_state(ftext: str, actor_mentions, folded: Folded) -> bool | None:
    """Whether the first actor who acts (not the one a place was taken from) is a state force, or None."""
    for m in actor_mentions:
        start = folded.to_folded(m.start)
        if not _FROM.search(ftext, max(0, start - 30), start):
            return m.actor.is_state
    return None


def is_background(dates, published) -> bool:
    years = [d.year for d in dates if d.kind == "year" and d.year is not None]
    return bool(years) and published is not None and all(y < published.year for y in years)


def anaphora_of(cue: Cue, folded: Folded) -> str | None:
    """How a lone cue word refers back: "demonstrative" ("this attack", "هذا الهجوم"),
    "definite" ("الهجوم", "the strike") or None (a new event)."""
    if cue.label not in _ANAPHORIC_LABELS or " " in cue.text.strip():
        return None
    start = folded.to_folded(cue.start)
    window = folded.text[max(0, start - 40):start]
    if _POINTING.search(window):
        return "demonstrative"
    if _DEFINITE_AR.match(folded.text, start) or _DEMONSTRATIVE.search(window):
        return "definite"
    return None


_CLAUSE_BREAK = re.compile(r"[،,;:؛()\"«»]")
#: A place referred back to: "the same checkpoint", "المنطقة ذاتها", "نفس البلدة".
SAME_PLACE = re.compile(r"(?<!\w)(?:the\s+same\s+(?:checkpoint|village|town|city|area|site|base|road|neighbourhood|"
                         r"neighborhood|district|position|location|spot)|by\s+the\s+(?:attackers|assailants|gunmen|"
                         r"raiders|kidnappers)|" +
                         fold(r"(?:المنطقة|البلدة|القرية|المدينة|الموقع|النقطة|الحاجز|الحي)\s+(?:ذاتها|نفسها|ذاته|نفسه)|"
                              r"(?:نفس|ذات)\s+(?:المنطقة|البلدة|القرية|المدينة|الموقع|النقطة|الحاجز|الحي)")
                         + r")(?!\w)",
                         re.IGNORECASE)
#: The place just told, named by its kind: "east of the city", "in the town", "أطراف البلدة".  `near` holds
#: a direction or nearness word.
CITY_REF = re.compile(
    r"(?<!\w)(?:(?P<near>(?:east|west|north|south|north-east|north-west|south-east|south-west|northeast|northwest|"
    r"southeast|southwest|outskirts|edge|edges|outside|around|near|south-eastern|eastern|western|northern|"
    r"southern)\s+(?:of\s+)?)|in\s+|inside\s+)the\s+(?:city|town|village|camp)(?![\w-]|\s+(?:of|centre|center|hall))"
    r"|(?<!\w)" + fold(r"(?:(?P<near_ar>أطراف|محيط|شرق|غرب|شمال|جنوب|شرقي|غربي|شمالي|جنوبي|ضواحي|قرب)\s+|في\s+|داخل\s+)"
                       r"(?:ال)(?:مدينة|بلدة|قرية|مخيم)") + r"(?!\w)",
    re.IGNORECASE)
#: Later the same day: "Hours later", "later that day", "بعد ساعات", "في وقت لاحق".
LATER = re.compile(r"(?<!\w)(?:hours\s+later|later\s+(?:that|the\s+same)\s+day|(?:police|troops|forces)\s+later|"
                    r"shortly\s+(?:after|afterwards)|" +
                    fold(r"بعد\s+ساعات|بعد\s+ساعة|في\s+وقت\s+لاحق|لاحقا|في\s+اليوم\s+ذاته|في\s+اليوم\s+نفسه")
                    + r")(?!\w)",
                    re.IGNORECASE)
#: "Another drone", "a second strike", "مسيرة أخرى": a new event, never folded into the one before.
ANOTHER = re.compile(r"(?<!\w)(?:another|a\s+second|a\s+third|" + fold(r"أخرى|آخر|ثانية|ثالثة") + r")(?!\w)",
                      re.IGNORECASE)
_REPORTING = re.compile(r"(?<!\w)(?:said|says|told|according|reported|announced|" +
                        fold(r"قال|قالت|أفاد|أفادت|وفق|بحسب|حسب|ذكر|ذكرت|أعلن|أعلنت") + r")(?!\w)", re.IGNORECASE)
BOUND = re.compile(r"(?<!\w)(?:before|until|till|prior\s+to|" + fold(r"قبل|حتى|لحين") + r")(?!\w)"
                   # ("before dawn on Tuesday", "قبيل فجر الثلاثاء", "قبل منتصف الليل": a time of the event's day)
                   r"(?!\s+(?:dawn|daybreak|sunrise|sunset|dusk|midnight|noon|"
                   + fold(r"الفجر|فجر|منتصف|شروق|غروب|الظهر|ظهر") + r")(?!\w))", re.IGNORECASE)
#: The start of a span: "منذ الثامن من أكتوبر", "since the clashes began on Sunday" (up to four words of its
#: clause before the date).
SINCE = re.compile(r"(?<!\w)(?:since|" + fold(r"منذ") + r")\s+(?:[^\s,;.،]+\s+){0,4}$", re.IGNORECASE)


#: What makes an agreement ACLED's (a deal between fighting sides): a ceasefire, a truce, a prisoner swap, a
#: surrender, a handover, a withdrawal, a settlement or reconciliation, or fighting named beside it.
_CONFLICT_DEAL = re.compile(
    r"(?<!\w)(?:cease-?fire|truce|armistice|peace|prisoners?|detainees?|hostages?|captives?|swap|exchange|"
    r"surrender\w*|hand\s*over|handover|handed|withdraw\w*|pull[\s-]*out|evacuat\w*|reconciliation|settlement|"
    r"de-?escalation|hostilities|fighting|clashes|fighters|militants|rebels?|militias?|insurgents?|non-aggression|"
    r"disarm\w*|demobili[sz]\w*|integrat\w*|"
    + fold(r"هدن\w*|وقف\s+(?:ل)?إطلاق|تسوي\w*|مصالح\w*|تبادل\w*|أسرى|الأسرى|معتقلين|المعتقلين|رهائن|الرهائن|تسليم\w*|"
           r"انسحاب\w*|إخلاء|اخلاء|خفض\s+التصعيد|القتال|الاشتباكات|فصائل|الفصائل|مسلحين|المسلحين|دمج|حل\s+") +
    r")", re.IGNORECASE)


#: A hedged claim ("reportedly", "allegedly", "زعمت") ...
_HEDGE = re.compile(r"(?<!\w)(?:reportedly|allegedly|purportedly|unconfirmed|" +
                    fold(r"[وف]?(?:زعم|زعمت|زعموا|يزعم|تزعم|مزاعم|ادعت|ادعى|ادعاءات|يدعي|تدعي)") + r")(?!\w)",
                    re.IGNORECASE)
#: ... that someone denies in the same sentence: an unconfirmed report, not an event to code.
_DENIAL = re.compile(r"(?<!\w)(?:denied|denies|deny|not\s+aware|no\s+evidence|did\s+not\s+confirm|could\s+not\s+confirm|"  # noqa: E501 (one pattern)
                     r"no\s+such|" + fold(r"[وف]?(?:نفى|نفت|ينفي|تنفي|نفي|نفوا)") + r")(?!\w)", re.IGNORECASE)


#: An unverified claim told as such: "allegedly", "unconfirmed reports", "some regional outlets reported that".
_WEAK_CLAIM = re.compile(r"(?<!\w)(?:allegedly|purportedly|unconfirmed|unverified|"
                         r"some\s+(?:\w+\s+){0,2}?(?:outlets|media|reports|websites|accounts|channels)\s+"
                         r"(?:reported|said|claimed|suggested)|" +
                         fold(r"[وف]?(?:زعم|زعمت|يزعم|تزعم|مزاعم|ادعت|ادعى|أنباء\s+غير\s+مؤكدة|غير\s+مؤكدة)") +
                         r")(?!\w)", re.IGNORECASE)


def weak_claim(ftext: str) -> bool:
    """The sentence tells an unverified claim (see `_WEAK_CLAIM`); callers keep it only with a day or a toll."""
    return _WEAK_CLAIM.search(ftext) is not None


def hedged_and_denied(ftext: str) -> bool:
    """"A shell reportedly struck X, though the army said it was not aware of the incident": no event."""
    return _HEDGE.search(ftext) is not None and _DENIAL.search(ftext) is not None


def conflict_agreement(ftext: str, actor_mentions) -> bool:
    """An agreement is ACLED's only between fighting sides: a trade, water or energy deal between governments is
    diplomacy.  True when the sentence names a conflict matter or a non-state armed group."""
    if _CONFLICT_DEAL.search(ftext):
        return True
    return any(a.actor.inter in (2, 3, 4) for a in actor_mentions)


_CLAUSE_SPLIT = re.compile(r"[،,;:()\[\]«»\"—–]|\s-\s")


def clause_cues(text: str, cues: list[Cue], at: int) -> list[Cue]:
    """The cues in the clause of sentence offset `at`."""
    start = 0
    for m in _CLAUSE_SPLIT.finditer(text, max(0, at - 300), at):
        start = m.end()
    end_match = _CLAUSE_SPLIT.search(text, at, at + 300)
    end = end_match.start() if end_match else len(text)
    return [c for c in cues if start <= c.start < end and not c.habitual]


_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           fold("يوم"): 1, fold("يومين"): 2, fold("أسبوع"): 7}
#: "The attack came a day after ...", "ويأتي الهجوم بعد يومين من ...": what follows happened earlier.
CAME_AFTER = re.compile(
    r"(?<!\w)(?:came|comes|follows|followed|happened|occurred)\s+(?:(?:just|only)\s+)?(?:(?P<n>a|an|one|two|three|"
    r"four|five|six|seven|\d+)\s+(?P<u>days?|hours?|weeks?)|hours|days)\s+after(?!\w)|" +
    fold(r"(?:[وف]?(?:يأتي|تأتي|جاء|جاءت)\s+(?:\S+\s+){0,2}?)بعد\s+(?P<nar>ساعات|ساعة|يوم|يومين|أيام|أسبوع)\s+(?:من|على)")
    + r"(?!\w)", re.IGNORECASE)


def days_before(m: re.Match) -> tuple[int, bool]:
    """(days, exact) of a "came N days after" match: hours are the same day."""
    unit = (m.group("u") or m.group("nar") or "").lower()
    if unit.startswith("hour") or unit in (fold("ساعات"), fold("ساعة")):
        return 0, True
    count = m.group("n") or m.group("nar") or ""
    n = int(count) if count.isdigit() else _COUNTS.get(count.lower(), 0)
    if unit.startswith("week"):
        n *= 7
    return (n, True) if n else (2, False)


_REPORT_VERB = frozenset(fold(w).lower() for w in (
    "said", "says", "told", "announced", "denied", "claimed", "confirmed", "reported", "stated", "added", "warned",
    "condemned", "قال", "قالت", "أعلن", "أعلنت", "نفى", "نفت", "ذكر", "ذكرت", "أفاد", "أفادت", "أكد", "أكدت", "أضاف",
    "أضافت", "وقال", "وقالت", "وأعلن", "وأعلنت", "ونفى", "ونفت", "وذكر", "وذكرت", "وأفاد", "وأفادت", "وأكد", "وأكدت"))
_WORDS_RE = re.compile(r"[^\W_]+", re.UNICODE)


def report_date(folded: Folded, d) -> bool:
    """The date is the day of a report, not of the event: next to "said", "denied", "أعلن" ..."""
    a, b = folded.to_folded(d.start), folded.to_folded(d.end)
    before = _WORDS_RE.findall(folded.key[max(0, a - 30):a])[-2:]
    after = _WORDS_RE.findall(folded.key[b:b + 20])[:1]
    return any(w in _REPORT_VERB for w in before + after)


def reason_spans(folded: Folded) -> list[tuple[int, int]]:
    """Original-text spans of "in retaliation for ... / ردا على ..." phrases, to the end of their clause."""
    spans = []
    for m in _REASON_START.finditer(folded.text):
        end = _CLAUSE_BREAK.search(folded.text, m.end())
        stop = end.start() if end else len(folded.text)
        spans.append(folded.span(m.start(), stop))
    return spans


_AFTER_START = re.compile(r"(?<!\w)(?:after|following|" + fold(r"[وف]?(?:بعد|عقب|إثر|اثر)") + r")(?!\w)",
                          re.IGNORECASE)


#: Words of an earlier event told in an "after ..." clause that are not event cues themselves.
_EARLIER_EVENT = re.compile(r"(?<!\w)(?:shooting|killing|death|murder|assassination|arrest|" +
                            fold(r"مقتل|اغتيال|مصرع|وفاة|اعتقال") + r")(?!\w)", re.IGNORECASE)


def after_spans(folded: Folded, cues: list[Cue], event_cue: Cue) -> list[tuple[int, int]]:
    """Original-text spans of "after ..." clauses that tell another, earlier event ("..., after the police
    shooting of a teenager in a Paris suburb"): their places are not where the sentence's event happened."""
    spans = []
    for m in _AFTER_START.finditer(folded.text):
        end = _CLAUSE_BREAK.search(folded.text, m.end())
        stop = end.start() if end else len(folded.text)
        a, b = folded.span(m.start(), stop)
        if not a <= event_cue.start < b and (any(a <= c.start < b for c in cues if c is not event_cue)
                                             or _EARLIER_EVENT.search(folded.text, m.end(), stop)):
            spans.append((a, b))
    return spans


def in_after_clause(folded: Folded, cue: Cue) -> bool:
    """The cue sits in an "after ..." clause ("after it captured Baghouz", "وبعد أن سيطرت")."""
    start = folded.to_folded(cue.start)
    chunk = folded.text[max(0, start - 60):start]
    cut = None
    for cut in _CLAUSE_BREAK.finditer(chunk):
        pass
    if cut is not None:
        chunk = chunk[cut.end():]
    return any(w in _AFTER_CLAUSE for w in chunk.lower().split()[-6:])


def separate_days(text: str, usable, cues: list[Cue], event_date, precision) -> list[tuple]:
    """One (date, precision) per event day: a second day-precise date right after a second cue ("launched the
    second attack on 1 March but resumed the attack on 4 March") is a second event; a date in a reporting
    clause ("a source said on Tuesday") is not."""
    precise = [d for d in usable if d.precision == 1]
    if len(precise) < 2:
        return [(event_date, precision)]
    days = [precise[0]]
    # The cue nearest before each date, found from a bisection over the cue starts: only cues
    # starting within 60 characters (plus the longest cue) of the date can qualify, so one
    # long sentence with thousands of dates and cues stays linear.
    ordered = sorted(cues, key=lambda c: c.start)
    starts = [c.start for c in ordered]
    reach = 60 + max((c.end - c.start for c in ordered), default=0)
    for d in precise[1:]:
        cue = None
        for j in range(bisect_left(starts, d.start) - 1, -1, -1):
            c = ordered[j]
            if c.start < days[-1].end or d.start - c.start > reach:
                break
            if d.start - c.end <= 60:
                cue = c
                break
        if d.value != days[-1].value and cue is not None and not _REPORTING.search(fold(text[cue.end:d.start])):
            days.append(d)
    if len(days) < 2:
        return [(event_date, precision)]
    return [(d.value, 1) for d in days]
