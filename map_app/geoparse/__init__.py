"""Text → place mentions → resolved places → incidents.

`recognize` finds names, `resolve` picks their places, `incidents/` codes the
events; `pipeline.Geoparser` runs them in order over a `document.Document`.
"""
from map_app.geoparse.document import Document, Incident, Mention, Sentence
from map_app.geoparse.pipeline import Geoparser, default_geoparser, parse

__all__ = ["Document", "Geoparser", "Incident", "Mention", "Sentence", "default_geoparser", "parse"]
