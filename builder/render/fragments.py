"""Render each piece of Material's layout once per place in the site, not once per page.

Pipeline step (render). On a portal of 15,000 pages Material renders the same tabs,
navigation drawer, footer and script configuration 15,000 times: 10% of a build.
Those pieces depend only on the page's folder (links are relative), on where the
page sits in the navigation (the active tab), on what its front matter hides and on
its neighbours; every generated page of one folder shares all four. `main.html`
wraps those blocks in `{% call portal_fragment(name, page, nav) %}`: the first page
of a kind renders the block, the rest reuse the text. One cache per build; a page
whose block reads its own table of contents is never wrapped. Our own templates use
it too for the filter menus of listings, passing the menu itself (frozen dataclasses,
so hashable) as the rest of the key: 2,000 commune pages share one menu.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _url(item: Any) -> str:
    return str(getattr(item, "url", "")) if item is not None else ""


class FragmentCache:
    """The Jinja global `portal_fragment`: `caller()`'s text, memoised on the page's place in the site."""

    def __init__(self) -> None:
        self._texts: dict[tuple[str, ...], str] = {}

    def __call__(self, name: str, page: Any, nav: Any, *extra: Any, caller: Callable[[], str]) -> str:
        """`extra`: whatever else the block shows, as hashable values; unhashable values disable the cache."""
        if page is None or not hasattr(page, "url"):  # theme templates such as 404.html: render as they are
            return caller()
        url = str(page.url)
        in_nav = any(item is page for item in getattr(nav, "pages", ()))
        meta = getattr(page, "meta", None) or {}
        key = (name, url.rpartition("/")[0], url if in_nav else "", repr(meta.get("hide", ())),
               _url(getattr(page, "previous_page", None)), _url(getattr(page, "next_page", None)), *extra)
        try:
            text = self._texts.get(key)
        except TypeError:  # an unhashable part: render, do not keep
            return caller()
        if text is None:
            text = self._texts[key] = caller()
        return text
