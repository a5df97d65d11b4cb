"""Where did the event happen: pick one of a sentence's resolved place mentions.

A sentence often names several places: the launch site and the target, the
town and its governorate, the country of the actor.  ACLED codes the event at
the most precise location of the event itself, so:

1. Names inside an actor ("المقاومة الإسلامية في العراق") are not locations.
2. Destination beats origin: in "drones launched from Iraq towards the Golan"
   / "مسيرات أطلقت من العراق باتجاه الجولان" the event is at the Golan.  An
   origin ("from/من X") is dropped when the sentence also has a destination
   ("towards/into/reached/via/باتجاه/نحو/إلى/عبر/وصلت/على X") or a launch verb.
3. A place the event reached ("وصلت إحدى المسيرات للجولان", "a drone
   reached Eilat") is where it happened, whatever else the sentence names.
4. Metonymy: a capital or country speaking or deciding ("أعلنت دمشق",
   "Moscow said", "تروج واشنطن") and a place qualifying an actor ("التحالف
   الذي تقوده واشنطن", "US-led", "ميليشيات موالية لإيران") are not locations;
   a country that attacks ("شنت روسيا هجوماً", "Russia launched") is its
   actor (role "actor", ranked last and never chosen).  A sea named after a
   town ("the Gulf of Aden") is not the town.
5. Places in the focus region (gazetteer.place.FOCUS_COUNTRIES) beat places
   elsewhere.
6. Then the most specific kind wins (town/facility/crossing > district >
   region/governorate > country); among equals, a place in the event cue's
   own clause, then a destination, then the first named.  "The highway to
   Hama" names a road, not a destination.

geo_precision (ACLED): 1 a named town, facility or crossing; 2 the same with
a "near/outskirts/north of/ريف/قرب/محيط/أطراف/عند الحدود" cue, a district,
or a small region (a region or water body the gazetteer places inside one
governorate); 3 a governorate, a country or a region spanning several
governorates.  Country-only events are kept (precision 3) when they report
one concrete event (extract.py): analysts want "airstrikes on ISIS camps in
Syria killed 35" on the map even though ACLED drops them.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from gazetteer.place import FOCUS_COUNTRIES, Place
from map_app.geoparse.document import Mention
from map_app.geoparse.incidents.normalize import TOKEN, Folded, fold, fold_pattern

POINT_KINDS = frozenset({"populated_place", "facility", "crossing"})
#: "unlisted": a cued name the gazetteer lacks, pinned at its containing area (gazetteer/place.py).
KIND_RANK = {"populated_place": 0, "facility": 0, "crossing": 0, "unlisted": 0, "admin2": 1, "region": 2,
             "water": 2, "admin1": 2, "country": 3}

_F = fold_pattern
NEAR_WORDS = frozenset(_F(w) for w in (
    "قرب", "بالقرب", "قريبا", "مقربة", "بمقربة", "محيط", "بمحيط", "ريف", "بريف", "أطراف", "بأطراف",
    "ضواحي", "مشارف", "تخوم", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
    "الحدود", "حدود", "بعد", "مدخل", "محاذاة", "أرياف", "بادية", "جوار", "بجوار",
    "near", "nearby", "outside", "outskirts", "suburbs", "suburb", "north", "south", "east", "west",
    "northeast", "northwest", "southeast", "southwest", "northern", "southern", "eastern", "western",
    "vicinity", "around", "close", "border", "borders", "countryside", "rural", "edge", "km",
    "kilometres", "kilometers", "miles", "outskirt",
))
DEST_WORDS = frozenset(_F(w) for w in (
    "باتجاه", "اتجاه", "تجاه", "نحو", "صوب", "إلى", "الى", "حتى", "على", "وصلت", "وصل", "بلغت",
    "استهدف", "استهدفت", "استهدفوا", "يستهدف", "تستهدف", "قصف", "قصفت", "ضرب", "ضربت", "هاجم",
    "هاجمت", "داخل", "أجواء", "فوق", "عبر", "via", "through",
    "towards", "toward", "to", "into", "at", "on", "reached", "reaching", "hit", "hitting", "struck",
    "targeting", "targeted", "against", "over", "inside", "onto",
))
ORIGIN_WORDS = frozenset(_F(w) for w in ("من", "انطلاقا", "قادمة", "قادما", "from"))
#: Words between a cue and the name that do not change its role ("towards the town of X").
FILLERS = frozenset(_F(w) for w in (
    "مدينة", "بلدة", "قرية", "قاعدة", "منطقة", "مطار", "معبر", "حي", "مخيم", "ناحية", "محافظة",
    "قضاء", "مناطق", "مدن", "بلدات", "قرى", "موقع", "مواقع", "حقل", "سد", "جبل", "هضبة", "مرتفعات",
    "عاصمة", "العاصمة", "ال", "the", "town", "city", "village", "of", "base", "area", "province",
    "governorate", "district", "camp", "airport", "crossing", "region", "heights", "occupied",
    "field", "military", "airbase", "air", "outpost",
))
_LAUNCH = re.compile(_F(r"(?<!\w)(?:[وف]?(?:أطلق|انطلق|قادم|أقلع|[يت]طلق)\w*)(?!\w)") +
                     r"|(?<!\w)(?:launch(?:ed|ing|es)?|fired|coming|originat\w*|took\s+off|flew|fly)(?!\w)",
                     re.IGNORECASE)
#: Prepositions linking a near-word to the name: "بالقرب من"، "عند الحدود مع"، "10 km from".
_LINKS = frozenset(_F(w) for w in ("من", "عن", "مع", "of", "from", "with", "to"))
#: Verbs of arrival and impact: the place right after them is where the event happened.
REACH_WORDS = frozenset(_F(w) for w in (
    "وصل", "وصلت", "وصلوا", "بلغ", "بلغت", "أصاب", "أصابت", "reached", "reaching", "reaches", "hit", "hits",
    "hitting", "struck", "landed", "slammed",
))
#: Prepositions of arrival between a reach verb's subject and the place ("وصلت المسيرة إلى/لـ X").
_TO = frozenset(_F(w) for w in ("إلى", "الى", "ل", "حتى", "to", "into", "in", "on", "at"))
#: "The highway to Hama", "طريق حلب": a road named after a town is not a destination.
ROAD_WORDS = frozenset(_F(w) for w in (
    "طريق", "الطريق", "أوتوستراد", "الأوتوستراد", "اوتوستراد", "highway", "road", "route", "motorway", "roads",
))
#: Words tying a place to an actor: "بقيادة واشنطن", "التي تقودها واشنطن", "موالية لإيران", "backed by Iran".
LED_WORDS = frozenset(_F(w) for w in (
    "بقيادة", "تقوده", "تقودها", "يقوده", "يقودها", "تتزعمه", "تتزعمها", "يتزعمه", "يتزعمها", "المدعوم",
    "المدعومة", "المدعومين", "مدعوم", "مدعومة", "مدعومين", "الموالية", "موالية", "الموالي", "موال", "الموالين",
    "موالين", "الموالون", "led", "backed", "supported", "sponsored", "loyal",
    "allied", "aligned", "proxies", "proxy",
))
_LED_LINKS = frozenset(_F(w) for w in ("من", "ل", "by", "to", "with", "of"))
#: Speaking and deciding: "أعلنت دمشق", "تروج واشنطن" (the name is the subject).
SPEECH_WORDS = frozenset(_F(w) for w in (
    "قال", "قالت", "يقول", "تقول", "أعلن", "أعلنت", "تروج", "يروج", "روجت", "روج", "قررت", "قرر", "تقرر", "يقرر",
    "اتهمت", "اتهم", "تتهم", "يتهم", "طالبت", "طالب", "تطالب", "يطالب", "أكدت", "أكد", "تؤكد", "يؤكد", "نفت", "نفى",
    "تنفي", "ينفي", "حذرت", "حذر", "تحذر", "يحذر", "ترى", "يرى", "تريد", "يريد", "هددت", "هدد", "تهدد", "يهدد",
    "أدانت", "أدان", "دانت", "توعدت", "توعد", "تعتبر", "يعتبر", "اعتبرت", "اعتبر", "رفضت", "رفض", "ترفض", "يرفض",
    "تسعى", "يسعى", "سعت", "ادعت", "تدعي", "يدعي", "تزعم", "يزعم", "زعمت", "زعم", "عرضت", "ردت", "وافقت", "وافق",
))
SPEECH_WORDS_EN = frozenset((
    "said", "says", "announced", "announces", "decided", "decides", "claimed", "claims", "accused", "accuses",
    "warned", "warns", "denied", "denies", "insists", "insisted", "wants", "wanted", "believes", "believed",
    "condemned", "condemns", "responded", "threatened", "threatens", "vowed", "vows", "urged", "urges",
    "demanded", "demands", "confirmed", "confirms", "stated", "agreed", "rejected", "refused", "blamed",
    "blames", "promised", "pledged", "argued", "argues", "considers", "sees", "hopes", "fears", "seeks",
))
_AUX_EN = frozenset(("has", "have", "had", "will", "would", "also", "has", "then", "later", "on", "again"))
_LED_AFTER = re.compile(r"\s*-\s*(?:led|backed|sponsored|supported|allied|aligned)(?!\w)", re.IGNORECASE)
_WORD_AFTER = re.compile(r"[^\S\n]*([A-Za-z']+)(?:[^\S\n]+([A-Za-z']+))?")
_CLAUSE_BREAK = re.compile(r"[،,;:()\[\]«»\"—–]|\s-\s")
_CLAUSE = re.compile(r"[.!?؟;؛]")
_WORD = re.compile(TOKEN)
_CLITIC = re.compile(r"^(?:[وف]?[بلك]?ال|[وف]?[بلك]|[وف])(?=\w{2,})")

# --- Names that are not places ------------------------------------------------------------------
#: Words before a name that make it part of an organisation, outlet or person:
#: "مصادر الميادين", "لواء القدس", "قناة العراقية", "Ahrar al-Sham", "Abu Amarah", "State Duma".
ORG_BEFORE = frozenset(_F(w) for w in (
    "لواء", "ألوية", "كتائب", "كتيبة", "فيلق", "سرايا", "حركة", "جبهة", "تجمع", "جيش", "قناة", "شبكة", "وكالة",
    "صحيفة", "جريدة", "مجلة", "إذاعة", "تلفزيون", "فضائية", "مصادر", "مراسل", "مراسلة", "أبو", "أبي", "ابن", "بن",
    "أحرار", "أنصار", "فرقة", "تنسيقية", "إذاعة", "منصة",
    # A conflict named after a place ("حرب غزة", "هدنة غزة") is not an event there.
    "حرب", "هدنة",
    # A square or street named after a place ("ساحة الكرامة") lies in the town named next.
    "ساحة", "بساحة", "شارع", "بشارع", "دوار", "ميدان",
))
ORG_BEFORE_EN = frozenset((
    "ahrar", "jaysh", "jaish", "liwa", "kataib", "kata'ib", "harakat", "saraya", "abu", "bin", "ibn", "ansar",
    "state", "george", "white", "president", "channel", "agency", "newspaper", "radio", "outlet", "website",
))
#: Lowercase words that make the next name a landmark inside a town ("Tahrir square" is written after it).
_LANDMARK_AFTER = frozenset(("square", "street", "roundabout", "avenue"))
#: Words right after a name that make it an organisation or outlet: "Kurdistan 24", "الميادين نت",
#: "Manbij Military Council", "Abu Amarah Battalion" (English ones must be capitalised).
ORG_AFTER = frozenset(_F(w) for w in ("24", "نت", "الإخبارية", "الاخبارية", "الإخباري", "للأنباء", "برس", "نيوز",
                                      "بوست", "تايمز", "تي", "إف", "أف", "الفضائية"))
ORG_AFTER_EN = frozenset(("24", "TV", "News", "Today", "Agency", "Times", "Post", "Radio", "Channel", "Network",
                          "Battalion", "Battalions", "Brigade", "Brigades", "Front", "Legion", "Movement", "Division",
                          "Regiment", "Military", "Council", "Media", "Press", "Observatory", "Tribune", "Herald",
                          "Monitor", "Insider", "Online", "Now", "Liberation", "Resistance", "Army", "Guards",
                          "Salvation", "Revolutionary", "Democratic", "Party", "Militia", "Units"))
_MEDIA_AFTER = frozenset(("news", "state", "press", "media"))
_MEDIA_AFTER_2 = frozenset(("agency", "agencies", "website", "channel", "network", "outlet", "service"))
#: Institutions named after their seat (the seat is not where an event happened).
INSTITUTIONS = frozenset(_F(w).lower() for w in (
    "White House", "Kremlin", "Pentagon", "Elysee", "Élysée", "Downing Street", "Capitol Hill", "Knesset",
    "State Duma", "البيت الأبيض", "الكرملين", "البنتاغون", "البنتاجون", "الإليزيه", "الكنيست",
))
#: A conflict or an operation named after a place: "the Gaza war", "هجوم درعا 2014", "Battle of Mosul (2016–17)".
_CONFLICT_AFTER = frozenset(("war", "wars", "conflict", "ceasefire", "cease-fire", "truce", "crisis"))
_PARTICLE = re.compile(r"(?<=\s)(?:al|el|as|ash|ad|ar|at|az|an)-$", re.IGNORECASE)
_OPERATION = re.compile(r"\s*(?:operation|battle|" + _F(r"عملية|معركة|غزوة") + r")(?!\w)", re.IGNORECASE)
# (One run of spaces unless a "(" splits it: two adjacent runs would take quadratic time on long blanks.)
_NAMED_YEAR = re.compile(r"[^\S\n]*(?:\([^\S\n]*)?(?:19|20)\d\d(?!\d)")
_NEXT_TOKEN = re.compile(r"[^\S\n]*([^\s.,;:!?()\[\]«»\"،؛]+)")
#: Capitalised words that may stand before an English place name without making it part of another name.
_NAME_PREFIX_OK = frozenset((
    "in", "on", "at", "the", "near", "from", "to", "of", "and", "or", "but", "after", "before", "outside", "inside",
    "across", "around", "into", "toward", "towards", "between", "via", "through", "over", "under", "with",
    "without", "by", "as", "since", "until", "during", "while", "when", "where", "also", "both", "northern",
    "southern", "eastern", "western", "north", "south", "east", "west", "northeastern", "northwestern",
    "southeastern", "southwestern", "central", "greater", "upper", "lower", "old", "new", "mount", "camp", "lake",
    "fort", "port", "al", "el", "tal", "tell", "jabal", "jebel", "wadi", "ras", "khan", "deir", "kafr", "beit",
    "bab", "ain", "ayn", "umm", "occupied", "rural", "downtown", "besieged", "syrian", "iraqi", "turkish",
    "lebanese", "jordanian", "israeli", "iranian", "kurdish", "arab", "rebel-held", "government-held",
    "isis-held", "sdf-held", "strategic", "nearby", "neighbouring", "neighboring", "village", "town", "city",
    "district", "province", "governorate", "region", "area", "countryside", "suburb", "outskirts", "a", "an",
    "this", "that", "these", "those", "today", "yesterday", "on", "meanwhile", "elsewhere", "separately",
    "however", "earlier", "later", "then", "there", "here", "residents", "officials", "sources", "locals",
    "citizens", "people", "forces", "troops", "jisr", "maarat", "ma'arat", "ma'arrat", "marj", "qasr", "hammam",
    "sheikh", "shaykh", "sayyida", "bir", "qalaat", "qala'at", "mazraat", "dayr", "tel", "ras",
))


#: Plural nouns that a nationality adjective follows: "مواقع سورية" are Syrian websites, not Syria.
_DEMONYM_NOUNS = frozenset(_F(w) for w in (
    "مواقع", "مصادر", "وسائل", "جهات", "أوساط", "وكالات", "صحف", "منظمات", "شركات", "فصائل", "ميليشيات", "طائرات",
    "مسيرات", "سفن", "قوى", "أحزاب", "عائلات", "عشائر", "أسلحة", "صواريخ",
))
_DEMONYM_FORMS = frozenset(_F(w) for w in ("سورية",))


_WATER_OF = re.compile(r"(?:\b(?:[Gg]ulf|[Bb]ay|[Ss]ea|[Ss]traits?|[Ss]ound)\s+of\s+(?:the\s+)?|"
                       + _F(r"(?<!\w)(?:خليج|مضيق|بحر)\s+") + r")$")


def not_a_place(ftext: str, start: int, end: int, mention_text: str) -> bool:
    """The name at ftext[start:end] belongs to an organisation, an outlet, a person or an institution.

    `ftext` is the folded sentence (normalize.fold: Latin case kept) and
    offsets are into it.
    """
    if end - start <= 20 and ftext[start:end].lower().strip() in INSTITUTIONS:
        return True
    tokens = _WORD.findall(ftext[max(0, start - 40):start])
    if tokens and tokens[-1] in _DEMONYM_NOUNS and ftext[start:end] in _DEMONYM_FORMS:
        return True
    particle = _PARTICLE.search(ftext, max(0, start - 5), start)
    if particle is not None and tokens:
        # "Khirbet al-Hadid": the name continues a capitalised word before its article
        start = particle.start()
        tokens = _WORD.findall(ftext[max(0, start - 40):start])
    if tokens:
        last = tokens[-1]
        if last in ORG_BEFORE or _bare(last) in ORG_BEFORE:
            return True
        if last[:1].isupper() and last.isascii():
            low = last.lower()
            if low in ORG_BEFORE_EN:
                return True
            if mention_text[:1].isupper() and ftext[start - 1:start] == " " and low not in _NAME_PREFIX_OK \
                    and not low.endswith(("'s", "’s")) and "-" not in low:
                return True  # "Ahrar al-Sham", "George Bush": the end of a longer proper name
    opened = ftext.rfind("«", max(0, start - 40), start)
    if opened >= 0 and "»" not in ftext[opened:start] and _OPERATION.match(ftext, opened + 1):
        return True  # «عملية شهداء القنيطرة»: the name of an operation
    if ftext[end:end + 3] in ("'s ", "’s ") and ftext[end + 3:end + 4].isupper():
        return True  # "Syria's Idlib province": the country qualifies the place named next
    if _WATER_OF.search(ftext, max(0, start - 20), start):
        return True  # "the Gulf of Aden", "خليج عدن": a sea named after a town
    m = _NEXT_TOKEN.match(ftext, end)
    if m is not None:
        nxt = m.group(1)
        if nxt in ORG_AFTER or nxt in ORG_AFTER_EN or nxt.lower() in _CONFLICT_AFTER or nxt.lower() in _LANDMARK_AFTER:
            return True
        if nxt in _MEDIA_AFTER and _NEXT_TOKEN.match(ftext, m.end()) and \
                _NEXT_TOKEN.match(ftext, m.end()).group(1).lower() in _MEDIA_AFTER_2:
            return True  # "the Saba news agency", "the Kurdistan news website"
    return _NAMED_YEAR.match(ftext, end) is not None


@dataclass(frozen=True, slots=True)
class Location:
    mention: Mention
    geo_precision: int
    role: str  # "destination" | "origin" | "actor" (a country that acts: never the place) | "" (neutral)
    near: bool
    #: In the event cue's clause (only known when `choose_location` is given the cue).
    in_clause: bool = False


@lru_cache(maxsize=256)
def _fold_cue(cue: str) -> str:
    return fold(cue).lower()


@lru_cache(maxsize=8192)
def _bare(token: str) -> str:
    return _CLITIC.sub("", token)


def _is_filler(token: str) -> bool:
    return token in FILLERS or _bare(token) in FILLERS


def role_of(text_before: str, cue: str | None = None, *, is_folded: bool = False) -> tuple[str, bool]:
    """(role, near) of a name from the text right before it in its sentence."""
    tail = text_before[-80:]
    return _role(_WORD.findall((tail if is_folded else fold(tail)).lower()), cue)


def _in(word: str, words: frozenset[str]) -> bool:
    return word in words or _bare(word) in words


def _role(tokens: list[str], cue: str | None) -> tuple[str, bool]:
    end = len(tokens)
    while end and _is_filler(tokens[end - 1]):
        end -= 1
    last = tokens[end - 1] if end else ""
    prev = tokens[end - 2] if end > 1 else ""
    cue = _fold_cue(cue) if cue else None
    near = (_in(last, NEAR_WORDS) or (cue in NEAR_WORDS if cue else False)
            or (last in _LINKS and _in(prev, NEAR_WORDS)))
    if near:
        return "", True
    if last in _TO and _in(prev, ROAD_WORDS):
        return "", False  # "the highway to Hama"
    if _in(last, DEST_WORDS) or (cue in DEST_WORDS if cue else False):
        return "destination", False
    if last in ORIGIN_WORDS or (cue in ORIGIN_WORDS if cue else False):
        return "origin", False
    return "", False


def geo_precision(place: Place, near: bool) -> int:
    """ACLED geo_precision for an event placed at `place` (see module docstring).

    An unlisted place (a name the gazetteer lacks) is pinned at its containing
    area: 2 when that area is a district or town, 3 when only a governorate or
    region is known.
    """
    if place.kind in POINT_KINDS:
        return 2 if near else 1
    if place.kind == "unlisted":
        return 2 if place.admin2 or not place.admin1 else 3
    if place.kind == "admin2":
        return 2
    if place.kind in ("region", "water"):
        return 2 if place.admin1 else 3
    return 3


def reached(before: str, cue: str | None = None) -> bool:
    """The name completes an arrival or impact verb: "وصلت إحدى المسيرات للجولان", "reached Eilat".

    `before` is the folded text right before the name.
    """
    return _reached(_WORD.findall(before[-80:].lower()), cue)


def _reached(tokens: list[str], cue: str | None) -> bool:
    end = len(tokens)
    while end and _is_filler(tokens[end - 1]):
        end -= 1
    if not end:
        return False
    last = tokens[end - 1]
    if _in(last, REACH_WORDS):
        return True
    if not (_in(last, _TO) or (cue is not None and _fold_cue(cue) in _TO)):
        return False
    # Verb, up to three words of subject, then the preposition (VSO Arabic, SVO English).
    return any(_in(w, REACH_WORDS) for w in tokens[max(0, end - 5):end - 1])


def metonymic(before: str, after: str) -> bool:
    """The name stands for a government or qualifies an actor (see the module docstring).

    `before` and `after` are the folded text right before and after the name.
    """
    return _metonymic(_WORD.findall(before[-80:].lower()), after)


def _metonymic(tokens: list[str], after: str) -> bool:
    last = tokens[-1] if tokens else ""
    prev = tokens[-2] if len(tokens) > 1 else ""
    if _in(last, SPEECH_WORDS):
        return True  # Arabic verb-subject order: "أعلنت دمشق"
    if _in(last, LED_WORDS) or (last in _LED_LINKS and _in(prev, LED_WORDS)):
        return True  # "بقيادة واشنطن", "موالية لإيران", "backed by Iran"
    if _LED_AFTER.match(after):
        return True  # "US-led", "Iran-backed"
    m = _WORD_AFTER.match(after)
    if m:
        first, second = m.group(1).lower(), (m.group(2) or "").lower()
        if first in SPEECH_WORDS_EN or (first in _AUX_EN and second in SPEECH_WORDS_EN):
            return True  # "Moscow said", "Washington has decided"
    return False


#: Verbs of attack after which (Arabic, verb first) or before which (English) a country is the attacker:
#: "شنت روسيا هجوماً", "Russia launched a barrage": the country acts, the event is elsewhere.
_ACT_AR = frozenset(_F(w) for w in (
    "شنت", "شن", "نفذت", "نفذ", "أطلقت", "أطلق", "قصفت", "قصف", "استهدفت", "هاجمت", "هاجم", "ضربت", "أغارت", "وشنت",
    "ونفذت", "وأطلقت", "وقصفت", "واستهدفت", "وهاجمت", "وضربت", "فشنت"))
_ACT_EN = frozenset(("launched", "launches", "fired", "fires", "struck", "strikes", "attacked", "attacks", "shelled",
                     "bombed", "targeted", "carried", "sent", "invaded", "hit", "unleashed"))


def _country_acts(tokens: list[str], after: str) -> bool:
    """A country as the subject of an attack verb (see `_ACT_AR`)."""
    if tokens and len(tokens) <= 2 and tokens[-1] in _ACT_AR:
        return True
    m = _WORD_AFTER.match(after)
    if m is None:
        return False
    first, second = m.group(1).lower(), (m.group(2) or "").lower()
    return first in _ACT_EN or (first in _AUX_EN and second in _ACT_EN)


def _same_clause(ftext: str, a: int, b: int) -> bool:
    lo, hi = (a, b) if a <= b else (b, a)
    return hi - lo <= 150 and not _CLAUSE_BREAK.search(ftext, lo, hi)


#: Words after a town's name that make it stand for its governorate ("Idlib province") or its
#: countryside ("Idlib countryside").
_PROVINCE_AFTER = frozenset(_F(w) for w in ("province", "governorate", "provinces", "governorates"))
_COUNTRYSIDE_AFTER = frozenset(_F(w) for w in ("countryside", "district", "region", "area", "outskirts",
                                                "suburbs", "rural"))
_REGION_AFTER = frozenset(("region", "state", "oblast", "prefecture", "division"))


def _plain(name: str) -> str:
    return re.sub(r"\s+(?:region|state|oblast|province|governorate)$", "", fold(name).lower())


_PROVINCE_CUES = frozenset(_F(w) for w in ("محافظة", "محافظه", "بمحافظة", "province", "governorate"))


def _area_precision(place: Place, precision: int, cue: str | None, after: str) -> int:
    """A town named as its province ("Idlib province", "محافظة إدلب") is coded at precision 3,
    as its countryside or district ("Idlib countryside") at precision 2."""
    if place.kind not in POINT_KINDS:
        return precision
    m = _WORD_AFTER.match(after)
    nxt = m.group(1).lower() if m else ""
    if nxt in _PROVINCE_AFTER or (cue is not None and _fold_cue(cue) in _PROVINCE_CUES):
        return 3
    if nxt in _REGION_AFTER and place.admin1 and _plain(place.admin1) == _plain(place.name):
        return 3  # "the Sagaing region", "Kharkiv oblast": the province named after its capital
    if nxt in _COUNTRYSIDE_AFTER:
        return max(precision, 2)
    return precision


def rank_locations(sentence_text: str, sentence_start: int, mentions: list[Mention],
                   excluded: list[tuple[int, int]] = (), *, folded: Folded | None = None,
                   cue: tuple[int, int] | None = None) -> list[Location]:
    """The sentence's possible event locations, best first (see `choose_location`)."""
    if not any(m.place is not None for m in mentions):
        return []
    f = folded if folded is not None else Folded(sentence_text)
    ftext = f.text
    spans = sorted(excluded)
    span_starts = [s for s, _e in spans]
    candidates: list[Location] = []
    ranks: dict[int, tuple] = {}
    cue_at = None
    if cue is not None:
        cue_at = f.to_folded(min(len(sentence_text), max(0, cue[0] - sentence_start)))
    for m in mentions:
        if m.place is None:
            continue
        k = bisect_left(span_starts, m.end) - 1  # the last span starting before the mention ends
        if k >= 0 and max(e for _s, e in spans[max(0, k - 3):k + 1]) > m.start:
            continue  # inside an actor name
        rel = min(len(sentence_text), max(0, m.start - sentence_start))
        rel_end = min(len(sentence_text), max(0, m.end - sentence_start))
        end = f.to_folded(rel)
        fend = f.to_folded(rel_end)
        if not_a_place(ftext, end, fend, m.text):
            continue  # an outlet, organisation, person or institution
        before = ftext[max(0, end - 200):end]  # a bounded look-back keeps long sentences linear
        cut = None
        for cut in _CLAUSE.finditer(before):
            pass
        if cut is not None:
            before = before[cut.end():]
        after = ftext[fend:fend + 40]
        tokens = _WORD.findall(before[-80:].lower())
        if _metonymic(tokens, after):
            continue
        acts = m.place.kind == "country" and _country_acts(tokens, after)
        role, near = _role(tokens, m.cue)
        arrived = _reached(tokens, m.cue)
        if arrived:
            role = "destination"
        if acts:
            role = "actor"  # ranked last, never the event's place (extract.py)
        in_clause = cue_at is not None and _same_clause(ftext, cue_at, end)
        precision = _area_precision(m.place, geo_precision(m.place, near), m.cue, after)
        loc = Location(m, precision, role, near, in_clause)
        kind_rank = KIND_RANK.get(m.place.kind, 3) if precision < 3 or m.place.kind not in POINT_KINDS else 2
        ranks[id(loc)] = (acts, not arrived, m.place.country_code not in FOCUS_COUNTRIES,
                          kind_rank, not in_clause, role != "destination", len(candidates))
        candidates.append(loc)
    if not candidates:
        return []
    roles = {c.role for c in candidates}
    if "origin" in roles and len(roles) > 1 and ("destination" in roles or _LAUNCH.search(ftext)):
        candidates = [c for c in candidates if c.role != "origin"]
    candidates.sort(key=lambda c: ranks[id(c)])
    return candidates


def choose_location(sentence_text: str, sentence_start: int, mentions: list[Mention],
                    excluded: list[tuple[int, int]] = (), *, folded: Folded | None = None,
                    cue: tuple[int, int] | None = None) -> Location | None:
    """The mention where the sentence's event happened, or None.

    `mentions` are the sentence's mentions (document offsets); `excluded`
    lists document spans (actor names) whose places are not locations;
    `folded` reuses a folding of `sentence_text`; `cue` is the event cue's
    document span (a place in its clause wins ties).  Names of outlets,
    organisations, persons and institutions ("مصادر الميادين", "Kurdistan 24",
    "لواء القدس", "State Duma") are never locations (`not_a_place`).
    """
    ranked = rank_locations(sentence_text, sentence_start, mentions, excluded, folded=folded, cue=cue)
    return ranked[0] if ranked and ranked[0].role != "actor" else None
