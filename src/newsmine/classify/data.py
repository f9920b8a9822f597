"""Loading the shared corpora for training and evaluation, with VNTC's train/test overlap removed.

About 2,500 texts occur in both VNTC splits (and ~800 test records repeat another test text): a test
figure computed on them measures memory, not generalisation, so `load_vntc(..., dedup=True)` drops
every test record whose text is in train and keeps one copy of each test text.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsmine.config import SHARED_DIR
from newsmine.types import nfc

JUDICIAL_TOPIC = "Phap luat"


@dataclass
class Doc:
    """One corpus text with its topic (VNTC) and provenance id as used by the eval files."""

    id: str  # "vntc:<id>" / "vietnews:<id>"
    text: str
    topic: str | None = None
    split: str | None = None


def _jsonl(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _key(text: str) -> str:
    return text.strip()


def load_vntc(shared: Path | None = None, dedup: bool = True) -> tuple[list[Doc], list[Doc]]:
    """(train, test) VNTC docs; with `dedup`, test loses texts seen in train and its own repeats."""
    root = Path(shared or SHARED_DIR) / "corpora" / "vntc"
    train = [
        Doc("vntc:" + r["id"], nfc(r["text"]).strip(), r["topic"], "train")
        for r in _jsonl(root / "train.jsonl.gz")
    ]
    test = [
        Doc("vntc:" + r["id"], nfc(r["text"]).strip(), r["topic"], "test")
        for r in _jsonl(root / "test.jsonl.gz")
    ]
    if dedup:
        seen = {_key(d.text) for d in train}
        kept = []
        for d in test:
            k = _key(d.text)
            if k in seen:
                continue
            seen.add(k)
            kept.append(d)
        test = kept
    return train, test


def load_vietnews(shared: Path | None = None) -> list[Doc]:
    """vietnews test split as plain docs (title, sapo, body), one copy per distinct body."""
    path = Path(shared or SHARED_DIR) / "corpora" / "vietnews" / "test.jsonl.gz"
    seen: set[str] = set()
    out = []
    for r in _jsonl(path):
        if r["body"] in seen:
            continue
        seen.add(r["body"])
        text = "\n".join(p for p in (r.get("title"), r.get("summary"), r.get("body")) if p)
        out.append(Doc("vietnews:" + r["id"], nfc(text), None, "test"))
    return out


def load_docs(ids: set[str], shared: Path | None = None) -> dict[str, str]:
    """Texts for `vntc:`/`vietnews:`/`seed:` ids (labels name articles; their text stays in ../shared)."""
    root = Path(shared or SHARED_DIR)
    out: dict[str, str] = {}
    want_vntc = {i[5:] for i in ids if i.startswith("vntc:")}
    if want_vntc:
        for split in ("train", "test"):
            for r in _jsonl(root / "corpora" / "vntc" / f"{split}.jsonl.gz"):
                if r["id"] in want_vntc:
                    out["vntc:" + r["id"]] = nfc(r["text"]).strip()
    if any(i.startswith("vietnews:") for i in ids):
        for d in load_vietnews(root):
            if d.id in ids:
                out[d.id] = d.text
        # duplicates dropped by load_vietnews are still addressable
        missing = {i[9:] for i in ids if i.startswith("vietnews:") and i not in out}
        if missing:
            for r in _jsonl(root / "corpora" / "vietnews" / "test.jsonl.gz"):
                if r["id"] in missing:
                    text = "\n".join(p for p in (r.get("title"), r.get("summary"), r.get("body")) if p)
                    out["vietnews:" + r["id"]] = nfc(text)
    for i in ids:
        if i.startswith("seed:"):
            p = root / "seed" / i[5:]
            if p.exists():
                out[i] = nfc(p.read_text(encoding="utf-8")).strip()
    return out
