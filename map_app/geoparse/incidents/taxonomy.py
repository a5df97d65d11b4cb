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
`_habitual`); extract.py keeps them only with a day date or a toll.

Cue patterns are written in plain Arabic spelling and folded at import (see
normalize.py); `_` stands for inline whitespace and `~` for one word token.
Each rule is compiled on its own and only run when one of its literal
anchors occurs in the sentence (keywords.py), which keeps this linear and fast.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice
from dataclasses import dataclass
from datetime import date

from map_app.geoparse.incidents.dates import find_dates
from map_app.geoparse.incidents.keywords import KeywordIndex, literal_prefixes
from map_app.geoparse.incidents.normalize import SP, TOKEN, WE, Folded, ar_word, fold, fold_pattern

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

# --- Lexicon -----------------------------------------------------------------
# (label, tier, regex).  Tier 1 = multi-word / specific: wins ties at the same start.

_RULES: list[tuple[str, int, str, str]] = []  # (label, tier, regex, anchor source)

_NATION_AR = r"(?:أمريكي|أميركي|إسرائيلي|روسي|أردني|للتحالف|التحالف)"
_PERSONS_AR = (r"(?:\d[\d,]*|جثث|جثة|جثمان|رفات|أسرى|أسير|معتقلين|معتقل|محتجزين|مختطفين|عائلات|عائلة|أسرة|أسر|"
               r"مخطوفين|رهائن|رهينة|عناصر|عنصر|جنود|جندي|لاجئين|لاجئ|نازحين|عائلات|أطفال|"
               r"نساء|مواطنين|سجناء|عسكريين|مقاتلين|أشخاص|شخص|ضباط|منتسبين|موظفين|موظفا)")
#: Approximations before a count ("أكثر من 1900", "نحو 150").
_QTY_AR = r"(?:(?:نحو|قرابة|حوالي|حوالى|زهاء|أكثر_من|ما_يزيد_عن|ما_لا_يقل_عن)_)?"
_PLACE_NOUNS_AR = (r"(?:مناطق|منطقة|نقاط|نقطة|مواقع|موقع|قاعدة|قواعد|بلدة|بلدات|مدينة|مدن|قرية|قرى|"
                   r"حي|أحياء|مطار|معبر|مقر|مقرات|تل|تلة|سد|جبل|حقل|محطة|إدارة|سيطرة)(?:ها|ه|هم)?")


def _ar(label: str, tier: int, body: str, article: str = "optional") -> None:
    folded = fold_pattern(body).replace("~", TOKEN).replace("_", SP)
    _RULES.append((label, tier, ar_word(folded, article) + WE, folded))


def _en(label: str, tier: int, body: str) -> None:
    _RULES.append((label, tier, r"(?<!\w)(?:" + body + r")" + WE, body))


# False friends (neutral): cease-fire talk, careers, sentences, warrants, idioms.
_ar("none", 1, r"وقف_(?:ل)?إطلاق_(?:ال)?نار|وقف_(?:ال)?(?:قتال|هجمات|أعمال_العدائية|تصعيد)")
_ar("none", 1, r"مسيرت(?:ه|ها|هم|نا)|مسيرة_(?:ال)?(?:حياة|تنمية|سلام|عمل|تعليم|إصلاح|بناء|تطور)")
_ar("none", 1, r"(?:حكم|أحكام|قضت|قضى)\w*_(?:ب|بال)?(?:إعدام|سجن)\w*")
_ar("none", 1, r"(?:مذكرة|مذكرات)_(?:ال)?(?:اعتقال|توقيف|قبض)\w*")
_ar("none", 1, r"ذكرى_~")
_en("none", 1, r"heart\s+attacks?|panic\s+attacks?|cyber-?\s?attacks?|arrest\s+warrants?|"
               r"(?:fight|fighting|fought|combat|combating|combatting|battle|battling|tackling)\s+"
               r"(?:against\s+)?(?:corruption|poverty|drugs|narcotics|terrorism|terror|extremism|"
               r"fires?|wildfires?|diseases?|covid\S*|cholera|climate|inflation|unemployment|"
               r"smuggling|crime)|exercised?\s+(?:restraint|caution|its|their|his|her|the)|"
               r"strikes?\s+(?:a\s+)?(?:balance|deal|chord)|anniversary\s+of\s+(?:the\s+)?\S+|"
               r"death\s+sentences?|sentenced\s+to\s+death|shell\s+compan(?:y|ies)|"
               r"missile\s+(?:programs?|programmes?|tests?|defen[cs]e)")
_en("none", 2, r"ceasefire|cease-fire|truce")
# Simulated combat in drills ("حاكت سيناريوهات قتال", "simulated attacks").
_ar("none", 1, r"(?:(?:سيناريو|محاكاة)\w*(?:_~){0,2}?|حاكت|حاكى|تحاكي|يحاكي)_(?:ال)?(?:قتال|هجوم|هجمات|اشتباك|"
               r"معارك|حرب|اقتحام|غارات|قصف)\w*")
_en("none", 1, r"simulat\w*(?:\s+\S+){0,2}?\s+(?:attacks?|assaults?|battles?|combat|raids?|strikes?|fighting)|"
               r"(?:combat|battle|attack)\s+scenarios?")

# Disrupted weapons use: shot-down / intercepted drones and missiles, defused bombs.
_OBJ_AR = r"[وبل]?(?:ال)?(?:طائر\w*(?:_(?:ال)?مسير\w*)?|مسير\w*|درون\w*|صاروخ\w*|صواريخ\w*|قذيف\w*|قذائف)"
# (سقط alone means "fell", as in shells falling on a town: only the causative أسقط counts.)
_ar("disrupted", 1, r"(?:أسقط|إسقاط|[يت]عترض|اعترض|اعتراض|تصدت|تصدى|تصدي|[يت]تصدى|أحبط|إحباط|[يت]حبط)\w*"
                    r"(?:_~){0,4}?_" + _OBJ_AR, article="never")
_ar("disrupted", 1, r"(?:أحبط|إحباط|[يت]حبط)\w*(?:_~){0,3}?_(?:ال)?(?:هجوم|محاول|مخطط)\w*", article="never")
_ar("disrupted", 1, r"(?:طائر\w*_)?(?:ال)?مسير\w*(?:_~){0,4}?_(?:تم|جرى)_(?:إسقاط|اعتراض)\w*")
_ar("disrupted", 1, r"(?:تفكيك|فكك|فككت|فككوا|[يت]فكك|إبطال_مفعول|أبطل\w*_مفعول|تفجير_~_بشكل_آمن)(?:_~){0,3}?_(?:ال)?"
                    r"(?:عبو|لغم|ألغام|مفخخ|متفجر)\w*")
_ar("disrupted", 1, r"(?:ضبط|مصادرة|صادرت|ضبطت)\w*(?:_~){0,2}?_(?:ال)?(?:أسلحة|مستودع|ذخائر|ذخيرة|متفجرات|عبوات|"
                    r"صواريخ)\w*")
_OBJ_EN = r"(?:drones?|UAVs?|missiles?|rockets?|projectiles?|attacks?|aircraft|ballistic\s+missiles?)"
_en("disrupted", 1, r"(?:shot|shoots|shooting)\s+down(?:\s+\S+){0,4}?\s+" + _OBJ_EN + "|"
                    r"(?:intercept\w*|downed|thwart\w*|foil\w*)(?:\s+\S+){0,4}?\s+" + _OBJ_EN + "|"
                    r"(?:(?:armed|explosive-laden|suicide|kamikaze|attack|hostile|unidentified|unknown)\s+)?"
                    + _OBJ_EN + r"(?:\s+\S+){0,3}?\s+(?:(?:was|were)\s+)?(?:shot\s+down|intercepted|downed)|"
                    r"(?:defus\w*|dismantl\w*|disarm\w*)(?:\s+\S+){0,3}?\s+(?:IEDs?|bombs?|(?:explosive\s+)?devices?|"
                    r"(?:land)?mines?)|seiz\w*(?:\s+\S+){0,3}?\s+(?:weapons|arms|ammunition|explosives|rockets)|"
                    r"weapons\s+caches?")

# Protests, intervention, riots and mob violence.
_ar("protest", 1, r"مسير(?:ة|ات)_(?:~_)?(?:احتجاجي|سلمي|شعبي|جماهيري|تضامني|غاضب|حاشد|منددة|رافض|داعم|مؤيد)\w*")
_ar("protest", 1, r"(?:خرج|نظم|شارك|انطلق|جاب)\w*(?:_~){0,3}?_(?:في_)?[وب]?(?:ال)?مسير(?:ة|ات)\w*", article="never")
_ar("protest", 1, r"وقف(?:ة|ات)_احتجاجي\w*")
_ar("protest", 2, r"[يت]?تظاهر\w*|مظاهر(?:ة|ات)\w*|متظاهر\w*|احتجاج\w*|محتج(?:ين|ون)|اعتصام\w*|معتصم\w*")
_en("protest", 2, r"protest(?:s|ed|ers|ing)?|demonstrations?|demonstrators?|rall(?:y|ies)|sit-ins?|marched|"
                  r"protest\s+march(?:es)?")
_ar("protest_int", 1, r"(?:فرق|فض|تفريق|[يت]فرق|[يت]فض)\w*(?:_~){0,2}?_(?:ال)?(?:متظاهر|تظاهر|مظاهر|محتج|اعتصام|حشود|"
                      r"جموع)\w*",
    article="never")
_ar("protest_int", 1, r"(?:قنابل|قنبلة)_(?:ال)?(?:غاز_)?(?:ال)?مسيل\w*_لل?دموع|غاز_(?:ال)?مسيل\w*|رصاص_(?:ال)?مطاطي|"
                      r"خراطيم_(?:ال)?مياه")
_en("protest_int", 1, r"tear\s*gas|rubber\s+bullets|water\s+cannons?|"
                      r"dispers(?:e|ed|ing)(?:\s+\S+){0,3}?\s+(?:the\s+)?(?:protesters|demonstrators|crowds?|rally|"
                      r"protest|sit-in)|"
                      r"broke\s+up(?:\s+\S+){0,2}?\s+(?:protests?|rally|demonstrations?|sit-in)|"
                      r"(?:opened\s+fire|fired(?:\s+live\s+(?:ammunition|rounds))?)\s+(?:at|on)\s+(?:the\s+)?"
                      r"(?:protesters|demonstrators|crowds?)")
_ar("riot", 2, r"شغب|مشاغبين")
_en("riot", 2, r"riot(?:s|ers|ing|ed)?")
_ar("riot_violence", 1, r"(?:أضرم|إضرام|أحرق|إحراق|حرق|[يت]حرق|[يت]ضرم)\w*(?:_~){0,2}?_(?:ال)?(?:نار|نيران|إطارات|مبنى|"
                        r"مبان|مقر|سيارات|منازل|منزل|بيوت|محال|مكاتب|محاصيل|حقول|أراضي)\w*", article="never")
_ar("riot_violence", 1, r"رشق\w*(?:_~){0,2}?_(?:ب)?(?:ال)?حجار\w*")
_en("riot_violence", 1, r"storm(?:s|ed|ing)?\s+(?:the\s+)?(?:\S+\s+){0,2}?(?:offices?|headquarters|building|compound|"
                        r"premises|municipality|council|governorate|embass(?:y|ies)|consulates?|parliament)|(?:torch(?:ed|ing)|set\s+(?:on\s+)?fire|"
                        r"set\s+ablaze|burn(?:ed|t))(?:\s+\S+){0,2}?\s+"
                        r"(?:homes?|houses?|crops|fields|shops|vehicles|cars|tires|tyres|buildings?|offices?|"
                        r"headquarters)|"
                        r"(?:hurl(?:ed|ing)|threw|throwing)\s+stones|stone-throwing|ransack\w*")
_ar("mob", 2, r"سحل\w*")
_en("mob", 2, r"mobs?|lynch(?:ed|ing)?|vigilantes?")

# Explosions / remote violence.
_ar("suicide", 2, r"انتحاري\w*|(?:حزام|أحزمة)_ناسف\w*")
_en("suicide", 1, r"suicide\s+(?:bomb\w*|attack\w*|blasts?|car\s+bomb\w*|vests?|truck\s+bomb\w*|VBIEDs?)")
_ar("ied", 1, r"عبو(?:ة|ات|تين|تان)_(?:ناسف|متفجر|لاصق)\w*|(?:جسم|أجسام)_متفجر\w*|مخلفات_(?:ال)?حرب")
_ar("ied", 2, r"لغم|لغمين|لغما|ألغام|مفخخ\w*")
_en("ied", 1, r"improvised\s+explosive(?:\s+devices?)?|(?:roadside|car|truck|motorcycle|sticky|magnetic|"
              r"parcel)\s+bomb(?:s|ings?)?|"
              r"booby[-\s]?trap\w*|land\s+mines?|(?:explosive|explosive-laden)\s+devices?|unexploded\s+(?:ordnance|"
              r"munitions?)|"
              r"(?:mine|bomb)\s+(?:blasts?|explosions?)")
_en("ied", 2, r"IEDs?|VBIEDs?|landmines?|UXOs?")
_ar("air", 1, r"(?:قصف|ضرب(?:ة|ات)|استهداف|هجوم|هجمات)\w*_(?:~_)?"
              r"(?:جوي|بالطيران|بطائر|بالطائر|بمسير|بالمسير|بالدرون|بصاروخ_جو)\w*")
_ar("air", 1, r"(?:ضرب(?:ة|ات)|قصف)\w*_" + _NATION_AR + r"\w*")
_ar("air", 1, r"(?:ضرب|قصف|استهدف)\w*_(?:ال)?قوات_(?:ال)?تحالف\w*", article="never")
_ar("air", 1, r"عدوان_(?:جوي_)?(?:إسرائيلي|أمريكي|أميركي)\w*")
_ar("air", 1, r"طائر(?:ة|ات|تين|تان)_(?:ال)?(?:مسير|حربي|بدون_طيار|بلا_طيار|انتحاري|مفخخ)\w*|"
              r"طيران_(?:ال)?(?:حربي|مسير)\w*|مسير(?:ة|ات)_(?:ال)?انتحاري\w*")
_ar("air", 1, r"(?:طائر(?:ة|ات|تان)\w*|مقاتلات\w*|طيران\w*)(?:_~){0,2}?_(?:قصف|استهدف|أغار|ضرب|شن|دك)\w*")
_ar("air", 1, r"(?:قصف|استهدف|أغار|ضرب|دك)\w*_(?:~_)?(?:ال)?(?:طائر(?:ة|ات|تان)|مقاتلات|طيران)\w*", article="never")
_ar("air", 2, r"غار(?:ة|ات|تين|تان)\w*|مقاتلات\w*|مسير(?:ة|ات|تين|تان)\w*|درون\w*")
_en("air", 1, r"air\s*-?\s*strikes?|air\s+raids?|aerial\s+(?:attacks?|bombardments?|strikes?|bombing)|"
              r"drone\s+(?:strikes?|attacks?)|(?:armed|attack|kamikaze|suicide|one-way\s+attack|"
              r"explosive-laden)\s+drones?|"
              r"war\s*planes?|fighter\s+jets?|(?:Israeli|Russian|Syrian|US|U\.S\.|American|coalition|Turkish|"
              r"Jordanian|Iraqi)\s+jets|"
              r"helicopter\s+gunships?|bombing\s+raids?|"
              r"(?:US|U\.S\.|American|Israeli|Russian|Turkish|Jordanian|coalition|precision|retaliatory|"
              r"targeted)\s+strikes?|"
              r"strikes?\s+(?:on|against|targeting)|carried\s+out\s+(?:a\s+)?strikes?|"
              r"(?:the|this|that|another|latest|second|third)\s+strikes?")
_en("air", 1, r"(?:jets|planes|aircraft|helicopters|(?:US|U\.S\.|American|Israeli|Turkish|Russian|coalition)\s+military)"
              r"\s+(?:\S+\s+)?"
              r"(?:struck|hit|bombed|pounded|targeted|attacked|raided)")
_en("air", 2, r"airstrikes?|drones?|UAVs?")
_ar("shelling", 1, r"(?:قصف|ضرب(?:ة|ات)?|هجوم|هجمات|استهداف)\w*_(?:~_)?(?:مدفعي|صاروخي|بالمدفعي|بالصواريخ|بصاروخ|"
                   r"بالقذائف|بقذائف|براجمات|بالهاون)\w*")
_ar("shelling", 2, r"[يت]?قصف\w*|مدفعي\w*|قذيف\w*|قذائف\w*|صاروخ\w*|صواريخ\w*|هاون|راجم\w*|كاتيوشا|غراد")
_en("shelling", 1, r"rocket-propelled\s+grenades?|anti-tank\s+(?:missiles?|guided\s+missiles?)|"
                   r"(?:rocket|missile|mortar|artillery)\s+(?:attacks?|fire|strikes?|barrages?)")
_en("shelling", 2, r"shell(?:s|ed|ing)?|artillery|rockets?|missiles?|mortars?|bombard(?:ed|ing|ment|ments|s)?|"
                   r"Katyushas?|howitzers?|RPGs?|ATGMs?|projectiles?")
_ar("grenade", 1, r"(?:قنبل(?:ة|ات|تين)|قنابل)_يدوي\w*")
_en("grenade", 2, r"grenades?")
_ar("explosion", 1, r"دوي_انفجار\w*")
_ar("explosion", 2, r"انفجار\w*|انفجر\w*|[يت]نفجر\w*|تفجير\w*|فجر(?:ت|وا|وها)|[يت]فجر\w*")
_en("explosion", 2, r"explosions?|blasts?|explod(?:ed|es|ing)|detonat(?:ed|ion|ions|ing)|bombings?|bomb\s+attacks?|"
                    r"bombed")

# Battles.
_ar("capture", 1, r"سيطر(?:ت|وا)?(?:_~){0,3}?_على(?:ها|ه|هم)?|(?:بسط|فرض|أحكم)\w*_(?:ال)?سيطر\w*|"
                  r"(?:ال)?سيطرة_(?:الكاملة_|التامة_)?على|"
                  r"استول(?:ى|ت|وا)(?:_~){0,3}?_على|(?:ال)?استيلاء_على|تمكن\w*_من_(?:ال)?سيطرة|"
                  r"انتزاع_(?:ال)?سيطرة", article="never")
_en("capture", 2, r"captur(?:e|ed|es|ing)|seiz(?:e|ed|es|ing)|overr(?:an|un)")
_en("capture", 1, r"(?:took|take|takes|taken|taking)\s+(?:full\s+|complete\s+)?control|took\s+over|"
                  r"gain(?:ed|s)?\s+control")
_ar("recapture", 1, r"(?:استعاد|استرجع|استعادة|استرجاع|استرداد|استردت|"
                    r"استرد)\w*(?:_~){0,4}?_[وبل]?(?:ال)?" + _PLACE_NOUNS_AR,
    article="never")
_en("retreat", 1, r"(?:fled|abandon(?:ed|s)?)\s+(?:the\s+|their\s+)?(?:city|town|village|area|base|positions?|posts?|"
                  r"stronghold)(?:\s+of)?|were\s+routed")
_en("recapture", 2, r"recaptur\w*|retook|re-took|retak(?:e|en|es|ing)|liberat(?:ed|ing)")
_en("recapture", 1, r"regain(?:ed|s|ing)?\s+control|wrest(?:ed)?\s+back|recover(?:ed)?\s+(?:the\s+)?"
                    r"(?:town|city|village|area|territory|positions?|hill|base)|liberation\s+of")
_ar("clash", 1, r"تبادل_(?:ل)?إطلاق_(?:ال)?نار|مواجهة_مسلح\w*|إطلاق_(?:ال)?نار")
# An advance on a town is a battle ("محاولات للتقدم على كفر شمس", "troops advanced on the town").
_ar("clash", 1, r"(?:ال)?تقدم\w*(?:_~){0,2}?_(?:على|نحو|باتجاه|صوب)_(?:(?:بلدة|مدينة|قرية|بلدات|قرى|مواقع|مناطق)_)?"
                r"(?!(?:ال)?(?:مفاوضات|محادثات|طريق|حل)\w*)~")
# "أطلق عناصر من التنظيم النار على رعاة": firing at someone (a clash, or violence against civilians).
_ar("clash", 1, r"(?:أطلق|أطلقوا|أطلقت|[يت]طلق)\w*(?:_~){1,6}?_(?:ال)?نار_(?:على|باتجاه|صوب)", article="never")
_ar("clash", 2, r"اشتباك\w*|[يت]?شتبك\w*|اشتبك\w*|معارك\w*|معركة\w*|مواجهات\w*|كمين\w*|تسلل\w*|قتال\w*")
# A generic attack is a ground attack unless a weapon says otherwise (ranked below explosions).
_ar("attack", 2, r"هجوم\w*|هجمات\w*|هاجم\w*|[يت]هاجم\w*|اقتحام\w*|اقتحم\w*|[يت]قتحم\w*")
_en("clash", 1, r"gun\s+battles?|exchange[sd]?\s+(?:of\s+)?(?:fire|gunfire)|"
                r"advanc(?:ed|ing|es)\s+(?:on|towards?|into)\s+(?:the\s+)?(?:town|city|village|positions?|[A-Z])")
_en("clash", 2, r"opened\s+fire")
_en("clash", 2, r"clash(?:es|ed|ing)?|fighting|fought|gunfights?|firefights?|"
                r"ambush(?:es|ed|ing)?|skirmish(?:es)?|battl(?:es|ed|ing)|offensive|infiltrat\w*|gunfire")
_en("attack", 2, r"attack(?:s|ed|ing)?|assault(?:s|ed|ing)?|raid(?:s|ed)?|storm(?:ed|ing)")

# Bodies found (violence against civilians), mass graves and deployments (Strategic: Other).
_ar("body_found", 1, r"(?:عثر|العثور|عثور)\w*(?:_~){0,3}?_على_(?:~_){0,1}?جث(?:ة|ث|تي|تين|مان)\w*", article="optional")
_en("body_found", 1, r"bod(?:y|ies)\s+(?:\S+\s+){0,4}?(?:was|were)\s+found|found\s+(?:\S+\s+){0,3}?bod(?:y|ies)\s+of|"
                     r"(?:found|discovered)\s+(?:\S+\s+){0,2}?(?:dead|shot\s+dead)")
_ar("discovery", 1, r"مقبرة_جماعية|مقابر_جماعية")
_en("discovery", 1, r"mass\s+graves?")
_ar("deployment", 1, r"تعزيزات_(?:~_)?(?:عسكري|إضافي)\w*|(?:سير|سيرت|[يت]سير)_(?:~_){0,3}?دوري(?:ة|ات)\w*")
_en("deployment", 1, r"(?:military\s+)?reinforcements|(?:conducted|carried\s+out)\s+(?:a\s+)?(?:\S+\s+){0,2}?patrols?")

# Violence against civilians.
_ar("vac_attack", 1, r"(?:هجوم|هاجم|استهداف|استهدف|اعتداء|اعتدى|اعتدت|اعتدوا)\w*_(?:~_)?(?:على_)?(?:ال)?(?:مدنيين|"
                     r"مدني|مواطنين|"
                     r"سكان|أهالي|منازل_(?:ال)?مدنيين|مخيم|نازحين)\w*")
_ar("vac_attack", 1, r"(?:مقتل|قتل)\w*_(?:ال)?(?:مدني|مواطن|طفل|امرأة|سيدة|شاب|راع|راعي|مزارع|عامل)\w*(?:_~){0,3}?_"
                     r"(?:برصاص|بإطلاق|بنيران|على_يد|طعنا|ذبحا|خنقا|ضربا)\w*")
_ar("vac_attack", 1, r"مسلح(?:ون|ين)_مجهول\w*")
_ar("vac_attack", 2, r"اغتيال\w*|اغتال\w*|[يت]غتال\w*|إعدام\w*|أعدم\w*|مجزر(?:ة|ة|ات)\w*")
_en("vac_attack", 1, r"(?:attack(?:s|ed|ing)?|assault(?:ed)?|target(?:ed|ing)|opened\s+fire\s+on|fired\s+on|"
                     r"shot\s+at)\s+"
                     r"(?:\S+\s+){0,2}?civilians?|"
                     r"(?:killed|shot\s+dead|gunned\s+down|stabbed|beaten\s+to\s+death)\s+(?:(?:a|an|one|two|three|"
                     r"\d+)\s+)?"
                     r"(?:\S+\s+)?(?:civilians?|shepherds?|farmers?|villagers?|residents?|children|child|women|woman|"
                     r"teenagers?|boys?|girls?|journalists?)|(?:unidentified|unknown)\s+gunmen")
_en("vac_attack", 2, r"assassinat\w*|executed|executions?|massacres?|gunmen")
_ar("abduction", 1, r"(?:إخفاء|اختفاء|تغييب)_(?:ال)?قسري\w*")
_ar("abduction", 2, r"اختطاف\w*|اختطف\w*|[يت]ختطف\w*|خطف\w*|[يت]خطف\w*")
_en("abduction", 1, r"forced(?:ly)?\s+disappear\w*|taken\s+hostage|seized\s+hostages")
_en("abduction", 2, r"kidnap\w*|abduct\w*")

# Strategic developments.
_ar("looting", 1, r"هدم\w*_(?:~_)?(?:ال)?(?:منازل|منزل|بيوت|بيت|مباني|مبنى|محال|مسجد|كنيسة)\w*|"
                  r"(?:جرف|تجريف)\w*_(?:ال)?(?:أراضي|أراض|أشجار|منازل|مقابر)\w*")
_ar("looting", 2, r"نهب\w*|[يت]نهب\w*|سرق(?:ة|وا|ت)\w*")
_en("looting", 2, r"loot\w*|pillag\w*|plunder\w*|demolish\w*|razed|bulldoz\w*")
_ar("arrests", 1, r"(?:ال)?قبض_على|(?:ألقى|ألقت|ألقوا|[يت]لقي|إلقاء)_(?:ال)?قبض|"
                  r"(?:أوقف|أوقفت|أوقفوا)(?:_~){0,2}?_(?:شخص|أشخاص|عنصر|عناصر|مشتبه|مطلوب|متهم)\w*")
_ar("arrests", 2, r"اعتقال\w*|اعتقل\w*|[يت]عتقل\w*|احتجاز\w*|احتجز\w*|[يت]حتجز\w*|توقيف\w*")
_en("arrests", 1, r"rounded\s+up|(?:took|taken)\s+(?:\S+\s+){0,2}?into\s+custody|"
                  r"captur\w*(?:\s+\S+){0,2}?\s+(?:fighters|militants|soldiers|members|suspects|people|civilians|men|"
                  r"insurgents|jihadists|commanders?|leaders?|officers?|operatives?)")
_en("arrests", 2, r"arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|apprehend(?:ed|s)?")
_ar("base", 1, r"(?:إنشاء|أنشأ|أنشأت|[يت]نشئ|إقامة|أقام|أقامت|[يت]قيم|بناء|بنت|[يت]بني|افتتاح|افتتحت|"
               r"افتتح)\w*_(?:~_){0,3}?"
               r"(?:ال)?(?:قاعد|مقر|نقط(?:ة|ات)_عسكري|نقاط_عسكري|معسكر|مطار_عسكري|موقع_عسكري)\w*", article="optional")
_en("base", 1, r"(?:set(?:s|ting)?\s+up|establish(?:ed|es|ing)?|builds?|built|opened|constructed)\s+"
               r"(?:(?:a|an|the|new|its|their|military|forward|temporary|operating)\s+){0,3}"
               r"(?:bases?|headquarters|outposts?|military\s+posts?|airstrip|airbase)")
_ar("transfer_territory", 1, r"(?:سلم|تسلم|تسليم|استلم|استلام|[يت]سلم)\w*(?:_~){0,3}?_[وبل]?(?:ال)?" + _PLACE_NOUNS_AR,
    article="never")
_ar("transfer_territory", 1, r"(?:أخل|إخلاء|[يت]خلي)\w*(?:_~){0,2}?_(?:ال)?(?:قاعد|مواقع|موقع|نقاط|نقط|"
                             r"مقر)\w*", article="never")
_ar("transfer_territory", 2, r"انسحب\w*|[يت]نسحب\w*|انسحاب\w*")
_en("transfer_territory", 1, r"pull(?:ed|s|ing)?\s+out|"
                             r"evacuat(?:ed|ion\s+of)\s+(?:\S+\s+)?(?:bases?|positions?|posts?|outposts?)|"
                             r"hand(?:ed|s|ing)?\s+over\s+(?:\S+\s+){0,3}?(?:bases?|town|city|village|area|territory|"
                             r"control|"
                             r"positions?|checkpoints?|posts?|crossing|airport|districts?)")
_en("transfer_territory", 2, r"withdr(?:ew|awn|aw|aws|awing|awal)|pullout")
_ar("agreement", 1, r"(?:توصل|التوصل|وقع|وقعت|وقعوا|توقيع|أبرم|إبرام|اتفق|اتفقت|اتفقوا)\w*(?:_~){0,3}?_(?:إلى_|"
                    r"على_)?(?:ال)?"
                    r"(?:اتفاق|هدنة|وقف_(?:ل)?إطلاق_(?:ال)?نار|تسوية|مصالحة|تفاهم)\w*", article="optional")
_ar("agreement", 1, r"(?:اتفاق|هدنة|تسوية|تفاهم)\w*(?:_~){0,4}?_(?:بين|يقضي|ينص|تم_التوصل|حيز_التنفيذ)")
_ar("agreement", 1, r"(?:وقف_(?:ل)?إطلاق_(?:ال)?نار)(?:_~){0,2}?_حيز_التنفيذ")
_en("agreement", 1, r"(?:reached|signed|sign|signs|signing|agreed|brokered|struck|concluded|"
                    r"announced)\s+(?:\S+\s+){0,3}?"
                    r"(?:agreement|ceasefire|cease-fire|truce|deal|accord|settlement|reconciliation)|"
                    r"(?:agreement|ceasefire|cease-fire|truce|deal|accord)\s+(?:\S+\s+){0,3}?(?:(?:was|were|"
                    r"has\s+been)\s+)?"
                    r"(?:reached|signed|took\s+effect|came\s+into\s+(?:force|effect)|went\s+into\s+effect|"
                    r"entered\s+into\s+force|brokered)|agreed\s+to")
_ar("change_group", 1, r"حل_(?:نفس|فصيل|تشكيل)\w*|تشكيل_(?:فصيل|تحالف|مجلس_عسكري|غرفة_عمليات|كيان)\w*")
_ar("change_group", 2, r"انشق\w*|[يت]نشق\w*|انشقاق\w*|اندماج\w*|اندمج\w*")
_en("change_group", 1, r"merg(?:ed|er|ing)\s+(?:with|into)|dissolv(?:ed|ing)\s+(?:itself|the\s+group)|"
                       r"(?:formed|formation\s+of)\s+(?:a\s+)?(?:new\s+)?(?:group|faction|alliance|military\s+council|"
                       r"operations\s+room)")
_en("change_group", 2, r"defect(?:ed|ion|ions|ing|ors?)")
_ar("transfer_people", 1, r"(?:تسليم|سلم|سلمت|سلموا|[يت]سلم|إعادة|أعاد|أعادت|أعادوا|[يت]عيد|إفراج|أفرج|أفرجت|أطلق_سراح|"
                          r"أطلقت_سراح|إطلاق_سراح|تبادل|ترحيل|رحل|"
                          r"رحلت)\w*_(?:~_){0,3}?(?:عن_)?(?:ال)?" + _PERSONS_AR + r"\w*",
    article="optional")
# "سلّمت قسد (…)، يوم الأحد ١٤ …، نحو ١٥٠ عراقياً": the subject, a bracketed
# name and a date may sit between the verb and the count; a count followed by
# a person noun or a nationality (عراقيين، سوريا) is the people handed over.
_SEP_AR = r"(?:_|[()\[\]،,«»\"])+"
_ar("transfer_people", 1, r"(?:سلم|سلمت|سلموا|تسلمت|تسلم|استلمت|استلم|أعاد|أعادت|أعادوا|رحلت|رحل)\w*(?:" + _SEP_AR
    + r"~){0,12}?" + _SEP_AR
    + _QTY_AR + r"\d[\d,]*_(?:من_)?(?:ال)?(?:" + _PERSONS_AR + r"|\w{3,}(?:يين|يون|يا))\w*", article="never")
_en("transfer_people", 1, r"(?:hand(?:ed|s|ing)?\s+over|return(?:ed|s|ing)?|repatriat(?:ed|es|ing)|releas(?:ed|es|"
                          r"ing)|freed|"
                          r"swap(?:ped)?|exchang(?:ed|es)|deport(?:ed|ing)|transferr(?:ed|ing))\s+(?:\S+\s+){0,3}?"
                          r"(?:\d[\d,]*|bodies|remains|prisoners|detainees|soldiers|troops|fighters|refugees|children|"
                          r"women|"
                          r"families|hostages|captives|nationals|citizens|people|members|personnel|servicemen)|"
                          r"prisoner\s+(?:swaps?|exchanges?)|repatriation\s+of")
_ar("exercise", 1, r"تدريب_عسكري\w*|تمرين_(?:ال)?عسكري\w*")
_ar("exercise", 2, r"تدريبات\w*|مناور(?:ة|ات)\w*")
_en("exercise", 1, r"(?:military|joint|live-fire|live\s+fire|naval|air|combat|large-scale)\s+"
                   r"(?:exercises?|drills?|manoeuvres|maneuvers|training)")
_en("exercise", 2, r"exercises|drills|manoeuvres|maneuvers")
_ar("patrol", 1, r"دوري(?:ة|ات)_(?:~_)?(?:مشترك|عسكري)\w*")
_en("patrol", 1, r"joint\s+(?:military\s+)?patrols?")


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


def _window(text: str, start: int, n_words: int = 7) -> list[str]:
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


def _negated(window: list[str]) -> bool:
    if any(w in _STOP for w in window[-3:]):
        return True
    reach = 7 if any(w in _ANY for w in window[-2:]) else 4
    window = window[-reach:]
    for i, w in enumerate(window):
        if w in _NEGATORS or w.endswith("n't"):
            if not any(x in _NEG_SCOPE_BREAKERS for x in window[i + 1:]):
                return True
    return False


def _intended(window: list[str]) -> bool:
    window = window[-6:]
    for i, w in enumerate(window):
        if w in _INTENT or _FUTURE.fullmatch(w):
            if not any(x in _INTENT_BREAKERS for x in window[i + 1:]):
                return True
    return False


def is_negated(text: str, start: int) -> bool:
    """A negator within four words before the cue (seven after "any/أي"), with no scope breaker after it."""
    return _negated(_window(text, start))


def is_intended(text: str, start: int) -> bool:
    """An intent/threat/policy word within six words before the cue (a statement, not an event)."""
    return _intended(_window(text, start))


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
_PLUPERFECT_AR = _words("كان", "كانت", "وكان", "وكانت", "كانوا", "وكانوا")
#: A time span rather than a time: "in recent years", "خلال الأسابيع الماضية", "منذ سنوات".
_GENERIC_SPAN = re.compile(
    r"(?<!\w)(?:in\s+recent\s+(?:years|months|weeks)|(?:over|during|in)\s+the\s+(?:past|last)\s+"
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
#: Literal gates: the statement and time-span regexes only run when one of these occurs.
_GATES = KeywordIndex(
    [(fold_pattern(w).lower(), "statement") for w in (
        "طالب", "دعا", "دعت", "دعوا", "يدعو", "تدعو", "ناشد", "يناشد", "تناشد", "وعد", "تعهد", "يتعهد", "تتعهد",
        "اتهم", "يتهم", "تتهم", "متهم", "اتهام", "الاتهام", "demand", "urg", "call", "promis", "pledg", "accus",
        "blam")]
    + [(fold_pattern(w).lower(), "span") for w in (
        "سنوات", "أعوام", "أشهر", "شهور", "أسابيع", "عقود", "years", "months", "weeks", "decade")]
    + [(w, "habit") for w in (*_HABITUAL, *_HABITUAL_AFTER, *_SINCE, *_RELATIVE, *_PLUPERFECT_EN, "قد", "مرات",
                              "مرارا", "تكرارا", "times", "repeatedly")])
_SENTENCE_END = re.compile(r"[.!?؟\n\r]")
_REFERENCE = date(2000, 6, 15)
#: Nouns that make a following exercise word a place ("معسكر تدريب", "training camp" is a target).
_CAMP_WORDS = _words("معسكر", "معسكرات", "مركز", "مراكز", "مقر", "مقرات", "camp", "camps", "centre", "center",
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


def _habitual(text: str, start: int, end: int, before: list[str]) -> bool:
    """A frequency, continuation, pluperfect or generic relative clause around the cue.

    `before` is the cue's window (`_window`); words before a temporal breaker
    ("still searching after the blast") do not count.
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
    if any(w in _PLUPERFECT_EN for w in recent[-2:]):
        return True
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


class _Statements:
    """Demand and accusation verbs of a text, looked up by cue position."""

    def __init__(self, text: str, gated: bool = True) -> None:
        self.text = text
        found = []
        if gated:
            found = [(m.start(), m.end(), "demand") for m in _DEMAND.finditer(text)]
            found += [(m.start(), m.end(), "accuse") for m in _ACCUSE.finditer(text)]
        found.sort()
        self.starts = [f[0] for f in found]
        self.found = found

    def governing(self, start: int) -> str | None:
        """"demand" or "accuse" if the nearest such verb before `start` governs it (same sentence, no break)."""
        k = bisect_left(self.starts, start) - 1
        if k < 0:
            return None
        _s, e, kind = self.found[k]
        if start - e > 400 or _SENTENCE_END.search(self.text, e, start) or _breaks_statement(self.text[e:start]):
            return None
        return kind


# --- Classification ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Cue:
    """One matched cue, offsets in the text given to `find_cues`."""

    start: int
    end: int
    label: str
    text: str
    #: Habitual, background or reported (see `_habitual`): an event only with a day date or a toll.
    habitual: bool = False


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
    gates = _GATES.values(f.key)
    generic = "span" in gates and _GENERIC_SPAN.search(ftext) is not None
    for start, _neg_len, _tier, _rank, end, label in found:
        if start < last_end:
            continue
        last_end = end
        if label == "none":
            continue
        window = _window(ftext, start)
        if _negated(window) or _intended(window) or _infinitive(window, ftext, start, end):
            continue
        if label == "exercise" and window and window[-1] in _CAMP_WORDS:
            continue  # "معسكر تدريب", "training camp": a place, not an exercise
        if statements is None:
            statements = _Statements(ftext, "statement" in gates)
        said = statements.governing(start)
        if said == "demand":
            continue
        weak = generic or said == "accuse" or ("habit" in gates and _habitual(ftext, start, end, window))
        if weak and not habitual:
            continue
        s, e = f.span(start, end)
        out.append(Cue(s, e, label, text[s:e], weak))
    # "تتلقى القوات هجمات منذ ...، وتشترك في الهجمات فصائل": the same kind of event named
    # again in the sentence is the same pattern.
    weak_labels = {c.label for c in out if c.habitual}
    if weak_labels:
        out = [c if c.habitual or c.label not in weak_labels else Cue(c.start, c.end, c.label, c.text, True)
               for c in out]
        if not habitual:
            out = [c for c in out if not c.habitual]
    return out


_EN_BASE = re.compile(r"[a-z]+")


#: Aspect verbs whose "to" + verb is asserted ("continue to shell" is habitual, not a purpose).
_ASPECT_EN = frozenset(("continue", "continues", "continued", "began", "begin", "begins", "started", "start",
                        "starts", "resumed", "resume", "resumes", "used"))


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
    """Demonstrators are the ones clashing: the protest word is near the clash and not in a side clause."""
    if protest is None:
        return False
    if text is None:
        return True
    if protest.start >= clash.end:
        gap = text[clash.end:protest.start]
    else:
        gap = text[protest.end:clash.start]
    return len(gap) <= 80 and not (protest.start > clash.start and _SUBORDINATE.search(fold_pattern(gap)))


#: Air or artillery support for a ground battle ("attacked ..., backed by Russian warplanes", "بغطاء جوي").
_SUPPORT = re.compile(r"(?:backed|supported|covered|accompanied|aided)\s+by\s+(?:\S+\s+){0,2}$|"
                      r"(?:responded|retaliated|replied|hit\s+back)\s+with\s+(?:\S+\s+){0,2}$|"
                      r"(?:with|under)\s+(?:the\s+)?(?:support|cover|help)\s+of\s+(?:\S+\s+){0,2}$|"
                      + fold_pattern(r"(?:بغطاء|تحت\s+غطاء|بإسناد|وبإسناد|بدعم|وبدعم|بمساندة|وبمساندة|بمؤازرة)\s+(?:\S+\s+){0,2}$"),
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
    if best in ("clash", "attack") and _crowd_fights(text, cue, by_label.get("protest") or by_label.get("protest_int")):
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
