"""Is an event cue asserted?  Negation, intent, demands, accusations and habitual statements.

find_cues (taxonomy.py) keeps a cue only when the text asserts that the event
happened: not negated ("لم تطلق الفصائل أي صواريخ", "there were no strikes"),
not merely intended, threatened or demanded ("سيشاركون في الهجوم", "vowed to
strike", "طالبت ... بمغادرة"), and, unless the caller asks for them, not
habitual, background or reported as an accusation ("تواصل القوات قصف ...",
"the militias launch drones daily", "الهجمات التي تشنها الميليشيات").  The
helpers here read the words around one cue (a bounded window, so the work
stays linear).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from datetime import date
from itertools import islice

from map_app.geoparse.incidents.dates import find_dates
from map_app.geoparse.incidents.keywords import KeywordIndex
from map_app.geoparse.incidents.normalize import TOKEN, fold_pattern

# --- Negation and intent ----------------------------------------------------

_NEGATORS = frozenset(fold_pattern(w) for w in (
    "لم", "ولم", "لن", "ولن", "لا", "ولا", "ليس", "ليست", "دون", "بدون", "ودون", "عدم", "نفى", "نفت", "ونفت", "ونفى",
    "ينفي", "تنفي", "نافيا", "نافية", "no", "not", "never", "without", "denied", "denies", "deny",
    "denying", "none", "neither", "nor", "didn't", "don't", "doesn't", "wasn't", "weren't",
    "hasn't", "haven't", "hadn't", "isn't", "aren't",
))
#: Words that move the negation away from the event ("the toll is not known",
#: "did not cause casualties").
_NEG_SCOPE_BREAKERS = frozenset(fold_pattern(w) for w in (
    "حصيلة", "عدد", "هوية", "مصير", "الجهة", "سبب", "مسؤولية", "يسفر", "تسفر", "يخلف", "تخلف",
    "toll", "number", "identity", "cause", "caused", "who", "whether", "what", "responsibility",
    "result", "resulted", "casualties", "injuries",
))
#: Negative-polarity words that extend a negation's reach ("نفت شن أي غارات").
_ANY = frozenset(fold_pattern(w) for w in ("أي", "اي", "any"))
_INTENT = frozenset(fold_pattern(w) for w in (
    "قرر", "قررت", "تقرر", "يقرر", "تعتزم", "يعتزم", "تنوي", "ينوي", "سوف", "سيتم", "ستتم", "ستواصل",
    "سيواصل", "ستشن", "سيشن", "سترد", "سيرد", "سنرد", "ستقوم", "سيقوم", "تخطط", "يخطط", "خطة",
    "تهدد", "يهدد", "هدد", "هددت", "توعد", "توعدت", "يتوعد", "تتوعد", "دعا", "دعت", "يدعو", "تدعو",
    "طالب", "طالبت", "يطالب", "تطالب", "حذر", "حذرت", "يحذر", "تحذر", "يجب", "ينبغي", "المقرر",
    "احتمال", "محتمل", "مخاوف", "خشية", "لمنع", "لتفادي", "إمكانية",
    "decided", "decides", "decide", "will", "would", "could", "may", "might", "should", "plans",
    "plan", "planned", "planning", "intends", "intend", "intended", "threaten", "threatens",
    "threatened", "vowed", "vows", "vow", "warned", "warns", "warn", "urged", "urges", "calls",
    "called", "ready", "prepared", "possible", "potential", "proposed", "propose", "considering",
    "consider", "aims", "seeks", "wants", "if", "unless", "prevent", "deter", "avoid", "fears",
    "fear", "risk", "threat", "threats",
    # Promises.
    "وعد", "وعدت", "تعهد", "تعهدت", "يتعهد", "تتعهد", "promised", "promises", "pledged", "pledges",
))
#: The future prefix س on an imperfective event or auxiliary verb ("سيشاركون في الهجوم"):
#: a listed stem keeps nouns such as سيارة، سيطرة، ستة out.
_FUTURE = re.compile(fold_pattern(
    r"[وف]?س[يتن](?:شارك|واصل|شن|رد|بدأ|كون|تعرض|تم|نفذ|ستهدف|طلق|قوم|هاجم|قصف|دخل|سيطر|عمل|نسحب|ضرب)\w*"))
#: A temporal clause after an intent word reports a past event ("vowed revenge
#: after the airstrike").
_INTENT_BREAKERS = frozenset(fold_pattern(w) for w in (
    "بعد", "عقب", "إثر", "اثر", "جراء", "إثر", "بعدما", "after", "following", "since", "when",
    "amid", "despite",
))
_CLAUSE_BREAK = re.compile(r"[،,:;؛()\"«»\-–—]")
_WORD = re.compile(TOKEN)


def window(text: str, start: int, n_words: int = 7) -> list[str]:
    """Up to `n_words` lowercased tokens before `start`, not crossing a clause break."""
    chunk = text[max(0, start - 120):start]
    cut = None
    for cut in _CLAUSE_BREAK.finditer(chunk):
        pass
    if cut is not None:
        chunk = chunk[cut.end():]
    return _WORD.findall(chunk.lower())[-n_words:]


#: Stopping an activity is not doing it ("prompted the IDF to stop the shelling", "توقف القصف"): these
#: negate a cue two words away at most.
_STOP = frozenset(fold_pattern(w) for w in (
    "stop", "stopped", "stops", "halt", "halted", "halts", "cease", "ceased", "suspend", "suspended", "توقف",
    "توقفت", "إيقاف", "تعليق",
))


def negated(window: list[str]) -> bool:
    if any(w in _STOP for w in window[-3:]):
        return True
    reach = 7 if any(w in _ANY for w in window[-2:]) else 4
    window = window[-reach:]
    for i, w in enumerate(window):
        if w in _NEGATORS or w.endswith("n't"):
            if not any(x in _NEG_SCOPE_BREAKERS for x in window[i + 1:]):
                return True
    return False


def intended(window: list[str]) -> bool:
    window = window[-6:]
    for i, w in enumerate(window):
        if w in _INTENT or _FUTURE.fullmatch(w):
            if not any(x in _INTENT_BREAKERS for x in window[i + 1:]):
                return True
    return False


def is_negated(text: str, start: int) -> bool:
    """A negator within four words before the cue (seven after "any/أي"), with no scope breaker after it."""
    return negated(window(text, start))


def is_intended(text: str, start: int) -> bool:
    """An intent/threat/policy word within six words before the cue (a statement, not an event)."""
    return intended(window(text, start))


# --- Habitual, background and reported-speech cues ----------------------------
# Such cues describe a pattern or the past, or sit inside a demand or an
# accusation: "تتلقى القوات هجمات منذ العدوان على غزة", "the militias launch
# drones daily", "الهجمات التي تشنها الميليشيات", "the ministry accused X of
# looting".  They are "habitual": extract.py keeps them only when the sentence
# also gives a day-precise date or a death toll (then it reports one event).

def _words(*words: str) -> frozenset[str]:
    return frozenset(fold_pattern(w).lower() for w in words)


#: Continuation and frequency words before a cue ("تواصل قوات الاحتلال نهب", "militias still launch").
_HABITUAL = _words(
    "تواصل", "يواصل", "تستمر", "يستمر", "تزال", "يزال", "زالت", "زال", "مازالت", "مازال", "اعتادت", "اعتاد",
    "عادة", "غالبا", "كثيرا", "باستمرار", "يوميا", "يومي", "اليومية", "يومية", "دوريا", "متكرر", "متكررة",
    "المتكررة", "تتلقى", "يتلقى",
    "continue", "continues", "continued", "keep", "keeps", "still", "routinely", "regularly", "often", "frequently",
    "daily", "repeatedly", "constantly", "usually", "typically", "such", "ongoing", "nightly", "every",
    "habitually",
)
#: Frequency words after a cue ("launch drones daily", "لقصف شبه يومي").
_HABITUAL_AFTER = _words(
    "يوميا", "يومي", "اليومية", "يومية", "اليومي", "باستمرار", "دوريا", "متكرر", "متكررة", "المتكررة",
    "daily", "regularly", "routinely", "often", "frequently", "repeatedly", "constantly", "nightly", "every",
    "common", "commonplace",
)
_SINCE = _words("منذ", "since")
_RELATIVE = _words("التي", "الذي", "اللتي", "اللذين", "اللواتي", "الذين", "that", "which")
_PRESENT_EN = _words("launch", "launches", "carry", "carries", "conduct", "conducts", "stage", "stages",
                     "target", "targets", "continue", "continues", "keep", "keeps", "pose", "poses", "face",
                     "faces", "regularly", "routinely", "often")
_PLUPERFECT_EN = _words("had")
_REPORTED = _words("said", "says", "claimed", "claims", "announced", "reported", "told", "added", "stated",
                   "confirmed", "admitted", "acknowledged")
_PLUPERFECT_AR = _words("كان", "كانت", "وكان", "وكانت", "كانوا", "وكانوا")
#: A time span rather than a time: "in recent years", "خلال الأسابيع الماضية", "منذ سنوات".
GENERIC_SPAN = re.compile(
    r"(?<!\w)(?:(?:a|one|two|three|four|several|many)\s+(?:days?|weeks?|months?|years?)\s+of\s+(?:\S+\s+)?"
    r"(?:protests|demonstrations|rallies|clashes|fighting|strikes|air\s*strikes|unrest|riots|rioting|violence|"
    r"attacks|shelling)|in\s+recent\s+(?:years|months|weeks)|(?:over|during|in)\s+the\s+(?:past|last)\s+"
    r"(?:few\s+|several\s+|\d+\s+)?(?:years|months|weeks|decades?)|for\s+(?:years|months|decades)|"
    + fold_pattern(r"(?:خلال|في|على\s+مدى|طيلة|طوال)\s+(?:ال)?(?:سنوات|أعوام|أشهر|شهور|أسابيع|عقود)"
                   r"(?:\s+(?:ال)?(?:ماضية|أخيرة|الماضية|الأخيرة|القليلة))?|منذ\s+(?:سنوات|أعوام|أشهر|شهور|أسابيع|عقود)")
    + r")(?!\w)", re.IGNORECASE)
#: Demands, calls and promises: an event inside them is not asserted ("طالبت ... بمغادرة ... ونهب
#: ثروات", "وعدت بإرسال ... صواريخ").
_DEMAND = re.compile(
    r"(?<!\w)(?:" + fold_pattern(r"[وف]?(?:طالب|طالبت|طالبوا|يطالب|تطالب|دعا|دعت|دعوا|يدعو|تدعو|ناشد|ناشدت|يناشد|"
                                 r"تناشد|وعد|وعدت|وعدوا|تعهد|تعهدت|يتعهد|تتعهد)") +
    r"|demand(?:s|ed|ing)?|urg(?:es|ed|ing)|call(?:s|ed|ing)?\s+(?:on|for|upon)|promis(?:es|ed|ing)|"
    r"pledg(?:es|ed|ing))(?!\w)", re.IGNORECASE)
#: Accusations: what X is accused of is reported, not observed.
_ACCUSE = re.compile(
    r"(?<!\w)(?:" + fold_pattern(r"[وف]?(?:اتهم|اتهمت|اتهموا|يتهم|تتهم|متهما|متهمة|اتهام|اتهامات|الاتهامات)") +
    r"|accus(?:es|ed|ing)|blam(?:es|ed|ing))(?!\w)", re.IGNORECASE)
#: Condemnations and trials: the event condemned or tried is told elsewhere ("condemned last week's shelling
#: of X", "أدانت القصف التركي على X", "sentenced three men for the 2016 bombing"); it counts only with a toll.
_CONDEMN = re.compile(
    r"(?<!\w)(?:" + fold_pattern(r"[وف]?(?:أدان|أدانت|دان|دانت|يدين|تدين|استنكر|استنكرت|يستنكر|تستنكر|ندد|نددت|يندد|"
                                 r"تندد|شجب|شجبت|إدانة|استنكار)") +
    r"|condemn(?:s|ed|ing)?|denounc(?:es|ed|ing)|deplor(?:es|ed|ing)|sentenc(?:es|ed|ing)|convict(?:s|ed|ing)|"
    r"indict(?:s|ed)|(?:tried|trial)\s+(?:of|for))(?!\w)", re.IGNORECASE)
#: Literal gates: the statement and time-span regexes only run when one of these occurs.
GATES = KeywordIndex(
    [(fold_pattern(w).lower(), "statement") for w in (
        "طالب", "دعا", "دعت", "دعوا", "يدعو", "تدعو", "ناشد", "يناشد", "تناشد", "وعد", "تعهد", "يتعهد", "تتعهد",
        "اتهم", "يتهم", "تتهم", "متهم", "اتهام", "الاتهام", "demand", "urg", "call", "promis", "pledg", "accus",
        "blam", "أدان", "دان", "يدين", "تدين", "استنكر", "يستنكر", "تستنكر", "ندد", "يندد", "تندد", "شجب", "إدانة",
        "condemn", "denounc", "deplor", "sentenc", "convict", "indict", "tried", "trial")]
    + [(fold_pattern(w).lower(), "span") for w in (
        "سنوات", "أعوام", "أشهر", "شهور", "أسابيع", "عقود", "years", "months", "weeks", "decade", "week of",
        "days of", "month of", "year of")]
    + [(w, "habit") for w in (*_HABITUAL, *_HABITUAL_AFTER, *_SINCE, *_RELATIVE, *_PLUPERFECT_EN, "قد", "مرات",
                              "مرارا", "تكرارا", "times", "repeatedly")])
_SENTENCE_END = re.compile(r"[.!?؟\n\r]")
_REFERENCE = date(2000, 6, 15)
#: Nouns that make a following exercise word a place ("معسكر تدريب", "training camp" is a target).
CAMP_WORDS = _words("معسكر", "معسكرات", "مركز", "مراكز", "مقر", "مقرات", "camp", "camps", "centre", "center",
                     "academy", "school")


def _bare_word(w: str) -> str:
    """A token without a leading conjunction و/ف (tokens here are folded and lowercased)."""
    return w[1:] if len(w) > 3 and w[0] in "وف" else w


def _tokens_after(text: str, end: int, n_words: int = 5) -> list[tuple[str, int]]:
    """Up to `n_words` (lowercased token, end offset) after `end`, not crossing a clause break."""
    chunk = text[end:end + 100]
    cut = _CLAUSE_BREAK.search(chunk)
    if cut is not None:
        chunk = chunk[:cut.start()]
    return [(m.group().lower(), end + m.end()) for m in islice(_WORD.finditer(chunk), n_words)]


def _is_imperfective(word: str) -> bool:
    """An Arabic present-tense verb form: ت/ي prefix, not a feminine past ending (تعرضت)."""
    return len(word) >= 4 and word[0] in "تي" and not word.endswith(("ت", "وا"))


def _dated_since(text: str, end: int) -> bool:
    """"منذ صباح اليوم", "since Monday": a since-phrase that names a recent day.

    A calendar date with its year ("منذ الثامن من أكتوبر 2023") starts a long span: habitual.
    """
    # Any fixed reference date will do: only the kind of expression matters.
    return any(d.precision in (1, 2) and d.start < 25 and d.kind == "relative"
               for d in find_dates(text[end:end + 60], _REFERENCE))


#: "عدة مرات", "several times", "مرارا": a count of occasions, inside or around the cue.
_TIMES = re.compile(r"(?<!\w)(?:" + fold_pattern(r"مرات|مرارا|تكرارا") + r"|times|repeatedly)(?!\w)", re.IGNORECASE)
#: "لليوم الثالث على التوالي", "for a third day": one battle going on today, not a pattern.
_NTH_DAY = re.compile(r"(?<!\w)(?:" + fold_pattern(r"لليوم\s+(?:ال)?(?:ثاني|ثالث|رابع|خامس|سادس|سابع|عاشر)") +
                      r"|for\s+(?:a|the)\s+(?:second|third|fourth|fifth|sixth|seventh|\d+(?:st|nd|rd|th))"
                      r"\s+(?:straight\s+|consecutive\s+|successive\s+)?day)(?!\w)", re.IGNORECASE)


def habitual_cue(text: str, start: int, end: int, before: list[str], violent: bool = False) -> bool:
    """A frequency, continuation, pluperfect or generic relative clause around the cue.

    `before` is the cue's window (`window`); words before a temporal breaker
    ("still searching after the blast") do not count.  A `violent` cue in indirect speech ("X said it had
    fired rockets") is reported news, not the pluperfect of background.
    """
    if _TIMES.search(text, start, end) or any(_TIMES.fullmatch(w) for w in before[-3:]):
        return True
    for k in range(len(before) - 1, -1, -1):
        if before[k] in _INTENT_BREAKERS:
            before = before[k + 1:]
            break
    if any(w in _HABITUAL or _bare_word(w) in _HABITUAL for w in before[-6:]) and not _NTH_DAY.search(text):
        return True
    recent = before[-4:]
    if any(w in _PLUPERFECT_EN for w in recent[-2:]) and not (violent and any(w in _REPORTED for w in before)):
        return True  # ("X said it had fired rockets": indirect speech moves the news into the pluperfect)
    if "قد" in recent[-3:] and any(w in _PLUPERFECT_AR for w in before):
        return True
    after = _tokens_after(text, end)
    for w, w_end in after:
        if w in _HABITUAL_AFTER or _bare_word(w) in _HABITUAL_AFTER:
            return True
        if w in _SINCE and not _dated_since(text, w_end):
            return True
    if len(after) > 1 and after[0][0] in _RELATIVE:
        words = [w for w, _e in after[1:4]]
        if _is_imperfective(words[0]) or any(w in _PRESENT_EN for w in words):
            return True  # "الهجمات التي تشنها الميليشيات", "attacks that militias launch"
    return False


def _breaks_statement(between: str) -> bool:
    """A clause between a demand/accusation and the cue that reports a past event on its own."""
    words = _WORD.findall(between.lower())
    for i, w in enumerate(words):
        if w in _INTENT_BREAKERS:
            return True
        if w in _RELATIVE and i + 1 < len(words) and words[i + 1][:1] not in "تي" \
                and not words[i + 1].isascii():
            return True  # "... التي استهدفت ...": a past relative clause
    return False


class Statements:
    """Demand and accusation verbs of a text, looked up by cue position."""

    def __init__(self, text: str, gated: bool = True) -> None:
        self.text = text
        found = []
        if gated:
            found = [(m.start(), m.end(), "demand") for m in _DEMAND.finditer(text)]
            found += [(m.start(), m.end(), "accuse") for m in _ACCUSE.finditer(text)]
            found += [(m.start(), m.end(), "condemn") for m in _CONDEMN.finditer(text)]
        found.sort()
        self.starts = [f[0] for f in found]
        self.found = found

    def governing(self, start: int) -> str | None:
        """"demand", "accuse" or "condemn" if the nearest such verb before `start` governs it (same sentence,
        no break)."""
        k = bisect_left(self.starts, start) - 1
        if k < 0:
            return None
        _s, e, kind = self.found[k]
        if start - e > 400 or _SENTENCE_END.search(self.text, e, start) or _breaks_statement(self.text[e:start]):
            return None
        return kind
