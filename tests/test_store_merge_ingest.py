"""Cross-article, cross-language merging through the real parser and gazetteer: `add_article`
and the parallel ingest's writer (prepared documents from worker processes), on both backends.

The articles are the project's own sentences about one made-up drone strike on
al-Mayadin (Tuesday 14 May 2024), told in Arabic and in English, and near
misses that must stay apart."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from map_app.store import open_store

REPO = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not (REPO / "gazetteer" / "data" / "index").is_dir(),
                                reason="gazetteer index not built")
TUE, WED = date(2024, 5, 14), date(2024, 5, 15)

AR_STRIKE = ("قتل ثلاثة عناصر من الميليشيات الموالية لإيران، اليوم الثلاثاء، جراء غارة جوية بطائرة مسيرة "
             "مجهولة استهدفت سيارتهم على أطراف مدينة الميادين بريف دير الزور الشرقي، بحسب مصادر محلية.")
# placed at "the Deir ez-Zor countryside" (the governorate's capital standing for its countryside)
EN_STRIKE = ("Four Iran-backed militia members were killed when a drone hit their car in the Deir ez-Zor "
             "countryside late on Tuesday, a war monitor said.")
# told as "at dawn on Wednesday" the day after
AR_DAWN = ("استهدفت طائرة مسيرة مجهولة فجر اليوم الأربعاء سيارة تقل عناصر من الميليشيات الموالية لإيران "
           "قرب مدينة الميادين شرقي دير الزور، ما أدى إلى مقتل ثلاثة منهم.")
US_STRIKE = ("A US drone struck a car on the edge of the town of al-Mayadin on Tuesday, killing five "
             "Iran-backed militia members, local sources said.")
NEAR_MISSES = {
    "another day": ("A drone struck a car on the edge of the town of al-Mayadin in eastern Deir ez-Zor "
                    "on Sunday, killing four Iran-backed militia members, local sources said.",
                    date(2024, 5, 20)),
    "another town 49 km away": ("A drone struck a car near the town of Hajin in eastern Deir ez-Zor on "
                                "Tuesday, killing four men, local sources said.", WED),
    "another event type": ("Clashes broke out between Iran-backed militia members and tribal fighters in "
                           "the town of al-Mayadin in eastern Deir ez-Zor on Tuesday, local sources said.",
                           WED),
    "another attacker": ("A Turkish drone struck a car on the edge of the town of al-Mayadin on Tuesday, "
                         "killing four Iran-backed militia members, local sources said.", WED),
    "a toll of 60 against 5": ("قالت مصادر محلية إن غارة جوية أمريكية بطائرة مسيرة على سوق في مدينة "
                               "الميادين بريف دير الزور أدت يوم الثلاثاء إلى مقتل 60 شخصاً.", WED),
}
EN_MARKET = ("A US drone strike on a market in the town of al-Mayadin in eastern Deir ez-Zor killed 60 "
             "people on Tuesday, local sources said.")


def test_add_article_merges_the_arabic_and_english_reports(store_url: str) -> None:
    with open_store(store_url) as store:
        ar = store.add_article(AR_STRIKE, published=TUE, url="https://example.org/ar", source="AR")
        en = store.add_article(EN_STRIKE, published=WED, url="https://example.org/en", source="EN")
        dawn = store.add_article(AR_DAWN, published=WED, url="https://example.org/ar2", source="AR2")
        [incident] = store.incidents()
        assert [(s.article_id, s.source) for s in incident.sources] == [
            (ar.article_id, "AR"), (en.article_id, "EN"), (dawn.article_id, "AR2")]
        assert [s.fatalities for s in incident.sources] == [3, 4, 3]
        assert incident.fatalities == 3 and incident.event_date == TUE
        assert incident.place_name == "Al Mayādīn" and incident.country_code == "SY"
        for s, text in zip(incident.sources, (AR_STRIKE, EN_STRIKE, AR_DAWN)):
            assert text[s.start:s.end] == s.evidence


@pytest.mark.parametrize("miss", sorted(NEAR_MISSES))
def test_add_article_keeps_near_misses_apart(store_url: str, miss: str) -> None:
    text, published = NEAR_MISSES[miss]
    with open_store(store_url) as store:
        store.add_article(US_STRIKE, published=WED)
        store.add_article(text, published=published)
        incidents = store.incidents()
        assert len(incidents) == 2 and all(i.sources_count == 1 for i in incidents), miss


def test_parallel_ingest_merges_like_one_process(store_url: str, tmp_path: Path) -> None:
    from map_app.ingest import ingest_paths

    articles = [(AR_STRIKE, TUE), (AR_DAWN, WED), NEAR_MISSES["another town 49 km away"],
                NEAR_MISSES["another event type"], NEAR_MISSES["a toll of 60 against 5"],
                (EN_MARKET, WED)]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps({"text": text, "published": day.isoformat(),
                                          "url": f"https://example.org/{n}"}, ensure_ascii=False)
                              for n, (text, day) in enumerate(articles)), encoding="utf-8")
    grouped = []
    for workers, url in ((2, store_url), (0, str(tmp_path / "one_process.sqlite"))):
        with open_store(url) as store:
            report = ingest_paths(store, [feed], workers=workers, batch_size=1)
            assert report.added == len(articles) and not report.failed
            grouped.append(sorted(sorted(int(s.url.rsplit("/", 1)[1]) for s in i.sources)
                                  for i in store.incidents()))
    assert grouped[0] == grouped[1] == [[0, 1], [2], [3], [4, 5]]
