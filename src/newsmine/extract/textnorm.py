"""Small Vietnamese string keys shared by the places, dates and campaigns components.

Why: the press mixes old and new tone placement ("Hoà"/"Hòa", "Thuỷ"/"Thủy") and writes names with or
without diacritics; lookups and canonical ids must not depend on that.
"""

from __future__ import annotations

import re
import unicodedata

# Old-style tone on the second vowel of an open oa/oe/uy syllable -> new style on the first ("hoà" -> "hòa").
_TONES = {"\u0300": "grave", "\u0301": "acute", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}
_OLD_TO_NEW: dict[str, str] = {}
for _mark in _TONES:
    for _a, _b in (("o", "a"), ("o", "e"), ("u", "y")):
        for _upper in (False, True):
            a = _a.upper() if _upper else _a
            old = unicodedata.normalize("NFC", a + _b + _mark)
            new = unicodedata.normalize("NFC", a + _mark + _b)
            _OLD_TO_NEW[old] = new
_OLD_RE = re.compile("(?<![qQ])(" + "|".join(map(re.escape, _OLD_TO_NEW)) + r")(?!\w)")
_NEW_TO_OLD = {v: k for k, v in _OLD_TO_NEW.items()}
_NEW_RE = re.compile("(?<![qQ])(" + "|".join(map(re.escape, _NEW_TO_OLD)) + r")(?!\w)")


def tone_new(s: str) -> str:
    """Move old-style tone marks to the new (1997+) placement: 'Hoà Bình' -> 'Hòa Bình'."""
    return _OLD_RE.sub(lambda m: _OLD_TO_NEW[m.group(1)], unicodedata.normalize("NFC", s))


def tone_old(s: str) -> str:
    """The reverse of `tone_new`: 'Hòa Bình' -> 'Hoà Bình'."""
    return _NEW_RE.sub(lambda m: _NEW_TO_OLD[m.group(1)], unicodedata.normalize("NFC", s))


def tone_variants(s: str) -> set[str]:
    return {s, tone_new(s), tone_old(s)}


def name_key(s: str) -> str:
    """Lookup key keeping diacritics: lower case, new tone style, single spaces, hyphens spaced."""
    s = tone_new(s).lower()
    s = re.sub(r"\s*-\s*", " - ", s)
    return " ".join(s.split())


def fold(s: str) -> str:
    """Lower case without diacritics or punctuation: 'Tòa án' -> 'toa an' (for slugs and fuzzy matching)."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D").casefold()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


def slug(s: str, max_words: int = 12) -> str:
    return "-".join(fold(s).split()[:max_words])
