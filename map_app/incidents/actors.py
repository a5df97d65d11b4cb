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
from functools import lru_cache
from pathlib import Path

from map_app.incidents.normalize import SP, WE, Folded, ar_word, fold_pattern

LEXICON_PATH = Path(__file__).with_name("actors.json")


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: str  # "state" | "non_state"

    @property
    def is_state(self) -> bool:
        return self.kind == "state"


@dataclass(frozen=True, slots=True)
class ActorMention:
    start: int
    end: int
    text: str
    actor: Actor

    @property
    def name(self) -> str:
        return self.actor.name


def _ar_alias(alias: str) -> str:
    folded = re.escape(fold_pattern(alias)).replace(r"\ ", SP)
    if folded.startswith("ال"):
        return ar_word(folded[2:], "required") + WE
    return ar_word(folded, "never") + WE


def _en_alias(alias: str, exact: bool) -> str:
    body = re.escape(alias).replace(r"\ ", r"\s+")
    if exact:
        # A lone "IS" inside an all-caps headline is the verb, not the group.
        return r"(?-i:(?<![A-Z]{2}\s))(?<!\w)(?-i:" + body + r")(?!\w)(?-i:(?!\s[A-Z]{2}))"
    return r"(?<!\w)" + body + r"(?!\w)"


class ActorLexicon:
    """Compiled matchers for one lexicon file."""

    def __init__(self, data: dict) -> None:
        entries: list[tuple[int, str, Actor]] = []
        self.nationalities_ar: dict[str, Actor] = {}
        self.nationalities_en: dict[str, Actor] = {}
        self.actors: list[Actor] = []
        for item in data.get("actors", []):
            actor = Actor(item["name"], item.get("kind", "non_state"))
            self.actors.append(actor)
            for alias in item.get("ar", []):
                entries.append((len(fold_pattern(alias)), _ar_alias(alias), actor))
            for alias in item.get("en", []):
                entries.append((len(alias), _en_alias(alias, False), actor))
            for alias in item.get("en_exact", []):
                entries.append((len(alias), _en_alias(alias, True), actor))
            for stem in item.get("nationality_ar", []):
                self.nationalities_ar[fold_pattern(stem)] = actor
            for stem in item.get("nationality_en", []):
                self.nationalities_en[stem.lower()] = actor
        entries.sort(key=lambda e: -e[0])  # longest alias first at any position
        self._group_actor = {f"a{i}": actor for i, (_n, _p, actor) in enumerate(entries)}
        self._aliases = re.compile("|".join(f"(?P<a{i}>{p})" for i, (_n, p, _a) in enumerate(entries)) or r"(?!x)x",
                                   re.IGNORECASE)
        self._generic_ar, self._adj_ar = self._compile_generic_ar()
        self._generic_en, self._adj_en = self._compile_generic_en()

    def _compile_generic_ar(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        stems = "|".join(sorted(map(re.escape, self.nationalities_ar), key=len, reverse=True)) or r"(?!x)x"
        heads = fold_pattern(
            "قوات|الطائرات|طائرات|المقاتلات|مقاتلات|الغارات|غارات|الضربات|ضربات|الدوريات|دوريات|المدفعية|"
            "الدفاعات الجوية|المسيرات|البحرية|القاعدة|القواعد|الجيش|جيش|الطيران|طيران|القصف|قصف|الجانب|"
            "الاحتلال|الجنود|العدوان|الهجمات|الهجوم|الطائرة|طائرة|الطائرات المسيرة|القطع البحرية"
        ).replace(" ", SP)
        adj = rf"ال(?:{stems})(?:ه|ين|ون)?(?!\w)"
        mid = fold_pattern(r"(?:ال(?:حربي|جوي|مسير|عسكري)(?:ه)?" + SP + ")?")
        generic = rf"(?<!\w)[وف]?[بلك]?(?:ال|لل)?(?:{heads}){SP}{mid}{adj}(?:\s*،?\s*و\s*{adj})*"
        return re.compile(generic), re.compile(rf"(?<=ال)(?:{stems})")

    def _compile_generic_en(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        names = sorted(self.nationalities_en, key=len, reverse=True)
        adj_parts = [r"(?-i:US)" if n == "us" else re.escape(n) for n in names] or [r"(?!x)x"]
        adj = "(?:" + "|".join(adj_parts) + r")(?!\w)"
        heads = (r"(?:government\s+|military\s+|air\s+|ground\s+|special\s+)?(?:forces|troops|army|military|soldiers|"
                 r"warplanes|jets|aircraft|drones|artillery|air\s+force|navy|strikes|airstrikes|air\s+strikes|"
                 r"helicopters|patrols?)")
        generic = rf"(?<!\w){adj}(?:(?:\s*,\s*and\s+|\s*,\s*|\s+and\s+){adj})*\s+{heads}(?!\w)"
        return re.compile(generic, re.IGNORECASE), re.compile(adj, re.IGNORECASE)

    def find(self, text: str) -> list[ActorMention]:
        """Actor mentions in `text`, non-overlapping, leftmost-longest, in order."""
        f = Folded(text)
        t = f.text
        found: list[tuple[int, int, list[Actor]]] = []
        for m in self._aliases.finditer(t):
            found.append((m.start(), m.end(), [self._group_actor[m.lastgroup]]))
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
    """The compiled lexicon (cached: compiling ~400 aliases takes a few ms)."""
    with open(path or LEXICON_PATH, encoding="utf-8") as fh:
        return ActorLexicon(json.load(fh))


def find_actors(text: str) -> list[ActorMention]:
    """Actor mentions in `text` (see `ActorLexicon.find`)."""
    if not text:
        return []
    return load_lexicon().find(text)


def actor_names(text_or_mentions: str | list[ActorMention]) -> list[str]:
    """Canonical actor names in order of first appearance, without duplicates."""
    mentions = find_actors(text_or_mentions) if isinstance(text_or_mentions, str) else text_or_mentions
    seen: dict[str, None] = {}
    for m in mentions:
        seen.setdefault(m.name, None)
    return list(seen)
