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
"""
from map_app.geoparse.incidents.actors import actor_names, find_actors
from map_app.geoparse.incidents.dates import DateMention, find_dates
from map_app.geoparse.incidents.extract import extract_incidents
from map_app.geoparse.incidents.fatalities import count_fatalities
from map_app.geoparse.incidents.layout import analyse_layout
from map_app.geoparse.incidents.locate import choose_location
from map_app.geoparse.incidents.merge import same_event
from map_app.geoparse.incidents.taxonomy import EVENT_TYPES, classify

__all__ = ["EVENT_TYPES", "DateMention", "actor_names", "analyse_layout", "choose_location", "classify",
           "count_fatalities", "extract_incidents", "find_actors", "find_dates", "same_event"]
