"""MkDocs' `url` template filter, remembering each answer for the folder it was asked from.

Every link a template writes goes through `url`, which makes the address relative to the
page being rendered: about 40 a page (navigation, cards, photo sizes), 1.9 s of a
10,000-page build, most of it `get_relative_url` splitting and comparing the same paths
again. Its answer depends only on the address asked for and the folder of the page
asking (MkDocs drops a last part that has a dot, the file name), and pages of one folder
ask for the same addresses: the site's sections, the campaigns a listing shows. So each
(address, folder) is worked out once, by MkDocs' own `normalize_url`, and looked up after.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from mkdocs.utils import normalize_url


def _folder(page_url: str) -> str:
    """What `get_relative_url` compares against: the page's address without a file name."""
    folder, _, last = page_url.rpartition("/")
    return folder if "." in last else page_url


def relative_url_filter() -> Callable[[Context, Any], str]:
    """A `url` filter with its own memory; one per Jinja environment (MkDocs makes one per build)."""
    known: dict[tuple[str, str | None, str], str] = {}

    @pass_context
    def url(context: Context, value: Any) -> str:
        path, page = str(value), context["page"]
        # Without a page (404.html and other static templates) the answer is joined to base_url instead.
        key = (path, None, context["base_url"]) if page is None else (path, _folder(page.url), "")
        answer = known.get(key)
        if answer is None:
            answer = known[key] = normalize_url(path, page=page, base=context["base_url"])
        return answer

    return url
