"""Who did what to whom: ACLED's actor1 (the one who acts) and actor2 (the target).

The actors named in an event's sentence (actors.py) are sorted into the two
sides from the words around them:

- an agent marker makes the attacker: "by X", "من قبل X", "على يد X",
  "بنيران X", "برصاص X", "بواسطة X";
- a target marker or a victim count makes the target: "on/against/targeting X",
  "X positions", "على/ضد X", "مواقع X", "N X fighters were killed",
  "مقتل N عناصر من X"; civilians are always the target;
- otherwise the first actor named is the attacker (English subject-verb-object
  and Arabic verb-subject-object both name the attacker first) and the next
  one the target;
- actors joined to one side ("X and Y", "X, backed by Y", "بمساندة Y") are
  its associated actors.

ACLED defaults fill what the text leaves out: protesters and rioters for
demonstrations, civilians as the target of violence against civilians, and an
"Unidentified Armed Group" as the attacker when only a target is named.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from map_app.geoparse.incidents import acled
from map_app.geoparse.incidents.actors import ActorMention
from map_app.geoparse.incidents.normalize import TOKEN, Folded, fold

_WORD = re.compile(TOKEN)


def _words(*items: str) -> frozenset[str]:
    return frozenset(fold(w).lower() for w in items)


#: Right before the actor: it acts ("by X", "بنيران X").
_AGENT_BEFORE = _words("by", "من قبل", "قبل", "يد", "بواسطة", "بنيران", "نيران", "برصاص", "رصاص", "بقصف", "بغارة",
                       "بغارات", "بضربة", "بهجوم", "بمسيرة", "بطائرة", "led")
#: The word governing the actor: it is hit ("on X", "مواقع X", "ضد X", "arrested X members").
_TARGET_BEFORE = _words(
    "on", "against", "targeting", "targeted", "at", "positions", "position", "posts", "post", "checkpoint",
    "checkpoints", "convoy", "vehicle", "base", "bases", "headquarters", "hit", "struck",
    "attacked", "ambushed", "killed", "killing", "wounded", "injuring", "towards", "toward", "arrested", "detained",
    "captured", "abducted", "kidnapped", "suspected", "under", "beneath", "outside",
    "على", "ضد", "مواقع", "موقع", "نقاط", "نقطة", "مقرات", "مقر", "حاجز", "حواجز", "رتل", "آلية", "سيارة", "قاعدة",
    # (Arabic active verbs are left out: in verb-subject-object order the actor right after "استهدفت" is
    # the subject; the passive "قُتل" is written like the noun and names the victims.)
    "قواعد", "استهداف", "مهاجمة", "قتل", "مقتل", "إصابة", "لقوات", "تجاه", "باتجاه", "صفوف", "اعتقال", "خطف",
    "اختطاف", "دورية", "دوريات", "patrol", "patrols", "عربة", "مدرعة", "ناقلة", "مركز", "مخفر",
)
#: Words naming members of a group ("members of X", "عناصر من X"): victims only after a death word.
_MEMBERS = _words("members", "fighters", "soldiers", "militants", "of", "من", "عناصر", "عنصر", "مقاتلي", "مقاتلين",
                  "أفراد", "عناصرها", "جنود")
_DEATH = _words("killed", "killing", "dead", "wounded", "injured", "مقتل", "قتل", "قتلى", "إصابة", "جرح", "أسفر",
                "استشهاد", "مصرع")
#: A clash verb before "with": the one named after it is the other side ("اشتبكوا مع X", "clashed with X").
_CLASH_WITH = re.compile(r"(?:clash\w*|fought|fighting|battl\w*|" + fold(r"[وف]?[يت]?اشتبك\w*|اشتباك\w*|مواجهات|معارك")
                         + r")\s+(?:\S+\s+){0,3}?(?:with|" + fold("مع") + r")\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
#: "by" after these is not the agent of the event ("sites used by militias").
_NOT_AGENT = _words("used", "controlled", "held", "run", "backed", "led", "supported", "operated", "owned",
                    "occupied", "manned", "founded", "formed", "created", "funded", "armed", "trained",
                    "sponsored", "claimed", "denied", "reported", "said", "condemned", "accused", "blamed")
#: The subject fended the attack off: the one named with the attack is actor1 ("repelled an ISIS attack").
_REPEL = re.compile(r"(?<!\w)(?:repel\w*|repuls\w*|fended\s+off|thwart\w*|foil\w*|" +
                    fold(r"[وف]?(?:صد|صدت|صدوا|تصدت|تصدى|تصدوا|أحبطت|أحبط|[يت]صد|[يت]تصدى)") + r")(?!\w)",
                    re.IGNORECASE)
#: Right after the actor: it was hit ("X fighters were killed", "X positions").
_TARGET_AFTER = re.compile(
    r"^\W*(?:(?:fighters?|members?|soldiers?|troops|militants|personnel|positions?|posts?|checkpoints?|convoys?|"
    r"vehicles?|bases?|headquarters|commanders?)\s+)?(?:(?:were|was|have\s+been|had\s+been)\s+)"
    r"(?:killed|wounded|injured|hit|targeted|attacked|struck|ambushed)|^\W*(?:positions?|posts?|checkpoints?|"
    r"convoys?|bases?|headquarters|targets?|patrols?|vehicles?|cars?|trucks?|stations?|barracks)(?!\w)",
    re.IGNORECASE)
#: Words joining a second actor to the same side.
_WITH = _words("and", "with", "alongside", "backed", "supported", "allied", "led", "و", "مع", "بمساندة", "بمساعدة",
               "بدعم", "بمشاركة", "وحلفاؤه", "وحلفائه", "بقيادة", "allies", "including")
_SIDE_BREAK = re.compile(r"[.;:!?؟؛]")
_BETWEEN = re.compile(r"(?<!\w)(?:between|" + fold("بين") + r")\s+(?:the\s+)?$", re.IGNORECASE)


@dataclass(slots=True)
class Sides:
    actor1: str | None = None
    assoc_actor_1: list[str] = field(default_factory=list)
    actor2: str | None = None
    assoc_actor_2: list[str] = field(default_factory=list)
    inter1: int | None = None
    inter2: int | None = None

    @property
    def interaction(self) -> int | None:
        return acled.interaction(self.inter1, self.inter2)


#: Words skipped when looking for the word that governs an actor ("struck the PKK", "killed two PKK members").
_SKIP = _words("the", "a", "an", "its", "their", "his", "her", "several", "dozens", "some", "two", "three", "four",
               "five", "six", "seven", "eight", "nine", "ten", "at", "least", "عدد", "عدة", "عشرات")


class _Text(str):
    """A sentence with its folding done once; `f(a, b)` is the folded text of original span [a, b)."""

    __slots__ = ("folded",)

    def __new__(cls, text: str) -> "_Text":
        obj = super().__new__(cls, text)
        obj.folded = Folded(text)
        return obj

    def f(self, a: int, b: int) -> str:
        f = self.folded
        return f.text[f.to_folded(max(0, a)):f.to_folded(min(len(self), b))]


def _folded(text: str, a: int, b: int) -> str:
    return text.f(a, b) if isinstance(text, _Text) else fold(text[max(0, a):b])


def _before(text: str, start: int) -> list[str]:
    """The folded, lowercased words before an actor in its clause (up to 60 characters)."""
    chunk = text[max(0, start - 60):start]
    cut = None
    for cut in _SIDE_BREAK.finditer(chunk):
        pass
    if cut is not None:
        chunk = chunk[cut.end():]
    return _WORD.findall(_folded(text, start - len(chunk), start).lower()) if chunk else []


def _governor(words: list[str]) -> tuple[str, str]:
    """The word governing an actor (the last one, skipping articles and counts) and the word before it."""
    kept = [w for w in words if w not in _SKIP and not w.isdigit()]
    return (kept[-1] if kept else ""), (kept[-2] if len(kept) > 1 else "")


def _role(text: str, m: ActorMention) -> str:
    """"agent", "target" or "" (unmarked) for one actor mention."""
    if m.actor.inter == acled.CIVILIANS:
        return "target"
    words = _before(text, m.start)
    governor, previous = _governor(words)
    if _is(governor, _AGENT_BEFORE) and not (governor == "by" and (_is(previous, _NOT_AGENT)
                                                                   or not previous.endswith(("ed", "en", "t")))):
        return "agent"
    if _is(governor, _TARGET_BEFORE) or _TARGET_AFTER.match(text[m.end:m.end + 60]):
        return "target"
    if _is(governor, _MEMBERS) and any(_is(w, _DEATH) for w in words[-6:]):
        return "target"  # "مقتل 3 عناصر من قسد", "killed two members of X"
    if _CLASH_WITH.search(_folded(text, m.start - 60, m.start)):
        return "target"  # "اشتبكوا مع خلايا التنظيم": the other side
    return ""


def _bare(word: str) -> str:
    return word[1:] if len(word) > 3 and word[0] in "وفبل" else word


def _is(word: str, markers: frozenset[str]) -> bool:
    return word in markers or _bare(word) in markers


def _joined(text: str, a: ActorMention, b: ActorMention) -> bool:
    """b follows a on the same side: only a joining word (and, with, بمساندة ...) between them."""
    if (a.start, a.end) == (b.start, b.end):
        return True  # "Russian and Syrian warplanes": one phrase naming two forces
    if b.start < a.end:
        return False
    gap = text[a.end:b.start]
    if len(gap) > 40 or _SIDE_BREAK.search(gap):
        return False
    words = _WORD.findall(_folded(text, a.end, b.start).lower())
    if not words:
        return True  # "القوات السورية والروسية": one phrase naming two forces
    return all(_is(w, _WITH) or w in ("by", "the", "its", "their", "forces", "قوات") for w in words) \
        and any(_is(w, _WITH) for w in words)


def assign_sides(text: str, mentions: list[ActorMention], event_type: str, sub_event_type: str,
                 country_code: str | None, when: date | None = None, cue_start: int | None = None) -> Sides:
    """ACLED actor1/actor2 (and associates) of one event from its sentence's actor mentions.

    `text` is the sentence and mention offsets are into it; `country_code` and
    `when` are the event's country and date (names and inter codes depend on
    them); `cue_start` is where the event cue starts (a speaker named after it,
    "..., the Israeli military said", is not a side).
    """
    if not mentions:
        sides = Sides()
        _defaults(sides, event_type, sub_event_type, acled.country_name(country_code))
        return sides
    text = text if isinstance(text, _Text) else _Text(text)
    mentions = [m for k, m in enumerate(mentions)
                if not _speaker_after(text, m, cue_start) and not _reporter(text, mentions, k, cue_start)]
    mentions = _led_by(text, mentions)
    # "قوات سوريا الديمقراطية (قسد)": an alias in brackets is the same mention, with its role.
    mentions = [m for k, m in enumerate(mentions)
                if not (k and mentions[k - 1].actor == m.actor and _ALIAS_GAP.match(text[mentions[k - 1].end:m.start]))]
    agents, targets, neutral = [], [], []
    for m in mentions:
        role = _role(text, m)
        (agents if role == "agent" else targets if role == "target" else neutral).append(m)
    side1: list[ActorMention] = []
    side2: list[ActorMention] = []
    if len(neutral) >= 2 and _BETWEEN.search(_folded(text, neutral[0].start - 12, neutral[0].start)):
        # "clashes between the SDF and the SNA": the two sides, in that order.
        targets.append(neutral.pop(1))
    # (a force named again unmarked, "three policemen ... were killed", is still the one hit)
    free = [m for m in neutral if not any(m.actor == t.actor for t in targets)]
    if agents:
        side1.append(agents[0])
    elif free:
        side1.append(free[0])
    if targets:
        side2.append(targets[0])
    for m in sorted(mentions, key=lambda x: x.start):
        if any(m is x for x in side1 + side2) or any(m.actor == x.actor for x in side1 + side2):
            continue
        is_target = any(m is t for t in targets)
        if side1 and any(_joined(text, x, m) or _joined(text, m, x) for x in side1) and not is_target:
            side1.append(m)
        elif side2 and (any(_joined(text, x, m) or _joined(text, m, x) for x in side2) or is_target):
            side2.append(m)
        elif not side2:
            side2.append(m)
        else:
            side1.append(m)
    sides = Sides()
    names1 = _unique(m.actor.acled_name(country_code, when) for m in side1)
    names2 = [n for n in _unique(m.actor.acled_name(country_code, when) for m in side2) if n not in names1]
    if names1:
        sides.actor1, sides.assoc_actor_1 = names1[0], names1[1:]
        sides.inter1 = side1[0].actor.inter_in(country_code)
    if names2:
        sides.actor2, sides.assoc_actor_2 = names2[0], names2[1:]
        sides.inter2 = next(m.actor.inter_in(country_code) for m in side2
                            if m.actor.acled_name(country_code, when) == names2[0])
    if side1 and side2 and side1[0].start < side2[0].start and _REPEL.search(_folded(text, 0, side2[0].start)):
        # "The SDF repelled an ISIS attack": the attacker is the one repelled.
        sides.actor1, sides.actor2 = sides.actor2, sides.actor1
        sides.inter1, sides.inter2 = sides.inter2, sides.inter1
        sides.assoc_actor_1, sides.assoc_actor_2 = sides.assoc_actor_2, sides.assoc_actor_1
    if sides.actor2 is None and event_type in ("Battles", "Explosions/Remote violence") and country_code:
        # "killing two soldiers", "مقتل جنديين": the country's forces were hit (unless they are the attacker).
        kind = victim_forces(text)
        force = acled.state_forces(country_code, when, kind) if kind else None
        if force and force != sides.actor1:
            sides.actor2, sides.inter2 = force, acled.STATE
    _defaults(sides, event_type, sub_event_type, acled.country_name(country_code))
    return sides


_ALIAS_GAP = re.compile(r"^\s*[(（]\s*$")
#: Soldiers or policemen among the dead or wounded, with no force named as the target.
_VICTIM_MILITARY = re.compile(r"(?<!\w)(?:soldiers?|troops|servicemen|" +
                              fold(r"جنود|جنديين|جنديان|جندي|عسكريين|عسكريان|عسكري") + r")(?!\w)", re.IGNORECASE)
_VICTIM_POLICE = re.compile(r"(?<!\w)(?:policem[ae]n|police\s+officers|" +
                            fold(r"شرطيين|شرطيان|شرطي|عناصر\s+(?:من\s+)?الشرطة|رجال\s+الشرطة") + r")(?!\w)",
                            re.IGNORECASE)
_HURT = re.compile(r"(?<!\w)(?:kill\w*|wound\w*|injur\w*|dead|died|" +
                   fold(r"[وف]?(?:مقتل|قتل|قتلى|إصابة|إصابات|جرح|جرحى|أصيب|أصيبوا|مصرع|استشهاد)") + r")(?!\w)",
                   re.IGNORECASE)


def victim_forces(text: str) -> str | None:
    """"Military" or "Police" when the sentence counts soldiers or policemen among its dead or wounded."""
    folded = _folded(text, 0, len(text))
    if not _HURT.search(folded):
        return None
    if _VICTIM_POLICE.search(folded):
        return "Police"
    if _VICTIM_MILITARY.search(folded):
        return "Military"
    return None


#: Speech verbs: "..., the Israeli military said" names a speaker, not a side.
_SAID = re.compile(r"^\W{0,3}(?:(?:has|had|also|later)\s+)?(?:said|says|told|announced|reported|claimed|added|stated|"
                   r"confirmed|denied)(?!\w)", re.IGNORECASE)
_SAID_AR = re.compile(r"(?<!\w)(?:" + fold(r"[وف]?(?:قال|قالت|أعلن|أعلنت|أفاد|أفادت|ذكر|ذكرت|أكد|أكدت|بحسب|حسب|وفق|"
                                            r"وفقا ل|نقلا عن)")
                      + r")\s+(?:\S+\s+){0,1}$", re.IGNORECASE)
_LED = re.compile(r"(?:led\s+by|under\s+the\s+command\s+of|" + fold(r"بقيادة|تقوده|تقودها|يقوده|يقودها") +
                  r")\s+(?:the\s+)?$", re.IGNORECASE)


#: "X on Wednesday denied any role in the attack": the one who denies is not a side.
_DENIED = re.compile(r"^(?:\s+(?:on|late|early)\s+\w+){0,2}\s*,?\s+(?:has\s+|had\s+)?(?:denied|denies|rejected)"
                     r"(?!\w)|" +
                     fold(r"^\s*(?:\S+\s+){0,2}?(?:نفى|نفت|تنفي|ينفي)(?!\w)"), re.IGNORECASE)


def _speaker_after(text: str, m: ActorMention, cue_start: int | None) -> bool:
    """An actor named after the event cue as the source of the report ("..., the Israeli military said",
    "بحسب الجيش الإسرائيلي"), or one who denies a role in it."""
    if _DENIED.match(_folded(text, m.end, m.end + 40)):
        return True
    if cue_start is None or m.start < cue_start:
        return False
    return bool(_SAID.match(text[m.end:m.end + 30]) or _SAID_AR.search(_folded(text, m.start - 25, m.start)))


def _reporter(text: str, mentions: list[ActorMention], k: int, cue_start: int | None) -> bool:
    """"The Syrian army said that Russian and Syrian warplanes struck ...": the one who said it is not a
    side when another actor is named between its words and the event."""
    m = mentions[k]
    if cue_start is not None and m.start < cue_start and _SAID_AR_BEFORE.search(_folded(text, m.start - 20, m.start)) \
            and not _OWN_ACT_AR.search(_folded(text, m.end, cue_start)) and m.actor.is_state \
            and victim_forces(text) is not None:
        # "أعلنت خلية الإعلام الأمني ... مقتل جنديين بانفجار عبوة": the state body that announces its own losses
        # is not the attacker (it stays one when it tells its own act: "أعلن الجيش أنه قصف", or a strike on others).
        return True
    if cue_start is None or m.start >= cue_start or not _SAID.match(text[m.end:m.end + 30]):
        return False
    return any(m.end < o.start < cue_start for o in mentions[k + 1:])


_SAID_AR_BEFORE = re.compile(r"(?<!\w)" + fold(r"[وف]?(?:قال|قالت|أعلن|أعلنت|أفاد|أفادت|ذكر|ذكرت|أكد|أكدت)") +
                             r"\s+$")
_OWN_ACT_AR = re.compile(r"(?<!\w)" + fold(r"(?:أنه|أنها|أن\s+قوات|أن\s+طائرات|أن\s+وحدات|أن\s+مقاتلي|أن\s+عناصر)") +
                         r"(?!\w)")


def _led_by(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """"Opposition factions led by HTS": the leader comes first (it is actor1, the others associates)."""
    out = list(mentions)
    for k, m in enumerate(mentions):
        if k and _LED.search(_folded(text, m.start - 30, m.start)):
            out.remove(m)
            out.insert(out.index(mentions[k - 1]), m)
    return out


def _unique(names) -> list[str]:
    return list(dict.fromkeys(names))


def _generic(template: str, country: str | None) -> str:
    return template.format(country=country) if country else template.replace(" ({country})", "")


def _defaults(sides: Sides, event_type: str, sub_event_type: str, country: str | None) -> None:
    """ACLED's defaults for what the text leaves out."""
    if event_type == "Protests" and sides.inter1 != acled.PROTESTERS:
        _push(sides, _generic("Protesters ({country})", country), acled.PROTESTERS)
    elif event_type == "Riots" and sub_event_type == "Violent demonstration" and sides.inter1 != acled.RIOTERS:
        if sides.inter1 == acled.PROTESTERS:
            sides.actor1, sides.inter1 = None, None  # demonstrators who riot are rioters
            if sides.assoc_actor_1:
                sides.actor1 = sides.assoc_actor_1.pop(0)
        if sides.inter2 == acled.PROTESTERS:
            sides.actor2, sides.inter2 = None, None
        _push(sides, _generic("Rioters ({country})", country), acled.RIOTERS)
    if event_type == "Violence against civilians" and sides.actor2 is None:
        sides.actor2, sides.inter2 = _generic("Civilians ({country})", country), acled.CIVILIANS
    if event_type == "Violence against civilians" and sides.inter1 == acled.CIVILIANS:
        sides.actor1, sides.inter1 = None, None
    if sides.actor1 is None and sides.actor2 is not None and event_type in (
            "Battles", "Explosions/Remote violence", "Violence against civilians"):
        sides.actor1 = _generic("Unidentified Armed Group ({country})", country)
        sides.inter1 = acled.POLITICAL_MILITIA


def _push(sides: Sides, name: str, inter: int) -> None:
    """Make `name` actor1; a state force named as actor1 becomes the target (it intervened)."""
    if sides.actor1 is not None and sides.actor2 is None and sides.inter1 in (acled.STATE, acled.EXTERNAL):
        sides.actor2, sides.inter2 = sides.actor1, sides.inter1
        sides.assoc_actor_2 = sides.assoc_actor_1
        sides.assoc_actor_1 = []
    elif sides.actor1 is not None:
        sides.assoc_actor_1 = [sides.actor1, *sides.assoc_actor_1]
    sides.actor1, sides.inter1 = name, inter
