"""Incident extraction following ACLED conventions (Arabic and English).

`extract_incidents(doc)` turns a parsed Document (sentences and resolved
place mentions) into ACLED-style incidents: event type, date with time
precision, location with geo precision, fatalities and actors.  The parts
are usable on their own: `classify` (event type of a sentence), `find_dates`,
`count_fatalities`, `find_actors`, `choose_location`.
"""
from map_app.geoparse.incidents.actors import actor_names, find_actors
from map_app.geoparse.incidents.dates import DateMention, find_dates
from map_app.geoparse.incidents.extract import extract_incidents
from map_app.geoparse.incidents.fatalities import count_fatalities
from map_app.geoparse.incidents.locate import choose_location
from map_app.geoparse.incidents.taxonomy import EVENT_TYPES, classify

__all__ = ["EVENT_TYPES", "DateMention", "actor_names", "choose_location", "classify", "count_fatalities",
           "extract_incidents", "find_actors", "find_dates"]
