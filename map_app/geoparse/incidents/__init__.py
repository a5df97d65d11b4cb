"""Incident extraction following ACLED conventions (Arabic and English).

`extract_incidents(doc)` turns a parsed Document (sentences and resolved
place mentions) into ACLED-style incidents: event type, date with time
precision, location with geo precision, fatalities, ACLED's actor model
(actor1/actor2, associates, inter codes, interaction, civilian targeting),
disorder type, evidence spans and review flags.  The parts are usable on
their own: `classify` (event type of a sentence), `find_dates`,
`count_fatalities`, `find_actors`, `choose_location`, `analyse_layout`
(headline, dateline, caption ... of each sentence) and `same_event` (two
reports of one event, for merging across articles and languages).

The names below are loaded on first use (PEP 562): a layer needing one small
module (the exports' ACLED tables) does not load the whole extractor with it.
"""
from map_app.lazy import lazy_names

_EXPORTS = {"actor_names": "actors", "find_actors": "actors", "DateMention": "dates",
            "find_dates": "dates", "extract_incidents": "extract",
            "count_fatalities": "fatalities", "analyse_layout": "layout",
            "choose_location": "locate", "same_event": "merge", "EVENT_TYPES": "taxonomy",
            "classify": "taxonomy"}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_names(__name__, globals(), _EXPORTS)
