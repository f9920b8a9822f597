"""Lexicon data (corpora/lexicon/*.json) loaded once, plus the small token tests bodies and officials share.

The files hold facts only (titles, body types, abbreviations, surnames, administrative unit names); rules
that use them live in bodies.py and officials.py. Everything is keyed by the token NORM (lowercase, one
tone placement: see tokenizer.norm_form) so "Toà án"/"Tòa án"/"TOÀ ÁN" look the same.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from newsmine.config import CORPORA_DIR
from newsmine.extract.tokenizer import TOKEN_RE, norm_form

LEXICON_DIR = CORPORA_DIR / "lexicon"

Norms = tuple[str, ...]


def _load(name: str) -> dict:
    with open(Path(LEXICON_DIR) / name, encoding="utf-8") as f:
        return json.load(f)


def norms_of(phrase: str) -> Norms:
    """The NORM tuple our tokenizer gives a phrase (so lexicon entries line up with doc tokens)."""
    return tuple(norm_form(m.group()) for m in TOKEN_RE.finditer(phrase))


def fold(s: str | None) -> str:
    """A comparison key: no diacritics, no case, no punctuation (for merging mentions of one thing)."""
    s = unicodedata.normalize("NFD", s or "")
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D").casefold()
    return " ".join(re.sub(r"[^\w]+", " ", s).split())


class PhraseTable:
    """Longest-match lookup of NORM tuples at a token position (linear, no regex over the doc)."""

    def __init__(self, phrases: dict[Norms, object]):
        self.by_first: dict[str, list[tuple[Norms, object]]] = {}
        for ph, val in phrases.items():
            if ph:
                self.by_first.setdefault(ph[0], []).append((ph, val))
        for lst in self.by_first.values():
            lst.sort(key=lambda x: -len(x[0]))

    def match(self, doc, i: int) -> tuple[int, object] | None:
        """(length in tokens, value) of the longest phrase starting at token i, or None."""
        if i >= len(doc):
            return None
        cands = self.by_first.get(doc[i].norm_)
        if not cands:
            return None
        n = len(doc)
        for ph, val in cands:
            k = len(ph)
            if i + k <= n and all(doc[i + t].norm_ == ph[t] for t in range(1, k)):
                return k, val
        return None


@dataclass(frozen=True)
class HeadInfo:
    text: str
    kind: str
    complete: bool
    lower: bool
    subunit: bool


@dataclass
class Lexicon:
    heads: PhraseTable
    known_names: PhraseTable
    suffixes: PhraseTable
    levels: PhraseTable
    admin: PhraseTable
    titles: PhraseTable  # value: ("role"|"rank", text)
    surnames: frozenset[str]
    middle_names: frozenset[str]  # "Văn", "Thị": after a family name, a person ("Đoàn Văn Tiến" is no body)
    not_names: frozenset[str]
    generic_after_head: PhraseTable
    abbreviations: dict[str, str]
    abbr_re: re.Pattern
    honorifics: PhraseTable
    person_cues: PhraseTable
    former: PhraseTable
    subunit_tails: frozenset[str]
    provinces: PhraseTable  # province-level names (value: the name), for "Chủ tịch Thừa Thiên - Huế"
    school_types: PhraseTable  # "Tiểu học", "THCS": after "Trường", the school's name follows
    closed_heads: frozenset[Norms]  # heads that are whole names: "Nhà Trắng Sarah Sanders" is no body name

    def expand(self, text: str) -> str:
        """Expand abbreviations in a body name: "TAND tỉnh" -> "Tòa án nhân dân tỉnh"."""
        out = self.abbr_re.sub(lambda m: self.abbreviations[m.group(1)], text)
        return " ".join(out.split())


@lru_cache(maxsize=1)
def load() -> Lexicon:
    bt = _load("body_types.json")
    ti = _load("titles.json")
    ab = _load("abbreviations.json")["abbreviations"]
    heads = {
        norms_of(h): HeadInfo(h, v[0], bool(v[1]), bool(v[2]), bool(v[3])) for h, v in bt["heads"].items()
    }
    roles: dict[Norms, object] = {}
    for r in ti["roles"]:
        roles[norms_of(r)] = ("role", r)
        for p in ti["deputy_prefixes"]:
            roles.setdefault(norms_of(f"{p} {r}"), ("role", f"{p} {r}"))
    for r in ti["ranks"] + ti.get("degrees", []):
        roles[norms_of(r)] = ("rank", r)
    keys = sorted(ab, key=len, reverse=True)
    abbr_re = re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in keys) + r")\.?(?![\w&])")
    an = _load("admin_names.json")
    admin = {norms_of(n): n for n in an["names"]}
    return Lexicon(
        heads=PhraseTable(heads),
        known_names=PhraseTable({norms_of(n): n for n in bt["known_names"]}),
        suffixes=PhraseTable({norms_of(s): s for s in bt["suffixes"]}),
        levels=PhraseTable({norms_of(s): s for s in bt["place_levels"]}),
        admin=PhraseTable(admin),
        titles=PhraseTable(roles),
        surnames=frozenset(norm_form(s) for s in _load("surnames.json")["surnames"]),
        middle_names=frozenset(norm_form(s) for s in _load("surnames.json").get("middle_names", [])),
        not_names=frozenset(norm_form(s) for s in bt["not_names"] if " " not in s),
        generic_after_head=PhraseTable({norms_of(s): s for s in bt["generic_after_head"]}),
        abbreviations=ab,
        abbr_re=abbr_re,
        honorifics=PhraseTable({norms_of(s): s for s in ti["honorifics"]}),
        person_cues=PhraseTable({norms_of(s): s for s in ti["person_cues"]}),
        former=PhraseTable({norms_of(s): s for s in ti["former_markers"]}),
        subunit_tails=frozenset(norms_of(s)[-1] for s in ti["subunit_title_tails"]),
        provinces=PhraseTable({norms_of(n): n for n in an.get("provinces", [])}),
        school_types=PhraseTable({norms_of(n): n for n in bt.get("school_types", [])}),
        closed_heads=frozenset(norms_of(n) for n in bt.get("closed_heads", [])),
    )


# ---- token tests -------------------------------------------------------------------------------------


def is_cap(tok: Token) -> bool:
    """A capitalised syllable ("Lực", "A"), not an all-caps abbreviation ("UBND")."""
    t = tok.text
    return t[:1].isupper() and t.isalpha() and (len(t) == 1 or not t.isupper())


def is_abbr(tok: Token) -> bool:
    """An all-caps abbreviation or code: UBND, CSĐT, PC45, VK102."""
    t = tok.text
    return len(t) >= 2 and t[0].isalpha() and t.isupper() and t.isalnum()


def is_lower_word(tok: Token) -> bool:
    t = tok.text
    return t.isalpha() and t.islower()
