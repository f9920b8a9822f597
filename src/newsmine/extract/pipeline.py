"""Build the extraction pipeline and run it: text -> spaCy Doc -> Facts.

Each fact type is a registered spaCy component in its own module; importing the module registers it.
Components run in order and may read what earlier ones put on `doc._`: bodies and places skip text inside
campaign names, places skip text inside body names, officials use bodies and places, quotes use all.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsmine.extract import extensions
from newsmine.extract.tokenizer import SyllableTokenizer
from newsmine.types import Facts, nfc

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
        importlib.import_module(module)
        nlp.add_pipe(factory)
    return nlp


def make_doc(text: str, published: str | None = None, nlp: Language | None = None) -> Doc:
    nlp = nlp or build_pipeline()
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def analyze(text: str, published: str | None = None, id: str | None = None) -> Facts:
    """Extract every fact from `text` (NFC-normalised here); offsets index the cleaned NFC text."""
    text = clean_text(text)
    doc = make_doc(text, published)
    return Facts(
        id=id,
        text_length=len(text),
        officials=doc._.officials or [],
        bodies=doc._.bodies or [],
        places=doc._.places or [],
        dates=doc._.dates or [],
        campaigns=doc._.campaigns or [],
        quotes=doc._.quotes or [],
    )
