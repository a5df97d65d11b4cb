"""The bilingual cue lexicon: which words and phrases report which kind of event.

Each rule is (label, tier, regex, anchor source): `label` is a cue label of
taxonomy.PRECEDENCE ("air", "clash", "disrupted", ... or "none" for false
friends matched only to stop shorter cues inside them), `tier` 1 for multi-word
or specific phrases (they win ties at the same start), `regex` the compiled
source and `anchor source` the folded body that keywords.literal_prefixes reads
to find the literal anchors a match must start with.  taxonomy.py compiles the
rules and decides between them.

Patterns are written in plain Arabic spelling and folded at import (see
normalize.py); `_` stands for inline whitespace and `~` for one word token.
"""
from __future__ import annotations

from map_app.geoparse.incidents.normalize import SP, TOKEN, WE, ar_word, fold_pattern

# --- Lexicon -----------------------------------------------------------------
# (label, tier, regex).  Tier 1 = multi-word / specific: wins ties at the same start.

RULES: list[tuple[str, int, str, str]] = []  # (label, tier, regex, anchor source)

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
    RULES.append((label, tier, ar_word(folded, article) + WE, folded))


def _en(label: str, tier: int, body: str) -> None:
    RULES.append((label, tier, r"(?<!\w)(?:" + body + r")" + WE, body))


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
# "a five-day pause in the fighting", "an end to the shelling": no fighting.
_en("none", 1, r"(?:pause|halt|lull|break|end|stop|cessation|suspension)\s+(?:in|to|of)\s+(?:the\s+)?"
               r"(?:fighting|hostilities|clashes|attacks|strikes|airstrikes|shelling|bombing|bombardment|offensive)")
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
# "to protest immigration raids", "احتجاجاً على الغارات": what is protested is not an event of its own.
_en("protest", 1, r"protest(?:s|ed|ing)?\s+(?:against\s+)?(?:the\s+)?(?:\S+\s+){0,2}?(?:raids?|attacks?|strikes?|"
                  r"airstrikes?|killings?|arrests?|detentions?|shelling|bombings?|executions?|abductions?|"
                  r"kidnappings?|war|offensive|crackdown|shootings?)")
_ar("protest", 1, r"(?:احتجاج|تنديد|رفض)\w*_(?:على|ب)\w*(?:_~){0,2}?_(?:ال)?(?:قصف|غار|هجوم|هجمات|اعتقال|اغتيال|مقتل|قتل|"  # noqa: E501 (one pattern)
                  r"اختطاف|حرب|عدوان|اقتحام|مداهم|مجزر)\w*", article="never")
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
                        r"(?:hurl(?:ed|ing)|threw|throwing)\s+stones|stone-throwing|ransack\w*|"
                        r"(?:hurl(?:ed|ing)|threw|throw|throwing|fired|firing|lobbed|launched)\s+(?:\S+\s+){0,3}?"
                        r"(?:bottles|fireworks|stones|rocks|petrol\s+bombs|Molotov\s+cocktails|firebombs|bricks)")
_ar("riot_violence", 1, r"(?:رمى|رموا|ألقى|ألقوا|[يت]رمون|[يت]لقون|رشق\w*)(?:_~){0,2}?_(?:ب)?(?:ال)?(?:حجار|زجاجات|مولوتوف|"  # noqa: E501 (one pattern)
                        r"قنابل_(?:ال)?مولوتوف|مفرقعات|ألعاب_نارية)\w*", article="never")
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
_en("air", 1, r"(?:jets|planes|aircraft|helicopters|"
              r"(?:US|U\.S\.|American|Israeli|Turkish|Russian|coalition)\s+military)"
              r"\s+(?:\S+\s+)?"
              r"(?:struck|hit|bombed|pounded|targeted|attacked|raided)")
_en("air", 2, r"airstrikes?|drones?|UAVs?")
_en("air", 1, r"strikes\s+(?:hit|struck|pounded|targeted|killed)")  # "said strikes hit the capital Sanaa"
_ar("shelling", 1, r"(?:قصف|ضرب(?:ة|ات)?|هجوم|هجمات|استهداف)\w*_(?:~_)?(?:مدفعي|صاروخي|بالمدفعي|بالصواريخ|بصاروخ|"
                   r"بالقذائف|بقذائف|براجمات|بالهاون)\w*")
# Naval gunfire: "أطلقت الزوارق الحربية نيرانها تجاه الصيادين", "gunboats opened fire on fishing boats".
_ar("shelling", 1, r"(?:زوارق|زورق|بوارج|بارجة|البحرية)(?:_~){0,3}?_(?:نيران|نار|قذائف|رشاشات)\w*")
_en("shelling", 1, r"(?:gunboats?|warships?|naval\s+(?:boats?|vessels?|ships?|forces)"
                   r"|navy\s+(?:boats?|vessels?|ships?))"
                   r"\s+(?:\S+\s+){0,2}?(?:opened\s+fire|fired)")
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
# "The bomb went off as the convoy passed": a device that went off exploded.
_en("explosion", 1, r"(?:bombs?|devices?|explosives?|mines?|charges?|IEDs?)\s+(?:\S+\s+){0,2}?(?:went|goes|had\s+gone)\s+off")  # noqa: E501 (one pattern)

# Battles.
_ar("capture", 1, r"سيطر(?:ت|وا)?(?:_~){0,3}?_على(?:ها|ه|هم)?|(?:بسط|فرض|أحكم)\w*_(?:ال)?سيطر\w*|"
                  r"(?:ال)?سيطرة_(?:الكاملة_|التامة_)?على|"
                  r"استول(?:ى|ت|وا)(?:_~){0,3}?_على|(?:ال)?استيلاء_على|تمكن\w*_من_(?:ال)?سيطرة|"
                  r"انتزاع_(?:ال)?سيطرة", article="never")
_en("capture", 2, r"captur(?:e|ed|es|ing)|seiz(?:e|ed|es|ing)|overr(?:an|un)")
_en("capture", 1, r"(?:took|take|takes|taken|taking)\s+(?:full\s+|complete\s+)?control|took\s+over|"
                  r"gain(?:ed|s)?\s+control")
_ar("recapture", 1, r"(?:استعاد|استرجع|استعادة|استرجاع|استرداد|استردت|استرد|تحرير|حرر|حررت)"
                    r"\w*(?:_~){0,4}?_[وبل]?(?:ال)?" + _PLACE_NOUNS_AR,
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
# Lifting a siege is fighting through it: "lifted the siege of the base", "فك الحصار عن".
_en("clash", 1, r"(?:lift(?:s|ed|ing)?|broke|breaks|break|breaking|broken)\s+(?:the\s+)?(?:\S+\s+)?siege")
_ar("clash", 1, r"(?:فك|كسر|فكت|كسرت|[يت]فك|[يت]كسر)\w*(?:_~){0,2}?_(?:ال)?حصار\w*", article="never")
# Launching a ground operation is fighting: "تبدأ عملية عسكرية لاستعادة X", "شنت حملة عسكرية على X".
_ar("clash", 1, r"(?:بدأ|بدأت|بدء|[يت]بدأ|أطلق|أطلقت|إطلاق|شن|شنت|[يت]شن|انطلاق|انطلقت)\w*(?:_~){0,2}?_(?:ال)?"
                r"(?:عملي(?:ة|ات)_(?:ال)?عسكري|حمل(?:ة|ات)_(?:ال)?عسكري|هجوم_(?:ال)?بري)\w*", article="never")
# "استهدف المسلحون حاجزاً بالأسلحة الرشاشة": small-arms fire is fighting.
_ar("clash", 1, r"(?:بالأسلحة|بأسلحة|بالرشاشات|بالرصاص)_(?:ال)?(?:رشاش|خفيف|متوسط|حي)\w*")
_ar("clash", 2, r"اشتباك\w*|[يت]?شتبك\w*|اشتبك\w*|معارك\w*|معركة\w*|مواجهات\w*|كمين\w*|تسلل\w*|قتال\w*")
# A generic attack is a ground attack unless a weapon says otherwise (ranked below explosions).
_ar("attack", 2, r"هجوم\w*|هجمات\w*|هاجم\w*|[يت]هاجم\w*|اقتحام\w*|اقتحم\w*|[يت]قتحم\w*")
_en("clash", 1, r"gun\s+battles?|exchange[sd]?\s+(?:of\s+)?(?:fire|gunfire)|"
                r"advanc(?:ed|ing|es)\s+(?:on|towards?|into)\s+(?:the\s+)?(?:town|city|village|positions?|[A-Z])")
_en("clash", 1, r"(?:launch(?:ed|es|ing)?|beg[ia]n|begins|start(?:ed|s|ing)?|mount(?:ed|s|ing)?)\s+(?:a\s+|an\s+|the\s+)?"  # noqa: E501 (one pattern)
                r"(?:(?:large-scale|major|wide-scale|wide|new|fresh|sweeping|big)\s+)?(?:military|ground|army)\s+"
                r"(?:operations?|incursions?|offensives?)|"
                r"(?:launch(?:ed|es|ing)?|mount(?:ed|s|ing)?)\s+(?:a\s+|an\s+)(?:large-scale|major|wide-scale|sweeping)\s+"
                r"(?:operations?|incursions?|offensives?)")
_en("clash", 2, r"opened\s+fire")
_en("clash", 2, r"clash(?:es|ed|ing)?|fighting|fought|gunfights?|firefights?|"
                r"ambush(?:es|ed|ing)?|skirmish(?:es)?|battl(?:es|ed|ing)|offensive|infiltrat\w*|gunfire")
_en("attack", 2, r"attack(?:s|ed|ing)?|assault(?:s|ed|ing)?|raid(?:s|ed)?|storm(?:ed|ing)")
_en("attack", 1, r"storms?(?=\s+(?:the|a|an)\s)")  # "protesters storm the Green Zone" (the verb, not the weather)

# Bodies found (violence against civilians), mass graves and deployments (Strategic: Other).
_ar("body_found", 1, r"(?:عثر|العثور|عثور)\w*(?:_~){0,3}?_على_(?:~_){0,1}?جث(?:ة|ث|تي|تين|مان)\w*", article="optional")
_en("body_found", 1, r"bod(?:y|ies)\s+(?:\S+\s+){0,4}?(?:was|were)\s+found|found\s+(?:\S+\s+){0,3}?bod(?:y|ies)\s+of|"
                     r"(?:found|discovered)\s+(?:\S+\s+){0,2}?(?:dead|shot\s+dead)")
_ar("discovery", 1, r"مقبرة_جماعية|مقابر_جماعية")
_en("discovery", 1, r"mass\s+graves?")
_ar("deployment", 1, r"تعزيزات_(?:~_)?(?:عسكري|إضافي)\w*")
_ar("none", 1, r"(?:سير|سيرت|[يت]سير)_(?:~_){0,3}?دوري(?:ة|ات)\w*")
_en("deployment", 1, r"(?:military\s+)?reinforcements")
# Routine patrols are not events (ACLED codes what happens to a patrol, not the patrol).
_en("none", 1, r"(?:conduct\w*|carr(?:y|ied|ies|ying)\s+out)\s+(?:a\s+)?(?:\S+\s+){0,2}?patrols?")

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
_en("vac_attack", 2, r"assassinat\w*|executed|executions?|massacres?|gunmen|killings")
# Civilians killed, told in the passive: "21 civilians were killed in the village of X by militias".
_en("vac_attack", 1, r"(?:civilians?|villagers?|residents?|shepherds?|farmers?|worshippers?|pilgrims?|children|women|"
                     r"mourners|passengers|students|pupils)\s+(?:\S+\s+){0,2}?(?:were|was|had\s+been|have\s+been|"
                     r"are)\s+(?:killed|massacred|executed|shot\s+dead|slaughtered)")
# A person shot or stabbed (crime and targeted killings): "a man was shot dead", "died after being shot".
_en("vac_attack", 1, r"(?:was|were|been|being|got)\s+(?:fatally\s+)?(?:shot(?:\s+dead|\s+and\s+killed)?|"
                     r"stabbed(?:\s+to\s+death)?|gunned\s+down|beaten\s+to\s+death|hacked\s+to\s+death|"
                     r"lynched)|(?:mass|drive-by|fatal|deadly)\s+shootings?|shooting\s+(?:attack|spree|rampage)")
# Killing a named kind of non-combatant: "killed the Kurdish politician X", "shot dead an aid worker".
_en("vac_attack", 1, r"(?:killed|killing|shot\s+dead|gunned\s+down|murdered|stabbed)\s+(?:the\s+|a\s+|an\s+)?"
                     r"(?:[\w'’-]+\s+){0,2}?(?:politicians?|activists?|lawyers?|judges?|mayors?|priests?|imams?|"
                     r"aid\s+workers?|doctors?|nurses?|teachers?|pupils?|worshippers?|pilgrims?|"
                     r"councillors?|candidates?|tribal\s+elders?|elders?|human\s+rights\s+defenders?)(?!\w)")
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
_ar("none", 1, r"دوري(?:ة|ات)_(?:~_)?(?:مشترك|عسكري)\w*")
_en("none", 1, r"joint\s+(?:military\s+)?patrols?")
