"""ACLED event types and the bilingual cue lexicon that detects them.

ACLED codes one event type per event.  A sentence may carry several cues
("clashes ... backed by airstrikes"), so cues are first found (leftmost,
longest: a cue consumes the shorter cues inside it, e.g. "أسقطت طائرة مسيرة"
is a shot-down drone, not a drone strike), then filtered (negated or merely
intended/threatened cues are dropped) and finally reduced to one type by
`PRECEDENCE`:

  Suicide bomb > territory change > IED/landmine > air/drone strike
  > armed clash > shelling/missile > grenade > unspecified explosion
  > generic "attack" (a ground attack, i.e. armed clash, unless a weapon
    says otherwise: "rocket attack" is shelling)
  > violence against civilians (abduction > attack) > riots > protests
  > strategic developments (disrupted weapons > looting > arrests > base
    established > transfer of territory > agreement > change to group
    > other: handing over people, exercises, patrols, deployments, mass graves).
  Clashes between protesters and security forces are a violent demonstration;
  weapons named after an exercise are part of it ("drills which included
  artillery"); a raid that made arrests is the arrests; drones named again
  next to "shot down" are the ones shot down.

Why this order: the most specific weapon is the best description of a
violent event; a capture/recapture is what an analyst needs to know even
when it came with shelling; ACLED codes shelling exchanged during a battle as
an armed clash; strategic developments are only coded when nothing violent is
reported in the same sentence.

Beyond negation and intent, a cue is not asserted inside a demand, call or
promise ("طالبت ... بمغادرة ... ونهب الثروات", "وعدت بإرسال صواريخ"), after a
future verb ("سيشاركون في الهجوم") or as an English purpose ("to capture").
Cues describing a pattern or the past are flagged `habitual` (see
`habitual_cue`); extract.py keeps them only with a day date or a toll.

The cue lexicon lives in cue_rules.py and the assertion checks (negation,
intent, demands, habitual statements) in assertion.py.  Each rule is compiled
on its own and only run when one of its literal anchors occurs in the
sentence (keywords.py), which keeps this linear and fast.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from map_app.geoparse.incidents.keywords import KeywordIndex, literal_prefixes
from map_app.geoparse.incidents.normalize import Folded, fold, fold_pattern

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

#: ACLED event types and their sub-event types (the subset this project codes).
EVENT_TYPES: dict[str, tuple[str, ...]] = {
    BATTLES: ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    EXPLOSIONS: ("Air/drone strike", "Shelling/artillery/missile attack",
                 "Remote explosive/landmine/IED", "Suicide bomb", "Grenade"),
    VAC: ("Attack", "Abduction/forced disappearance"),
    PROTESTS: ("Peaceful protest", "Protest with intervention"),
    RIOTS: ("Violent demonstration", "Mob violence"),
    STRATEGIC: ("Agreement", "Arrests", "Change to group/activity",
                "Headquarters or base established", "Non-violent transfer of territory",
                "Looting/property destruction", "Disrupted weapons use", "Other"),
}

#: Cue labels, highest precedence first ("none" marks false friends that are
#: matched only to stop a shorter cue inside them, e.g. "وقف إطلاق النار").
PRECEDENCE = (
    "suicide", "recapture", "capture", "retreat", "ied", "air", "clash", "shelling", "grenade",
    "explosion", "attack", "abduction", "vac_attack", "body_found", "riot", "mob", "riot_violence",
    "protest_int", "protest", "disrupted", "looting", "arrests", "base",
    "transfer_territory", "agreement", "change_group", "transfer_people",
    "exercise", "patrol", "deployment", "discovery", "none",
)
_RANK = {label: i for i, label in enumerate(PRECEDENCE)}
#: Cue labels naming a crowd (the subject of a riot's clashes).
CROWD_LABELS = frozenset({"protest", "riot", "mob"})

from map_app.geoparse.incidents.assertion import (CAMP_WORDS, GATES, GENERIC_SPAN, Statements, habitual_cue,  # noqa: E402
                                                  intended, negated, window)
from map_app.geoparse.incidents.cue_rules import RULES as _RULES  # noqa: E402


class _Rule:
    __slots__ = ("label", "tier", "rank", "regex")

    def __init__(self, label: str, tier: int, regex: str) -> None:
        self.label, self.tier, self.rank = label, tier, _RANK[label]
        self.regex = re.compile(regex, re.IGNORECASE)


def _compile() -> tuple[list[_Rule], KeywordIndex, list[int]]:
    """Rules compiled one by one, indexed by their literal anchors (see keywords.py)."""
    rules = [_Rule(label, tier, regex) for label, tier, regex, _src in _RULES]
    anchored: list[tuple[str, int]] = []
    always: list[int] = []
    for i, (_label, _tier, _regex, source) in enumerate(_RULES):
        prefixes = literal_prefixes(source)
        if prefixes is None:
            always.append(i)
        else:
            anchored.extend((p, i) for p in prefixes)
    return rules, KeywordIndex(anchored), always


_COMPILED, _ANCHORS, _ALWAYS = _compile()
#: Longest proclitic run before a cue word (و + ب + ال, or و + لل).
_MAX_PROCLITICS = 4


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"

# --- Classification ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Cue:
    """One matched cue, offsets in the text given to `find_cues`."""

    start: int
    end: int
    label: str
    text: str
    #: Habitual, background or reported (see `habitual_cue`): an event only with a day date or a toll.
    habitual: bool = False
    #: Inside a condemnation or a trial ("condemned the shelling of X"): an event only with a toll.
    condemned: bool = False


@dataclass(frozen=True, slots=True)
class EventType:
    event_type: str
    sub_event_type: str
    cue: Cue


def find_cues(text: str, *, folded: Folded | None = None, habitual: bool = False) -> list[Cue]:
    """Event cues in `text` that are asserted (not negated, not merely intended, not demanded).

    Habitual cues (a pattern, the past, an accusation) are dropped unless
    `habitual` is true, in which case they come back flagged so that the
    caller can weigh them against the sentence's date and toll.  Pass
    `folded` (a `Folded` of `text`) to reuse a folding already done;
    offsets always refer to the original text.
    """
    f = folded if folded is not None else Folded(text)
    ftext = f.text
    # Every match starts with one of its rule's anchors, after at most a few
    # proclitic letters: try each anchored rule once at that word's start.
    attempts: set[tuple[int, int]] = {(0, i) for i in _ALWAYS}
    for start, _end, rule_ids in _ANCHORS.find(f.key):
        q = start
        while q > 0 and start - q <= _MAX_PROCLITICS and _is_word(ftext[q - 1]):
            q -= 1
        if q > 0 and _is_word(ftext[q - 1]):
            continue  # the anchor is inside a longer word
        for i in rule_ids:
            attempts.add((q, i))
    if not attempts:
        return []
    found = []
    for q, i in attempts:
        rule = _COMPILED[i]
        if i in _ALWAYS:
            matches = rule.regex.finditer(ftext)
        else:
            m = rule.regex.match(ftext, q)
            matches = (m,) if m else ()
        for m in matches:
            found.append((m.start(), -(m.end() - m.start()), rule.tier, rule.rank, m.end(), rule.label))
    # Leftmost, then longest, then multi-word before single word, then precedence.
    found.sort()
    out: list[Cue] = []
    last_end = -1
    statements = None
    gates = GATES.values(f.key)
    generic = "span" in gates and GENERIC_SPAN.search(ftext) is not None
    for start, _neg_len, _tier, _rank, end, label in found:
        if start < last_end:
            continue
        last_end = end
        if label == "none":
            continue
        words = window(ftext, start)
        if negated(words) or intended(words) or _infinitive(words, ftext, start, end):
            continue
        if label == "exercise" and words and words[-1] in CAMP_WORDS:
            continue  # "معسكر تدريب", "training camp": a place, not an exercise
        if statements is None:
            statements = Statements(ftext, "statement" in gates)
        said = statements.governing(start)
        if said == "demand":
            continue
        # (sending reinforcements is news only with its day: "أعلنت إرسال تعزيزات" is an announcement)
        weak = generic or (label == "deployment" and any(w in _SENDING for w in words[-3:])) \
            or said in ("accuse", "condemn") or (
            "habit" in gates and habitual_cue(ftext, start, end, words, violent=_RANK[label] < _RANK["riot"]))
        if weak and not habitual:
            continue
        s, e = f.span(start, end)
        out.append(Cue(s, e, label, text[s:e], weak, said == "condemn"))
    # "تتلقى القوات هجمات منذ ...، وتشترك في الهجمات فصائل": the same kind of event named
    # again in the sentence is the same pattern.
    weak_labels = {c.label for c in out if c.habitual}
    if weak_labels:
        out = [c if c.habitual or c.label not in weak_labels else Cue(c.start, c.end, c.label, c.text, True,
                                                                      any(w.condemned for w in out
                                                                          if w.habitual and w.label == c.label))
               for c in out]
        if not habitual:
            out = [c for c in out if not c.habitual]
    return out


_EN_BASE = re.compile(r"[a-z]+")
#: Verbal nouns and plain verbs of sending: "إرسال تعزيزات", "to send reinforcements".
_SENDING = frozenset(fold_pattern(w).lower() for w in ("إرسال", "ارسال", "بإرسال", "لإرسال", "وإرسال", "نشر", "بنشر",
                                                       "send", "sending", "deploy", "deploying"))


#: Aspect verbs whose "to" + verb is asserted ("continue to shell" is habitual, not a purpose).
_ASPECT_EN = frozenset(("continue", "continues", "continued", "began", "begin", "begins", "started", "start",
                        "starts", "resumed", "resume", "resumes", "used", "attempted", "attempting", "tried",
                        "trying", "managed"))


def _infinitive(window: list[str], text: str, start: int, end: int) -> bool:
    """"an offensive to capture the province": a purpose, not an event (English "to" + base verb)."""
    if not window or window[-1] != "to" or (len(window) > 1 and window[-2] in _ASPECT_EN):
        return False
    first = text[start:end].split()[0].lower() if text[start:end].split() else ""
    return bool(_EN_BASE.fullmatch(first)) and not first.endswith(("ed", "ing", "s"))


_SIMPLE = {
    "suicide": (EXPLOSIONS, "Suicide bomb"),
    "ied": (EXPLOSIONS, "Remote explosive/landmine/IED"),
    "air": (EXPLOSIONS, "Air/drone strike"),
    "clash": (BATTLES, "Armed clash"),
    "attack": (BATTLES, "Armed clash"),
    "discovery": (STRATEGIC, "Other"),
    "body_found": (VAC, "Attack"),
    "deployment": (STRATEGIC, "Other"),
    "shelling": (EXPLOSIONS, "Shelling/artillery/missile attack"),
    "grenade": (EXPLOSIONS, "Grenade"),
    "explosion": (EXPLOSIONS, "Remote explosive/landmine/IED"),
    "abduction": (VAC, "Abduction/forced disappearance"),
    "vac_attack": (VAC, "Attack"),
    "riot": (RIOTS, "Violent demonstration"),
    "mob": (RIOTS, "Mob violence"),
    "protest_int": (PROTESTS, "Protest with intervention"),
    "disrupted": (STRATEGIC, "Disrupted weapons use"),
    "looting": (STRATEGIC, "Looting/property destruction"),
    "arrests": (STRATEGIC, "Arrests"),
    "base": (STRATEGIC, "Headquarters or base established"),
    "transfer_territory": (STRATEGIC, "Non-violent transfer of territory"),
    "agreement": (STRATEGIC, "Agreement"),
    "change_group": (STRATEGIC, "Change to group/activity"),
    "transfer_people": (STRATEGIC, "Other"),
    "exercise": (STRATEGIC, "Other"),
    "patrol": (STRATEGIC, "Other"),
}


_BARE_WEAPON = re.compile(fold_pattern(
    r"[وفبلك]{0,2}(?:ال)?(?:طائر\w*\s+(?:ال)?مسير\w*|مسير\w*|درون\w*|صاروخ\w*|صواريخ\w*|قذيف\w*|قذائف)"
    r"|(?:drones?|uavs?|missiles?|rockets?|projectiles?)"))
_RAID = re.compile(fold_pattern(r"[وفبلك]{0,2}(?:ال)?(?:مداهم\w*|دهم\w*|اقتحام\w*|اقتحم\w*)"
                                r"|raid(?:s|ed)?|storm(?:ed|ing)"))
_KILLING = re.compile(fold_pattern(r"[وف]?(?:اغتيال|اغتال|[يت]غتال|إعدام|أعدم)\w*|assassinat\w*|execut\w*"))
_WEAPON_LABELS = frozenset({"suicide", "ied", "air", "clash", "shelling", "grenade", "explosion", "attack"})


#: A subordinate clause between a clash and a protest word: the protest is background
#: ("clashes erupted where security forces removed a protest camp").
_SUBORDINATE = re.compile(r"(?<!\w)(?:" + fold_pattern(r"حيث|التي|الذي|بعد|عقب|إثر|بعدما") +
                          r"|where|which|after|following|when)(?!\w)", re.IGNORECASE)


def _crowd_fights(text: str | None, clash: Cue, protest: Cue | None) -> bool:
    """Demonstrators are the ones clashing: the protest word is near the clash and not in a side clause, or it
    opens the sentence as the subject of the clash ("Protesters torched offices in X and clashed with police")."""
    if protest is None:
        return False
    if text is None:
        return True
    if protest.start >= clash.end:
        gap = text[clash.end:protest.start]
    else:
        gap = text[protest.end:clash.start]
        if protest.start <= 40 and not _SUBORDINATE.search(fold_pattern(text[:protest.start])):
            return True
    return len(gap) <= 80 and not (protest.start > clash.start and _SUBORDINATE.search(fold_pattern(gap)))


#: An attack by a crowd: "the embassy was attacked by militiamen and their supporters".
_CROWD_AGENT = re.compile(r"\W*(?:\S+\s+){0,4}?by\s+(?:\S+\s+){0,5}?(?:crowds?|supporters|protesters|demonstrators|"
                          r"mobs?|rioters)(?!\w)", re.IGNORECASE)
#: A crowd right before the attack verb: "crowds attacked a church", "youths stormed the office".
_CROWD_SUBJECT = re.compile(r"(?<!\w)(?:crowds?|youths|mobs?|rioters|protesters|demonstrators)\s+(?:\w+\s+)?$",
                            re.IGNORECASE)
#: Crowds that riot when they burn, storm or throw ("youths torched cars", "الشبان أحرقوا").
_CROWD = re.compile(r"(?<!\w)(?:youths?|crowds?|rioters|protesters|demonstrators|supporters|fans|students|"
                    r"residents|villagers|mourners|" + fold_pattern(r"[وف]?(?:ال)?(?:شبان|محتج\w*|متظاهر\w*|"
                                                                    r"غاضب\w*|حشود|أهالي|مشيع\w*)") + r")(?!\w)",
                    re.IGNORECASE)


#: Air or artillery support for a ground battle ("attacked ..., backed by Russian warplanes", "بغطاء جوي").
_SUPPORT = re.compile(r"(?:backed|supported|covered|accompanied|aided)\s+by\s+(?:\S+\s+){0,2}$|"
                      r"(?:responded|retaliated|replied|hit\s+back)\s+with\s+(?:\S+\s+){0,2}$|"
                      r"(?:with|under)\s+(?:the\s+)?(?:support|cover|help)\s+of\s+(?:\S+\s+){0,2}$|"
                      + fold_pattern(r"(?:بغطاء|تحت\s+غطاء|بإسناد|وبإسناد|بدعم|وبدعم|بمساندة|وبمساندة|بمؤازرة)"
                                     r"\s+(?:\S+\s+){0,2}$"),
                      re.IGNORECASE)
_GROUND = frozenset({"clash", "attack", "capture", "recapture", "retreat"})


def _support_only(text: str, cues: list[Cue]) -> list[Cue]:
    """Drop air and artillery cues that only support a ground battle named in the same sentence."""
    if not any(c.label in _GROUND for c in cues):
        return cues
    kept = [c for c in cues if not (c.label in ("air", "shelling")
                                    and _SUPPORT.search(fold_pattern(text[max(0, c.start - 40):c.start])))]
    return kept or cues


def decide(cues: list[Cue], first_actor_is_state: bool | None = None, text: str | None = None) -> EventType | None:
    """Reduce a sentence's cues to one ACLED (event type, sub-event type).

    `first_actor_is_state` (the first actor named in the sentence is a state
    force) decides between the two territory sub-types; without an actor a
    recapture verb means the government, a capture verb a non-state actor.
    """
    if not cues:
        return None
    if text is not None:
        cues = _support_only(text, cues)
    by_label: dict[str, Cue] = {}
    for cue in cues:
        by_label.setdefault(cue.label, cue)
    best = min(by_label, key=lambda label: _RANK[label])
    cue = by_label[best]
    if best in ("air", "shelling") and "disrupted" in by_label and all(
            _BARE_WEAPON.fullmatch(fold(c.text).lower()) for c in cues if c.label in ("air", "shelling")):
        # "أسقط التحالف مسيرات ... المسيرات": the drones named again are the ones shot down.
        best, cue = "disrupted", by_label["disrupted"]
    if best in _WEAPON_LABELS and "exercise" in by_label and by_label["exercise"].start < cue.start:
        # "The drills, which included artillery ...": weapons used in an exercise.
        best, cue = "exercise", by_label["exercise"]
    if best == "clash" and "vac_attack" in by_label and _KILLING.search(fold(by_label["vac_attack"].text).lower()):
        # "اغتال مسلحون عنصراً بإطلاق النار عليه", "gunmen shot dead and executed": the shooting is the killing.
        best, cue = "vac_attack", by_label["vac_attack"]
    if best == "arrests" and "transfer_people" in by_label and by_label["transfer_people"].start < cue.start:
        # "تسلمت الجنود ونقلتهم إلى أماكن للاحتجاز": a handover into custody is the handover.
        best, cue = "transfer_people", by_label["transfer_people"]
    if best == "attack" and "arrests" in by_label and _RAID.fullmatch(fold(cue.text).lower()):
        # "arrested five suspects in a dawn raid": the raid is how the arrests were made.
        best, cue = "arrests", by_label["arrests"]
    if best == "body_found" and "discovery" in by_label:
        best, cue = "discovery", by_label["discovery"]  # bodies found in a mass grave
    if best in ("clash", "attack") and (
            _crowd_fights(text, cue, by_label.get("protest") or by_label.get("riot") or by_label.get("protest_int"))
            or text is not None and (_CROWD_AGENT.match(text, cue.end)
                                     or _CROWD_SUBJECT.search(fold_pattern(text[max(0, cue.start - 30):cue.start])))):
        # Demonstrators clashing with or storming: a violent demonstration (ACLED Riots).
        return EventType(RIOTS, "Violent demonstration", cue)
    if best in ("capture", "recapture"):
        state = first_actor_is_state if first_actor_is_state is not None else best == "recapture"
        sub = "Government regains territory" if state else "Non-state actor overtakes territory"
        return EventType(BATTLES, sub, cue)
    if best == "retreat":
        # The side that fled lost the town: government forces fleeing means the other side took it.
        state = first_actor_is_state if first_actor_is_state is not None else True
        sub = "Non-state actor overtakes territory" if state else "Government regains territory"
        return EventType(BATTLES, sub, cue)
    if best in ("riot_violence", "protest_int", "protest"):
        if "protest" in by_label or "protest_int" in by_label:
            if "riot_violence" in by_label:
                return EventType(RIOTS, "Violent demonstration", cue)
            if "protest_int" in by_label:
                return EventType(PROTESTS, "Protest with intervention", cue)
            return EventType(PROTESTS, "Peaceful protest", cue)
        if best == "riot_violence" and text is not None and _CROWD.search(fold_pattern(text[:cue.end])[-160:]):
            return EventType(RIOTS, "Violent demonstration", cue)  # "youths torched cars": a crowd riots
        if best == "riot_violence":
            # Burning homes or crops with no crowd reported: property destruction.
            rest = [c for c in cues if c.label != "riot_violence"]
            stronger = decide(rest, first_actor_is_state) if rest else None
            if stronger is not None and _RANK[stronger.cue.label] < _RANK["looting"]:
                return stronger
            return EventType(STRATEGIC, "Looting/property destruction", cue)
    event_type, sub = _SIMPLE[best]
    return EventType(event_type, sub, cue)


def classify(text: str, first_actor_is_state: bool | None = None) -> EventType | None:
    """The event type reported by one sentence, or None (no asserted event cue)."""
    return decide(find_cues(text), first_actor_is_state)
