"""Bodies: the organisations an article names, canonical (abbreviations expanded, place qualifier kept).

A body is a head from corpora/lexicon/body_types.json ("Sở", "Cục", "TAND", "Công an" ...) found by a
PhraseMatcher on NORM, then grown token by token: a known name ("Thi hành án dân sự"), or a capitalised
name ("Tư pháp", "Thi đua - Khen thưởng"), or a lowercase descriptor for heads that take one ("Trung tâm
kiểm soát ..."), then a suffix ("tối cao", "cấp cao tại Hà Nội") and a place qualifier ("tỉnh Ninh Bình",
"TP HCM", "Hà Nội"). A name stops where a person's name, a place or another body begins, so "Bộ Tư pháp
Nguyễn Văn Lực" gives "Bộ Tư pháp". Mentions that fold to one key are one body ("Cục THADS" = "Cục Thi hành
án dân sự"; "TAND Ninh Bình" = "TAND tỉnh Ninh Bình"); "UBND phường" after "UBND phường Nghĩa Đô" is that
body. Companies are parsed too (an official's body may be one) but never listed, per the guide.

`parse_body(doc, i)` is the grammar, reused by officials for the organisation after a title.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from newsmine.extract import extensions
from newsmine.extract.lexicon import LEXICON_DIR, Lexicon, fold, is_abbr, is_cap, is_lower_word, load
from newsmine.extract.tokenizer import norm_form
from newsmine.types import Entity

_BT = json.loads((LEXICON_DIR / "body_types.json").read_text(encoding="utf-8"))

# Function words that end a lowercase descriptor ("phòng kinh doanh của ..." stops at "của"): data.
STOP = frozenset(norm_form(w) for w in _BT["stop_words"])
# Words that never extend a name by a second lowercase syllable ("Bộ Công an tặng ...").
VERB_STOP = frozenset(norm_form(w) for w in _BT["verb_stop"])
CONNECTORS = frozenset({"và", "-", "–", "&"})
BARE_NOT_OK = frozenset(
    {
        "công an",
        "csgt",
        "ca",
        "thanh tra",
        "hải quan",
        "tòa án",
        "toà án",
        "cơ quan điều tra",
        "trại giam",
        "trại tạm giam",
        "cơ quan",
    }
)
MAX_DESCRIPTOR = 8
AT_PLACE = frozenset(
    {"lãnh sự quán", "tổng lãnh sự quán", "đại sứ quán", "trung tâm", "văn phòng", "chi nhánh"}
)


@dataclass
class BodyMatch:
    """One body mention: token span, canonical name and its parts."""

    start: int  # token index
    end: int  # token index (exclusive)
    name: str  # canonical: base + qualifier, abbreviations expanded
    base: str  # head + name, expanded
    level: str | None  # "tỉnh", "thành phố" ... (expanded) or None
    place: str | None
    kind: str
    subunit: bool
    named: bool = True  # False for a bare complete head ("TAND", "Công an") with no name
    parent: BodyMatch | None = None  # the parent of a composite ("Đội CSĐT Công an huyện X")

    def char_span(self, doc: Doc) -> tuple[int, int]:
        return doc[self.start].idx, doc[self.end - 1].idx + len(doc[self.end - 1].text)


def _starts_person(doc: Doc, j: int, lex: Lexicon) -> bool:
    """A surname followed by capitalised syllables, and not a known place ("Hà Nội" is a place)."""
    if j + 1 >= len(doc) or not is_cap(doc[j]) or doc[j].norm_ not in lex.surnames:
        return False
    if not is_cap(doc[j + 1]) or doc[j].whitespace_ != " ":
        return False
    m = lex.admin.match(doc, j)
    return not (m and not (j + m[0] < len(doc) and is_cap(doc[j + m[0]]) and doc[j + m[0] - 1].whitespace_))


def _place_at(doc: Doc, j: int, lex: Lexicon, after_level: bool) -> int:
    """Number of tokens of a place name at j (0 if none)."""
    n = len(doc)
    if j >= n:
        return 0
    tok = doc[j]
    if after_level and (tok.text[:1].isdigit() or tok.text in ("HCM", "Hồ")):
        if tok.text == "Hồ":
            m = lex.admin.match(doc, j)
            return m[0] if m else 0
        return 1
    if tok.text in ("TPHCM", "HCM"):
        return 1
    if not is_cap(tok):
        return 0
    m = lex.admin.match(doc, j)
    if m and after_level and doc[j].norm_ in lex.surnames:
        k = j + m[0]
        if k < n and is_cap(doc[k]) and doc[k - 1].whitespace_ and doc[k].norm_ not in lex.surnames:
            return 0  # "UBND TP Lê Thanh Hải": a person, though a commune is called Lê Thanh
    if m:
        k = j + m[0]
        if (
            not after_level
            and k < n
            and is_cap(doc[k])
            and doc[k - 1].whitespace_
            and doc[k].norm_ not in lex.surnames
        ):
            return 0  # "Phan Chí Hiếu": a commune named Phan, but a person ("Tây Hồ Trần Gia Hùng" is not)
        return m[0]
    if not after_level or _starts_person(doc, j, lex):
        return 0
    k = j
    while k < n and k - j < 4 and is_cap(doc[k]) and doc[k].norm_ not in lex.not_names:
        if lex.heads.match(doc, k) and k > j:
            break
        k += 1
        if not doc[k - 1].whitespace_:
            break
    return k - j


def _qualifier(doc: Doc, j: int, lex: Lexicon) -> tuple[int, str | None, str | None, bool]:
    """(end, level, place, elliptical) of a place qualifier at j; end == j when there is none."""
    n = len(doc)
    lv = lex.levels.match(doc, j)
    if lv and lex.heads.match(doc, j):  # "Tỉnh ủy", "Huyện ủy": a body, not "tỉnh ..."
        lv = None
    if lv:
        k = j + lv[0]
        level = lex.expand(doc[j:k].text)
        if k < n and doc[k].text == "." and doc[j].norm_ == "tp":
            k += 1
        p = _place_at(doc, k, lex, after_level=True)
        if p:
            return k + p, level, doc[k : k + p].text, False
        if k < n and doc[j].norm_ == "xã" and is_lower_word(doc[k]):  # "trật tự xã hội" is no qualifier
            return j, None, None, False
        return k, level, None, True
    if j < n and doc[j].text.startswith("TP") and doc[j].text != "TP":  # "TPHCM"
        return j + 1, None, doc[j].text, False
    p = _place_at(doc, j, lex, after_level=False)
    if p:
        return j + p, None, doc[j : j + p].text, False
    return j, None, None, False


def parse_body(doc: Doc, i: int, lex: Lexicon | None = None, lower_ok: bool = False) -> BodyMatch | None:
    """The body starting at token i, or None. `lower_ok`: accept a lowercase head with a lowercase name
    (after a title: "trưởng phòng kinh doanh", "chánh toà hình sự")."""
    lex = lex or load()
    n = len(doc)
    hm = lex.heads.match(doc, i)
    if not hm:
        return None
    hlen, info = hm
    head_tok = doc[i]
    capital = head_tok.text[:1].isupper()
    company = info.kind == "company"
    if (
        not lower_ok
        and i > 0
        and is_cap(doc[i - 1])
        and doc[i - 1].whitespace_
        and not is_abbr(head_tok)
        and (doc[i - 1].norm_ in lex.surnames or (i > 1 and is_cap(doc[i - 2]) and doc[i - 2].whitespace_))
    ):
        return None  # inside a capitalised run: "Lê Trường Giang" is a person, not "Trường Giang"
    j = i + hlen
    if i > 0 and lex.levels.match(doc, i - 1) and not lower_ok:
        return None  # "xã Trường Bình", "phường Bến Thành": a place name, not a body
    am = lex.admin.match(doc, i) or (lex.admin.match(doc, i - 1) if i > 0 and is_cap(doc[i - 1]) else None)
    if am and am[0] >= 2 and not info.complete and all(is_cap(t) for t in doc[i : i + hlen]):
        return None  # "Đài Loan", "Tây Ban Nha": a country
    if hlen == 1 and head_tok.norm_ == "bộ" and j < n and doc[j].norm_ == "luật":
        return None  # "Bộ luật Hình sự" is a code, not a ministry
    if not capital and not lower_ok and i > 0 and (m := lex.titles.match(doc, i - 1)) and m[0] >= 2:
        return None  # "luật sư Đoàn ...": "sư Đoàn" is not a division
    if j < n and doc[j].norm_ == "giám" and not info.complete:
        return None  # "Ban Giám đốc", "Ban giám hiệu": a board named by its role
    if j < n and doc[j].text.islower() and lex.generic_after_head.match(doc, j) and not info.complete:
        return None
    words = 0
    known = False
    km = lex.known_names.match(doc, j)
    if km and info.complete and info.subunit and lex.heads.match(doc, j):
        km = None  # "Cơ quan CSĐT Công an TP HCM": "Công an ..." is the parent body, not a name
    if km and (head_tok.norm_ == "cơ" or info.complete) and not doc[j].text[:1].isupper():
        return None  # "Cơ quan công an ...": generic
    if km and doc[j - 1].whitespace_ and (capital or lower_ok or doc[j].text[:1].isupper()):
        j += km[0]
        words = km[0]
        known = True
    else:
        lowered = 0
        last_abbr = False
        proper_end = 0
        while (
            j < n
            and (doc[j - 1].whitespace_ or doc[j].norm_ in CONNECTORS or doc[j - 1].norm_ in CONNECTORS)
            and not doc[j].is_space
        ):
            tok = doc[j]
            if (is_abbr(tok) or is_cap(tok)) and tok.text not in ("TP", "TX", "Tp"):
                if is_cap(tok) and (tok.norm_ in lex.not_names or (last_abbr and not company)):
                    break
                if (
                    (words or info.complete)
                    and lex.heads.match(doc, j)
                    and not (is_abbr(tok) and doc[j - 1].norm_ in CONNECTORS)
                ):
                    break
                if len(tok.text) == 1 and j + 1 < n and doc[j + 1].text == ".":
                    break  # "T.Ư": an abbreviation suffix, not a name word
                if words and lex.titles.match(doc, j):
                    break  # "Phòng Quản lý ... làm Trưởng khoa ...": a role starts, the name has ended
                if _starts_person(doc, j, lex) and (
                    words or info.kind != "company" or (j + 2 < n and is_cap(doc[j + 2]))
                ):
                    break
                if (words or info.complete) and is_cap(tok) and lex.admin.match(doc, j):
                    break
                if lex.levels.match(doc, j):
                    break
                words += 1
                last_abbr = is_abbr(tok)
                j += 1
                # one lowercase syllable completes a capitalised word ("Tư pháp", "Y tế")
                if (
                    not last_abbr
                    and j < n
                    and doc[j - 1].whitespace_
                    and is_lower_word(doc[j])
                    and doc[j].norm_ not in STOP
                    and not lex.levels.match(doc, j)
                ):
                    j += 1
                    # a second lowercase syllable only right before a capitalised word or a stop:
                    # "Cục Quản lý dược Việt Nam", not "Sở Tư pháp tổ chức hội nghị"
                    if (
                        j + 1 < n
                        and doc[j - 1].whitespace_
                        and is_lower_word(doc[j])
                        and doc[j].norm_ not in STOP
                        and doc[j].norm_ not in VERB_STOP
                        and not lex.levels.match(doc, j)
                        and (doc[j + 1].text[:1].isupper() or not doc[j + 1].is_alpha)
                        and not lex.titles.match(doc, j + 1)
                    ):
                        j += 1
                proper_end = j
            elif tok.text[:1].isdigit() and words:
                words += 1
                j += 1
                proper_end = j
            elif (
                tok.norm_ in CONNECTORS
                and words
                and j + 1 < n
                and (is_abbr(doc[j + 1]) or (is_cap(doc[j + 1]) and not lex.heads.match(doc, j + 1)))
            ):
                j += 1
            elif (
                ((info.lower and (capital or lower_ok)) or (lower_ok and info.subunit))
                and is_lower_word(tok)
                and tok.norm_ not in STOP
                and not lex.levels.match(doc, j)
                and lowered < MAX_DESCRIPTOR
            ):
                words += 1
                lowered += 1
                j += 1
            elif (
                info.lower
                and tok.norm_ == "và"
                and words
                and j + 1 < n
                and is_lower_word(doc[j + 1])
                and doc[j + 1].norm_ not in STOP
            ):
                j += 1
            else:
                break
        if (
            company and not lower_ok
        ):  # a company needs a proper name: "HTX nông nghiệp An Phú", not "HTX thuê ..."
            if not proper_end:
                return None
            j = proper_end
        while j > i + hlen and doc[j - 1].norm_ in CONNECTORS:
            j -= 1
    if not words and not info.complete:
        return None
    # "Lãnh sự quán Mỹ tại TP HCM"
    if j + 1 < n and doc[j].norm_ == "tại" and " ".join(t.norm_ for t in doc[i : i + hlen]) in AT_PLACE:
        qend, _lv, qplace, _ = _qualifier(doc, j + 1, lex)
        if qplace:
            j = qend
    # suffix ("tối cao", "cấp cao tại Hà Nội")
    if j < n and doc[j - 1].whitespace_:
        sm = lex.suffixes.match(doc, j)
        if sm and doc[j].norm_ == "khu" and not (j + 2 < n and doc[j + 2].text[:1].isdigit()):
            sm = None  # "TAND khu vực 1", not "Cục THADS Khu vực thi đua"
        if sm:
            j += sm[0]
            if (
                doc[j - 2].norm_ == "cấp"
                and doc[j - 1].norm_ == "cao"
                and j + 1 < n
                and doc[j].norm_ == "tại"
            ):
                p = _place_at(doc, j + 1, lex, after_level=False)
                if p:
                    j += 1 + p
    base_end = j
    level = place = None
    elliptical = False
    q = j
    if (
        j + 3 < n
        and doc[j].text == "("
        and is_abbr(doc[j + 1])
        and doc[j + 2].text == ")"
        and doc[j + 2].whitespace_
    ):
        q = j + 3  # "Cục Thi hành án dân sự (THADS) tỉnh Nam Định": the place after the abbreviation
    if q < n and doc[q - 1].whitespace_:
        qend, level, place, elliptical = _qualifier(doc, q, lex)
        if place is not None or elliptical:
            j = qend
    parent_next = (
        info.subunit and info.complete and j < n and doc[j].text[:1].isupper() and lex.heads.match(doc, j)
    )
    if not capital and not lower_ok and not (place and level) and not known and not parent_next:
        return None
    head_norm = " ".join(t.norm_ for t in doc[i : i + hlen])
    if not words and place is None and not elliptical and head_norm in BARE_NOT_OK:
        return None
    if not words and place is None and not capital and not parent_next:
        return None
    if not capital and head_norm == "cơ quan":
        return None
    base = lex.expand(doc[i:base_end].text)
    if not capital:
        base = base[:1].upper() + base[1:] if info.kind != "court" or not lower_ok else base
    name = base
    if place:
        name = f"{base} {level + ' ' if level else ''}{lex.expand(place)}"
    return BodyMatch(
        i,
        j,
        name,
        base,
        level,
        lex.expand(place) if place else None,
        info.kind,
        info.subunit,
        named=bool(words),
    )


def parse_with_parent(
    doc: Doc, i: int, lex: Lexicon | None = None, lower_ok: bool = False, company_parent: bool = False
) -> BodyMatch | None:
    """parse_body, then for a sub-unit ("Phòng", "Đội", "tòa") directly followed by its parent body
    ("Đội CSĐT Công an huyện X", "phòng đăng ký, Sở Y") the composite as one body."""
    lex = lex or load()
    bm = parse_body(doc, i, lex, lower_ok)
    if not bm or bm.place:
        return bm
    k = bm.end
    if not bm.subunit:
        # "Ủy ban Kiểm tra Tỉnh ủy", "Ban Tuyên giáo Thành ủy": a unit of the party committee after it
        pm = parse_body(doc, k, lex) if k < len(doc) and doc[k - 1].whitespace_ else None
        if pm is None or not (
            (pm.kind == "party" and doc[k].text.endswith(("ủy", "uỷ"))) or doc[k].norm_ == "quốc"  # Quốc hội
        ):
            return bm
        name = f"{bm.base} {pm.name}"
        return BodyMatch(bm.start, pm.end, name, name, pm.level, pm.place, bm.kind, False, parent=pm)
    sep = ""
    if k < len(doc) and doc[k].text == "," and doc[i].norm_ != "văn":
        sep = ","
        k += 1
    elif k + 1 < len(doc) and doc[k].norm_ == "của" and doc[k].whitespace_ and doc[k + 1].text[:1].isupper():
        sep = " của"  # "đội xe của Xí nghiệp Cơ giới": a unit, then its parent after "của"
        k += 1
    if k >= len(doc) or not doc[k - 1].whitespace_:
        return bm
    parent = parse_body(doc, k, lex)
    if not parent or (parent.kind == "company" and not company_parent) or parent.subunit:
        return bm
    name = f"{bm.base}{sep} {parent.name}"
    return BodyMatch(
        bm.start, parent.end, name, name, parent.level, parent.place,
        "company" if parent.kind == "company" else bm.kind,  # a company's department is not listed either
        True, parent=parent
    )


def _campaign_ranges(doc: Doc) -> list[tuple[int, int]]:
    return [m for c in (doc._.campaigns or []) for m in (c.mentions or [])]


class BodiesComponent:
    """Sets doc._.bodies (companies excluded) and doc.user_data["newsmine_orgs"] (every body/company
    mention as BodyMatch, for officials)."""

    def __init__(self, nlp: Language):
        self.lex = load()
        self.matcher = PhraseMatcher(nlp.vocab, attr="NORM")
        heads = list(self.lex.heads.by_first.values())
        for lst in heads:
            for _ph, info in lst:
                self.matcher.add("BODY", [nlp.make_doc(info.text)])

    def __call__(self, doc: Doc) -> Doc:
        extensions.register()
        lex = self.lex
        skip = _campaign_ranges(doc)
        starts = sorted({s for _, s, _ in self.matcher(doc)})
        found: list[BodyMatch] = []
        listed: list[BodyMatch] = []
        last_end = 0
        for s in starts:
            if s < last_end:
                continue
            c = doc[s].idx
            if any(a <= c < b for a, b in skip):
                continue
            bm = parse_with_parent(doc, s, lex)
            if bm is None:
                continue
            found.append(bm)
            # "phòng X của Trường Y": the official's body is the composite, but the list names each
            unit = parse_body(doc, s, lex) if bm.parent is not None and " của " in bm.name else None
            listed.append(unit or bm)
            if bm.parent is not None:  # the parent of a composite is a body of its own
                found.append(bm.parent)
                listed.append(bm.parent)
            last_end = bm.end
        doc.user_data["newsmine_orgs"] = found
        doc._.bodies = merge_bodies(doc, [b for b in listed if b.kind != "company"])
        return doc


_LEVEL_BEFORE_NAME = re.compile(
    r"\b(?:tỉnh|thành phố|TP\.?|Tp\.?|quận|huyện|thị xã|xã|phường|thị trấn)\s+(?=[A-ZÀ-Ỹ0-9])"
)


def body_key(name: str) -> str:
    """Merge key: folded, a place level word before a place name dropped ("TAND tỉnh Ninh Bình" = "TAND
    Ninh Bình"), but not in "Tỉnh ủy" or "xã hội"."""
    return fold(_LEVEL_BEFORE_NAME.sub("", name))


def merge_bodies(doc: Doc, found: list[BodyMatch]) -> list[Entity]:
    """One Entity per body: mentions with one key merged, elliptical "UBND phường" resolved backwards."""
    entities: dict[str, Entity] = {}
    order: list[str] = []
    bare: dict[str, bool] = {}
    placed: dict[str, bool] = {}
    for bm in sorted(found, key=lambda b: b.start):
        span = bm.char_span(doc)
        key = body_key(bm.name)
        if bm.level and not bm.place:
            # "UBND phường" = the last body with that base and a place of that level; alone, too vague
            cands = [
                k
                for k in reversed(order)
                if k.startswith(body_key(bm.base) + " ") and fold(bm.level) in fold(entities[k].name)
            ]
            same_level = {b.place for b in found if b.place and b.level and fold(b.level) == fold(bm.level)}
            if cands:
                key = cands[0]
            elif len(same_level) == 1:  # "HĐND tỉnh" in a text about one province: that province
                place = same_level.pop()
                bm = BodyMatch(
                    bm.start,
                    bm.end,
                    f"{bm.base} {bm.level} {place}",
                    bm.base,
                    bm.level,
                    place,
                    bm.kind,
                    bm.subunit,
                    bm.named,
                )
                key = body_key(bm.name)
            elif bm.named:  # "Viện Quy hoạch xây dựng thành phố": the level word belongs to the name
                bm = BodyMatch(
                    bm.start,
                    bm.end,
                    f"{bm.base} {bm.level}",
                    f"{bm.base} {bm.level}",
                    None,
                    None,
                    bm.kind,
                    bm.subunit,
                )
                key = body_key(bm.name)
            else:
                continue  # "UBND xã, phường": no particular body
        ent = entities.get(key)
        if ent is None:
            ent = entities[key] = Entity(name=bm.name, mentions=[], type=bm.kind)
            order.append(key)
            bare[key] = not bm.named and not bm.place
            placed[key] = bool(bm.place)
        else:
            placed[key] = placed[key] or bool(bm.place)
            bare[key] = bare[key] and not bm.named and not bm.place
            if bm.place and len(bm.name) > len(ent.name):
                ent.name = bm.name
        if span not in ent.mentions:
            ent.mentions.append(span)
    # a bare "VKSND"/"TAND" in a text that names exactly one placed VKSND/TAND is that one
    for k in list(order):
        ent = entities[k]
        longer = [o for o in order if o != k and o.startswith(k + " ") and o in entities]
        if (bare.get(k) or not placed.get(k)) and len(longer) == 1:
            entities[longer[0]].mentions = sorted(entities[longer[0]].mentions + ent.mentions)
            del entities[k]
    return [entities[k] for k in order if k in entities]


@Language.factory("newsmine_bodies")
def make_bodies(nlp: Language, name: str) -> BodiesComponent:
    return BodiesComponent(nlp)
