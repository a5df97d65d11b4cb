"""Re-geoparse stored articles with the current gazetteer (``map_app reparse``).

When the gazetteer changes (a rebuilt index, places an analyst added to the
user layer), articles stored earlier keep the places and incidents their first
parse gave.  `reparse` parses each stored article again with the store's parser
(`map_app.parse` by default, which opens the current gazetteer) and, per
article, in one transaction:

- replaces its place mentions;
- takes its reports out of the incidents nobody has touched: an incident only
  it reported is deleted, a merged one loses that source and is recomputed from
  the others' reports (`sources.detach`);
- keeps the incidents an analyst touched (reviewed, or with an audit entry such
  as a split) exactly as they are, the article still listed as their source;
- stores the new reports the usual way, merging across articles
  (`documents.write_incidents`); a new report of an event a kept incident holds
  (the same event as the kept incident or as the article's old report in it, or
  the same sentence with the same event type) is not stored twice.

Articles are read and parsed `batch` at a time (keyset by id), so memory stays
flat whatever the store's size; an article the parser fails on is reported
and left as it was.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable

from map_app.store import documents, sources
from map_app.store.merging import state_from_report
from map_app.store.sql import coerce_date, iso, to_date

#: Articles parsed, then written in one transaction, at a time.
BATCH = 32


@dataclass
class ReparseReport:
    articles: int = 0
    #: Incidents that lost this article's report: deleted (it was their only source) or
    #: recomputed from their other sources.
    removed: int = 0
    recomputed: int = 0
    #: Incidents an analyst touched, kept as they were.
    kept: int = 0
    #: Events the new parses gave (new incidents or merged into stored ones).
    events: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (f"re-parsed {self.articles} article(s): {self.events} event(s); "
                f"{self.removed} old incident(s) replaced, {self.recomputed} merged incident(s) "
                f"recomputed, {self.kept} reviewed incident(s) kept"
                + (f"; {len(self.failed)} article(s) failed" if self.failed else ""))


def reparse(store: Any, *, since: date | str | None = None, until: date | str | None = None,
            batch: int = BATCH, progress: Callable[[ReparseReport], None] | None = None
            ) -> ReparseReport:
    """Re-parse the stored articles published in [since, until] (all without bounds; an
    article without a publication date only when neither bound is given)."""
    since, until = coerce_date(since, "since"), coerce_date(until, "until")
    clauses, params = ["id > ?"], []
    if since is not None:
        clauses.append("published >= ?")
        params.append(iso(since))
    if until is not None:
        clauses.append("published <= ?")
        params.append(iso(until))
    report = ReparseReport()
    last = 0
    while True:
        with store._read() as c:
            rows = c.run("SELECT id, text, published, url, title, source, demo FROM articles "
                         f"WHERE {' AND '.join(clauses)} ORDER BY id LIMIT ?",
                         (last, *params, batch)).fetchall()
        if not rows:
            return report
        last = rows[-1][0]
        ready = []
        for row in rows:
            try:
                doc = store._parse(row[1], to_date(row[2]), row[5])
                ready.append((row, documents.prepare(doc)))
            except Exception as exc:  # noqa: BLE001 - one bad article never stops the run
                report.failed.append((row[0], f"{type(exc).__name__}: {exc}"))
        with store._write(bump=True) as c:
            ids = itertools.count(store._next_id(c))
            for row, prepared in ready:
                replace_article(c, row, prepared, ids.__next__, report)
        if progress is not None:
            progress(report)


def replace_article(c: Any, row: tuple, prepared: documents.PreparedDocument,
                    next_id: Callable[[], int], report: ReparseReport) -> None:
    """Replace one article's mentions and unreviewed reports (see the module docstring)."""
    article_id, _, published, url, title, source, demo = row
    pub = iso(to_date(published))
    held = c.run(
        "SELECT i.id, i.reviewed OR EXISTS (SELECT 1 FROM reviews r WHERE r.incident_id = i.id), "
        "(SELECT count(*) FROM incident_sources t WHERE t.incident_id = i.id), s.report "
        "FROM incident_sources s JOIN incidents i ON i.id = s.incident_id "
        "WHERE s.article_id = ? ORDER BY i.id", (article_id,)).fetchall()
    own: documents.Own = {}
    for iid, touched, count, old in held:
        if touched:
            own[iid] = (sources.load_state(c, iid), state_from_report(old)[0] if old else None)
            report.kept += 1
        elif count == 1:
            c.run("DELETE FROM incidents WHERE id = ?", (iid,))
            report.removed += 1
        else:
            sources.detach(c, iid, article_id)
            report.recomputed += 1
    c.run("DELETE FROM mentions WHERE article_id = ?", (article_id,))
    documents.write_mentions(c, article_id, prepared, pub)
    c.run("UPDATE articles SET lang = ? WHERE id = ?", (prepared.lang, article_id))
    report.events += documents.write_incidents(
        c, article_id, prepared, next_id, published=pub, url=url, title=title, source=source,
        demo=bool(demo), own=own)
    report.articles += 1
