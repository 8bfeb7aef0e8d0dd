"""The theme's `partials/language.html` gives every interface string Material's own would."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
from jinja2 import Environment, FileSystemLoader

from builder.mkdocs_plugin.translations import Translations

from .conftest import REPO

MATERIAL = Path(material.__file__).parent / "templates"


def _keys() -> list[str]:
    """Every key English or Vietnamese defines, and one neither does."""
    text = "".join((MATERIAL / "partials" / "languages" / f"{lang}.html").read_text(encoding="utf-8")
                   for lang in ("en", "vi"))
    return sorted(set(re.findall(r'^\s*"([\w.]+)":', text, re.MULTILINE))) + ["khong.co.khoa.nay"]


def _t(loaders: list[str], language: str, key: str, **globals_: object) -> str:
    """`lang.t(key)` as base.html calls it: language.html imported with context."""
    env = Environment(loader=FileSystemLoader(loaders))
    env.globals.update(globals_)
    template = env.from_string('{% import "partials/language.html" as lang with context %}{{ lang.t(key) }}')
    return template.render(config={"theme": {"language": language}}, key=key)


@pytest.mark.parametrize("language", ["vi", "en", "fr"])
def test_every_string_is_materials(language: str) -> None:
    ours_env = Environment(loader=FileSystemLoader([str(REPO / "theme"), str(MATERIAL)]))
    portal_t = Translations(ours_env, language)
    keys = _keys()
    assert len(keys) > 50
    for key in keys:
        theirs = _t([str(MATERIAL)], language, key)
        assert _t([str(REPO / "theme"), str(MATERIAL)], language, key, portal_t=portal_t) == theirs, key
    assert portal_t("khong.co.khoa.nay") == "khong.co.khoa.nay"  # neither language has it: the key, as Material
    assert _t([str(MATERIAL)], "vi", "search.placeholder") != _t([str(MATERIAL)], "en", "search.placeholder")
