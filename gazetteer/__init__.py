"""Offline Arabic/English gazetteer: which places can this name mean?

    >>> from gazetteer import Gazetteer
    >>> g = Gazetteer.open()
    >>> g.lookup("البو كمال")[0].name
    'Ālbū Kamāl'
"""
from .index import Gazetteer, IndexMissing, ReverseResult, default_index_dir
from .normalize import name_key
from .place import KINDS, Place

__all__ = ["Gazetteer", "IndexMissing", "Place", "ReverseResult", "KINDS", "default_index_dir", "name_key"]
