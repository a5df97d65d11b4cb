"""Actors named in a sentence, from a maintained bilingual lexicon (actors.json).

Analysts filter incidents by who did what, so every Arabic and English
spelling maps to one canonical English name.  Matching is leftmost-longest
("الجيش السوري الحر" is the FSA, not the Syrian army; "كتائب حزب الله" is not
Hezbollah), and coordinated nationality adjectives name every force
("القوات السورية والروسية", "Syrian and Russian forces").
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from map_app.geoparse.incidents import acled
from map_app.geoparse.incidents.keywords import KeywordIndex
from map_app.geoparse.incidents.normalize import SP, Folded, fold, fold_pattern

LEXICON_PATH = Path(__file__).with_name("actors.json")


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str  # "state" | "non_state"
    #: ACLED's standard name ("{country}" stands for the event's country) and inter code (acled.py).
    acled: str | None = None
    inter: int | None = None
    #: Home country of a state's forces ("{country}": wherever the event is); elsewhere they are external.
    home: str | None = None

    @property
    def is_state(self) -> bool:
        return self.kind == "state"

    def acled_name(self, country_code: str | None, when: date | None = None) -> str:
        """ACLED's name for this actor in an event in `country_code` on `when` (see actors.json)."""
        name = self.acled or self.name
        if name.startswith("{military") or name == "{police}":
            code = name[len("{military:"):-1] if name.startswith("{military:") else country_code
            kind = "Police" if name == "{police}" else "Military"
            return acled.state_forces(code, when, kind) or ("Police forces" if kind == "Police" else "Military forces")
        if "{country}" in name:
            country = acled.country_name(country_code)
            name = name.replace("{country}", country) if country else name.replace(" ({country})", "").replace(
                " of {country}", "").replace("{country}", "").strip()
        return name

    def inter_in(self, country_code: str | None) -> int | None:
        """ACLED inter code in an event in `country_code`: state forces abroad are external (8)."""
        if self.inter == 1 and self.home and self.home != "{country}" and country_code \
                and country_code.upper() != self.home:
            return 8
        return self.inter


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor

    @property
    def name(self) -> str:
        return self.actor.name


#: Proclitics allowed before an alias: conjunction و/ف, then a preposition.
_PREFIX_ANY = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
#: Before an alias written with ال, ل contracts with it (للقوات): handled by a separate key.
_PREFIX_DEFINITE = frozenset({"", "و", "ف", "ب", "ك", "وب", "وك", "فب", "فك"})
_PREFIX_LAM = frozenset({"ل", "ول", "فل"})
_CAPS_WORD = re.compile(r"[A-Z]{2}")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class _Alias:
    __slots__ = ("actor", "prefixes", "exact", "text")

    def __init__(self, actor: Actor, prefixes: frozenset[str], exact: bool, text: str) -> None:
        self.actor, self.prefixes, self.exact, self.text = actor, prefixes, exact, text


class ActorLexicon:
    """Alias index for one lexicon (one Aho-Corasick pass per sentence, see keywords.py)."""

    def __init__(self, data: dict) -> None:
        entries: list[tuple[str, _Alias]] = []
        self.nationalities_ar: dict[str, Actor] = {}
        self.nationalities_en: dict[str, Actor] = {}
        self.actors: list[Actor] = []
        for item in data.get("actors", []):
            actor = Actor(item["name"], item.get("kind", "non_state"), item.get("acled"), item.get("inter"),
                          item.get("home"))
            self.actors.append(actor)
            for alias in item.get("ar", []):
                folded = fold(alias)
                if folded.startswith("ال"):
                    entries.append((folded, _Alias(actor, _PREFIX_DEFINITE, False, folded)))
                    entries.append((folded[1:], _Alias(actor, _PREFIX_LAM, False, folded[1:])))
                else:
                    entries.append((folded, _Alias(actor, _PREFIX_ANY, False, folded)))
            for alias in item.get("en", []):
                entries.append((alias, _Alias(actor, frozenset({""}), False, alias)))
            for alias in item.get("en_exact", []):
                entries.append((alias, _Alias(actor, frozenset({""}), True, alias)))
            for stem in item.get("nationality_ar", []):
                self.nationalities_ar[fold_pattern(stem)] = actor
            for stem in item.get("nationality_en", []):
                self.nationalities_en[stem.lower()] = actor
        self._index = KeywordIndex(entries)
        self._nation_gate = KeywordIndex([(k, 1) for k in self.nationalities_ar] +
                                         [(k, 1) for k in self.nationalities_en])
        self._generic_ar, self._adj_ar = self._compile_generic_ar()
        self._generic_en, self._adj_en = self._compile_generic_en()

    def _compile_generic_ar(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        stems = "|".join(sorted(map(re.escape, self.nationalities_ar), key=len, reverse=True)) or r"(?!x)x"
        heads = fold_pattern(
            "قوات|الطائرات|طائرات|المقاتلات|مقاتلات|الغارات|غارات|الضربات|ضربات|الدوريات|دوريات|المدفعية|"
            "الدفاعات الجوية|المسيرات|البحرية|القاعدة|القواعد|الجيش|جيش|الطيران|طيران|القصف|قصف|الجانب|"
            "الاحتلال|الجنود|العدوان|الهجمات|الهجوم|الطائرة|طائرة|الطائرات المسيرة|القطع البحرية|"
            "مسيرة|مسيرات|المسيرة|طائرة مسيرة|دورية|الدورية|مقاتلة|المقاتلة|مروحية|مروحيات|المروحيات|"
            "غارة|الغارة|ضربة|الضربة|قوة|القوة|وحدات|الوحدات|عناصر|العناصر|جنود|مدفعية|قذيفة|القذيفة|قذائف|"
            "القذائف|صاروخ|الصاروخ|صواريخ|الصواريخ|هجوم|توغل|التوغل|اعتداء|الاعتداء|الزوارق|زوارق|زورق|البوارج|"
            "بوارج|الدبابات|دبابات|الآليات|آليات"
        ).replace(" ", SP)
        # Definite ("القوات الروسية") or indefinite ("طائرات أمريكية") agreement.
        adj = rf"(?:ال)?(?:{stems})(?:ه|ين|ون)?(?!\w)"
        # ("قصف مدفعي إسرائيلي", "الزوارق الحربية الإسرائيلية", "طائرات الاحتلال الإسرائيلي")
        mid = fold_pattern(r"(?:(?:ال)?(?:حربي|جوي|مسير|عسكري|مدفعي|صاروخي|بحري|احتلال)(?:ه)?" + SP + ")?")
        generic = rf"(?<!\w)[وف]?[بلك]?(?:ال|لل)?(?:{heads}){SP}{mid}{adj}(?:\s*،?\s*و\s*{adj})*"
        return re.compile(generic), re.compile(rf"(?<![^\sال])(?:{stems})")

    def _compile_generic_en(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        names = sorted(self.nationalities_en, key=len, reverse=True)
        adj_parts = [r"(?-i:US)" if n == "us" else re.escape(n) for n in names] or [r"(?!x)x"]
        adj = "(?:" + "|".join(adj_parts) + r")(?!\w)"
        heads = (r"(?:government\s+|military\s+|air\s+|ground\s+|special\s+|armed\s+)?(?:forces|troops|army|military|"
                 r"soldiers|warplanes?|jets?|aircraft|drones?|artillery|air\s+force|navy|strikes?|airstrikes?|"
                 r"air\s+strikes?|drone\s+strikes?|helicopters?|patrols?|shells?|shelling|missiles?|rockets?|"
                 r"raids?|incursions?)")
        generic = rf"(?<!\w){adj}(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+){adj})*\s+{heads}(?!\w)"
        return re.compile(generic, re.IGNORECASE), re.compile(adj, re.IGNORECASE)

    def _alias_hits(self, t: str, key: str) -> list[tuple[int, int, list[Actor]]]:
        n = len(t)
        found = []
        for start, end, aliases in self._index.find(key):
            if end < n and _is_word(t[end]):
                continue
            j = start
            while j > 0 and start - j < 3 and _is_word(t[j - 1]):
                j -= 1
            if j > 0 and _is_word(t[j - 1]):
                continue  # inside a longer word
            prefix = t[j:start]
            for alias in aliases:
                if prefix not in alias.prefixes:
                    continue
                if alias.exact and (t[start:end] != alias.text or _CAPS_WORD.fullmatch(
                        t[max(0, j - 3):max(0, j - 1)]) or _CAPS_WORD.fullmatch(t[end + 1:end + 3])):
                    continue  # case differs, or an all-caps headline ("WHAT IS HAPPENING")
                found.append((j, end, [alias.actor]))
                break
        return found

    def find(self, text: str, folded: Folded | None = None) -> list[ActorMention]:
        """Actor mentions in `text`, non-overlapping, leftmost-longest, in order."""
        f = folded if folded is not None else Folded(text)
        t = f.text
        key = f.key
        found = self._alias_hits(t, key)
        if self._nation_gate.any(key):
            for m in self._generic_ar.finditer(t):
                actors = [self.nationalities_ar[a.group()] for a in self._adj_ar.finditer(m.group())
                          if a.group() in self.nationalities_ar]
                found.append((m.start(), m.end(), actors))
            for m in self._generic_en.finditer(t):
                actors = [self.nationalities_en[a.group().lower()] for a in self._adj_en.finditer(m.group())
                          if a.group().lower() in self.nationalities_en]
                found.append((m.start(), m.end(), actors))
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        out: list[ActorMention] = []
        last_end = -1
        for start, end, actors in found:
            if start < last_end:
                continue
            last_end = end
            s, e = f.span(start, end)
            for actor in actors:
                out.append(ActorMention(s, e, text[s:e], actor))
        return out


@lru_cache(maxsize=4)
def load_lexicon(path: str | None = None) -> ActorLexicon:
    """The compiled lexicon (cached per path)."""
    with open(path or LEXICON_PATH, encoding="utf-8") as fh:
        return ActorLexicon(json.load(fh))


def find_actors(text: str, *, folded: Folded | None = None) -> list[ActorMention]:
    """Actor mentions in `text` (see `ActorLexicon.find`); `folded` reuses a folding of `text`."""
    if not text:
        return []
    return load_lexicon().find(text, folded)


def actor_names(text_or_mentions: str | list[ActorMention]) -> list[str]:
    """Canonical actor names in order of first appearance, without duplicates."""
    mentions = find_actors(text_or_mentions) if isinstance(text_or_mentions, str) else text_or_mentions
    seen: dict[str, None] = {}
    for m in mentions:
        seen.setdefault(m.name, None)
    return list(seen)
