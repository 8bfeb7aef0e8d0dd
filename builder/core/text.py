"""Vietnamese text rules shared by the whole pipeline: NFC, folding, slugs, collation.

Every comparison of user-written text (ids, names, search keys) goes through these
functions so that "Hòa"/"Hoà", NFD input and "đ"/"d" behave the same everywhere
(DESIGN.md: "Vietnamese text is a first-class concern").
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Two tone placements are in use ("Hoà" and "Hòa"); documents mix them, one source even in one
# sentence ("Phòng Văn hóa ..., Trung tâm Văn hoá"). NFC keeps them different code points. The
# portal writes one: the mark on the first vowel of a final "oa", "oe", "uy" ("hòa", "thủy"), as
# its registries and most administrative documents do. Only at the end of a syllable ("hoàn",
# "toàn" keep theirs) and never after "q" ("quý": "u" belongs to "qu").
_OLD_TONE_PLACEMENT = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
# A vowel "o"/"u" and a toned one, at a syllable's end; the table and the "q" are checked per match. One
# character class, not fifteen alternatives behind a look-behind: 13× faster, and every source file
# of a cold build passes here (0.23 s of a 1,000-page build's critical path before).
_TONED = "àáảãạèéẻẽẹỳýỷỹỵ"
_TONE_RE = re.compile(f"[oOuU][{_TONED}{_TONED.upper()}]" + r"(?!\w)")


def nfc(text: str) -> str:
    """Return `text` in NFC, the one form stored anywhere in the catalog."""
    return unicodedata.normalize("NFC", text)


def normalize_tone_placement(text: str) -> str:
    """One tone placement: "hoà" → "hòa", "THUỶ" → "THỦY"; "hoàn", "quý" unchanged. Same length, so
    positions in a file (line, column of a message) stay where they were."""

    text = nfc(text)

    def repl(match: re.Match[str]) -> str:
        found, at = match.group(0), match.start()
        new = _OLD_TONE_PLACEMENT.get(found.lower())
        if new is None or (at and text[at - 1] in "qQ"):  # "uà", or "u" of "qu": as written
            return found
        return new.upper() if found.isupper() else (new[0].upper() + new[1:] if found[0].isupper() else new)

    return _TONE_RE.sub(repl, text)


def match_key(text: str) -> str:
    """Lowercase ASCII key: tones and marks removed, "đ" → "d".

    Two strings with the same fold are the same words to a Vietnamese reader who
    types without diacritics; used for id collisions, slugs and search keys.
    """
    text = nfc(text).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.lower()


def slugify(text: str, separator: str = "-") -> str:
    """A URL-safe id from Vietnamese text: "Đại hội Thi đua" → "dai-hoi-thi-dua".

    Also the anchor of a heading (mkdocs.yml: the `toc` extension's `slugify`, which passes the
    separator): Python-Markdown's own drops what does not decompose to ASCII, and "đ" does not
    ("thi đua" became "thi-ua"). The extension keeps anchors unique itself.
    """
    return re.sub(r"[^a-z0-9]+", separator, match_key(text)).strip(separator)


# Vietnamese alphabet order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
# and within a letter the tones: none, huyền, sắc, hỏi, ngã, nặng.
_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"": 0, "\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_BASE_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


@functools.lru_cache(maxsize=4096)  # a pure function of one character; a portal uses a few hundred
def _letter_key(ch: str) -> tuple[int, int, str]:
    decomposed = unicodedata.normalize("NFD", ch.lower())
    base = decomposed[0]
    marks = decomposed[1:]
    letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _BASE_MARKS))
    tone = next((_TONES[m] for m in marks if m in _TONES), 0)
    if letter == "đ" or letter in _LETTERS:
        return (_LETTERS.index(letter) if letter in _LETTERS else _LETTERS.index("đ"), tone, "")
    return (len(_LETTERS), tone, letter)


def collation_key(text: str) -> tuple[object, ...]:
    """Sort key for A–Z lists in Vietnamese order.

    Tones only break ties between otherwise equal words, as in Vietnamese
    dictionaries: all letters are compared first, then the tones left to right.
    """
    text = normalize_tone_placement(text)
    keys = [_letter_key(ch) for ch in text if not ch.isspace()]
    return (tuple((k[0], k[2]) for k in keys), tuple(k[1] for k in keys), text)


def name_collation_key(name: str) -> tuple[object, ...]:
    """Sort a person's name by given name (the last word), then the whole name."""
    words = name.split()
    return (collation_key(words[-1]) if words else (), collation_key(name))
