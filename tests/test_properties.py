"""Properties that must hold for any input (Hypothesis), not just for the cases we thought of."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from builder.catalog.links import find_active_html, find_unsafe_links
from builder.catalog.load import load_catalog
from builder.core.problems import ContentError
from builder.core.text import slugify
from builder.render.sanitize import sanitize_html

from .conftest import REPO, VALID_CAMPAIGN

TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # none, huyền, sắc, hỏi, ngã, nặng
ONSETS = ["", "h", "kh", "th", "ng", "qu", "tr", "đ", "Đ", "x", "l"]
PAIRS = ["oa", "oe", "uy"]  # where old and new spelling put the tone on different letters


@st.composite
def syllable_pair(draw: st.DrawFn) -> tuple[str, str]:
    """The same syllable with the tone on the first vowel ("hòa") and on the second ("hoà")."""
    onset, pair, tone = draw(st.sampled_from(ONSETS)), draw(st.sampled_from(PAIRS)), draw(st.sampled_from(TONES))
    coda = draw(st.sampled_from(["", "n", "ng", "t", "c"]))
    old = onset + pair[0] + tone + pair[1] + coda
    new = onset + pair + tone + coda
    return unicodedata.normalize("NFC", old), unicodedata.normalize("NFC", new)


@given(st.text())
def test_slugs_are_url_safe(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"([a-z0-9]+(-[a-z0-9]+)*)?", slug)


@given(st.text())
def test_slugs_ignore_unicode_normalization(text: str) -> None:
    assert slugify(unicodedata.normalize("NFD", text)) == slugify(unicodedata.normalize("NFC", text))


@given(st.lists(syllable_pair(), min_size=1, max_size=5), st.sampled_from([" ", "-", "  "]))
def test_slugs_ignore_tone_placement(pairs: list[tuple[str, str]], separator: str) -> None:
    old = separator.join(a for a, _ in pairs)
    new = separator.join(b for _, b in pairs)
    assert slugify(old) == slugify(new) == slugify(unicodedata.normalize("NFD", new))


HOSTILE = ["<script>", "</script>", "<img src=x onerror=alert(1)>", "{: onclick=\"x()\" }", "[a](javascript:x)",
           "<a href=\"jav&#x09;ascript:x\">", "<iframe src=//a.vn>", "<svg onload=x>", "java", "script:", "&#x6A;",
           "<", ">", "\"", "'", "\n", "\n\n", "*", "`", "[", "]", "(", ")", "{:", "}", "on", "click=", "đ", "Hòa", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=5)), max_size=40).map("".join))
def test_rendering_arbitrary_text_never_yields_script(text: str) -> None:
    html = sanitize_html(markdown.markdown(text, extensions=["attr_list", "tables", "sane_lists", "toc"]))
    tags = _Tags()
    tags.feed(html)  # what a browser builds from the output, not the escaped text inside it
    assert not {"script", "iframe", "svg", "object", "embed", "frame", "base", "form"} & {t for t, _ in tags.found}
    for tag, attrs in tags.found:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        for key in ("href", "src", "action", "formaction"):
            value = re.sub(r"[\x00-\x20]", "", attrs.get(key) or "").lower()
            assert not value.startswith(("javascript:", "vbscript:", "data:")), (tag, attrs)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=5)), max_size=40).map("".join))
def test_source_checks_report_positions_inside_the_text(text: str) -> None:
    lines = text.split("\n")
    for line, col, _ in find_unsafe_links(text) + find_active_html(text):
        assert 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]) + 1


YAML_PIECES = [":", " ", "  ", "\n", "\t", "-", "- ", "[", "]", "{", "}", "&a", "*a", "!!python/name:os.system", "---",
               "'", "\"", "#", "|", ">", "2024-13-01", "yes", "010", "12:30", "title", "period", "end", "đ", "~", "\ufeff",
               "%", "80%", "%YAML 1.1\n", "%TAG ! x\n", "@"]


@st.composite
def mutated_campaign(draw: st.DrawFn) -> str:
    """The valid sample card with a few random edits: how real mistakes look."""
    text = VALID_CAMPAIGN
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 6))
        text = text[:at] + draw(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=3))) + text[at + cut:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_campaign())
def test_loader_returns_a_catalog_or_positioned_problems(text: str) -> None:
    root = Path(tempfile.mkdtemp(prefix="portal-prop-"))
    try:
        (root / "campaigns").mkdir()
        (root / "content").mkdir()
        for name in ("_themes.yml", "_movements.yml", "_localities.yml"):
            shutil.copy(REPO / "campaigns" / name, root / "campaigns" / name)
        (root / "campaigns" / "mau.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            catalog = load_catalog(root, dt.date(2024, 8, 1))
        except ContentError as err:
            event("problems")
            assert err.problems
            for problem in err.problems:
                assert problem.path == "campaigns/mau.yml" and problem.message
                assert problem.line >= 1, problem  # inside the file: editors can jump to it
        else:
            event("valid")
            assert [c.id for c in catalog.campaigns] + [p for p, _ in catalog.hidden] in (["mau"], ["campaigns/mau.yml"])
    finally:
        shutil.rmtree(root)


def _fast_path_text(text: str) -> str:
    """`text` without what sends a document to the Python loader anyway (`yamlload._SLOW_PATH`): every
    generated case is then one libyaml is trusted with, and the two loaders are compared on all of them."""
    from builder.load.yamlload import _SLOW_PATH

    plain = re.sub(r"[&*\t|>\ufeff%]", "", text)  # every character the pattern looks for, `%` anywhere
    assert not _SLOW_PATH.search(plain)
    return plain


@settings(max_examples=300, deadline=None)
@given(mutated_campaign().map(_fast_path_text))
def test_fast_and_python_yaml_loaders_agree(text: str) -> None:
    """libyaml is used only where it reads exactly like the Python loader the messages come from."""
    import yaml

    from builder.core.problems import Problems
    from builder.load.yamlload import (
        _SLOW_PATH,
        Located,
        _compose,
        _ComposeLoader,
        _convert,
        _FastComposeLoader,
    )

    assert not _SLOW_PATH.search(text)

    def read(compose: Callable[[], Any]) -> tuple[Any, Any, Any] | None:
        try:
            node = compose()
        except yaml.YAMLError:
            return None
        located, problems = Located("x.yml", None), Problems()
        located.data = _convert(node, (), located, problems, 0) if node is not None else None
        return located.data, located.positions, problems.items

    fast = read(lambda: yaml.compose(text, Loader=_FastComposeLoader))
    python = read(lambda: yaml.compose(text, Loader=_ComposeLoader))
    assert not (fast is not None and python is None), "libyaml accepted what the Python loader refuses"
    if fast is not None:
        assert fast == python, "libyaml and the Python loader read this differently"
    # Whichever loader `_compose` takes (libyaml, or the Python loader when libyaml refuses), the build
    # reads what the Python loader reads.
    assert read(lambda: _compose(text)) == python
    event("both read it" if fast is not None else "libyaml refused, the build falls back" if python else "both refused it")


SCRIPT_PARTS = ["<script>", "<SCRIPT type='module'>", "<script src=a.js>", "<script type=\"application/ld+json\">",
                "</script>", "</SCRIPT >", "</script\n>", "<scripts>", "<p>", "x = 1;", "ư", "<", ">"]
# What the policy hashed when it was one expression; `csp._scripts` finds the same elements faster.
REFERENCE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SCRIPT_PARTS), st.text(max_size=4)), max_size=30).map("".join))
def test_the_policy_finds_the_scripts_a_single_expression_finds(html: str) -> None:
    from builder.render.csp import _scripts

    assert list(_scripts(html)) == [(m.group("attrs"), m.group("body")) for m in REFERENCE_SCRIPT.finditer(html)]


URL_PARTS = ["a", "b", "index.html", "x.html", "..", ".", "", "d.e", "#top", "/abs", "https://x.vn/a", "c\u1eadp"]
url_paths = st.lists(st.sampled_from(URL_PARTS), max_size=4).map("/".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), url_paths), url_paths, st.sampled_from(["", ".", "../.."])),
                min_size=1, max_size=25))
def test_the_remembering_url_filter_answers_as_mkdocs_does(calls: list[tuple[str | None, str, str]]) -> None:
    """One filter asked in turn from pages of the same and other folders: every answer is MkDocs' own."""
    from types import SimpleNamespace

    from mkdocs.utils import normalize_url

    from builder.mkdocs_plugin.relative_urls import relative_url_filter

    url = relative_url_filter()
    for page_url, path, base in calls:
        page = None if page_url is None else SimpleNamespace(url=page_url)
        assert url({"page": page, "base_url": base}, path) == normalize_url(path, page=page, base=base)
