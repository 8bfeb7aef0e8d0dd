"""Namespaced Jinja filters (portal_*) for any engine rendering our templates: one place for display formats."""

from __future__ import annotations

import datetime as dt
from typing import Any

import markdown
from jinja2 import Environment
from markupsafe import Markup

from builder.core.dates import PartialDate, display_day
from builder.render.sanitize import sanitize_html


def portal_date(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, PartialDate):
        return value.display()
    if isinstance(value, dt.date):
        return display_day(value)
    return str(value)


def portal_iso(value: Any) -> str:
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, dt.date):
        return value.isoformat()
    return ""


def portal_docdate(value: PartialDate | None) -> str:
    return value.document_style() if value else ""


def portal_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def portal_markdown(text: str | None) -> Markup:
    """Short Markdown from a YAML field (results.summary), rendered and sanitized like page bodies."""
    if not text:
        return Markup("")
    return Markup(sanitize_html(markdown.markdown(text, extensions=["sane_lists", "tables"])))


def portal_sentence(text: str) -> str:
    """A phrase quoted from a document ("toàn thể cán bộ...") shown on its own: first letter capital, the rest as written
    (Jinja's `capitalize` would lower-case "Nhân dân" and "UBND")."""
    return text[:1].upper() + text[1:]


def register(env: Environment) -> None:
    env.filters.update({
        "portal_date": portal_date,
        "portal_iso": portal_iso,
        "portal_docdate": portal_docdate,
        "portal_size": portal_size,
        "portal_markdown": portal_markdown,
        "portal_sentence": portal_sentence,
    })
