"""Words the recogniser and resolver reason with (folded spellings).

Kept apart from the matching logic so that analysts can extend the lists
without reading the algorithm: cue words that announce a place, phrases in
which a place name is an ordinary word, and organisation names that contain
place names.
"""
from __future__ import annotations

#: Words right before a name that say "this is a place" (folded).
STRONG_CUES = {
    # Arabic
    "مدينه", "بلده", "قريه", "محافظه", "ريف", "منطقه", "معبر", "منفذ", "قاعده", "مطار",
    "مخيم", "ناحيه", "قضاء", "حي", "احياء", "نهر", "جبل", "سهل", "وادي", "بحيره", "سد", "حقل",
    "سجن", "مدن", "بلدات", "قري", "مناطق", "محافظات", "عاصمه", "اطراف", "محيط", "قرب", "مزرعه",
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "داخل", "مشارف",
    "محافظتي", "مدينتي", "بلدتي", "قريتي", "ناحيتي", "منطقتي", "مينا", "مرفا", "جسر", "ضاحيه",
    "مستوطنه", "كيبوتس",
    # English
    "town", "city", "village", "province", "governorate", "district", "near", "outskirts",
    "suburb", "crossing", "camp", "base", "airport", "countryside", "region", "outside",
    "towns", "cities", "villages", "provinces", "governorates", "districts", "suburbs", "port", "harbour",
}

#: Prepositions: weak evidence (many common nouns follow them too).
WEAK_CUES = {"في", "من", "الي", "الى", "عند", "حتي", "نحو", "باتجاه", "اتجاه", "عبر", "بين",
             "in", "at", "from", "to", "into", "towards", "toward", "across", "via", "between"}

#: Words right after a name that mark it as a place (English: "Idlib Governorate").
POST_CUES = {"governorate", "province", "district", "city", "town", "village", "camp", "crossing",
             "base", "airport", "region", "countryside"}

#: Phrases in which a gazetteer name is an ordinary word (folded, space-joined).
#: القائم بالأعمال is a chargé d'affaires, not Al-Qaim.
NOT_PLACE_AFTER = {
    "القايم": {"بالاعمال", "باعمال", "علي", "بامر", "بالامر", "مقام", "بالاتصال"},
}

#: Organisation names that contain place names (folded); matches inside are dropped.
ORGANISATIONS = [
    "قوات سوريا الديمقراطيه", "المرصد السوري لحقوق الانسان", "الجيش السوري الحر",
    "الدوله الاسلاميه في العراق والشام", "الدوله الاسلاميه في العراق", "المقاومه الاسلاميه في العراق",
    "هييه تحرير الشام", "جبهه فتح الشام", "جبهه تحرير الشام", "البوابه نيوز", "الجزيره سوريا",
    "قناه الجزيره", "الجزيره نت", "العربيه نت", "سوريا الديمقراطيه", "الاتحاد الاوروبي",
    "الخليج العربي", "دول الخليج", "الشرق الاوسط", "حزب الله",
    "syrian democratic forces", "syrian observatory for human rights", "free syrian army",
    "islamic state of iraq and the levant", "islamic state of iraq and syria", "islamic state of iraq",
    "islamic resistance in iraq", "al jazeera", "middle east", "gulf cooperation council",
    "united nations", "european union", "syrian arab army", "iraqi army", "syrian army",
    "kurdistan workers party", "kurdistan regional government",
    "white house", "state duma", "new york times", "washington post", "los angeles times",
    "jerusalem post", "bank of america",
]

#: Words that collide with place names but are function words here (folded).
STOPWORDS = {"العاصمه", "جنوب غرب", "جنوب شرق", "شمال غرب", "شمال شرق", "وان", "ان", "اما",
             "لما", "كما", "بعد", "قبل", "بين", "حيث", "عند", "منذ", "مدينه",
             "دوله", "المدينه", "الدوله", "ما", "ولا", "الا", "الي", "علي", "the", "and", "for"}

#: Country names shaped like the adjective "Syrian" (سوريا/سورية after a noun).
NISBA_SHAPED = {"سوريا", "سوريه", "تركيا"}

#: Capitalised words after a name that make it part of an organisation name.
ORGANISATION_HEADS_EN = {"police", "council", "brigade", "brigades", "army", "front", "forces",
                         "observatory", "command", "university", "club", "airways", "airlines",
                         "news", "times", "post", "chief", "tribal", "tribes", "operations", "media"}

#: Words before a name that make it an ordinary word: الوضع القائم (status quo).
NOT_PLACE_BEFORE = {"الوضع": {"القايم"}, "النظام": {"القايم"}, "الواقع": {"القايم"}}

#: First words of multi-word Arabic names in Latin script. Matched alone and
#: followed by another capitalised word ("Tal Rifaat", "Deir Hafer"), they are
#: the head of a name the gazetteer lacks, not the village called "Tal".
LATIN_NAME_HEADS = {"tal", "tall", "tel", "tell", "ras", "deir", "dayr", "kafr", "kfar", "jabal", "jebel",
                    "bab", "ain", "ayn", "umm", "um", "abu", "beit", "bayt", "khan", "qasr", "jisr",
                    "wadi", "marj", "hayy", "bir", "sheikh", "shaykh", "maarat"}

#: Kind preferences a cue word before a name expresses (resolver score bonus).
CUE_KINDS = {
    "محافظه": {"admin1": 0.6}, "محافظات": {"admin1": 0.6}, "محافظتي": {"admin1": 0.6},
    "governorate": {"admin1": 0.6}, "governorates": {"admin1": 0.6}, "provinces": {"admin1": 0.6},
    "مدينتي": {"populated_place": 0.25, "admin1": -0.2}, "بلدتي": {"populated_place": 0.3, "admin1": -0.3},
    "بلدات": {"populated_place": 0.3, "admin1": -0.3}, "مدن": {"populated_place": 0.25, "admin1": -0.2},
    "province": {"admin1": 0.6},
    "مدينه": {"populated_place": 0.25, "admin1": -0.2}, "بلده": {"populated_place": 0.3, "admin1": -0.3},
    "قريه": {"populated_place": 0.3, "admin1": -0.3}, "city": {"populated_place": 0.25, "admin1": -0.2},
    "town": {"populated_place": 0.3, "admin1": -0.3}, "village": {"populated_place": 0.3, "admin1": -0.3},
    "towns": {"populated_place": 0.3, "admin1": -0.3}, "cities": {"populated_place": 0.25, "admin1": -0.2},
    "ريف": {"populated_place": 0.2, "admin1": 0.1},
    "معبر": {"crossing": 0.6}, "منفذ": {"crossing": 0.6}, "crossing": {"crossing": 0.6},
    "قاعده": {"facility": 0.5}, "مطار": {"facility": 0.5}, "base": {"facility": 0.5},
    "airport": {"facility": 0.5}, "مخيم": {"facility": 0.5}, "camp": {"facility": 0.5},
    "حقل": {"facility": 0.5}, "سد": {"facility": 0.5}, "سجن": {"facility": 0.5},
    "نهر": {"water": 0.6}, "بحيره": {"water": 0.6},
}

#: Demonym adjectives after a name that qualify it with a country: القائم العراقية.
DEMONYMS = {
    "SY": ["السوريه", "السوري", "syrian", "سوريه"], "IQ": ["العراقيه", "العراقي", "iraqi"],
    "LB": ["اللبنانيه", "اللبناني", "lebanese"], "JO": ["الاردنيه", "الاردني", "jordanian"],
    "TR": ["التركيه", "التركي", "turkish"], "IL": ["الاسراييليه", "الاسراييلي", "israeli"],
    "IR": ["الايرانيه", "الايراني", "iranian"], "LY": ["الليبيه", "الليبي", "libyan"],
    "YE": ["اليمنيه", "اليمني", "yemeni"], "SA": ["السعوديه", "السعودي", "saudi"],
}

#: Plural and dual cue words that also govern the next name joined by و / "and":
#: محافظتي الحسكة والرقة (the two governorates), the provinces of Anbar and Nineveh.
SHARED_CUES = {"محافظتي", "محافظات", "مدينتي", "مدن", "بلدتي", "بلدات", "قريتي", "قري", "مناطق",
               "governorates", "provinces", "towns", "cities", "villages"}

#: Words that make an admin-1 name generic ("Northern", "Central", "Capital"):
#: such an area is never prominent enough to be pinned without a cue.
GENERIC_AREA_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "centre",
    "center", "capital", "coast", "coastal", "border", "lakes", "lake", "islands", "upper", "lower",
    "greater", "federal", "middle", "interior", "highlands", "mountain", "plateau", "river", "region",
    "northeast", "northwest", "southeast", "southwest", "district", "territory", "city", "valley",
}

#: Capitalised words that may stand right before a place name without making
#: it part of a longer name (otherwise "George Bush", "State Duma", "Michael
#: Jordan": a capitalised word before a name makes it a person or an organisation).
NAME_PREFIXES_OK = {
    "in", "at", "from", "to", "into", "near", "of", "the", "and", "or", "for", "on", "by", "with",
    "across", "toward", "towards", "between", "via", "outside", "inside", "around", "across", "through",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "northeast",
    "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern",
    "southwestern", "central", "upper", "lower", "greater", "old", "rural", "occupied", "downtown",
    "metropolitan", "metro", "suburban", "coastal", "mount", "lake", "camp", "province", "city",
    "town", "village", "county", "district", "governorate", "region", "when", "while", "as", "after",
    "before", "since", "until", "during", "but", "if", "then", "also", "both", "all", "visit",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "syrian", "iraqi", "lebanese", "jordanian", "turkish",
    "israeli", "iranian", "kurdish", "palestinian", "saudi", "egyptian", "american", "russian",
    "british", "french", "german", "arab", "yemeni", "libyan", "sudanese", "qatari", "emirati",
}

#: Organisation heads before "of": "University of Aleppo" names no place.
ORGANISATION_HEADS_OF = {"university", "bank", "college", "school", "institute", "church", "hospital",
                         "museum", "club", "academy", "archdiocese", "diocese"}

#: Latin spellings of the Arabic words that open armed-group names (Jaysh al-Islam,
#: Liwa al-Quds, Kata'ib Hezbollah): the name that follows is not a place.
GROUP_HEADS_LATIN = {"jaysh", "jaish", "jeish", "liwa", "liwaa", "harakat", "jabhat", "kataib", "kata",
                     "saraya", "faylaq", "failaq", "ahrar", "hayat", "hayet", "ansar", "jund", "usbat",
                     "firqat", "alwiyat", "tajammu", "quwat", "asaib", "asa"}

#: Titles before a person's name that end with a full stop (not a sentence end).
TITLE_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "sen", "rep", "gov", "rev",
                       "st", "capt", "maj", "cpl", "pvt", "adm", "brig", "prof", "pres", "u.s", "jr", "sr"}

#: US state abbreviations (AP style and postal) after "Town, ": "Kansas City, Kan.", "Dallas, TX".
US_STATES = {
    "Alabama": ("Ala.", "AL"), "Alaska": ("Alaska", "AK"), "Arizona": ("Ariz.", "AZ"),
    "Arkansas": ("Ark.", "AR"), "California": ("Calif.", "CA"), "Colorado": ("Colo.", "CO"),
    "Connecticut": ("Conn.", "CT"), "Delaware": ("Del.", "DE"), "Florida": ("Fla.", "FL"),
    "Georgia": ("Ga.", "GA"), "Hawaii": ("Hawaii", "HI"), "Idaho": ("Idaho", "ID"),
    "Illinois": ("Ill.", "IL"), "Indiana": ("Ind.", "IN"), "Iowa": ("Iowa", "IA"),
    "Kansas": ("Kan.", "KS"), "Kentucky": ("Ky.", "KY"), "Louisiana": ("La.", "LA"),
    "Maine": ("Maine", "ME"), "Maryland": ("Md.", "MD"), "Massachusetts": ("Mass.", "MA"),
    "Michigan": ("Mich.", "MI"), "Minnesota": ("Minn.", "MN"), "Mississippi": ("Miss.", "MS"),
    "Missouri": ("Mo.", "MO"), "Montana": ("Mont.", "MT"), "Nebraska": ("Neb.", "NE"),
    "Nevada": ("Nev.", "NV"), "New Hampshire": ("N.H.", "NH"), "New Jersey": ("N.J.", "NJ"),
    "New Mexico": ("N.M.", "NM"), "New York": ("N.Y.", "NY"), "North Carolina": ("N.C.", "NC"),
    "North Dakota": ("N.D.", "ND"), "Ohio": ("Ohio", "OH"), "Oklahoma": ("Okla.", "OK"),
    "Oregon": ("Ore.", "OR"), "Pennsylvania": ("Pa.", "PA"), "Rhode Island": ("R.I.", "RI"),
    "South Carolina": ("S.C.", "SC"), "South Dakota": ("S.D.", "SD"), "Tennessee": ("Tenn.", "TN"),
    "Texas": ("Texas", "TX"), "Utah": ("Utah", "UT"), "Vermont": ("Vt.", "VT"),
    "Virginia": ("Va.", "VA"), "Washington": ("Wash.", "WA"), "West Virginia": ("W.Va.", "WV"),
    "Wisconsin": ("Wis.", "WI"), "Wyoming": ("Wyo.", "WY"), "District of Columbia": ("D.C.", "DC"),
}
