"""Text → place mentions → resolved places → incidents.

`recognize` finds names, `resolve` picks their places, `incidents/` codes the
events; `pipeline.Geoparser` runs them in order over a `document.Document`.

The names below are loaded on first use (PEP 562), so that a layer needing one
small module (the exports' ACLED tables, the store's merging rules) does not
load the whole parser with it.
"""
from map_app.lazy import lazy_names

_EXPORTS = {"Document": "document", "Incident": "document", "Mention": "document",
            "Sentence": "document", "Geoparser": "pipeline", "default_geoparser": "pipeline",
            "parse": "pipeline"}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_names(__name__, globals(), _EXPORTS)
