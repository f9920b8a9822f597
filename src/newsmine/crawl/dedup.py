"""Duplicate flags: exact (same normalised text) and near (syndicated copies, MinHash LSH on word shingles).

Duplicates are flagged with the URL of the first copy seen, never dropped: a syndicated copy on
another site is still evidence of where a story ran.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SCHEME = "affine32"  # signatures are stored as uint32 bytes in the catalogue


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").lower()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", text)).strip()


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def minhash(text: str, num_perm: int = NUM_PERM) -> MinHash:
    words = normalise(text).split()
    shingles = {" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2))}
    m = MinHash(num_perm=num_perm, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles])
    return m


class Deduplicator:
    """Exact (normalised-text hash) and near (MinHash LSH) matches against every article seen so far."""

    def __init__(self, threshold: float = 0.8, num_perm: int = NUM_PERM):
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.exact: dict[str, list[str]] = {}

    def add(self, key: str, thash: str, signature: bytes | None) -> None:
        """Remember an already catalogued article (rebuilding the index at the start of a run)."""
        keys = self.exact.setdefault(thash, [])
        if key not in keys:
            keys.append(key)
        if signature and key not in self.lsh:
            m = MinHash(
                num_perm=self.num_perm, hashvalues=np.frombuffer(signature, dtype=np.uint32), scheme=SCHEME
            )
            self.lsh.insert(key, m)

    def matches(self, key: str, text: str) -> tuple[list[tuple[str, str]], str, bytes]:
        """[(other key, "exact" | "near")], exact ones first; then remembers `key`."""
        thash = text_hash(text)
        m = minhash(text, self.num_perm)
        signature = m.hashvalues.astype(np.uint32).tobytes()
        exact = [k for k in self.exact.get(thash, []) if k != key]
        near = [k for k in self.lsh.query(m) if k != key and k not in exact]
        self.add(key, thash, None)
        if key not in self.lsh:
            self.lsh.insert(key, m)
        return [(k, "exact") for k in exact] + [(k, "near") for k in sorted(near)], thash, signature

    def check(self, key: str, text: str) -> tuple[str | None, str | None, str, bytes]:
        """First-seen wins: (duplicate_of, kind) of the first match, or (None, None)."""
        found, thash, signature = self.matches(key, text)
        dup_of, kind = found[0] if found else (None, None)
        return dup_of, kind, thash, signature
