"""A Content-Security-Policy for every page, as a `<meta>` tag with the hashes of its inline scripts.

Pipeline step (render). Content is sanitized and checked before it is rendered; the
policy is the second wall: even if markup slipped through, a browser would run no
script but the site's own files and the few inline scripts the theme writes (whose
text varies with the page's depth, so each page carries its own hashes). Pagefind
compiles its WebAssembly at run time, hence 'wasm-unsafe-eval'; the timeline and
charts position bars with style attributes, hence 'unsafe-inline' for styles only.
A meta tag cannot set frame-ancestors; hosts that can send headers should add it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator

# An opening tag and the first closing tag after it, looked for apart: a lazy `(.*?)</script>`
# tested every character of a page's JSON-LD and configuration for the end, and scanning
# with IGNORECASE cannot skip ahead to a `<`. Half of the policy's time, 0.25 s at 10,000 pages.
_OPEN = re.compile(r"<(?i:script)\b([^>]*)>")
_CLOSE = re.compile(r"</(?i:script)\s*>")
_EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)

BASE_POLICY = ("default-src 'self'", "img-src 'self' data:", "style-src 'self' 'unsafe-inline'", "font-src 'self' data:",
               "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-src 'none'")


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' for every inline script a browser would run, in page order, without repeats."""
    hashes: list[str] = []
    for attrs, body in _scripts(html):
        kind = _TYPE.search(attrs)
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE) or (kind and kind.group(1).lower() not in _EXECUTABLE_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def _scripts(html: str) -> Iterator[tuple[str, str]]:
    """(attributes, text) of every `<script>` element, in page order; one left open ends the list."""
    position = 0
    while (opening := _OPEN.search(html, position)) is not None:
        closing = _CLOSE.search(html, opening.end())
        if closing is None:
            return
        yield opening.group(1), html[opening.end():closing.start()]
        position = closing.end()


def policy(html: str) -> str:
    scripts = " ".join(["script-src 'self' 'wasm-unsafe-eval'", *inline_script_hashes(html)])
    return "; ".join([BASE_POLICY[0], scripts, *BASE_POLICY[1:]])


def with_policy(html: str) -> str:
    """The page with its policy as the first thing after `<meta charset>`, before any script runs."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    match = _CHARSET.search(html)
    if match is None:
        return html.replace("<head>", "<head>" + tag, 1)
    return html[:match.end()] + "\n    " + tag + html[match.end():]
