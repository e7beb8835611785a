"""Changes to Textual 8.2.8 that cannot be made by subclassing: a repair, and a saving of memory.

Each first checks that Textual still has the shape it was written for, and
does nothing otherwise.
"""

from __future__ import annotations

from functools import lru_cache
from types import MappingProxyType
from typing import Any

from textual._styles_cache import StylesCache
from textual.cache import FIFOCache

NO_ENTRIES: MappingProxyType[Any, Any] = MappingProxyType({})
"""What an empty FIFOCache holds until its first entry: one read-only mapping for all of them."""


def apply() -> None:
    """Apply every change once (the app module calls this on import)."""
    _styles_cache_keeps_widgets()
    _empty_caches_share_nothing()


def _styles_cache_keeps_widgets() -> None:
    """Stop ``StylesCache.get_inner_outer`` keeping 1,024 dead widgets' render caches alive.

    It is an ``lru_cache`` on an instance method (meant as a classmethod), so the
    cache keys hold every widget's StylesCache, and with it every line that widget
    rendered, long after the widget is gone: each footer rebuild, panel fold or
    closed screen added some, about 12 MiB over one reading.  The cached function
    never reads its first argument, so caching it on the class gives the same results.
    https://github.com/Textualize/textual/issues/6665
    """
    method = StylesCache.__dict__.get("get_inner_outer")
    wrapped = getattr(method, "__wrapped__", None)
    if isinstance(method, classmethod) or wrapped is None:
        return
    StylesCache.get_inner_outer = classmethod(lru_cache(1024)(wrapped))  # type: ignore[method-assign, assignment]


def _empty_caches_share_nothing() -> None:
    """Give a FIFOCache its own dict only when it is first given an entry.

    Every line Textual draws is a Strip with seven FIFOCaches (crops, styles,
    divisions…), and each cache made an empty dict at once; most are never used.
    Over a reading that was about 1 MiB of empty dicts, a fifth of what the reader
    adds to a bare Textual app (measured with ``benchmarks/tui_budget.py``).  An
    empty cache now holds ``NO_ENTRIES``, read-only, so nothing can be stored in
    the shared mapping by mistake; reads behave exactly as on an empty dict.
    """
    if (FIFOCache.__slots__ != ["_maxsize", "_cache", "hits", "misses"]
            or FIFOCache.__dict__.get("__setitem__") is not FIFOCache.__dict__.get("set")):
        return
    store = FIFOCache.set

    def __init__(self: FIFOCache[Any, Any], maxsize: int) -> None:
        self._maxsize = maxsize
        self._cache = NO_ENTRIES  # type: ignore[assignment]
        self.hits = 0
        self.misses = 0

    def set(self: FIFOCache[Any, Any], key: Any, value: Any) -> None:
        if self._cache is NO_ENTRIES:
            self._cache = {}
        store(self, key, value)

    def clear(self: FIFOCache[Any, Any]) -> None:
        self._cache = NO_ENTRIES  # type: ignore[assignment]

    FIFOCache.__init__ = __init__  # type: ignore[method-assign]
    FIFOCache.set = FIFOCache.__setitem__ = set  # type: ignore[method-assign]
    FIFOCache.clear = clear  # type: ignore[method-assign]
