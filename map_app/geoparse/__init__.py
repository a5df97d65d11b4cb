"""Text → place mentions → resolved places → incidents.

`recognize` finds names, `resolve` picks their places, `incidents/` codes the
events; `pipeline.Geoparser` runs them in order over a `document.Document`.

The names below are loaded on first use (PEP 562), so that a layer needing one
small module (the exports' ACLED tables, the store's merging rules) does not
load the whole parser with it.
"""
from importlib import import_module

_EXPORTS = {"Document": "document", "Incident": "document", "Mention": "document",
            "Sentence": "document", "Geoparser": "pipeline", "default_geoparser": "pipeline",
            "parse": "pipeline"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
