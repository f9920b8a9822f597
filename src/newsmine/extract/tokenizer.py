"""A syllable tokenizer for Vietnamese that keeps character offsets exact.

spaCy's `vi` language needs pyvi for word segmentation and otherwise splits on whitespace only, leaving
punctuation glued to syllables ("pháp)", "9/3."). Rule matchers work on syllables, so we split into
syllables, numbers (keeping "9/3/2018" and "1.000" whole) and single punctuation marks.
"""

from __future__ import annotations

import re
import unicodedata

from spacy.tokens import Doc
from spacy.vocab import Vocab

TOKEN_RE = re.compile(
    r"\d+(?:[/.,\-]\d+)*"  # numbers and numeric dates: 9/3, 9-3-2018, 1.000
    r"|[^\W\d_]+(?:[''][^\W\d_]+)?(?:\d+[^\W\d_]*)?"  # syllables, H'Mông, names with digits (U23)
    r"|\S",  # any other single non-space character
    re.UNICODE,
)


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_OLD_TONE = re.compile(
    r"([oO])([\u0300\u0301\u0303\u0309\u0323])([aAeE])$|([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])$"
)


def norm_form(word: str) -> str:
    """Lowercase with one tone placement for oa/oe/uy ("tòa" and "toà" -> "toà"), so either
    spelling the press uses matches the same lexicon entry (PhraseMatcher attr="NORM")."""
    low = word.lower()
    if not any(ch in "oòóõỏọuùúũủụ" for ch in low):
        return low
    d = unicodedata.normalize("NFD", low)
    if any(ch in _TONES for ch in d):
        d = _OLD_TONE.sub(
            lambda m: (
                (m.group(1) + m.group(3) + m.group(2))
                if m.group(1)
                else (m.group(4) + m.group(6) + m.group(5))
            ),
            d,
        )
    return unicodedata.normalize("NFC", d)


class SyllableTokenizer:
    """Callable spaCy tokenizer: text -> Doc with whitespace recorded, so doc.text == text.

    Each new word's lexeme gets NORM = `norm_form(word)` once (cached in the vocab, not per token)."""

    def __init__(self, vocab: Vocab):
        self.vocab = vocab
        self._normed: set[str] = set()

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in TOKEN_RE.finditer(text):
            start = m.start()
            if start > pos and words:
                gap = text[pos:start]
                if gap == " ":
                    spaces[-1] = True
                else:  # newlines, tabs, runs of spaces: keep them as whitespace tokens
                    if gap[0] == " ":
                        spaces[-1] = True
                        gap = gap[1:]
                    words.append(gap)
                    spaces.append(False)
            elif start > pos:
                words.append(text[pos:start])
                spaces.append(False)
            words.append(m.group())
            spaces.append(False)
            pos = m.end()
        if pos < len(text):
            if words and text[pos:] == " ":
                spaces[-1] = True
            else:
                words.append(text[pos:])
                spaces.append(False)
        for w in set(words) - self._normed:
            self.vocab[w].norm_ = norm_form(w)
            self._normed.add(w)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serialisation hooks: nothing to save, the rules live in code.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> SyllableTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> SyllableTokenizer:
        return self
