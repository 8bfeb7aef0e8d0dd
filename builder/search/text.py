"""What the search index reads: Vietnamese text folded to plain letters, plus exact forms.

Pipeline step (pages → outputs), used by `search_records`. Why the index does not
read the text as written:

- Pagefind 1.5 folds tones itself, but files every accented word as a "variant"
  of its folded form and sizes its index chunks by the unaccented occurrences
  only. Vietnamese is nearly all accented, so chunks grew to 0.9 MB and the first
  query for "thi đua" on a 10,000-page portal downloaded 1.1 MB. Text folded here
  ("thi đua" → "thi dua", with "đ" → "d", which Pagefind does not unmarked) is counted
  correctly: chunks of 20-100 KB (223 KB for that query, fragments included).
- A query typed with diacritics should rank exact matches first ("bán" before
  "ban", "bạn"). Each record therefore also carries, once each, the exact forms of
  the accented words of its opening (the positional words, below) as tokens that
  no typed word starts with (`exact_token`); the search page looks them up for
  the accented words of a query. Tokens for every word of every full text cost a
  third of the index build at 10,000 records; the opening (card fields, then the
  first words of the text) is where a reader's exact spelling decides the rank.
- Pagefind's own excerpts would show the folded text. The record keeps the
  original words in its metadata, word for word with the folded text, and the
  search page builds excerpts from them (theme/assets/search.js mirrors the
  functions here; tests check that both agree).
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import chain

EXACT_PREFIX = "qq"  # no Vietnamese or English word starts with it, so no typed word matches by prefix
EXACT_END = "q"  # keeps "bán" from matching "bánh" as a prefix
# Vietnamese marks as digits (the VNI convention): tones, written after the word so that
# "Hoà" and "Hòa" (two tone placements in use) give one token; then the letter shapes
# (â ê ô, ơ ư, ă), written after their letter; "đ" is "d9".
_TONE_CODES = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_SHAPE_CODES = {"\u0302": "6", "\u031b": "7", "\u0306": "8"}
_SEGMENT = re.compile(r"[^\W_]+")
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")


# Nonspacing marks (Unicode category Mn), as search.js's /\p{Mn}/u.
_MARKS = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x300, 0x10000)
                                  if not 0xD800 <= c <= 0xDFFF and unicodedata.category(chr(c)) == "Mn") + "]")


def unmarked(text: str) -> str:
    """`text` without tones and marks, "đ" as "d": NFD, nonspacing marks dropped (as search.js does)."""
    return _MARKS.sub("", unicodedata.normalize("NFD", text)).replace("đ", "d").replace("Đ", "D")


def exact_token(segment: str) -> str:
    """The index token of one accented word as written: "bán" → "qqban1q", "Đồng" → "qqd9o6ng2q"."""
    out, tones = [], []
    for ch in unicodedata.normalize("NFD", unicodedata.normalize("NFC", segment).lower()):
        if ch in _TONE_CODES:
            tones.append(_TONE_CODES[ch])
        elif ch in _SHAPE_CODES:
            out.append(_SHAPE_CODES[ch])
        elif ch == "đ":
            out.append("d9")
        elif ch.isalnum():
            out.append(ch)
    return EXACT_PREFIX + "".join(out) + "".join(tones) + EXACT_END


def exact_tokens(text: str) -> list[str]:
    """Exact tokens of the accented words in `text`, each once, in order of appearance."""
    return _tokens_of(text.split())


def _tokens_of(words: list[str]) -> list[str]:
    return list(dict.fromkeys(chain.from_iterable(map(_word_tokens, dict.fromkeys(words)))))


@functools.lru_cache(maxsize=65536)
def _accented_token(segment: str) -> str:
    """`exact_token(segment)`, or "" when the word has no marks; a portal has a few thousand distinct words."""
    return exact_token(segment) if unmarked(segment) != segment else ""


@dataclass(frozen=True)
class Block:
    """One paragraph, list item, cell or heading of a record, as plain text."""

    text: str
    weight: int = 0  # Pagefind element weight; 0 = ordinary text (1)
    heading: str = ""  # anchor id when the block is a heading with one (a section of the page)


_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote", "pre",
               "caption", "figcaption", "div", "section", "article", "tr", "ul", "ol", "table", "br", "hr"}
_SKIP_TAGS = {"script", "style", "template", "svg", "math"}


class _BlockParser(HTMLParser):
    """Splits rendered HTML into text blocks at block-level elements."""

    def __init__(self, skip_classes: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._heading = ""
        self._skip = 0
        self._skip_classes = skip_classes

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.blocks.append(Block(text, heading=self._heading))
        self._text = []
        self._heading = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        classes = set((named.get("class") or "").split())
        if self._skip or tag in _SKIP_TAGS or classes & self._skip_classes:
            if tag not in ("br", "hr", "img", "input", "wbr"):
                self._skip += 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if re.fullmatch(r"h[1-6]", tag):
                self._heading = named.get("id") or ""

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            self._skip -= 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_blocks(fragment: str) -> list[Block]:
    """Text blocks of a rendered HTML fragment; headings keep their ids, permalinks are dropped."""
    parser = _BlockParser(frozenset({"headerlink"}))
    parser.feed(fragment)
    parser.close()
    return parser.blocks


@dataclass(frozen=True)
class IndexedText:
    """What Pagefind indexes for one record, and what the search page shows from it.

    `html` is the folded text: the first `limit` words in reading order (positions
    matter there: excerpts, names typed as phrases), then each further word once,
    then the exact tokens of the positional words. `shown` is the original of the positional part, one word
    for each word of the folded text, so the search page can show an excerpt as
    written.
    """

    html: str
    shown: str
    sections: dict[str, str]


def index_text(blocks: list[Block], limit: int) -> IndexedText:
    """Fold `blocks` for the index, keeping word order for the first `limit` words.

    Words are folded one distinct word at a time through a cache: a portal of 10,000
    records has tens of thousands of distinct words but millions of words.
    """
    parts: list[str] = []
    shown: list[str] = []
    sections: dict[str, str] = {}
    tail_words: list[str] = []
    for block in blocks:
        words = block.text.split()
        room = max(0, limit - len(shown))
        head, tail = words[:room], words[room:]
        if head:
            folded_words = [_fold_word(w) for w in head]
            folded = html.escape(" ".join(folded_words))
            attrs = f' data-pagefind-weight="{block.weight}"' if block.weight else ""
            if block.heading and not tail:
                parts.append(f'<h2 id="{html.escape(block.heading)}"{attrs}>{folded}</h2>')
                sections[block.heading] = block.text
            else:
                parts.append(f"<p{attrs}>{folded}</p>")
            shown += head
        tail_words += tail
    seen = {_index_word(w).lower() for w in set(shown)}
    rest: dict[str, str] = {}
    for word in filter(None, map(_index_word, dict.fromkeys(tail_words))):
        if (key := word.lower()) not in seen:
            rest.setdefault(key, word)
    words = list(rest.values())
    if words:
        parts.append(f"<p>{html.escape(' '.join(words))}</p>")
    tokens = _tokens_of(shown)
    if tokens:
        parts.append(f"<p>{' '.join(tokens)}</p>")
    return IndexedText("".join(parts), " ".join(shown), sections)


@functools.lru_cache(maxsize=1 << 17)
def _fold_word(word: str) -> str:
    """One word folded; a word of marks alone folds to nothing and stands as "·" to keep positions."""
    return unmarked(word) or "·"


@functools.lru_cache(maxsize=1 << 17)
def _index_word(word: str) -> str:
    """One word as the once-each tail indexes it: folded, without the punctuation around it.
    Punctuation inside stays, so "5757-CV/VPTW" is still found as typed."""
    return _EDGE_PUNCTUATION.sub("", unmarked(word))


@functools.lru_cache(maxsize=1 << 17)
def _word_tokens(word: str) -> tuple[str, ...]:
    """Exact tokens of the accented segments of one word."""
    return tuple(t for segment in _SEGMENT.findall(unicodedata.normalize("NFC", word))
                 if not segment.isascii() and (t := _accented_token(segment)))
