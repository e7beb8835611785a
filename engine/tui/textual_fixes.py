"""Repairs to Textual 8.2.8 that cannot be made by subclassing; each names its upstream issue.

Each repair first checks that the bug is still there in the shape it was
written for, and does nothing otherwise.
"""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache


def apply() -> None:
    """Apply every repair once (the app module calls this on import)."""
    _styles_cache_keeps_widgets()


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
