"""Material's shared blocks are reused only between pages whose copies would be identical."""

from __future__ import annotations

from types import SimpleNamespace

from builder.render.fragments import FragmentCache


def _page(url: str, hide: tuple[str, ...] = ()) -> SimpleNamespace:
    return SimpleNamespace(url=url, meta={"hide": list(hide)}, previous_page=None, next_page=None)


def test_a_block_is_rendered_once_per_folder_and_place_in_the_navigation() -> None:
    calls: list[str] = []
    home, about = _page("index.html"), _page("about.html")
    nav = SimpleNamespace(pages=[home, about])
    cache = FragmentCache()

    def render(page: SimpleNamespace) -> str:
        return cache("tabs", page, nav, caller=lambda: calls.append(page.url) or f"tabs for {page.url}")

    a, b = _page("campaigns/a.html", ("navigation",)), _page("campaigns/b.html", ("navigation",))
    assert render(a) == render(b) == "tabs for campaigns/a.html"  # same folder, neither in the nav
    assert render(_page("themes/x.html", ("navigation",))) == "tabs for themes/x.html"  # other folder: other links
    assert render(_page("campaigns/c.html")) == "tabs for campaigns/c.html"  # hides nothing: other attributes
    assert render(home) == "tabs for index.html" and render(about) == "tabs for about.html"  # active tab differs
    assert calls == ["campaigns/a.html", "themes/x.html", "campaigns/c.html", "index.html", "about.html"]
    assert cache("tabs", None, nav, caller=lambda: "404") == "404"  # theme templates without a page are not cached


def test_neighbours_are_part_of_the_key() -> None:
    cache = FragmentCache()
    first, second = _page("campaigns/a.html"), _page("campaigns/b.html")
    second.previous_page = first
    assert cache("footer", first, None, caller=lambda: "one") == "one"
    assert cache("footer", second, None, caller=lambda: "two") == "two"


def test_extra_parts_of_the_key_separate_menus_and_unhashable_ones_are_not_cached() -> None:
    cache = FragmentCache()
    page = _page("localities/a.html")
    assert cache("filters", page, None, ("Hà Nội", True), caller=lambda: "A current") == "A current"
    assert cache("filters", _page("localities/b.html"), None, ("Hà Nội", True), caller=lambda: "x") == "A current"
    assert cache("filters", page, None, ("Hà Nội", False), caller=lambda: "none current") == "none current"
    assert cache("filters", page, None, ["list"], caller=lambda: "one") == "one"
    assert cache("filters", page, None, ["list"], caller=lambda: "two") == "two"
