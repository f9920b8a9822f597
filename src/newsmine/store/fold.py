"""Vietnamese folding for search: one character in, one character out.

"Tư pháp", "tu phap" and "TƯ PHÁP" fold to the same string, and đ folds to d. Because every character
folds to exactly one character, offsets in folded text are offsets in the original NFC text: FTS5
highlights computed on the folded copy map straight back onto the accented article text.
"""

from __future__ import annotations

import unicodedata

from newsmine.types import nfc

_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ı": "i", "ł": "l", "Ł": "l", "ø": "o", "Ø": "o"}


class _FoldTable(dict):
    """A lazily filled str.translate table: code point -> one folded character."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = self._fold_char(ch)
        self[code] = out
        return out

    @staticmethod
    def _fold_char(ch: str) -> str:
        if ch in _SPECIAL:
            return _SPECIAL[ch]
        cat = unicodedata.category(ch)
        if cat == "Cc" and ch not in "\n\t":
            return " "  # control characters never reach the index (and never collide with markers)
        if cat in ("Cf", "Co", "Cs"):
            return " "
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        low = base.lower() if base else " "
        return low if len(low) == 1 else ch.lower() if len(ch.lower()) == 1 else ch


_TABLE = _FoldTable()


def fold(text: str | None) -> str:
    """NFC, strip diacritics, đ -> d, lower-case; the result has the same length as ``nfc(text)``."""
    return nfc(text).translate(_TABLE)
