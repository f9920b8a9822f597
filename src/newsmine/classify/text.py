"""Text preparation shared by every classifier: NFC, lower case, syllable n-gram hashing.

Vietnamese words are 1-3 syllables separated by spaces, so syllable 1-2-grams approximate words without
a segmenter. Features are hashed (crc32 of each syllable, bigrams combined arithmetically in numpy), so a
model stores no vocabulary and vectorising runs at several thousand documents per second: sklearn's
HashingVectorizer builds every n-gram string in Python and manages ~1,000/s, too slow for the crawler.
"""

from __future__ import annotations

import unicodedata
import zlib

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin

# ASCII punctuation -> space and digits -> 0 on the UTF-8 bytes (ASCII bytes never occur inside a
# multi-byte character), common typographic marks replaced first: then bytes.split() is the tokenizer,
# several times faster than a Unicode regex.
_ASCII_PUNCT = b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\t\r\n\x0b\x0c"
_BTABLE = bytes.maketrans(_ASCII_PUNCT + b"0123456789", b" " * len(_ASCII_PUNCT) + b"0" * 10)
_UNICODE_PUNCT = (
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "\u2026",
    "\u2013",
    "\u2014",
    "\u00a0",
    "\u00ab",
    "\u00bb",
)
_MUL = np.uint64(1000003)
_SALT = np.uint64(0x9E3779B1)


def _normal(text: str) -> str:
    s = unicodedata.normalize("NFC", text or "").lower()
    for ch in _UNICODE_PUNCT:
        if ch in s:
            s = s.replace(ch, " ")
    return s


def tokens(text: str) -> list[bytes]:
    """Syllable tokens as UTF-8 bytes (what the hasher reads)."""
    return _normal(text).encode("utf-8").translate(_BTABLE).split()


def prep(text: str) -> str:
    """NFC + lower case + punctuation dropped + digits folded to 0: the normal form models and rules see."""
    return b" ".join(tokens(text)).decode("utf-8")


def syllables(text: str) -> list[str]:
    """Syllable tokens of `prep(text)` (punctuation dropped)."""
    return [t.decode("utf-8") for t in tokens(text)]


class SyllableHasher(TransformerMixin, BaseEstimator):
    """Stateless syllable 1..n-gram counts hashed into `n_features` columns (sklearn transformer).

    `max_tokens` caps the syllables read per document (the headline and lead carry the topic, and the
    cap bounds the cost of very long pages).
    """

    def __init__(
        self, n_features: int = 2**20, ngram: int = 2, max_tokens: int | None = 1500, headline: bool = False
    ):
        self.n_features = n_features
        self.ngram = ngram
        self.max_tokens = max_tokens
        self.headline = headline

    def fit(self, X=None, y=None):
        return self

    def _grams(self, toks: list[bytes], salt: int = 0) -> list[np.ndarray]:
        h = np.fromiter(map(zlib.crc32, toks), dtype=np.uint64, count=len(toks))
        if salt:
            h = h * _MUL + np.uint64(salt)
        parts = [h]
        cur = h
        for n in range(2, self.ngram + 1):
            if len(h) < n:
                break
            cur = cur[:-1] * _MUL + h[n - 1 :] + _SALT * np.uint64(n)  # small salt: no scalar overflow
            parts.append(cur)
        return parts

    def _indices(self, text: str) -> np.ndarray:
        toks = tokens(text)
        if self.max_tokens:
            toks = toks[: self.max_tokens]
        parts = self._grams(toks)
        if self.headline:  # headline n-grams again as their own features: the headline names the topic
            head = (text or "").lstrip().split("\n", 1)[0]
            parts += self._grams(tokens(head)[:60], salt=7919)
        return np.concatenate(parts) % np.uint64(self.n_features)

    def transform(self, X) -> sp.csr_matrix:
        indptr = [0]
        chunks = []
        for text in X:
            idx = self._indices(text)
            chunks.append(idx)
            indptr.append(indptr[-1] + len(idx))
        indices = np.concatenate(chunks).astype(np.int32) if chunks else np.zeros(0, np.int32)
        data = np.ones(len(indices), dtype=np.float32)
        m = sp.csr_matrix((data, indices, np.asarray(indptr)), shape=(len(indptr) - 1, self.n_features))
        m.sum_duplicates()
        return m
