"""A long reading must not keep what it has closed: widgets, and their render caches (Textual 8.2.8 leaks)."""

from __future__ import annotations

import gc

from textual._styles_cache import StylesCache
from textual.widget import Widget


def detached_widgets() -> list[str]:
    gc.collect()
    return sorted(type(o).__name__ for o in gc.get_objects() if isinstance(o, Widget) and not o.is_attached)


async def test_closed_screens_and_rebuilt_footers_are_let_go(make_app) -> None:
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(4):
            for keys in (("h", "escape"), ("g", "escape"), ("f1", "escape"), ("p", "p"), ("1", "b")):
                await pilot.press(*keys)
                await pilot.pause()
        await pilot.pause()
        assert detached_widgets() == []


async def test_render_caches_go_with_their_widgets(make_app) -> None:
    """Textual 8.2.8 kept 1,024 StylesCaches (and every line they drew) in an lru_cache; see textual_fixes."""
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(10):
            for keys in (("p", "p"), ("h", "escape"), ("1", "b")):
                await pilot.press(*keys)
                await pilot.pause()
        gc.collect()
        widgets = sum(1 for o in gc.get_objects() if isinstance(o, Widget))
        caches = sum(1 for o in gc.get_objects() if isinstance(o, StylesCache))
        assert caches <= widgets


async def test_garbage_is_collected_once_after_each_move(make_app, monkeypatch) -> None:
    """While the reader reads the new scene, so that Python's own full collections, which took
    about 60 ms, stop landing between a choice and the next scene."""
    collections: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(1) or 0)
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        opened = len(collections)  # the reading screen's first showing may collect too
        await pilot.press("1")
        await pilot.pause(0.2)
        assert len(collections) == opened + 1
        await pilot.press("b")
        await pilot.pause(0.2)
        assert len(collections) == opened + 2


async def test_garbage_is_collected_when_a_screen_closes(make_app, monkeypatch) -> None:
    """The closed screen's widgets are garbage (they refer to each other): freed before the next opens."""
    collections: list[int] = []
    app = make_app(fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.2)
        monkeypatch.setattr(gc, "collect", lambda *args: collections.append(1) or 0)
        await pilot.press("h")
        await pilot.pause(0.2)
        assert not collections
        await pilot.press("escape")
        await pilot.pause(0.2)
        assert len(collections) == 1


def test_an_empty_fifo_cache_holds_no_dict_of_its_own_and_behaves_as_before() -> None:
    """textual_fixes shares one read-only empty mapping among empty FIFOCaches (seven per drawn line)."""
    from textual.cache import FIFOCache
    from textual.strip import Strip

    import engine.tui.app  # noqa: F401  (applies textual_fixes)

    one, two = Strip([]), Strip([])
    assert one._crop_cache._cache is two._style_cache._cache  # nothing of their own yet
    cache: FIFOCache[str, int] = FIFOCache(2)
    assert cache.get("a") is None and "a" not in cache and not cache and len(cache) == 0
    cache["a"] = 1
    cache.set("b", 2)
    cache.set("c", 3)  # the first in goes first
    assert list(cache.keys()) == ["b", "c"] and cache["c"] == 3 and cache.get("a", 0) == 0
    assert (cache.hits, cache.misses) == (1, 2)
    assert FIFOCache(2).get("b") is None  # another cache saw none of it
    cache.clear()
    assert len(cache) == 0 and cache.get("b") is None
    cache.set("d", 4)
    assert cache.get("d") == 4 and FIFOCache(2).get("d") is None
