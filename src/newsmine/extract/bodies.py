"""Bodies: the organisations an article names, canonical (abbreviations expanded, place qualifier kept).

A body is a head from corpora/lexicon/body_types.json ("Sở", "Cục", "TAND", "Công an" ...) found by a
PhraseMatcher on NORM, then grown token by token: a known name ("Thi hành án dân sự"), or a capitalised
name ("Tư pháp", "Thi đua - Khen thưởng"), or a lowercase descriptor for heads that take one ("Trung tâm
kiểm soát ..."), then a suffix ("tối cao", "cấp cao tại Hà Nội") and a place qualifier ("tỉnh Ninh Bình",
"TP HCM", "Hà Nội"). A name stops where a person's name, a place or another body begins, so "Bộ Tư pháp
Nguyễn Văn Lực" gives "Bộ Tư pháp". Mentions that fold to one key are one body ("Cục THADS" = "Cục Thi hành
án dân sự"; "TAND Ninh Bình" = "TAND tỉnh Ninh Bình"); "UBND phường" after "UBND phường Nghĩa Đô" is that
body. Companies are parsed too (an official's body may be one) but never listed, per the guide.
A name the text abbreviates itself, "Ủy ban Quốc gia tìm kiếm cứu nạn (UBQGTKCN)", runs to the bracket when
the initials agree, and later "UBQGTKCN" mentions are that body; "UBND và HĐND xã X" gives both the place.

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
from newsmine.extract.lexicon import (
    LEXICON_DIR,
    Lexicon,
    fold,
    is_abbr,
    is_cap,
    is_lower_word,
    load,
    norms_of,
)
from newsmine.extract.tokenizer import norm_form
from newsmine.types import Entity

_BT = json.loads((LEXICON_DIR / "body_types.json").read_text(encoding="utf-8"))

# Function words that end a lowercase descriptor ("phòng kinh doanh của ..." stops at "của"): data.
STOP = frozenset(norm_form(w) for w in _BT["stop_words"])
# Words that never extend a name by a second lowercase syllable ("Bộ Công an tặng ...").
VERB_STOP = frozenset(norm_form(w) for w in _BT["verb_stop"])
CONNECTORS = frozenset({"và", "-", "–", "&"})
# Words after a number that make it a count, not part of a name ("Sư đoàn 968" but "Nam Thái 4 năm"): data.
COUNT_UNITS = frozenset(norm_form(w) for w in _BT["count_units"])
# Heads of units that serve as an official's body but are not listed ("Khoa Dược Bệnh viện X"): data.
UNLISTED = frozenset(fold(w) for w in _BT.get("unlisted_heads", []))
# Heads named by a number only ("Đoàn thanh tra 939"; "Đoàn thanh tra Bộ Y tế" is the ministry's): data.
NUMBERED = frozenset(tuple(norm_form(x) for x in w.split()) for w in _BT.get("numbered_heads", []))
# Reporting verbs end a lowercase descriptor ("Ban chỉ đạo quốc gia đề nghị ..."): data.
REPORTING = frozenset(tuple(norm_form(x) for x in w.split()) for w in _BT.get("reporting_verbs", []))
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
SUFFIX_KEYS = tuple(fold(w) for w in _BT["suffixes"])  # "tối cao": another body, not a longer name
EMBASSIES = frozenset({"lãnh sự quán", "tổng lãnh sự quán", "đại sứ quán"})
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
    if is_abbr(tok):  # "BR - VT", "TT-Huế"
        m = lex.admin.match(doc, j)
        return m[0] if m else 0
    if not is_cap(tok):
        return 0
    if not after_level and (hm := lex.heads.match(doc, j)) and hm[0] > 1:
        return 0  # "Vụ Pháp chế Thanh tra Chính phủ": "Thanh tra" is a body, not the commune "Thanh"
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


def _lower_tail_to_place(doc: Doc, j: int, lex: Lexicon) -> int:
    """A name that goes on in lowercase up to its place qualifier ("Công ty Điện báo điện thoại Kon Tum",
    "Ban Quản lý các khu công nghiệp tỉnh Thừa Thiên - Huế"): the end of those words, else j. A verb
    ("Sở Y tế kiểm tra huyện X") or a function word stops it."""
    n = len(doc)
    k = j
    while (
        k < n
        and k - j < 4
        and is_lower_word(doc[k])
        and (doc[k].norm_ not in STOP or doc[k].norm_ == "các")
        and not lex.levels.match(doc, k)
        and not lex.titles.match(doc, k)
        and doc[k].whitespace_
    ):
        k += 1
    if k == j or doc[j].norm_ in VERB_STOP or doc[j].norm_ == "các":
        return j
    _end, _level, place, _ = _qualifier(doc, k, lex)
    return k if place else j


def _reporting_at(doc: Doc, j: int) -> bool:
    """A reporting verb (one or two syllables) starts at j."""
    one = (doc[j].norm_,)
    return one in REPORTING or (j + 1 < len(doc) and (doc[j].norm_, doc[j + 1].norm_) in REPORTING)


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
    capital = head_tok.text[:1].isupper() or (
        hlen > 1 and head_tok.norm_ == "đảng" and doc[i + 1].text[:1].isupper()  # "đảng Cộng sản Trung Quốc"
    )
    company = info.kind == "company"
    if info.kind == "intl" and not (
        capital and (hlen > 1 or head_tok.text.isupper() or len(head_tok.text) > 4)
    ):
        return None  # "EU", "Interpol" as written; not English "Who"
    numbered = tuple(t.norm_ for t in doc[i : i + hlen]) in NUMBERED
    if (
        hlen == 1
        and len(head_tok.text) > 2
        and head_tok.text.isupper()
        and not info.text.isupper()
        and head_tok.norm_ in lex.surnames
    ):
        return None  # "ĐOÀN CƯỜNG": a byline in capitals, not a body
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
    if (
        hlen == 1
        and head_tok.norm_ in lex.surnames
        and is_cap(head_tok)
        and j + 1 < n
        and doc[j].norm_ in lex.middle_names
        and is_cap(doc[j])
        and is_cap(doc[j + 1])
        and head_tok.whitespace_
    ):
        return None  # "Đoàn Văn Tiến": a person whose family name is also a head
    if i > 0 and lex.levels.match(doc, i - 1) and not lower_ok:
        return None  # "xã Trường Bình", "phường Bến Thành": a place name, not a body
    am = lex.admin.match(doc, i) or (lex.admin.match(doc, i - 1) if i > 0 and is_cap(doc[i - 1]) else None)
    if am and am[0] >= 2 and not info.complete and all(is_cap(t) for t in doc[i : i + hlen]):
        return None  # "Đài Loan", "Tây Ban Nha": a country
    if hlen == 1 and head_tok.norm_ == "bộ" and j < n and doc[j].norm_ in ("luật", "quy"):
        return None  # "Bộ luật Hình sự", "Bộ Quy tắc ứng xử" are codes, not ministries
    if not capital and not lower_ok and i > 0 and (m := lex.titles.match(doc, i - 1)) and m[0] >= 2:
        return None  # "luật sư Đoàn ...": "sư Đoàn" is not a division
    if not capital and not lower_ok and i > 1 and (m := lex.titles.match(doc, i - 2)) and m[0] >= 3:
        return None  # "Phó chi cục Thú y": "cục Thú y" is inside the title
    board = j + 1 < n and doc[j].norm_ == "giám" and doc[j + 1].norm_ in ("đốc", "hiệu", "khảo")
    if board and not info.complete:
        return None  # "Ban Giám đốc", "Ban giám hiệu": a board named by its role (not "Phòng Giám định")
    if j < n and doc[j].text.islower() and lex.generic_after_head.match(doc, j) and not info.complete:
        kn = lex.known_names.match(doc, j)  # ("cơ quan thi hành án tỉnh X" is named, "thi đua" is not)
        if not (kn and not lex.heads.match(doc, j) and all(_qualifier(doc, j + kn[0], lex)[1:3])):
            return None
    if j + 1 < n and doc[j].norm_ == "cấp" and lex.levels.match(doc, j + 1):
        return None  # "UBND cấp tỉnh": a kind of body, not one
    words = 0
    known = False
    # "Cơ quan điều tra Công an tỉnh X": a unit named by its parent alone; the parent is a body of its own
    parent_at = False
    if info.subunit and not info.complete and j < n and doc[j - 1].whitespace_ and doc[j].text[:1].isupper():
        ph = lex.heads.match(doc, j)
        if ph and ph[1].complete:
            pb = parse_body(doc, j, lex)
            parent_at = bool(pb and (pb.place or pb.kind == "party"))  # "Văn phòng Tỉnh ủy"
    km = None if parent_at else lex.known_names.match(doc, j)
    # "Trường Tiểu học Lê Quý Đôn", "trường THCS Hưng Lợi 1": a school type, then its name, which may be a
    # person's or a place's
    school = lex.school_types.match(doc, j) if head_tok.norm_ == "trường" and doc[j - 1].whitespace_ else None
    if school and (doc[j].text[:1].isupper() or is_abbr(doc[j])):
        k = j + school[0]
        e = k
        while (
            e < n
            and e - k < 4
            and doc[e - 1].whitespace_
            and (is_cap(doc[e]) or (e > k and doc[e].text.isdigit()))
        ):
            if doc[e].text.isdigit() and e + 1 < n and doc[e + 1].norm_ in COUNT_UNITS:
                break
            if e > k and lex.admin.match(doc, e):
                break  # "Trường THPT chuyên Lê Quý Đôn Đà Nẵng": the place is the qualifier
            e += 1
        if (
            e > k
            and e + 1 < n
            and doc[e - 1].whitespace_
            and is_lower_word(doc[e])
            and is_cap(doc[e - 1])
            and doc[e].norm_ not in STOP
            and doc[e].norm_ not in CONNECTORS  # "Trường THPT Lê Lợi và Trường ..."
            and not is_lower_word(doc[e + 1])
        ):
            e += 1  # "Trường Tiểu học Thực nghiệm"
        if e > k:
            km = (e - j, None)
            known = True
    if km and info.complete and info.subunit and lex.heads.match(doc, j):
        km = None  # "Cơ quan CSĐT Công an TP HCM": "Công an ..." is the parent body, not a name
    # "cơ quan thi hành án tỉnh X" (but "cơ quan công an huyện Y" is Công an huyện Y, named after "cơ quan")
    placed_known = bool(km) and not lex.heads.match(doc, j) and all(_qualifier(doc, j + km[0], lex)[1:3])
    if (
        km
        and head_tok.norm_ == "cơ"
        and not any(t.text[:1].isupper() for t in doc[j : j + km[0]])
        and not placed_known
    ):
        # "Cơ quan công an ...": generic (but "Cơ quan tình báo Quốc gia", "cơ quan thi hành án tỉnh X" are
        # named)
        return None
    if km and info.complete and not doc[j].text[:1].isupper() and doc[j].norm_ != "khối":
        km = None  # no lowercase name after a complete head ("Đảng ủy khối các cơ quan" is one)
    if km and doc[j - 1].whitespace_ and (
        capital or lower_ok or doc[j].text[:1].isupper() or known or (placed_known and head_tok.norm_ == "cơ")
    ):
        j += km[0]
        words = km[0]
        known = True
    elif not parent_at and tuple(t.norm_ for t in doc[i : i + hlen]) not in lex.closed_heads:
        # ("Liên Hợp Quốc", "Nhà Trắng" take no name after them)
        lowered = 0
        last_abbr = False
        proper_end = 0
        proper_cap = False  # a capitalised (not all-caps) name word taken
        while (
            j < n
            and (doc[j - 1].whitespace_ or doc[j].norm_ in CONNECTORS or doc[j - 1].norm_ in CONNECTORS)
            and not doc[j].is_space
        ):
            tok = doc[j]
            if numbered and not words and not tok.text[:1].isdigit():
                break
            am = lex.admin.match(doc, j) if not words and is_cap(tok) else None
            if am and " ".join(t.norm_ for t in doc[i : i + hlen]) in EMBASSIES:
                words += 1  # "Đại sứ quán Việt Nam tại Lào": the country is the name
                j += am[0]
                continue
            if (is_abbr(tok) or is_cap(tok)) and tok.text not in ("TP", "TX", "Tp"):
                # ("Thông" starts no name, but "Phòng Thông tin" is one)
                info_word = tok.norm_ == "thông" and j + 1 < n and doc[j + 1].norm_ == "tin"
                not_name = tok.norm_ in lex.not_names and not info_word
                # ("Trường ĐH Bách khoa": an abbreviated head, ĐH, takes a name after it)
                abbr_head = last_abbr and words == 1 and bool(lex.heads.match(doc, j - 1))
                if is_cap(tok) and (not_name or (last_abbr and not company and not abbr_head)):
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
                # a company's first proper name may look like a person or a place: "Công ty TNHH sản xuất
                # thương mại Hoàng Thắng", "Công ty TNHH Nam Thái"
                first_company_name = company and not proper_cap
                if _starts_person(doc, j, lex) and (
                    (words and not first_company_name) or not company or (j + 2 < n and is_cap(doc[j + 2]))
                ):
                    break
                if (
                    (words or info.complete)
                    and is_cap(tok)
                    and lex.admin.match(doc, j)
                    and not (first_company_name and words)
                    and not abbr_head  # "Trường ĐH Bách khoa": not the ward Bách Khoa
                ):
                    break
                if lex.levels.match(doc, j):
                    break
                words += 1
                last_abbr = is_abbr(tok)
                after_cap = j - 1 >= i + hlen and is_cap(doc[j - 1])
                proper_cap = proper_cap or is_cap(tok)
                j += 1
                # one lowercase syllable completes a capitalised word ("Tư pháp", "Y tế", "Mở Bán công TP
                # HCM"), not a proper name of two capitalised syllables in a clause ("Công ty Hoàng Thắng mức
                # án ...")
                if (
                    not last_abbr
                    and not (
                        after_cap
                        and j + 1 < n
                        and (is_lower_word(doc[j + 1]) or doc[j + 1].text[:1].isdigit())
                    )
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
                        and not lex.heads.match(doc, j + 1)  # "Sở Quy hoạch và Kiến trúc thành Sở ..."
                    ):
                        j += 1
                proper_end = j
            elif (
                tok.text[:1].isdigit()
                # "Sư đoàn 968", "Quận đoàn 5", "Khu Quản lý đường bộ 7" (not "Chính phủ 5 nghị định")
                and (words or (j == i + hlen and (not info.complete or head_tok.norm_ in ("quận", "khu"))))
                and not (j + 1 < n and doc[j + 1].norm_ in COUNT_UNITS)  # "Công ty Nam Thái 4 năm (tù)"
                and not (j + 1 < n and lex.levels.match(doc, j + 1) and not numbered)  # "UBND 2 xã"
                and not (j + 1 < n and doc[j + 1].text == "/")  # "Đội 1/3"
                and not (len(tok.text) == 4 and tok.text[:2] in ("19", "20"))  # a year: "đại học 2004"
            ):
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
                and not _reporting_at(doc, j)
                and not (proper_cap and lex.suffixes.match(doc, j))  # "Học viện An ninh nhân dân"
                # "phòng X và phó trưởng phòng Y" (but "Ban chỉ đạo ứng phó ...")
                and not (lowered and (lex.titles.match(doc, j) or (0,))[0] >= 2)
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
                and not lex.titles.match(doc, j + 1)
            ):
                j += 1
            else:
                break
        if proper_cap and j < n and doc[j - 1].whitespace_ and is_lower_word(doc[j]):
            j = _lower_tail_to_place(doc, j, lex)  # "Công ty Điện báo điện thoại Kon Tum"
            proper_end = max(proper_end, j)
        if (
            company and not lower_ok
        ):  # a company needs a proper name: "HTX nông nghiệp An Phú", not "HTX thuê ..."
            if not proper_end:
                return None
            defined = j + 2 < n and doc[j].text == "(" and (is_abbr(doc[j + 1]) or is_cap(doc[j + 1]))
            if not (j > proper_end and j < n and (_qualifier(doc, j, lex)[2] or defined)):
                # "Công ty Điện báo điện thoại Kon Tum": a descriptor before the place stays, and before the
                # company's short name: "Công ty Thiết kế và xây dựng dầu khí (PVECC)"
                j = proper_end
        while j > i + hlen and doc[j - 1].norm_ in CONNECTORS:
            j -= 1
    if not words and not info.complete and not parent_at:
        return None
    # "Lãnh sự quán Mỹ tại TP HCM"
    head_norm = " ".join(t.norm_ for t in doc[i : i + hlen])
    if j + 1 < n and doc[j].norm_ == "tại" and head_norm in AT_PLACE:
        qend, _lv, qplace, _ = _qualifier(doc, j + 1, lex)
        if qplace:
            j = qend
        elif head_norm in EMBASSIES and words and (p := _place_at(doc, j + 1, lex, after_level=True)):
            j += 1 + p  # "Lãnh sự quán Trung Quốc tại Gdansk": a foreign city the gazetteer lacks
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
        if place and not level and fold(place) == "viet nam" and j < n and doc[j - 1].whitespace_:
            # "Mặt trận Tổ quốc Việt Nam tỉnh Hà Giang": "Việt Nam" is part of the name, the place follows
            q2 = _qualifier(doc, j, lex)
            if q2[1] and q2[2]:
                base_end = j
                j, level, place, elliptical = q2
    parent_next = parent_at or (
        info.subunit and info.complete and j < n and doc[j].text[:1].isupper() and lex.heads.match(doc, j)
    )
    # "công an Quảng Trị": a lowercase police head with a province is that province's police
    police_of = info.kind == "police" and info.complete and place and not words and _is_province(place, lex)
    # "tỉnh ủy Đồng Nai", "huyện ủy Vĩnh Cửu": a lowercase party committee with its place
    police_of = police_of or (info.kind == "party" and info.complete and place and not words and hlen <= 2)
    # "lãnh sự quán Việt Nam tại Osaka": a lowercase embassy named by its country
    police_of = police_of or (head_norm in EMBASSIES and words > 0)
    if (
        not capital
        and not lower_ok
        and not (place and level)
        and not known
        and not parent_next
        and not police_of
    ):
        return None
    if not words and place is None and not elliptical and head_norm in BARE_NOT_OK and not parent_at:
        return None
    if not words and place is None and not capital and not parent_next and not (lower_ok and elliptical):
        return None  # but after a title: "Trưởng công an TP" (the city's police, named before)
    if not capital and head_norm == "cơ quan" and not (known and place and level):
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
        party_of = bm.kind == "party" and not bm.named and not bm.place and bm.end - bm.start <= 2
        if party_of and pm is not None and pm.subunit:
            pm = parse_with_parent(doc, k, lex)  # "Đảng ủy Văn phòng Tỉnh ủy": the office with its parent
        if pm is None or not (
            (pm.kind == "party" and doc[k].text.endswith(("ủy", "uỷ")))
            or doc[k].norm_ == "quốc"  # Quốc hội
            # "Đảng ủy Văn phòng Tỉnh ủy": the party committee of that office
            or (party_of and doc[k].text[:1].isupper() and pm.kind != "company")
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


def _shared_qualifier(doc: Doc, bm: BodyMatch, lex: Lexicon) -> BodyMatch:
    """"UBND và HĐND xã Phú Cát", "HĐND, UBND tỉnh X": a bare head takes the place of the body joined to
    it."""
    k = bm.end
    if bm.named or bm.place or k + 1 >= len(doc) or doc[k].norm_ not in ("và", ","):
        return bm
    if fold(bm.base).endswith(tuple(x for x in SUFFIX_KEYS if x != "nhan dan")):
        return bm  # "VKSND tối cao và VKSND tỉnh Hà Nam": the supreme one has no province
    nxt = parse_body(doc, k + 1, lex)
    if nxt is None or nxt.named or not nxt.place:
        return bm
    name = f"{bm.base} {nxt.level + ' ' if nxt.level else ''}{nxt.place}"
    return BodyMatch(bm.start, bm.end, name, bm.base, nxt.level, nxt.place, bm.kind, bm.subunit, named=False)


def _initials(toks) -> str:
    return "".join(fold(t.text)[:1] for t in toks if t.is_alpha and t.norm_ != "và").upper()


def _defined_abbreviation(doc: Doc, bm: BodyMatch, lex: Lexicon) -> tuple[BodyMatch, str | None]:
    """A body the text names in full and then abbreviates, "Ủy ban Quốc gia tìm kiếm cứu nạn (UBQGTKCN)":
    the name runs to the bracket when the initials spell the abbreviation (the grammar may have stopped
    earlier, at "Ủy ban Quốc gia"); returns the (possibly longer) body and the abbreviation."""
    n = len(doc)
    k = bm.end
    while (
        k < n
        and k - bm.end < 8
        and (doc[k].is_alpha or doc[k].text in ("-", "–"))
        and doc[k - 1].whitespace_
    ):
        k += 1
    if not (k + 2 < n and doc[k].text == "(" and doc[k + 2].text == ")" and is_abbr(doc[k + 1])):
        return bm, None
    abbr = doc[k + 1].text
    want = fold(abbr).replace(" ", "").upper()
    if len(want) < 3 or lex.heads.match(doc, k + 1):
        return bm, None
    for a in range(bm.start, min(bm.start + 3, k)):
        if _initials(doc[a:k]) == want:
            break
    else:
        return bm, None
    if k > bm.end:
        name = lex.expand(doc[bm.start : k].text)
        bm = BodyMatch(bm.start, k, name, name, None, None, bm.kind, bm.subunit)
    return bm, abbr


def _intl_alias(doc: Doc, bm: BodyMatch, lex: Lexicon) -> str | None:
    """The acronym in brackets after an international organisation's full name ("Tổ chức Y tế Thế giới
    (WHO)"), whose initials need not agree; later mentions of it are that body."""
    e = bm.end
    if not (e + 2 < len(doc) and doc[e].text == "(" and doc[e + 2].text == ")"):
        return None
    hm = lex.heads.match(doc, e + 1)
    return doc[e + 1].text if hm and hm[0] == 1 and hm[1].kind == "intl" else None


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
        defined: dict[str, BodyMatch] = {}
        last_end = 0
        for s in starts:
            if s < last_end or doc[s].text in defined:  # a defined acronym: an alias, added below
                continue
            c = doc[s].idx
            if any(a <= c < b for a, b in skip):
                continue
            bm = parse_with_parent(doc, s, lex, company_parent=True)  # "Phòng Kế toán Công ty X": not listed
            if bm is None:
                continue
            bm = _shared_qualifier(doc, bm, lex)
            bm, abbr = _defined_abbreviation(doc, bm, lex)
            if not abbr and bm.kind == "intl":
                abbr = _intl_alias(doc, bm, lex)  # "Liên minh châu Âu (EU)": one body
            if abbr:
                defined.setdefault(abbr, bm)
            found.append(bm)
            e = bm.end
            hm = lex.heads.match(doc, e + 1) if e + 1 < len(doc) and doc[e].norm_ == "thuộc" else None
            if hm and hm[1].kind == "company":  # "Trung tâm X thuộc Công ty Y": a unit of a company
                last_end = bm.end
                continue
            # "phòng X của Trường Y": the official's body is the composite, but the list names each
            unit = parse_body(doc, s, lex) if bm.parent is not None and " của " in bm.name else None
            listed.append(unit or bm)
            if bm.parent is not None:  # the parent of a composite is a body of its own
                found.append(bm.parent)
                listed.append(bm.parent)
            last_end = bm.end
        if defined:  # later mentions of an abbreviation the text defined: "UBQGTKCN"
            spans = [(b.start, b.end) for b in found]
            for tok in doc:
                bm = defined.get(tok.text)
                if bm is not None and not any(a <= tok.i < b for a, b in spans):
                    alias = BodyMatch(
                        tok.i, tok.i + 1, bm.name, bm.base, bm.level, bm.place, bm.kind, bm.subunit
                    )
                    found.append(alias)
                    listed.append(alias)
            found.sort(key=lambda b: b.start)
        # "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam (BIDV)": a company's abbreviation, for an official's
        # body later
        aliases = {}
        for b in found:
            e = b.end
            if (
                b.kind == "company"
                and e + 2 < len(doc)
                and doc[e].text == "("
                and doc[e + 2].text == ")"
                and is_abbr(doc[e + 1])  # an abbreviation (BIDV) is expanded; a brand (Saigonbank) is a name
            ):
                aliases.setdefault(doc[e + 1].text, b.name)
        doc.user_data["newsmine_aliases"] = aliases
        doc.user_data["newsmine_orgs"] = found
        doc._.bodies = merge_bodies(
            doc, [b for b in listed if b.kind != "company" and fold(b.name).split()[0] not in UNLISTED]
        )
        return doc


_LEVEL_BEFORE_NAME = re.compile(
    r"\b(?:tỉnh|thành phố|TP\.?|Tp\.?|quận|huyện|thị xã|xã|phường|thị trấn)\s+(?=[A-ZÀ-Ỹ0-9])"
)


def body_key(name: str) -> str:
    """Merge key: folded, a place level word before a place name dropped ("TAND tỉnh Ninh Bình" = "TAND
    Ninh Bình"), but not in "Tỉnh ủy" or "xã hội"; "và" dropped ("Sở Kế hoạch Đầu tư" = "Sở Kế hoạch và Đầu
    tư", "Bộ Tài nguyên - Môi trường" = "Bộ Tài nguyên và Môi trường" = "Bộ Tài nguyên-Môi trường")."""
    folded = fold(_LEVEL_BEFORE_NAME.sub("", name)).replace("-", " ").replace("–", " ")
    return " ".join(w for w in folded.split() if w != "va")


def _is_province(place: str, lex: Lexicon) -> bool:
    """A province-level name ("Thừa Thiên - Huế", "Bình Thuận"), by its NORM form."""
    ph = norms_of(place)
    m = lex.provinces.by_first.get(ph[0]) if ph else None
    return bool(m) and any(p == ph for p, _ in m)


def merge_bodies(doc: Doc, found: list[BodyMatch]) -> list[Entity]:
    """One Entity per body: mentions with one key merged, elliptical "UBND phường" resolved backwards."""
    entities: dict[str, Entity] = {}
    order: list[str] = []
    bare: dict[str, bool] = {}
    placed: dict[str, bool] = {}
    short_of: dict[str, tuple[str, str]] = {}  # key -> (base key, folded place) of a named body
    lex = load()
    provinces = {b.place for b in found if b.place and _is_province(b.place, lex)}
    for bm in sorted(found, key=lambda b: b.start):
        span = bm.char_span(doc)
        key = body_key(bm.name)
        if bm.level and not bm.place:
            # "UBND phường" = the last body with that base and a place of that level; alone, too vague
            province_level = fold(bm.level) == "tinh"
            cands = [
                k
                for k in reversed(order)
                if k.startswith(body_key(bm.base) + " ")
                and (
                    fold(bm.level) in fold(entities[k].name)
                    or (province_level and any(fold(p) in fold(entities[k].name) for p in provinces))
                )
            ]
            same_level = {b.place for b in found if b.place and b.level and fold(b.level) == fold(bm.level)}
            if province_level:  # "Thanh tra tỉnh" in a text naming one province ("Tỉnh ủy Thừa Thiên - Huế")
                same_level |= {p for p in provinces if not any(
                    b.place == p and b.level and fold(b.level) != "tinh" for b in found)}
                same_level = set({fold(p): p for p in same_level}.values())
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
            if bm.named and bm.parent is None:
                short_of[key] = (body_key(bm.base), fold(bm.place) if bm.place else "")
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
        # ("VKS ... VKSND Tối cao": "tối cao" is no place, so the bare one may be another procuracy)
        if len(longer) == 1 and (placed.get(longer[0]) if bare.get(k) else not placed.get(k)):
            entities[longer[0]].mentions = sorted(entities[longer[0]].mentions + ent.mentions)
            del entities[k]
        elif bare.get(k) and len(longer) > 1 and all(placed.get(o) for o in longer):
            # "UBND" in a text naming the UBND of a city and of a district: the one named last before it
            # (else the first named after)
            first = min(a for a, _ in ent.mentions)
            before = [(max([a for a, _ in entities[o].mentions if a < first], default=-1), o) for o in longer]
            best = max(before)
            if best[0] < 0:  # none before: the first named after
                best = min((min(a for a, _ in entities[o].mentions), o) for o in longer)
            entities[best[1]].mentions = sorted(entities[best[1]].mentions + ent.mentions)
            del entities[k]
    _merge_short_names(entities, order, short_of)
    return [entities[k] for k in order if k in entities]


def _merge_short_names(entities: dict[str, Entity], order: list[str], short_of: dict[str, tuple[str, str]]):
    """A later shorter mention of a unit named in full before: "Phòng Tài nguyên và Môi trường huyện Lộc Hà"
    ... "Phòng Tài nguyên huyện Lộc Hà" / "Phòng Tài nguyên" is that unit, when it is the only one that fits
    (its name goes on with a capitalised word or "và", not a suffix like "tối cao")."""
    for pos, k in enumerate(order):
        if k not in entities or k not in short_of:
            continue
        base, place = short_of[k]
        if len(base.split()) < 2:
            continue
        fits = [
            o
            for o in order[:pos]
            if o in entities
            and o in short_of
            and short_of[o][0].startswith(base + " ")
            and (not place or short_of[o][1] == place)
            and not short_of[o][0][len(base) + 1 :].startswith(SUFFIX_KEYS)
        ]
        if len(fits) == 1:
            tgt = entities[fits[0]]
            tgt.mentions = sorted(tgt.mentions + entities[k].mentions)
            del entities[k]


@Language.factory("newsmine_bodies")
def make_bodies(nlp: Language, name: str) -> BodiesComponent:
    return BodiesComponent(nlp)
