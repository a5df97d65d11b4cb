"""Synthetic Arabic/English conflict-news corpus for the geoparsing benchmarks.

Why synthetic: the benchmarks must run offline, be reproducible from a seed and
be free to publish, and real wire copy is none of these. The generator mixes
incident sentences that name places (towns, governorates and countries of
Syria, Iraq and the region, in several spellings, with Arabic proclitics
و ب ل ف ك and the لل contraction) with filler sentences that name none, so
the recogniser sees realistic density and realistic misses. It also records
where it put each place name, so a benchmark can check the parser still finds
them (a fast parser that finds nothing would be a meaningless benchmark).

    .venv/bin/python bench/corpus.py --mb 5 --out /tmp/corpus.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path


@dataclass(frozen=True)
class Town:
    """A place with the spellings a news writer might use for it.

    `ar` and `en` list spellings, the usual one first; `kind` is "town",
    "gov" (governorate) or "country"; lat/lon is the town centre (or the
    capital's area for a governorate, the country's middle for a country)."""

    key: str
    en: tuple[str, ...]
    ar: tuple[str, ...]
    lat: float
    lon: float
    kind: str = "town"
    country: str = "SY"


# Written for this benchmark from general knowledge of the region; coordinates
# are approximate town centres (good to a few km).
PLACES: tuple[Town, ...] = (
    # --- Syria, towns and cities
    Town("damascus", ("Damascus",), ("دمشق", "دِمَشق"), 33.513, 36.292),
    Town("aleppo", ("Aleppo", "Halab"), ("حلب", "حَلَب", "حلـب"), 36.202, 37.134),
    Town("homs", ("Homs", "Hims"), ("حمص",), 34.731, 36.709),
    Town("hama", ("Hama", "Hamah"), ("حماة", "حماه"), 35.132, 36.754),
    Town("idlib", ("Idlib", "Idleb"), ("إدلب", "ادلب"), 35.931, 36.634),
    Town("latakia", ("Latakia", "Lattakia"), ("اللاذقية", "اللاذقيه"), 35.524, 35.792),
    Town("tartus", ("Tartus", "Tartous"), ("طرطوس",), 34.889, 35.887),
    Town("deir", ("Deir ez-Zor", "Deir al-Zour", "Deir Ezzor", "Dayr az-Zawr"),
         ("دير الزور", "ديرالزور", "دير الزّور"), 35.336, 40.141),
    Town("raqqa", ("Raqqa", "al-Raqqa", "Ar-Raqqah"), ("الرقة", "الرقه", "الرَّقَّة"), 35.951, 39.009),
    Town("hasakah", ("Hasakah", "al-Hasakah", "Hasaka"), ("الحسكة", "الحسكه"), 36.502, 40.747),
    Town("qamishli", ("Qamishli", "Qamishlo"), ("القامشلي", "قامشلو"), 37.052, 41.232),
    Town("bukamal", ("Al-Bukamal", "Abu Kamal", "Albu Kamal"), ("البوكمال", "البو كمال", "أبو كمال"),
         34.453, 40.918),
    Town("mayadin", ("al-Mayadin", "Mayadeen"), ("الميادين",), 35.021, 40.453),
    Town("palmyra", ("Palmyra", "Tadmur"), ("تدمر",), 34.560, 38.267),
    Town("manbij", ("Manbij",), ("منبج",), 36.528, 37.955),
    Town("kobani", ("Kobani", "Ain al-Arab"), ("عين العرب", "كوباني"), 36.891, 38.354),
    Town("jarablus", ("Jarablus",), ("جرابلس",), 36.817, 38.011),
    Town("afrin", ("Afrin",), ("عفرين",), 36.512, 36.869),
    Town("azaz", ("Azaz", "A'zaz"), ("أعزاز", "اعزاز"), 36.586, 37.046),
    Town("talabyad", ("Tal Abyad", "Tell Abyad"), ("تل أبيض", "تل ابيض"), 36.697, 38.954),
    Town("rasalain", ("Ras al-Ain", "Ras al-Ayn"), ("رأس العين", "راس العين"), 36.850, 40.072),
    Town("daraa", ("Daraa", "Dar'a"), ("درعا",), 32.618, 36.102),
    Town("sweida", ("Sweida", "As-Suwayda"), ("السويداء",), 32.709, 36.566),
    Town("quneitra", ("Quneitra",), ("القنيطرة",), 33.126, 35.825),
    Town("douma", ("Douma",), ("دوما",), 33.572, 36.402),
    Town("tabqa", ("Tabqa", "al-Tabqa"), ("الطبقة",), 35.837, 38.548),
    Town("shaddadi", ("al-Shaddadi", "Shaddadi"), ("الشدادي",), 36.056, 40.730),
    Town("hajin", ("Hajin",), ("هجين",), 34.695, 40.830),
    Town("maarat", ("Maarat al-Numan", "Ma'arrat al-Nu'man"), ("معرة النعمان",), 35.648, 36.674),
    Town("saraqib", ("Saraqib",), ("سراقب",), 35.864, 36.806),
    Town("khansheikhoun", ("Khan Sheikhoun",), ("خان شيخون",), 35.441, 36.651),
    Town("jisr", ("Jisr al-Shughur",), ("جسر الشغور",), 35.812, 36.318),
    # --- Iraq, towns and cities
    Town("baghdad", ("Baghdad",), ("بغداد",), 33.315, 44.366, country="IQ"),
    Town("mosul", ("Mosul", "Mosoul"), ("الموصل",), 36.340, 43.130, country="IQ"),
    Town("kirkuk", ("Kirkuk",), ("كركوك",), 35.468, 44.392, country="IQ"),
    Town("erbil", ("Erbil", "Arbil"), ("أربيل", "اربيل"), 36.191, 44.009, country="IQ"),
    Town("basra", ("Basra", "Basrah"), ("البصرة",), 30.508, 47.783, country="IQ"),
    Town("ramadi", ("Ramadi", "al-Ramadi"), ("الرمادي",), 33.421, 43.304, country="IQ"),
    Town("fallujah", ("Fallujah", "Falluja"), ("الفلوجة", "الفلوجه"), 33.350, 43.786, country="IQ"),
    Town("tikrit", ("Tikrit",), ("تكريت",), 34.607, 43.678, country="IQ"),
    Town("samarra", ("Samarra",), ("سامراء",), 34.198, 43.874, country="IQ"),
    Town("baqubah", ("Baqubah", "Baquba"), ("بعقوبة",), 33.746, 44.643, country="IQ"),
    Town("qaim", ("Al-Qaim", "al-Qa'im"), ("القائم",), 34.390, 41.000, country="IQ"),
    Town("haditha", ("Haditha",), ("حديثة",), 34.140, 42.377, country="IQ"),
    Town("rutba", ("Rutba", "al-Rutbah"), ("الرطبة",), 33.038, 40.284, country="IQ"),
    Town("sinjar", ("Sinjar",), ("سنجار",), 36.323, 41.876, country="IQ"),
    Town("talafar", ("Tal Afar", "Tel Afar"), ("تلعفر", "تل عفر"), 36.377, 42.449, country="IQ"),
    Town("najaf", ("Najaf",), ("النجف",), 31.996, 44.331, country="IQ"),
    Town("karbala", ("Karbala",), ("كربلاء",), 32.616, 44.024, country="IQ"),
    Town("sulaymaniyah", ("Sulaymaniyah", "Sulaimani"), ("السليمانية",), 35.557, 45.435, country="IQ"),
    Town("duhok", ("Duhok", "Dohuk"), ("دهوك",), 36.867, 42.988, country="IQ"),
    # --- governorates
    Town("nineveh", ("Nineveh", "Ninawa"), ("نينوى",), 36.300, 42.600, "gov", "IQ"),
    Town("anbar", ("Anbar", "al-Anbar"), ("الأنبار", "الانبار"), 33.400, 42.300, "gov", "IQ"),
    Town("salahuddin", ("Salahuddin", "Salah al-Din"), ("صلاح الدين",), 34.500, 43.500, "gov", "IQ"),
    Town("diyala", ("Diyala",), ("ديالى",), 33.900, 45.000, "gov", "IQ"),
    Town("deir_gov", ("Deir ez-Zor",), ("دير الزور",), 35.000, 40.500, "gov"),
    Town("raqqa_gov", ("Raqqa",), ("الرقة",), 35.800, 38.800, "gov"),
    Town("idlib_gov", ("Idlib",), ("إدلب",), 35.800, 36.600, "gov"),
    Town("hasakah_gov", ("Hasakah",), ("الحسكة",), 36.600, 40.900, "gov"),
    # --- countries
    Town("syria", ("Syria",), ("سوريا", "سورية"), 35.0, 38.5, "country"),
    Town("iraq", ("Iraq",), ("العراق",), 33.0, 43.5, "country", "IQ"),
    Town("turkey", ("Turkey", "Türkiye"), ("تركيا",), 39.0, 35.0, "country", "TR"),
    Town("lebanon", ("Lebanon",), ("لبنان",), 33.9, 35.9, "country", "LB"),
    Town("jordan", ("Jordan",), ("الأردن", "الاردن"), 31.2, 36.5, "country", "JO"),
    Town("iran", ("Iran",), ("إيران", "ايران"), 32.5, 54.0, "country", "IR"),
)

TOWNS = tuple(p for p in PLACES if p.kind == "town")
GOVS = tuple(p for p in PLACES if p.kind == "gov")
COUNTRIES = tuple(p for p in PLACES if p.kind == "country")

# --- templates ---------------------------------------------------------------
# Slots: {P} {Q} towns, {G} a governorate, {C} a country, {N} a number,
# {A} an actor, {D} a day. A slot glued to an Arabic proclitic (ب{P}, و{Q})
# gets the clitic inside its word; ل/ول before an ال-name becomes لل/ولل.
AR_EVENT = (
    "قُتل {N} مدنيين وأصيب آخرون في قصف مدفعي استهدف مدينة {P} {D}.",
    "أفادت مصادر محلية بأن اشتباكات عنيفة اندلعت بين {A} ومجموعات مسلحة في ريف {P}.",
    "شنت طائرات مسيّرة غارات على مواقع قرب {P} وامتدت الغارات إلى أطراف {Q}.",
    "انفجرت عبوة ناسفة على الطريق الواصل بين {P} و{Q} ما أدى إلى مقتل {N} عناصر.",
    "قالت {A} إنها سيطرت على قرى في محافظة {G} بعد معارك استمرت {N} أيام.",
    "نزحت مئات العائلات من {P} باتجاه {Q} هرباً من القصف المتواصل.",
    "أعلنت السلطات ب{P} حظر تجول ليلي عقب هجوم على حاجز عسكري {D}.",
    "وصلت قافلة مساعدات إنسانية إلى {P} قادمة من {Q} عبر معبر حدودي مع {C}.",
    "وشهدت {P} احتجاجات شعبية للمطالبة بتحسين الخدمات ووقف الاعتقالات.",
    "اعتقلت دورية أمنية {N} أشخاص في بلدة {P} بتهمة الانتماء إلى خلية مسلحة.",
    "وتوجهت تعزيزات عسكرية ل{P} فيما أغلقت الطرق المؤدية إلى {Q}.",
    "وفي {P} أصيب {N} أطفال بانفجار لغم من مخلفات الحرب {D}.",
    "ودخلت قوات من {C} إلى {P} وسط تحليق مكثف للطيران الحربي.",
    "وقصفت المدفعية مواقع في محيط {P} كما استهدفت محافظة {G} بصواريخ.",
    "وعاد المئات إلى منازلهم في {P} بعد انسحاب {A} منها.",
    "وأكد ناشطون أن {A} نفذت حملة مداهمات واسعة في {P} وريفها.",
    "وأغلقت {C} حدودها مع {P} بعد تصاعد المواجهات.",
    "وبين {P} وكمائن {A} قرب {Q} سقط {N} قتلى على الأقل.",
    "ولم يكن الوضع في {P} أفضل، ف{Q} أيضاً تعرضت لقصف مماثل.",
    "وتعرضت بلدات عدة ك{P} و{Q} لقصف صاروخي {D}.",
    "وب{P} سقط {N} جرحى بينهم نساء، وفق مصادر طبية.",
)
AR_FILLER = (
    "وأشار المصدر إلى أن الوضع الإنساني يزداد سوءاً مع استمرار انقطاع الكهرباء والمياه.",
    "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى ساعة إعداد هذا التقرير.",
    "وتعاني المنطقة من نقص حاد في الأدوية والمستلزمات الطبية.",
    "ودعت منظمات حقوقية إلى فتح تحقيق مستقل في ملابسات الحادث.",
    "وقال شهود عيان إن سيارات الإسعاف نقلت الجرحى إلى المستشفى الوطني.",
    "وتشهد الأسواق ارتفاعاً كبيراً في أسعار المواد الغذائية والمحروقات.",
    "ويأتي ذلك في ظل توتر أمني متصاعد منذ مطلع الشهر الجاري.",
    "وأكد مسؤول محلي أن فرق الدفاع المدني ما زالت تبحث عن مفقودين تحت الأنقاض.",
    "ويخشى السكان من تجدد المواجهات خلال الأيام المقبلة.",
    "من جهتها، لم تصدر الحكومة أي تعليق رسمي على هذه التطورات.",
    "وتتكرر مثل هذه الحوادث بشكل شبه يومي منذ أشهر.",
    "وطالب الأهالي بإعادة فتح المدارس وتأمين وسائل النقل للطلاب.",
)
EN_EVENT = (
    "{N} civilians were killed when artillery shells hit the town of {P} {D}.",
    "Local sources said heavy clashes broke out between {A} and armed groups near {P}.",
    "Drones struck positions on the outskirts of {P}, and the strikes later extended to {Q}.",
    "A roadside bomb exploded on the road between {P} and {Q}, killing {N} fighters.",
    "{A} said they had taken several villages in {G} province after {N} days of fighting.",
    "Hundreds of families fled {P} towards {Q} to escape the shelling.",
    "Authorities in {P} imposed a night curfew after an attack on a checkpoint {D}.",
    "An aid convoy arrived in {P} from {Q} through a border crossing with {C}.",
    "Protesters gathered in {P} {D} to demand better public services.",
    "A security patrol arrested {N} people in {P} on charges of belonging to an armed cell.",
    "Military reinforcements were sent to {P} while roads leading to {Q} were closed.",
    "In {P}, {N} children were wounded by a landmine left over from the war.",
    "Troops from {C} entered {P} as warplanes flew overhead.",
    "Artillery hit positions around {P} and rockets struck the {G} countryside.",
    "Hundreds of residents returned to {P} after {A} withdrew from the area.",
    "Activists said {A} carried out raids in {P} and surrounding villages.",
    "{C} closed its border near {P} after the fighting escalated.",
    "At least {N} people died in ambushes between {P} and {Q}, a monitor said.",
)
EN_FILLER = (
    "The source added that the humanitarian situation is deteriorating as power and water cuts continue.",
    "No group has claimed responsibility for the attack so far.",
    "Hospitals in the area report severe shortages of medicine and medical supplies.",
    "Rights groups called for an independent investigation into the incident.",
    "Witnesses said ambulances took the wounded to the national hospital.",
    "Food and fuel prices have risen sharply in recent weeks.",
    "The incident comes amid rising tension since the start of the month.",
    "Civil defence teams are still searching for missing people under the rubble.",
    "Residents fear that the fighting will resume in the coming days.",
    "The government has not issued any official comment on these developments.",
    "Such incidents have been reported almost daily for months.",
    "Parents have asked for schools to reopen and for safe transport for pupils.",
)
AR_ACTORS = ("قوات الحكومة", "فصائل المعارضة", "قوات سوريا الديمقراطية", "خلايا تنظيم الدولة",
             "فصائل الحشد الشعبي", "القوات العراقية", "مجموعات مسلحة مجهولة")
EN_ACTORS = ("government forces", "opposition factions", "the SDF", "Islamic State cells",
             "PMF units", "Iraqi forces", "unidentified gunmen")
AR_DAYS = ("أمس", "يوم الاثنين", "صباح الثلاثاء", "مساء الأربعاء", "فجر الخميس", "يوم الجمعة", "ليلة السبت")
EN_DAYS = ("yesterday", "on Monday", "on Tuesday morning", "on Wednesday evening", "at dawn on Thursday",
           "on Friday", "on Saturday night")
AR_HEADLINE = ("قصف على {P} ونزوح نحو {Q}", "اشتباكات في ريف {P}", "مقتل {N} مدنيين ب{P}",
               "توتر أمني في محافظة {G}")
EN_HEADLINE = ("Shelling hits {P} as families flee to {Q}", "Clashes in the {P} countryside",
               "{N} civilians killed in {P}", "Security tension in {G} province")

#: How often في X / إلى X is written بX / لX instead (None = keep the preposition).
AR_EXTRA_CLITICS = (None, None, None, "ب", "ل")

_SLOT = re.compile(r"\{([PQGCNAD])\}")


@dataclass
class Doc:
    """One synthetic article; `gold` holds (start, end, place key) of each name."""

    doc_id: int
    lang: str
    text: str
    published: date
    gold: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def nbytes(self) -> int:
        return len(self.text.encode("utf-8"))


def _attach(clitic: str, name: str) -> str:
    """Glue an Arabic proclitic: ل + الرقة is written للرقة, not لالرقة, and
    ل + اللاذقية is للاذقية (two lams, not three)."""
    if clitic.endswith("ل") and name.startswith("ال"):
        return clitic + (name[2:] if name[2:3] == "ل" else name[1:])
    return clitic + name


class _Writer:
    def __init__(self, rng: random.Random, lang: str):
        self.rng = rng
        self.lang = lang
        self.parts: list[str] = []
        self.size = 0
        self.gold: list[tuple[int, int, str]] = []

    def emit(self, piece: str) -> None:
        self.parts.append(piece)
        self.size += len(piece)

    def sentence(self, template: str) -> None:
        rng, ar = self.rng, self.lang == "ar"
        used: set[str] = set()
        pos = 0
        for slot in _SLOT.finditer(template):
            literal = template[pos:slot.start()]
            pos = slot.end()
            kind = slot.group(1)
            if kind == "N":
                self.emit(literal + str(rng.choice((2, 3, 4, 5, 7, 9, 12, 15, 23))))
                continue
            if kind == "A":
                actor = rng.choice(AR_ACTORS if ar else EN_ACTORS)
                self.emit(literal + (actor[0].upper() + actor[1:] if slot.start() == 0 else actor))
                continue
            if kind == "D":
                self.emit(literal + rng.choice(AR_DAYS if ar else EN_DAYS))
                continue
            pool = {"P": TOWNS, "Q": TOWNS, "G": GOVS, "C": COUNTRIES}[kind]
            place = rng.choice([p for p in pool if p.key not in used] or pool)
            used.add(place.key)
            spellings = place.ar if ar else place.en
            # The usual spelling most of the time, a variant otherwise.
            name = spellings[0] if rng.random() < 0.6 else rng.choice(spellings)
            clitic = ""
            if ar:
                glued = re.search(r"(?:^|\s)([وفبلك]{1,2})$", literal)
                if glued:
                    clitic = glued.group(1)
                    literal = literal[:-len(clitic)]
                elif literal.endswith(" ") and kind in "PQ":
                    extra = rng.choice(AR_EXTRA_CLITICS)
                    last = literal.rstrip().split()[-1:]
                    if extra and last in (["في"], ["إلى"]):
                        # في X → بX, إلى X → لX: same meaning, clitic form.
                        literal = literal.rstrip()[: -len(last[0])]
                        clitic = "ب" if last == ["في"] else "ل"
            if not ar and name[:3] == "al-" and slot.start() == 0:
                name = "A" + name[1:]
            self.emit(literal)
            word = _attach(clitic, name) if clitic else name
            start = self.size + max(0, len(word) - len(name))  # لل: the shared ل is in both
            self.emit(word)
            self.gold.append((start, self.size, place.key))
        self.emit(template[pos:])

    def text(self) -> str:
        return "".join(self.parts)


def make_doc(doc_id: int, lang: str, target_bytes: int, rng: random.Random, published: date) -> Doc:
    """An article of about `target_bytes` UTF-8 bytes: a headline, then
    paragraphs of three to six sentences, about 60% of them naming places."""
    writer = _Writer(rng, lang)
    ar = lang == "ar"
    writer.sentence(rng.choice(AR_HEADLINE if ar else EN_HEADLINE))
    writer.emit("\n\n")
    events, fillers = (AR_EVENT, AR_FILLER) if ar else (EN_EVENT, EN_FILLER)
    nbytes = 0
    while nbytes < target_bytes:
        for i in range(rng.randint(3, 6)):
            if i:
                writer.emit(" ")
            writer.sentence(rng.choice(events) if rng.random() < 0.6 else rng.choice(fillers))
        writer.emit("\n\n")
        nbytes = len(writer.text().encode("utf-8"))
    text = writer.text().rstrip("\n")
    gold = [g for g in writer.gold if g[1] <= len(text)]
    return Doc(doc_id, lang, text, published, gold)


def generate(total_mb: float = 5.0, seed: int = 0, arabic_share: float = 0.5,
             min_bytes: int = 2000, max_bytes: int = 5000) -> list[Doc]:
    """Documents until `total_mb` (10**6 bytes, UTF-8) is reached; same seed,
    same corpus."""
    rng = random.Random(seed)
    docs: list[Doc] = []
    total = 0
    day = date(2024, 1, 1)
    while total < total_mb * 1_000_000:
        lang = "ar" if rng.random() < arabic_share else "en"
        published = day + timedelta(days=rng.randrange(366))
        doc = make_doc(len(docs), lang, rng.randint(min_bytes, max_bytes - 600), rng, published)
        docs.append(doc)
        total += doc.nbytes
    return docs


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size in MB (UTF-8)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--arabic-share", type=float, default=0.5)
    parser.add_argument("--out", type=Path, help="write JSON lines here (default: print a summary)")
    args = parser.parse_args(argv)
    docs = generate(args.mb, args.seed, args.arabic_share)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            for doc in docs:
                row = asdict(doc)
                row["published"] = doc.published.isoformat()
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    n_ar = sum(d.lang == "ar" for d in docs)
    size = sum(d.nbytes for d in docs)
    print(f"{len(docs)} docs ({n_ar} Arabic), {size / 1e6:.2f} MB, "
          f"{sum(len(d.gold) for d in docs)} place names"
          + (f" -> {args.out}" if args.out else ""))
    if not args.out and docs:
        print(docs[0].text[:600])


if __name__ == "__main__":
    main()
