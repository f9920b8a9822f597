"""Build the extraction pipeline and run it: text -> spaCy Doc -> Facts.

Each fact type is a registered spaCy component in its own module; importing the module registers it.
Components run in order and may read what earlier ones put on `doc._`: bodies and places skip text inside
campaign names, places skip text inside body names, officials use bodies and places, quotes use all.
"""

from __future__ import annotations

import importlib
import logging
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsmine.extract import extensions
from newsmine.extract.tokenizer import SyllableTokenizer
from newsmine.types import Facts, nfc

log = logging.getLogger(__name__)

# (module, component factory name), in pipeline order.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("newsmine.extract.campaigns", "newsmine_campaigns"),
    ("newsmine.extract.bodies", "newsmine_bodies"),
    ("newsmine.extract.places", "newsmine_places"),
    ("newsmine.extract.officials", "newsmine_officials"),
    ("newsmine.extract.dates", "newsmine_dates"),
    ("newsmine.extract.quotes", "newsmine_quotes"),
)

# Control characters (other than tab/newline) become spaces: same length, so offsets hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")


def clean_text(text: str) -> str:
    """NFC, then blank out control characters one for one (offsets refer to the returned text)."""
    return _CONTROL.sub(" ", nfc(text))


def blank() -> Language:
    """An empty Vietnamese pipeline with our syllable tokenizer and the fact extensions registered."""
    extensions.register()
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.tokenizer = SyllableTokenizer(nlp.vocab)
    return nlp


@lru_cache(maxsize=4)
def build_pipeline(components: tuple[tuple[str, str], ...] = COMPONENTS) -> Language:
    """The spaCy pipeline, built once per process (a subset of components for testing one in isolation)."""
    nlp = blank()
    for module, factory in components:
        importlib.import_module(module)  # registers the factory
        nlp.add_pipe(factory)
    return nlp


def make_doc(text: str, published: str | None = None, nlp: Language | None = None) -> Doc:
    nlp = nlp or build_pipeline()
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


CHUNK_CHARS = 20_000  # longer texts are analysed in paragraph-aligned chunks: bounded memory and time


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pieces of at most ~size chars, cut after a newline (or a space) when possible."""
    out = []
    pos = 0
    n = len(text)
    while pos < n:
        end = min(n, pos + size)
        if end < n:
            cut = text.rfind("\n", pos + size // 2, end)
            if cut < 0:
                cut = text.rfind(" ", pos + size // 2, end)
            if cut > pos:
                end = cut + 1
        out.append((pos, text[pos:end]))
        pos = end
    return out


def _doc_facts(text: str, published: str | None) -> Facts:
    doc = make_doc(text, published)
    if error := doc.user_data.get("quotes_error"):
        # the quotes component keeps the other facts of an odd text; say so instead of an empty list silently
        log.warning("quotes not extracted: %s", error)
    return Facts(
        text_length=len(text),
        officials=doc._.officials or [],
        bodies=doc._.bodies or [],
        places=doc._.places or [],
        dates=doc._.dates or [],
        campaigns=doc._.campaigns or [],
        quotes=doc._.quotes or [],
    )


def _merge(parts: list[tuple[int, Facts]], text_length: int) -> Facts:
    """Facts of chunks -> facts of the text: offsets shifted, one entry per official/body/place/campaign."""
    out = Facts(text_length=text_length)
    keyed: dict[tuple[str, str], object] = {}
    for off, f in parts:
        for o in f.officials:
            o.mentions = [(a + off, b + off) for a, b in o.mentions]
            k = ("o", o.name)
            if k in keyed:
                keyed[k].mentions.extend(o.mentions)
            else:
                keyed[k] = o
                out.officials.append(o)
        for field in ("bodies", "places", "campaigns"):
            for e in getattr(f, field):
                e.mentions = [(a + off, b + off) for a, b in e.mentions]
                k = (field, e.id or e.name)
                if k in keyed:
                    keyed[k].mentions.extend(e.mentions)
                else:
                    keyed[k] = e
                    getattr(out, field).append(e)
        for d in f.dates:
            d.start += off
            d.end += off
            out.dates.append(d)
        for q in f.quotes:
            q.start += off
            q.end += off
            if q.speaker_start is not None:
                q.speaker_start += off
            if q.speaker_end is not None:
                q.speaker_end += off
            out.quotes.append(q)
    return out


def analyze(text: str, published: str | None = None, id: str | None = None) -> Facts:
    """Extract every fact from `text` (NFC-normalised here); offsets index the cleaned NFC text.

    Texts over CHUNK_CHARS (a 5 MB dump, a book) are cut at paragraph ends and analysed piece by piece,
    offsets shifted back: memory stays bounded; a short reference is only linked within its piece."""
    text = clean_text(text)
    if len(text) <= CHUNK_CHARS:
        facts = _doc_facts(text, published)
    else:
        facts = _merge([(off, _doc_facts(piece, published)) for off, piece in _chunks(text)], len(text))
    facts.id = id
    return facts
