"""Material's interface strings, looked up once per build instead of once per use.

Adapter side (render). Material's `partials/language.html` defines `t(key)` as
`lang.t(key) or fallback.t(key) or key`, and each language file's `t` builds that
language's whole table, a dict literal of about 80 strings, for every lookup;
`base.html` imports it with context on every page. On a national portal that was 4%
of the main process. `theme/partials/language.html` calls `portal_t` instead, which
asks Material's own language files once per key and build.
"""

from __future__ import annotations

from jinja2 import Environment


class Translations:
    """The Jinja global `portal_t`: Material's `t(key)`, memoised for one build."""

    def __init__(self, env: Environment, language: str) -> None:
        self._lang = env.get_template(f"partials/languages/{language}.html").module
        self._fallback = env.get_template("partials/languages/en.html").module
        self._texts: dict[str, str] = {}

    def __call__(self, key: str) -> str:
        text = self._texts.get(key)
        if text is None:  # the language's string, else English, else the key: as Material's t()
            text = self._texts[key] = str(self._lang.t(key) or self._fallback.t(key) or key)  # type: ignore[attr-defined]
        return text
