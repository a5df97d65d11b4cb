"""Incident extraction following ACLED conventions (Arabic and English).

`extract_incidents(doc)` turns a parsed Document (sentences and resolved
place mentions) into ACLED-style incidents: event type, date with time
precision, location with geo precision, fatalities and actors.
"""
from map_app.incidents.extract import extract_incidents

__all__ = ["extract_incidents"]
