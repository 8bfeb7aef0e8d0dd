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

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)

BASE_POLICY = ("default-src 'self'", "img-src 'self' data:", "style-src 'self' 'unsafe-inline'", "font-src 'self' data:",
               "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-src 'none'")


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' for every inline script a browser would run, in page order, without repeats."""
    hashes: list[str] = []
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if re.search(r"\bsrc\s*=", attrs, re.IGNORECASE) or (kind and kind.group(1).lower() not in _EXECUTABLE_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


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
