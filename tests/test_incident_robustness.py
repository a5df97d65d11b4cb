"""Property tests: the incident extractor never raises and keeps its invariants on any input."""
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings, strategies as st

from gazetteer.place import KINDS, Place
from map_app.geoparse.document import Document, Mention
from map_app.geoparse.incidents import extract_incidents
from map_app.geoparse.incidents.actors import find_actors
from map_app.geoparse.incidents.dates import find_dates
from map_app.geoparse.incidents.fatalities import count_fatalities
from map_app.geoparse.incidents.taxonomy import EVENT_TYPES, find_cues
from map_app.geoparse.sentences import split_sentences

# Words that exercise the grammars, mixed with noise.
TOKENS = [
    "غارة", "غارات جوية", "وللغارات", "مسيرة", "مسيرات", "أطلقت", "من", "إلى", "باتجاه", "قرب", "ريف",
    "قصف", "اشتباكات", "هجوم", "الهجوم", "مقتل", "قتل", "وإصابة", "عشرات", "عدة", "ما لا يقل عن", "٣٥",
    "1,905", "12", "2024", "عام", "أمس", "اليوم", "الأحد الماضي", "الأسبوع الماضي", "الشهر الجاري",
    "11 أكتوبر", "تشرين الأول", "لم", "لا", "أي", "تقرر", "إدلب", "البوكمال", "العراق", "الجولان",
    "داعش", "قسد", "القوات السورية والروسية", "airstrike", "drones", "launched", "from", "towards",
    "killed", "at least", "dozens", "between", "and", "yesterday", "last Sunday", "October 11, 2024",
    "no", "not", "will", "Idlib", "Iraq", "IS", "U.S.", "Dr.", "1.5", ".", "،", "؟", "!", ";", "\n",
    "<script>", "</script>", "<p>", "<!--", "-->", "{", "}", "\u200f", "ـ", "ً", "  ", "\t",
]
PLACES = [Place("Idlib", 35.9, 36.6, "populated_place", "SY", "إدلب", admin1="Idlib"),
          Place("Iraq", 33.0, 44.0, "country", "IQ", "العراق"),
          Place("Golan", 33.0, 35.8, "region", "SY", "الجولان"),
          Place("X", 0.0, 0.0, "facility", None, None)]
PLACES += [Place(f"k{i}", 1.0, 1.0, kind, "SY", admin1="A" if i % 2 else None) for i, kind in enumerate(KINDS)]

news_text = st.lists(st.sampled_from(TOKENS), max_size=60).map(" ".join)
any_text = st.one_of(st.text(max_size=400), news_text)
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
                      st.just(datetime(2024, 1, 2, 10, 30)))


@st.composite
def documents(draw):
    text = draw(any_text)
    n = len(text)
    mentions = []
    for _ in range(draw(st.integers(0, 8))):
        start = draw(st.integers(-2, n + 2))
        end = draw(st.integers(start - 1, start + 12))
        place = draw(st.one_of(st.none(), st.sampled_from(PLACES)))
        cue = draw(st.one_of(st.none(), st.sampled_from(["قرب", "من", "near", "باتجاه", ""])))
        mentions.append(Mention(start, end, text[max(0, start):max(0, end)], [place] if place else [], place,
                                0.5, cue=cue))
    sentences = draw(st.one_of(st.just(None), st.just([])))
    return Document(text=text, published=draw(published), source="prop",
                    sentences=split_sentences(text) if sentences is None else sentences, places=mentions)


def _took_the_names_place(mention, places) -> bool:
    """One place per name and article (`context.one_sense`): an unlisted mention of the document
    takes the gazetteer place another mention of the same name has."""
    own = [m for m in places if (m.start, m.end) == (mention.start, mention.end) and m.place is not None
           and m.place.kind == "unlisted"]
    other = [m for m in places if m.place is mention.place and m.text.casefold() == mention.text.casefold()]
    return bool(own) and bool(other) and mention.place.kind != "unlisted"


@given(documents())
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_extract_never_raises_and_keeps_invariants(doc):
    for inc in extract_incidents(doc):
        assert inc.event_type in EVENT_TYPES and inc.sub_event_type in EVENT_TYPES[inc.event_type]
        assert 0 <= inc.start < inc.end <= len(doc.text)
        assert doc.text[inc.start:inc.end] == inc.evidence
        assert inc.place is inc.location_mention.place
        assert inc.location_mention in doc.places or _took_the_names_place(inc.location_mention, doc.places)
        assert inc.geo_precision in (1, 2, 3)
        assert inc.time_precision in (None, 1, 2, 3)
        assert (inc.event_date is None) == (inc.time_precision is None)
        assert inc.fatalities is None or inc.fatalities > 0
        assert len(inc.actors) == len(set(inc.actors))
        assert inc.source == "prop"


@given(any_text, published)
@settings(max_examples=300, deadline=None)
def test_component_spans_are_exact(text, pub):
    pub = pub.date() if isinstance(pub, datetime) else pub
    for cue in find_cues(text):
        assert text[cue.start:cue.end] == cue.text
    for d in find_dates(text, pub):
        assert text[d.start:d.end] == d.text
        assert d.precision in (None, 1, 2, 3)
        assert d.precision is None or d.value is not None
    for a in find_actors(text):
        assert text[a.start:a.end] == a.text
    value = count_fatalities(text)
    assert value is None or value > 0
