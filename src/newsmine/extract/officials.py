"""Officials: named persons given a position, rank or professional role, one entry per person.

The press writes a role in two places, both handled by walking tokens from a title match:
  before the name:  "Phó Tổng cục trưởng Tổng cục THADS (Bộ Tư pháp) Nguyễn Văn Lực", "Thượng tá Trần B",
                    "chủ tịch UBND phường Bùi Doãn Dũng", "Luật sư Trương Thị Hòa"
  after the name:   "ông Nguyễn Văn A, Giám đốc Sở Tư pháp tỉnh X", "Nguyễn Đình Thành (Chủ nhiệm HTX 8/3)",
                    "Thượng tá Trần B - Phó trưởng Công an huyện Y" (a role after a rank wins over the rank)
Ranks and degrees (Thượng tá, Tiến sĩ, Đại biểu) are titles only when no role is given; a copula ("X là / hiện
là Giám đốc ...") and brackets ("A và B (nguyên chủ tịch UBND xã X)", "A (tức B) nhân viên ...") give roles.
title = the role head as written (no organisation, no "nguyên"), body = the organisation after the title,
from the bodies component (expanded, with its place; an elliptical "UBND phường" resolved to the ward named
before), or parsed here for lowercase units ("trưởng phòng kinh doanh", "phó chánh toà hình sự TAND ...");
implied bodies: "Phó chủ tịch Thừa Thiên - Huế" (its People's Committee), "Bí thư phường" or a bare "Phó bí
thư" (the party committee the text names), "Thứ trưởng Nội vụ", "Vụ trưởng Kế hoạch - Tài chính" (that Bộ/Vụ).
A person name is a run of capitalised syllables starting with a family name (corpora/lexicon/surnames.json),
or any capitalised run after "ông/bà/đồng chí" or a title ("bà Mary Kamb"). Later short references
("ông Lực", "bà Nga", "Luật sư Hòa", "bị cáo Dũng", a bare "Lực") are linked to the person whose name ends in
that syllable and appended to Official.mentions. Persons never given a role (defendants, victims) are not
officials.

For the quotes component: `resolve_person(doc, text_or_span)` gives the Official behind "ông Lực", a full
name, or a character span of any mention; doc.spans["persons"] holds every mention (label "PERSON").
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from newsmine.extract import extensions
from newsmine.extract.bodies import (
    STOP,
    UNLISTED,
    BodyMatch,
    _is_province,
    _qualifier,
    body_key,
    parse_with_parent,
)
from newsmine.extract.lexicon import Lexicon, fold, is_abbr, is_cap, is_lower_word, load
from newsmine.extract.tokenizer import norm_form
from newsmine.types import Entity, Official

PLACE_WORDS = frozenset(
    {
        "đường",
        "phố",
        "phường",
        "quận",
        "huyện",
        "xã",
        "tỉnh",
        "thành",
        "tp",
        "cầu",
        "chợ",
        "trường",
        "khu",
        "số",
        "làng",
        "thôn",
        "ấp",
        "bản",
        "sông",
        "núi",
        "hẻm",
        "ngõ",
        "kiệt",
        "đại",
        "lộ",
        "tàu",
        "hiệu",
        "tên",
        "miền",
        "phía",
        "báo",
        "đài",
        "vịnh",
        "đảo",
        "hồ",
    }
)
# a role given without its organisation -> the kind of body it heads (the first word of the body's name,
# or any company), looked up among the bodies named shortly before (CONTEXT_CHARS)
CONTEXT_HEADS = {
    "bộ trưởng": "Bộ",
    "thứ trưởng": "Bộ",
    "cục trưởng": "Cục",
    "tổng cục trưởng": "Tổng",
    "vụ trưởng": "Vụ",
    "viện trưởng": "Viện",
    "chánh án": "Tòa",
    "giám đốc": "company",
    "tổng giám đốc": "company",
    "chủ tịch hội đồng quản trị": "company",
    "chủ tịch hđqt": "company",
    "kế toán trưởng": "company",
    "bí thư": "party",  # "Phó bí thư Nguyễn Văn B" after "Bí thư Đảng ủy xã X": that committee
    "trưởng phòng": "Phòng",  # "Phó phòng Nguyễn Văn C" after "phòng Tài nguyên và Môi trường"
    "phòng": "Phòng",
    "phó trưởng phòng": "Phòng",
}
CONTEXT_CHARS = 600
PLURAL_WORDS = frozenset({"hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "các", "những"})
LIST_WORDS = frozenset({"và", "hai", "ba", "bốn", "năm", "các", "cùng", "ông", "bà"})
ELIDED = "elided"  # BodyMatch.kind of a committee implied by "Chủ tịch huyện X" / "Bí thư phường Y"
PARTY_COMMITTEE = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy", "quận": "Quận ủy",
                   "thị xã": "Thị ủy"}
# a role named by its unit's field alone: "Thứ trưởng Ngoại giao" (Bộ), "Vụ trưởng Kế hoạch - Tài chính" (Vụ)
SHORTHAND_UNITS = {"bộ trưởng": "Bộ", "vụ trưởng": "Vụ", "cục trưởng": "Cục", "tổng cục trưởng": "Tổng cục",
                   "vụ phó": "Vụ", "cục phó": "Cục"}
CENTRAL_CITIES = frozenset({"ha noi", "hai phong", "da nang", "can tho", "tp hcm", "tphcm", "tp ho chi minh"})
BARE_TITLES = frozenset({"trưởng", "phó", "phó trưởng", "quyền", "ủy viên", "uỷ viên", "thường vụ"})
SEPARATORS = frozenset({",", "(", "-", "–", "—", ":"})
MAX_NAME = 5


@dataclass
class _Person:
    name: str
    key: str
    title: str | None = None
    body: str | None = None
    rank_only: bool = True
    has_role: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)
    first: int = 0
    order: tuple[bool, int] = (True, 1 << 30)


def _cap_runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of capitalised syllables joined by single spaces: [start, end) token indexes."""
    runs = []
    n = len(doc)
    i = 0
    while i < n:
        if is_cap(doc[i]):
            j = i + 1
            while j < n and doc[j - 1].whitespace_ == " " and is_cap(doc[j]) and j - i < 8:
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


class OfficialsComponent:
    def __init__(self, nlp: Language):
        self.lex: Lexicon = load()

    # -- helpers ---------------------------------------------------------------------------------
    def _titles(self, doc: Doc) -> dict[int, tuple[int, str, str]]:
        """start token -> (end, kind, text) of the longest title at each start, left to right without
        overlaps ("Phó thủ tướng" is one title, not also "thủ tướng")."""
        out = {}
        lex = self.lex
        last_end = 0
        for i, tok in enumerate(doc):
            if i >= last_end and tok.is_alpha and lex.titles.by_first.get(tok.norm_):
                m = lex.titles.match(doc, i)
                if m:
                    k, (kind, _) = m
                    out[i] = (i + k, kind, doc[i : i + k].text)
                    last_end = i + k
        return out

    def _body_after(self, doc: Doc, j: int, title_end: int, orgs: dict[int, BodyMatch]) -> BodyMatch | None:
        """The organisation a title at [.., title_end) heads: the body right after it, or a unit sharing the
        title's last word ("trưởng phòng kinh doanh", "chánh toà hình sự ...")."""
        lex = self.lex
        if j in orgs:
            return orgs[j]
        if j < len(doc) and doc[j - 1].whitespace_:
            bm = parse_with_parent(doc, j, lex, lower_ok=True, company_parent=True)
            if bm:
                return bm
        for size in (2, 1):  # "trưởng phòng X", "phó chánh thanh tra quận Y": the unit is the title's tail
            last = title_end - size
            m = lex.heads.match(doc, last)
            # "Trưởng ban chỉ đạo ...": the head may run past the title ("ban" + "chỉ đạo")
            if m and m[0] >= size and doc[title_end - 1].norm_ in lex.subunit_tails:
                bm = parse_with_parent(doc, last, lex, lower_ok=True, company_parent=True)
                if bm and bm.end > title_end:
                    return bm
        return self._committee_of_place(doc, j, title_end)

    def _committee_of_place(self, doc: Doc, j: int, title_end: int) -> BodyMatch | None:
        """The press elides the body of a chairman or party secretary: "Chủ tịch huyện Sóc Sơn" is the
        chairman of the district People's Committee, "Bí thư phường X" heads the ward's Party committee."""
        if j >= len(doc) or title_end < 2:
            return None
        last2 = (doc[title_end - 2].norm_, doc[title_end - 1].norm_)
        if last2 not in (("chủ", "tịch"), ("bí", "thư")):
            return None
        qend, level, place, _ = _qualifier(doc, j, self.lex)
        if level and not place:  # "Bí thư phường", "Chủ tịch xã": the ward's committee the text names
            return self._committee_named(doc, j, qend, level, last2 == ("chủ", "tịch"))
        if place and not level and _is_province(place, self.lex) and fold(place) != "ho chi minh":
            # "Phó chủ tịch Thừa Thiên - Huế": a province named alone ("Chủ tịch Hồ Chí Minh" is a person)
            level = "thành phố" if fold(place) in CENTRAL_CITIES else "tỉnh"
        if not (level and place):
            return None
        place = self.lex.expand(place)
        if last2 == ("chủ", "tịch"):
            name = f"Ủy ban nhân dân {level} {place}"
        else:
            head = PARTY_COMMITTEE.get(level.lower())
            name = f"{head} {place}" if head else f"Đảng ủy {level} {place}"
        base = name[: -len(place) - 1]
        return BodyMatch(j, qend, name, base, level, place, ELIDED, False)

    def _committee_named(self, doc: Doc, j: int, qend: int, level: str, chair: bool) -> BodyMatch | None:
        """"Bí thư phường" -> the "Đảng ủy phường X" named in the text (the nearest before, else the first
        after); "Chủ tịch xã" -> the "UBND xã Y"."""
        want = [f"{'uy ban nhan dan' if chair else 'dang uy'} {fold(level)} "]
        if not chair and fold(level) in ("tinh", "thanh pho", "huyen", "quan", "thi xa"):
            return None  # "Bí thư tỉnh": the Tỉnh ủy, named differently; left to the context rule
        start = doc[j].idx
        before, after = None, None
        for ent in doc._.bodies or []:
            if not any(fold(ent.name).startswith(w) for w in want):
                continue
            for a, _ in ent.mentions:
                if a < start and (before is None or a > before[0]):
                    before = (a, ent.name)
                elif a >= start and (after is None or a < after[0]):
                    after = (a, ent.name)
        hit = before or after
        if hit is None:
            return None
        return BodyMatch(j, qend, hit[1], hit[1], level, None, ELIDED, False)

    def _pair_before(self, doc: Doc, end: int, runs: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The full name ending right before token `end` ("A" in "A và B (...)")."""
        for s, e in runs:
            if e == end:
                span = self._name_at(doc, s, {s: e}, False)
                if span and span[1] == e and span[1] - span[0] >= 2:
                    return span if doc[span[0]].norm_ in self.lex.surnames else None
        return None

    def _elliptical(self, doc: Doc, bm: BodyMatch) -> str | None:
        """The body an elliptical "công an TP", "UBND xã" after a title stands for: the last one named before
        with that head and a place of that level ("Công an TP Phan Thiết")."""
        base, level = fold(bm.base), fold(bm.level)
        start = doc[bm.start].idx
        best = None
        for ent in doc._.bodies or []:
            name = fold(ent.name)
            if not (name.startswith(base + " ") and f" {level} " in f" {name} "):
                continue
            before = [a for a, _ in ent.mentions if a < start]
            if before and (best is None or max(before) > best[0]):
                best = (max(before), ent.name)
        return best[1] if best else None

    def _shorthand(self, doc: Doc, j: int, title: str) -> tuple[str, int, tuple[int, int]] | None:
        """(body, end token, char span) of a unit named by its field alone after a role: "Thứ trưởng Ngoại
        giao" -> Bộ Ngoại giao, "Vụ trưởng Kế hoạch - Tài chính" -> Vụ Kế hoạch - Tài chính."""
        key = " ".join(title.lower().split()).removeprefix("phó ")
        unit = SHORTHAND_UNITS.get(key) or ("Bộ" if key.startswith("thứ trưởng") else None)
        km = self.lex.known_names.match(doc, j) if unit else None
        if not km and unit == "Bộ":
            km = self._field_before_name(doc, j)
        if not km:
            return None
        k = j + km[0]
        qend, _lv, place, _ = _qualifier(doc, k, self.lex) if doc[k - 1].whitespace_ else (k, 0, 0, 0)
        end = qend if place else k
        return f"{unit} " + doc[j:end].text, end, (doc[j].idx, doc[k - 1].idx + len(doc[k - 1].text))

    def _respective(self, doc: Doc, runs, titles, orgs, body_name) -> list:
        """Names listed, then their roles listed in one bracket in the same order: "A, B và C (cán bộ địa
        chính, thống kê và trưởng khu dân cư)", "A và bà B (trưởng và phó phòng tài chính quản trị)". An
        elliptical role ("thống kê") takes the head of the first ("cán bộ"); a role without an organisation
        takes the one named last in the bracket. [(span, title, body, kind, pos)]."""
        lex = self.lex
        n = len(doc)
        out = []
        for s, e in runs:
            if e >= n or e - s < 2 or doc[s].norm_ not in lex.surnames:
                continue
            if doc[e].text != "(":
                if doc[e].text == "," or doc[e].norm_ == "là":
                    out.extend(self._respective_open(doc, s, e, titles, orgs, body_name))
                continue
            names = self._names_before(doc, s, e)  # "A và bà B (...)"
            if len(names) < 2:
                continue
            # the roles in the bracket, split at "," and "và"
            segs, cur = [], []
            k = e + 1
            while k < n and doc[k].text != ")" and not doc[k].is_space and k - e < 40:
                if doc[k].text == "," or doc[k].norm_ == "và":
                    segs.append(cur)
                    cur = []
                else:
                    cur.append(k)
                k += 1
            segs.append(cur)
            if k >= n or doc[k].text != ")" or len(segs) != len(names) or not all(segs):
                continue
            first = segs[0][0]
            fm = lex.former.match(doc, first)
            if fm:
                first += fm[0]
            if first not in titles or titles[first][1] != "role":
                continue
            head_end = titles[first][0]
            if head_end - first > 2:  # "cán bộ địa chính, thống kê": the head is "cán bộ"
                head_end = first + 2
            head_words = doc[first:head_end].text
            roles = []
            shared = None
            for seg in segs:
                a = seg[0]
                fm = lex.former.match(doc, a)
                if fm:
                    a += fm[0]
                if a in titles:
                    t_end, kind, ttext = titles[a]
                    bm, brand = self._role_body(doc, t_end, orgs, ttext)
                    bname = body_name(bm) or brand
                    roles.append((ttext, bname, kind, a))
                    shared = bname or shared
                elif all(is_lower_word(doc[x]) for x in seg):
                    end = seg[-1] + 1
                    roles.append((f"{head_words} {doc[a:end].text}", None, "role", a))
                else:
                    roles = []
                    break
            if not roles:
                continue
            for span, (ttext, bname, kind, a) in zip(names, roles, strict=True):
                bare = ttext.lower() in BARE_TITLES
                if bname is None and bare and shared is None:
                    continue
                out.append((span, ttext, bname or (shared if bare else None), kind, a))
        return out

    def _names_before(self, doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
        """The full names listed up to the one at [s, e): "A, B và bà C"."""
        lex = self.lex
        names = [(s, e)]
        k = s - 1
        if k >= 0 and lex.honorifics.match(doc, k):
            k -= 1
        while k >= 1 and (doc[k].text == "," or doc[k].norm_ == "và"):
            b = k
            a = b - 1 if is_cap(doc[b - 1]) else b
            while a > 0 and is_cap(doc[a - 1]) and doc[a - 1].whitespace_ and b - a < MAX_NAME:
                a -= 1
            while a < b and lex.honorifics.match(doc, a):
                a += 1
            if b - a < 2 or doc[a].norm_ not in lex.surnames:
                break
            names.insert(0, (a, b))
            k = a - 1
            if k >= 0 and lex.honorifics.match(doc, k):
                k -= 1
        return names

    def _respective_open(self, doc: Doc, s: int, e: int, titles, orgs, body_name) -> list:
        """"A, B là trưởng phòng và phó trưởng phòng Tài chính", "A và B, Giám đốc và nguyên trưởng phòng
        kinh doanh Công ty X": as many roles as names, one each in order (the organisation, if named once
        at the end, shared)."""
        lex = self.lex
        n = len(doc)
        names = self._names_before(doc, s, e)
        if len(names) < 2:
            return []
        starts = []
        k = e + 1
        while k < n and len(starts) <= len(names):
            fm = lex.former.match(doc, k)
            a = k + fm[0] if fm else k
            if a not in titles or titles[a][1] != "role":
                break
            starts.append(a)
            k = titles[a][0]
            while k < n and doc[k].text not in (",", ".", ";", ")", "và") and not doc[k].is_space:
                k += 1
            if k >= n or (doc[k].text != "," and doc[k].norm_ != "và"):
                break
            k += 1
        if len(starts) != len(names):
            return []
        roles = []
        shared = shared_parent = None
        for a in starts:
            t_end, kind, ttext = titles[a]
            bm, brand = self._role_body(doc, t_end, orgs, ttext)
            bname = body_name(bm) or brand
            roles.append((ttext, bname, kind, a))
            if bname:
                shared = bname
                shared_parent = body_name(bm.parent) if bm is not None and bm.parent is not None else bname
        out = []
        for span, (ttext, bname, kind, a) in zip(names, roles, strict=True):
            bare = ttext.lower() in BARE_TITLES
            if bname is None and bare and shared is None:
                continue
            # "Giám đốc và nguyên trưởng phòng kinh doanh Công ty X": the director's body is the company;
            # "trưởng và phó phòng Y": the elliptical "trưởng" heads the same unit
            out.append((span, ttext, bname or (shared if bare else shared_parent), kind, a))
        return out

    def _field_before_name(self, doc: Doc, j: int) -> tuple[int, None] | None:
        """A ministry's field in its short form right before a full name: "Bộ trưởng Nông nghiệp Cao Đức
        Phát", "Thứ trưởng Văn hoá Trịnh Thị Thuỷ" (capitalised words, each maybe completed by one lowercase
        syllable): (length, None), or None."""
        lex = self.lex
        n = len(doc)
        k = j
        words = 0
        while (
            k < n
            and words < 3
            and is_cap(doc[k])
            and (doc[k].norm_ not in lex.surnames or (k + 1 < n and is_lower_word(doc[k + 1])))
            and doc[k].norm_ not in lex.not_names
            and not lex.heads.match(doc, k)
            and doc[k].whitespace_
        ):
            k += 1
            words += 1
            if k < n and is_lower_word(doc[k]) and doc[k].norm_ not in STOP and doc[k].whitespace_:
                k += 1
        if not words:
            return None
        span = self._name_at(doc, k, None, False)
        if not span or span[1] - span[0] < 2 or doc[span[0]].norm_ not in lex.surnames:
            return None
        return k - j, None

    def _role_body(
        self, doc: Doc, t_end: int, orgs: dict[int, BodyMatch], title: str | None = None
    ) -> tuple[BodyMatch | None, str | None]:
        """(body match, brand name) for a role ending at t_end: the body after it, else after a comma
        ("trưởng phòng, BĐ Nghệ An"), else a brand-like capitalised name ("giám đốc InterPet")."""
        n = len(doc)
        lex = self.lex
        starts = [t_end]
        if t_end + 1 < n and doc[t_end].text == ",":
            starts.append(t_end + 1)
        for j in starts:
            if j >= n or not doc[j - 1].whitespace_:
                continue
            bm = self._body_after(doc, j, t_end, orgs)
            if bm is not None:
                return bm, None
            short = self._shorthand(doc, j, title) if title and j == t_end else None
            if short:
                return None, short[0]
            if (
                (is_abbr(doc[j]) or is_cap(doc[j]))
                and doc[j].norm_ not in lex.surnames
                and not lex.heads.match(doc, j)
            ):
                k = j + 1
                while k < n and k - j < 4 and doc[k - 1].whitespace_ and (is_abbr(doc[k]) or is_cap(doc[k])):
                    k += 1
                qend, _lv, place, _ = (
                    _qualifier(doc, k, lex) if doc[k - 1].whitespace_ else (k, None, None, 0)
                )
                return None, lex.expand(doc[j : qend if place else k].text)
        return None, None

    def _name_at(
        self, doc: Doc, j: int, runs_at: dict[int, int] | None, introduced: bool, foreign: bool = False
    ) -> tuple[int, int] | None:
        """A person name starting at token j (capitalised run): [j, end)."""
        n = len(doc)
        if j >= n or not is_cap(doc[j]):
            return None
        if runs_at is not None and j in runs_at:
            end = runs_at[j]
        else:
            end = j + 1
            while end < n and doc[end - 1].whitespace_ == " " and is_cap(doc[end]) and end - j < 8:
                end += 1
        lex = self.lex
        if end - j > MAX_NAME:
            end = j + MAX_NAME
        # "Park Geun-hye": a hyphen joins the syllables of a foreign given name
        while (
            end + 1 < n
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and doc[end + 1].text.isascii()
            and doc[end - 1].text.isascii()
        ):
            end += 2
        if doc[j].norm_ in lex.not_names:
            return None
        m = lex.admin.match(doc, j)
        if (
            m
            and end - (j + m[0]) >= 2
            and doc[j + m[0] - 1].whitespace_
            and (
                doc[j].norm_ not in lex.surnames
                or doc[j + m[0]].norm_ in lex.surnames
                # "Tổng thống Hàn Quốc Park Geun-hye" (but "Phan Trung Hoài" is a name: "Phan" is a commune)
                or (foreign and m[0] >= 2 and all(doc[k].text.isascii() for k in range(j + m[0], end)))
            )
        ):
            # "Thủ tướng Nhật Bản Shinzo Abe", "Hạ viện Mỹ Nancy Pelosi": the place, then the name
            return self._name_at(doc, j + m[0], None, introduced, foreign)
        if foreign and not m and all(doc[k].text.isascii() for k in range(j, end)):
            # "Chủ tịch Huawei Canada Eric Li": a brand and its country, then the name
            for k in range(j + 1, end - 1):
                cm = lex.admin.match(doc, k)
                if cm and end - (k + cm[0]) >= 2 and doc[k].norm_ not in lex.surnames:
                    return k + cm[0], end
        if (
            foreign
            and 2 <= end - j <= 4
            and doc[j].norm_ not in lex.surnames
            and not m
            and all(doc[k].text.isascii() for k in range(j, end))  # "Quang Lãm" is a village
            and not any(lex.heads.match(doc, k) or doc[k].norm_ in lex.not_names for k in range(j, end))
        ):
            return j, end  # "Tổng thống Donald Trump": a foreign name right after a title
        if end - j >= 2 and (doc[j].norm_ in lex.surnames or introduced):
            m = lex.admin.match(doc, j)
            if m and m[0] == end - j and not introduced and not (foreign and end - j >= 3):
                return None  # "Hà Nội" is a place; but "Chủ tịch Hồ Chí Minh" right after a title is a person
            return j, end
        if introduced and end - j == 1:
            return j, end
        return None

    def _chain_body(
        self, doc: Doc, k: int, titles: dict[int, tuple[int, str, str]], orgs: dict[int, BodyMatch]
    ) -> BodyMatch | None:
        """The body ending a chain of roles after a name: only roles, lowercase words, commas and "kiêm"
        between the first role and the body, within the same clause."""
        n = len(doc)
        start = k
        while k < n and k - start < 25:
            tok = doc[k]
            if k in orgs and orgs[k].kind != ELIDED and (doc[k].text[:1].isupper() or is_abbr(doc[k])):
                return orgs[k]
            if k in titles:
                k = titles[k][0]
                continue
            if tok.is_space or tok.text in (".", ")", "(", ";", ":", "!", "?", '"', "“", "”"):
                return None
            if not (tok.text in (",", "-", "–") or (tok.is_alpha and tok.text.islower())):
                return None
            if tok.norm_ in STOP and tok.norm_ not in ("kiêm", "của"):
                return None
            k += 1
        return None

    def _list_body(
        self, doc: Doc, t: int, titles: dict[int, tuple[int, str, str]], orgs: dict[int, BodyMatch]
    ) -> BodyMatch | None:
        """The body closing a list of persons and roles with "của": "A - Giám đốc, B - Phó giám đốc và hai
        thủ kho C và D của Xí nghiệp X". Only names, roles, sub-units, commas, dashes and "và" may stand
        between the role and "của"."""
        if t not in titles:
            return None
        n = len(doc)
        k = titles[t][0]
        start = k
        while k < n and k - start < 40:
            tok = doc[k]
            if tok.norm_ == "của" and k + 1 < n and k + 1 in orgs:
                bm = orgs[k + 1]
                if bm.kind != ELIDED and (doc[k + 1].text[:1].isupper() or is_abbr(doc[k + 1])):
                    return bm
                return None
            if k in titles:
                k = titles[k][0]
                continue
            if k in orgs:
                if not orgs[k].subunit:
                    return None
                k = orgs[k].end
                continue
            if tok.text in (",", "-", "–") or tok.norm_ in LIST_WORDS or is_cap(tok) or tok.text.isdigit():
                k += 1
                continue
            if is_lower_word(tok) and is_cap(doc[k - 1]) and tok.norm_ not in STOP:
                k += 1  # "Phó phòng Tổng hợp": a unit's name completed by a lowercase syllable
                continue
            return None
        return None

    def _context_body(self, doc: Doc, t: int, title: str, org_list: list[BodyMatch]) -> BodyMatch | None:
        """For a role given without its organisation, the nearest body of the matching type named before it
        in the text ("... Bộ Công nghiệp ... Bộ trưởng Hoàng Trung Hải"; "Tổng công ty X. Tổng giám đốc Y");
        "Giám đốc công ty" takes the company named before however far."""
        want = CONTEXT_HEADS.get(" ".join(title.lower().split()).removeprefix("phó ").removeprefix("nguyên "))
        if want is None or t >= len(doc):
            return None
        n = len(doc)
        # find the title's end to see a generic "công ty" after it
        m = self.lex.titles.match(doc, t)
        t_end = t + (m[0] if m else 1)
        generic = t_end + 1 < n and doc[t_end].text == "công" and doc[t_end + 1].norm_ == "ty"
        hm = self.lex.heads.match(doc, t_end) if t_end < n and doc[t_end - 1].whitespace_ else None
        if hm and not generic:
            if hm[1].kind == "company":
                want = "company"
            else:  # "Phó giám đốc Sở": the Sở named before, not a company
                want = doc[t_end].text
                generic = True
        limit = doc[t].idx - (1 << 30 if generic else CONTEXT_CHARS)
        best = None
        for bm in org_list:
            if bm.end > t or bm.kind == ELIDED or doc[bm.start].idx < limit:
                continue
            first = bm.base.split()[0] if bm.base else ""
            if want == "company":
                ok = bm.kind == "company"
            elif want == "party":
                ok = bm.kind == "party" and fold(bm.base).endswith(" uy") and bm.parent is None
            else:
                ok = fold(first) == fold(want)
            if want == "Bộ" and bm.kind != "state":
                ok = False
            if ok and (best is None or bm.start > best.start):
                best = bm
        return best

    def _name_after_tail(
        self, doc: Doc, j: int, bm: BodyMatch | None, bname: str | None
    ) -> tuple[tuple[int, int] | None, str | None]:
        """A full name a few words after where the body parse stopped, the words belonging to the body:
        "Ủy ban Kinh tế và ngân sách Tào Hữu Phùng" (a lowercase tail joined by "và"),
        "tổng giám đốc Vietsovpetro Nguyễn Giao" (a one-word brand, then the name)."""
        lex = self.lex
        n = len(doc)
        k = j
        if bm is not None and bname and not bm.place:
            while (
                k < n
                and k - j < 4
                and doc[k].is_alpha
                and doc[k].text.islower()
                and (doc[k].norm_ not in STOP or (k == j and doc[k].norm_ == "và"))
                and doc[k - 1].whitespace_
            ):
                k += 1
            if k <= j + 1 or doc[j].norm_ != "và" or not doc[k - 1].whitespace_:
                return None, bname
            tail = doc[j:k].text
        elif bm is None and bname is None and (is_cap(doc[j]) or is_abbr(doc[j])):
            if doc[j].norm_ in lex.surnames or lex.heads.match(doc, j) or lex.admin.match(doc, j):
                return None, bname
            if j + 1 >= n or not doc[j].whitespace_ or not doc[j].text.isascii():
                return None, bname
            k = j + 1
            while (  # "Tổng giám đốc Petro VN Trần Cảnh": a brand of two or three words
                k + 1 < n
                and k - j < 3
                and doc[k].text.isascii()
                and (is_abbr(doc[k]) or is_cap(doc[k]))
                and doc[k].whitespace_
                and doc[k].norm_ not in lex.surnames
                and (doc[k + 1].norm_ in lex.surnames or is_abbr(doc[k + 1]) or is_cap(doc[k + 1]))
            ):
                k += 1
            tail = None
            if doc[k].text == "(":  # "Phó Giám đốc Sinhanco (chi nhánh tại TP.HCM) Nguyễn Thị Lan"
                e = k + 1
                while e < n and e - k < 12 and doc[e].text != ")" and not doc[e].is_space:
                    e += 1
                if e + 1 < n and doc[e].text == ")" and doc[e].whitespace_:
                    k = e + 1
        else:
            return None, bname
        span = self._name_at(doc, k, None, False)
        if not span or span[1] - span[0] < 2 or doc[span[0]].norm_ not in lex.surnames:
            return None, bname
        return span, (f"{bname} {tail}" if tail else lex.expand(doc[j:k].text.split(" (")[0]))

    # -- main ------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        extensions.register()
        lex = self.lex
        n = len(doc)
        skip = [m for c in (doc._.campaigns or []) for m in (c.mentions or [])]
        org_list: list[BodyMatch] = doc.user_data.get("newsmine_orgs") or []
        aliases: dict[str, str] = doc.user_data.get("newsmine_aliases") or {}
        orgs = {b.start: b for b in org_list}
        body_tokens = set()
        for b in org_list:
            body_tokens.update(range(b.start, b.end))
        # canonical body names (elliptical "UBND phường" -> the ward's UBND)
        canon: dict[tuple[int, int], str] = {}
        for ent in doc._.bodies or []:
            for m in ent.mentions:
                canon[tuple(m)] = ent.name
        all_runs = _cap_runs(doc)
        runs = [
            r
            for r in all_runs
            if r[0] not in body_tokens and not any(a <= doc[r[0]].idx < b for a, b in skip)
        ]
        {s: e for s, e in runs}
        titles = self._titles(doc)
        persons: dict[str, _Person] = {}
        named: dict[int, tuple[int, int]] = {}  # token start -> name span of full-name mentions with a role

        extra_bodies: dict[str, BodyMatch] = {}
        shorthand: list[tuple[str, tuple[int, int]]] = []  # "Thứ trưởng Ngoại giao" -> Bộ Ngoại giao

        def body_name(bm: BodyMatch | None) -> str | None:
            if bm is None:
                return None
            span = bm.char_span(doc)
            capital_name = bm.start + 1 < len(doc) and doc[bm.start + 1].text[:1].isupper()
            if (
                span not in canon
                and bm.kind != "company"
                and bm.kind != ELIDED  # "Chủ tịch huyện X": the committee is implied, not named
                and fold(bm.name).split()[0] not in UNLISTED  # "trưởng Khoa Dược Bệnh viện X"
                and (bm.parent is not None or capital_name or bm.place)
            ):
                # "toà hình sự TAND tỉnh X", "Trưởng phòng Đăng ký thuốc": units found only after a title
                extra_bodies.setdefault(fold(bm.name), bm)
            if span not in canon and bm.level and not bm.place:
                el = self._elliptical(doc, bm)
                if el is None and bm.kind != ELIDED:
                    # "Giám đốc Công an tỉnh", "Trưởng phòng Tư pháp huyện": the one place of that level the
                    # text names ("UBND tỉnh Đồng Nai")
                    lv = fold(bm.level)
                    places = {fold(b.place): b.place for b in org_list if b.place and fold(b.level) == lv}
                    if len(places) == 1:
                        el = f"{bm.base} {bm.level} {next(iter(places.values()))}"
                        if extra_bodies.get(fold(bm.name)) is bm:
                            extra_bodies[fold(bm.name)] = replace(bm, name=el)
                return el or bm.name
            return canon.get(span, bm.name)

        def add(span: tuple[int, int], title: str | None, body: str | None, kind: str, pos: int) -> None:
            """Record a role for a person; the earliest role in the text wins, a rank only without one."""
            s, e = span
            name = doc[s:e].text
            key = fold(name)
            p = persons.get(key)
            if p is None:
                p = persons[key] = _Person(name=name, key=key, first=s)
            if title:
                rank = (kind == "rank", pos)
                if p.title is None or rank < p.order:
                    p.title, p.body, p.rank_only, p.order = title, body, kind == "rank", rank
            p.has_role = p.has_role or bool(title)
            named[s] = span

        role_end: dict[int, tuple[int, str, str | None, str]] = {}  # token after a role -> the role
        singles: list[tuple[tuple[int, int], str, str | None, str, int]] = []
        # 1. title [body] [(parent)] [, ] [ông/bà] name   (also lists: "6 thứ trưởng gồm các ông A, B và C")
        for t, (t_end, kind, ttext) in titles.items():
            if any(a <= doc[t].idx < b for a, b in skip):
                continue
            j = t_end
            bm = None
            bname = None
            pending_short = None  # "Bộ Ngoại giao" implied by "Thứ trưởng Ngoại giao", kept if a name follows
            if j < n and doc[j].text == ",":
                role_end[j] = (t, ttext, None, kind)  # "Phó thủ tướng, Bộ trưởng ... NAME"
            if kind == "rank" and j + 1 < n and doc[j].text == "," and doc[j].whitespace_:
                # "thiếu tá, Trần Tiến (1967)": a rank, a comma, then the full name
                span = self._name_at(doc, j + 1, None, False)
                if span and span[1] - span[0] >= 2 and doc[span[0]].norm_ in lex.surnames:
                    add(span, ttext, None, kind, t)
                continue
            if not (j < n and (doc[j - 1].whitespace_ or doc[j].text == "(")):
                continue
            if kind == "role":
                bm = self._body_after(doc, j, t_end, orgs)
                short = self._shorthand(doc, j, ttext) if bm is None else None
                if short:  # "Thứ trưởng Ngoại giao" = of the Ministry; "Vụ trưởng Kế hoạch - Tài chính"
                    bname, j, cspan = short
                    pending_short = (bname, cspan)
            if (
                kind == "role"
                and bm is None
                and bname is None
                and j + 2 < n
                and lex.heads.match(doc, j)
                and lex.heads.match(doc, j)[0] == 1
                and is_cap(doc[j])
                and doc[j].whitespace_
                and doc[j + 1].norm_ in lex.surnames
                and is_cap(doc[j + 2])
            ):
                bname = doc[j].text  # "Chủ tịch Hội Nguyễn Công Ái": the body named by its head alone
                j += 1
            if bm is None and bname is None and ttext.lower() in BARE_TITLES:
                continue
            if bm is not None:
                j = bm.end
                # "Chủ nhiệm Ủy ban Tư pháp của Quốc hội Lê Thị Nga", "Bí thư Đoàn trường ĐH Y Hà Nội X"
                k = j + 1 if j + 1 < n and doc[j].norm_ == "của" else j
                if k in orgs and orgs[k].kind != ELIDED and doc[j - 1].whitespace_:
                    nxt = self._name_at(doc, orgs[k].end, None, False)
                    if nxt and nxt[1] - nxt[0] >= 2 and doc[nxt[0]].norm_ in lex.surnames:
                        j = orgs[k].end
                # "Viện KSND (VKSND) TP HCM": the place comes after the parenthesised abbreviation
                if j + 2 < n and doc[j].text == "(" and is_abbr(doc[j + 1]) and doc[j + 2].text == ")":
                    qend, level, place, _ = _qualifier(doc, j + 3, lex)
                    if place:
                        bm = BodyMatch(
                            bm.start,
                            qend,
                            f"{bm.name} {level + ' ' if level else ''}{lex.expand(place)}",
                            bm.base,
                            level,
                            place,
                            bm.kind,
                            bm.subunit,
                        )
                        j = qend
            # "(Bộ Tư pháp)" after the body
            if j < n and doc[j].text == "(":
                k = j + 1
                while k < n and k - j < 15 and doc[k].text != ")":
                    k += 1
                if k < n and doc[k].text == ")":
                    j = k + 1
            if bname is None:
                bname = body_name(bm)
            role_end[j] = (t, ttext, bname, kind)
            # "... kiêm trưởng thôn NAME": the first role is the one given first
            if j < n and doc[j].norm_ == "kiêm" and j + 1 in titles:
                k_end = titles[j + 1][0]
                bm2 = self._body_after(doc, k_end, k_end, orgs) if k_end < n else None
                j = bm2.end if bm2 else k_end
            if j < n and (doc[j].text == "," or (doc[j].text in ("-", "–") and bm is not None)):
                j += 1  # "Bí thư Tỉnh ủy Sóc Trăng – Phan Văn Sáu"
            if bm is not None and j < n and doc[j].text in ("-", "–") and j + 1 in titles:
                j += 1  # "Cục trưởng Cục Y tế dự phòng (Bộ Y tế) -TS Trịnh Quân Huấn"
            if bm is not None and j in titles and titles[j][1] == "rank":
                j = titles[j][0]  # a degree or rank between the role and the name; the role wins
            # a list: "gồm (các) ông A, B, C và D"; "Bộ X có 6 thứ trưởng gồm ...": the body before
            if j < n and doc[j].norm_ == "gồm":
                if bname is None and t >= 3 and doc[t - 1].text.isdigit() and doc[t - 2].norm_ == "có":
                    before = [b for b in org_list if b.end == t - 2]
                    if before:
                        bname = body_name(before[0])
                k = j + 1
                if k < n and doc[k].norm_ == "các":
                    k += 1
                hm = lex.honorifics.match(doc, k)
                if hm:
                    k += hm[0]
                while True:
                    span = self._name_at(doc, k, None, False)
                    if not span or span[1] - span[0] < 2:
                        break
                    add(span, ttext, bname, kind, t)
                    k = span[1]
                    if k < n and doc[k].text == ",":
                        k += 1
                    if k < n and doc[k].norm_ == "và":
                        k += 1
                    hm = lex.honorifics.match(doc, k)
                    if hm:
                        k += hm[0]
                continue
            if kind == "role" and bm is None and bname is None and (am := lex.admin.match(doc, j)):
                # "Đại sứ Mỹ tại Liên Hợp Quốc Nikki Haley", "Đại sứ Việt Nam tại Lào Nguyễn Bá Hùng"
                k = j + am[0]
                if k + 1 < n and doc[k].norm_ == "tại":
                    k += 1
                    pm = orgs[k].end - k if k in orgs else (lex.admin.match(doc, k) or (0,))[0]
                    if pm:
                        j = k + pm
            plural = t > 0 and (doc[t - 1].text.isdigit() or doc[t - 1].norm_ in PLURAL_WORDS)
            if plural and j + 1 < n and doc[j].norm_ in ("là", "tên"):
                j += 1  # "ba Cục phó là A, B, C", "hai nhân viên kiểm lâm tên A và B"
            hm = lex.honorifics.match(doc, j)
            if hm:
                j += hm[0]
            span = self._name_at(doc, j, None, bool(hm), foreign=kind == "role")
            if span is None and kind == "role" and not hm:
                span, bname = self._name_after_tail(doc, j, bm, bname)
            if span is None and bm is None and not hm:
                # "cán bộ thú y Phạm Hữu Mão", "Giáo sư sử học Trần Quốc Vượng": a short lowercase
                # descriptor, then a full name
                k = j
                while (
                    k < n
                    and k - j < 3
                    and doc[k].is_alpha
                    and doc[k].text.islower()
                    and doc[k].norm_ not in STOP
                    and doc[k].norm_ not in ("và", "cùng", "với")
                ):
                    k += 1
                if k > j:
                    span = self._name_at(doc, k, None, False)
                    if span and (span[1] - span[0] < 2 or doc[span[0]].norm_ not in lex.surnames):
                        span = None
            # a single syllable after a title ("Luật sư Hòa") is a short reference, linked below
            if span and span[1] - span[0] >= 2:
                if bm is None and bname is None and span[1] + 1 < n and doc[span[1]].text == ",":
                    # "LS X, Văn phòng Y", "Tiến sĩ X, Khoa Tâm lý Đại học Y"
                    after = self._body_after(doc, span[1] + 1, span[1] + 1, orgs)
                    bname = body_name(after)
                add(span, ttext, bname, kind, t)
                if pending_short:
                    shorthand.append(pending_short)
                if span[1] + 1 < n and doc[span[1]].norm_ == "và":  # "hai thủ kho A và B"
                    span2 = self._name_at(doc, span[1] + 1, None, False)
                    own = span2 and span2[1] + 1 < n and doc[span2[1]].text in ("(", ",", "-", "–")
                    if own and (span2[1] + 1 in titles or (lex.former.match(doc, span2[1] + 1) or (0,))[0]):
                        span2 = None  # "A và B (Trưởng phòng X)": B has a role of its own
                    if span2 and span2[1] - span2[0] >= 2:
                        add(span2, ttext, bname, kind, t)
                elif plural:  # "4 Phó chủ tịch A, B, C và D": each of the list
                    k = _skip_aside(doc, span[1])
                    while k + 1 < n and (doc[k].text == "," or doc[k].norm_ == "và"):
                        k += 1
                        if doc[k].norm_ == "và":
                            k += 1
                        span2 = self._name_at(doc, k, None, False)
                        if not span2 or span2[1] - span2[0] < 2 or doc[span2[0]].norm_ not in lex.surnames:
                            break
                        add(span2, ttext, bname, kind, t)
                        k = _skip_aside(doc, span2[1])
                # "Phó thủ tướng, Bộ trưởng Ngoại giao Phạm Bình Minh": the roles chained before count too
                k = t
                while k >= 2 and doc[k - 1].text == "," and (k - 1) in role_end:
                    t0, tt0, b0, kind0 = role_end[k - 1]
                    add(span, tt0, b0, kind0, t0)
                    k = t0
        # 2a. respective lists: "A, B và C (cán bộ địa chính, thống kê và trưởng khu dân cư)"
        respective: set[int] = set()
        for span, ttext, bname, kind, pos in self._respective(doc, runs, titles, orgs, body_name):
            add(span, ttext, bname, kind, pos)
            respective.add(span[0])
        # 2. name , title body   (also "ông NAME (nguyên chủ tịch UBND ...)")
        for s, e in runs:
            span = None
            hm_before = False
            k = s - 1
            while k >= 0 and doc[k].is_space:
                k -= 1
            if k >= 0:
                hb = None
                for L in (2, 1):
                    if (
                        k - L + 1 >= 0
                        and lex.honorifics.match(doc, k - L + 1)
                        and lex.honorifics.match(doc, k - L + 1)[0] == L
                    ):
                        hb = L
                        break
                hm_before = hb is not None
            # a sentence-initial honorific is part of the run: "Bà Mary Kamb", "Ông Lê Trường Giang"
            start = s
            hm0 = lex.honorifics.match(doc, s)
            if hm0 and hm0[0] < e - s:
                start = s + hm0[0]
                hm_before = True
            span = self._name_at(doc, start, {start: e}, hm_before)
            if (
                not span
                and e - start >= 2
                and e + 2 < n
                and doc[start].norm_ in lex.surnames
                and doc[e].text == "("
                and (doc[e + 2].norm_ == "tuổi" or doc[e + 1].norm_ in ("sinh", "sn"))
            ):
                span = (start, e)  # "Hoàng Diệu (63 tuổi, ...)": a name that is also a street, by its age
            if not span and start == s and e - s >= 3 and doc[s].norm_ not in lex.surnames:
                # a capitalised sentence opener before the name: "Riêng Lê Minh Hải (nguyên ...)"
                span = self._name_at(doc, s + 1, {s + 1: e}, False)
            if not span or span[0] in respective:
                continue
            j = span[1]
            vm = _verb_cue(doc, j)
            if vm and j + vm in titles and span[1] - span[0] >= 2 and titles[j + vm][1] == "role":
                # "ông X bị cách chức Bí thư phường", "ông Y làm Giám đốc Sở Z": a role through a verb
                t_end, kind, ttext = titles[j + vm]
                bm, brand = self._role_body(doc, t_end, orgs, ttext)
                bname = body_name(bm) or brand
                if bname is not None or ttext.lower() not in BARE_TITLES:
                    add(span, ttext, bname, kind, j + vm)
                    continue
            if j + 1 < n and doc[j].text == "(" and span[1] - span[0] >= 2:
                # an alias: "Nguyễn Văn Hòa (tức Nguyễn Văn Dũng) nhân viên ...", "A (Hải "đại nhân"), nguyên"
                k = j + 1
                while k < n and k - j < 12 and doc[k].text != ")" and k not in titles and not doc[k].is_space:
                    k += 1
                # (not an aside with a quantity: "A (gần 16 ha), Giám đốc Công an tỉnh B" names B's role)
                inner = doc[j + 1 : k]
                numeric = any(t.text[:1].isdigit() for t in inner) and not any(
                    t.norm_ in ("tuổi", "sinh", "sn") or (len(t.text) == 4 and t.text[:2] in ("19", "20"))
                    for t in inner
                )  # (an age or a birth year is an aside about the person: "A (79 tuổi), nguyên ...")
                if k < n and doc[k].text == ")" and k + 1 < n and not numeric:
                    if doc[k + 1].text in (",", "-", "–"):
                        j = k + 1
                    elif k + 1 in titles and doc[k].whitespace_:
                        j = k  # the role follows the bracket directly; ")" stands as the separator
            inside = span[0] > 0 and (doc[span[0] - 1].text == "(" or doc[span[0] - 1].norm_ == "tức")
            bracket = j < n and doc[j].text == ")" and j + 1 in titles and not inside
            if j < n and (doc[j].text in SEPARATORS or bracket):
                j += 1
                fm = lex.former.match(doc, j)
                if fm:
                    j += fm[0]
                # an age or "SN 1970" between the name and the role: skip "45 tuổi,"
                if j + 2 < n and doc[j].text.isdigit() and doc[j + 1].norm_ == "tuổi":
                    j += 3 if doc[j + 2].text == "," else 2  # "60 tuổi nguyên Phó trưởng phòng"
                    fm = lex.former.match(doc, j)
                    if fm:
                        j += fm[0]
                if j not in titles and span[1] - span[0] >= 2:
                    # "(57 tuổi, tỉnh Vĩnh Long, Giám đốc Công ty ...)": a role later in the same aside
                    k = j
                    while k < n and k - j < 15 and doc[k].text not in (")", ".", ";") and not doc[k].is_space:
                        fm = lex.former.match(doc, k) if doc[k - 1].text == "," else None
                        k2 = k + fm[0] if fm else k  # "(sinh 1975, nguyên giám đốc Công ty X)"
                        if k2 in titles and doc[k - 1].text == ",":
                            j = k2
                            break
                        k += 1
                single = span[1] - span[0] == 1 and hm_before and doc[span[1]].text == ","
                if j in titles and (span[1] - span[0] >= 2 or single):
                    t_end, kind, ttext = titles[j]
                    bm, brand = self._role_body(doc, t_end, orgs, ttext) if kind == "role" else (None, None)
                    bname = body_name(bm) or brand
                    short = self._shorthand(doc, t_end, ttext) if brand else None
                    if short and short[0] == brand:  # "ông X, Vụ trưởng Kế hoạch - Tài chính": a body too
                        shorthand.append((brand, short[2]))
                    if bname is None and kind == "role":
                        # "X, Phó bí thư đảng ủy, Chủ tịch công đoàn kiêm chánh văn phòng Công ty Y":
                        # several roles, the organisation named once at the end of the chain
                        bname = body_name(self._chain_body(doc, t_end, titles, orgs))
                    if bname is None and ttext.lower() in BARE_TITLES:
                        continue
                    if single:  # "Ông Tâm, cán bộ nhà trường": kept unless a full name ends in "Tâm"
                        singles.append((span, ttext, bname, kind, j))
                        continue
                    add(span, ttext, bname, kind, j)
                    # "bị can A và B (nguyên chủ tịch UBND xã X)": the bracketed role is both persons'
                    # (not "A, B và C (cán bộ địa chính, thống kê và trưởng khu dân cư)": one role each)
                    if doc[span[1]].text == "(" and span[0] >= 3 and doc[span[0] - 1].norm_ in ("và", ","):
                        first = self._pair_before(doc, span[0] - 1, all_runs)
                        k = span[1] + 1
                        while k < n and k - span[1] < 25 and doc[k].text != ")":
                            if k > j and k in titles and doc[k - 1].norm_ in ("và", ","):
                                first = None  # a second role: one each, in order
                            k += 1
                        # the pair opens the list ("; A, B (nguyên Phó Giám đốc X)", "(...), A và B (...)"),
                        # else "A, B và C (role)" may give C alone the role
                        opener = first[0] - 1 if first else -1
                        opens = opener < 0 or doc[opener].text in (";", ":", "(", ".") or doc[opener].is_space
                        opens = opens or doc[opener].norm_ in ("là", "gồm", "cáo", "can")
                        if doc[span[0] - 1].norm_ == "và" and opener >= 1 and doc[opener].text == ",":
                            opens = doc[opener - 1].text == ")"  # "A (role), B và C (role)"
                        if first and (opens or (doc[span[0] - 1].norm_ == "và" and doc[opener].text != ",")):
                            add(first, ttext, bname, kind, j)
                    continue
            if span[0] not in named:
                named.setdefault(-span[0] - 1, span)  # a role-less full-name mention (linked below)
        # a short reference given a role through a copula: "Lê Hữu Thắng ... Thắng là phó giám đốc Công ty X"
        full_by_last: dict[str, set[tuple[int, int]]] = {}
        for a, b in named.values():
            if b - a >= 2:
                full_by_last.setdefault(doc[b - 1].norm_, set()).add((a, b))
        for s, e in runs:
            if e - s != 1 or doc[s].norm_ not in full_by_last:
                continue
            vm = _verb_cue(doc, e)
            if not vm or doc[e].norm_ not in ("là", "nguyên", "hiện", "vốn") or e + vm not in titles:
                continue
            fulls = {fold(doc[a:b].text): (a, b) for a, b in full_by_last[doc[s].norm_] if a < s}
            t_end, kind, ttext = titles[e + vm]
            if len(fulls) != 1 or kind != "role":
                continue
            bm, brand = self._role_body(doc, t_end, orgs, ttext)
            bname = body_name(bm) or brand
            if bname is not None or ttext.lower() not in BARE_TITLES:
                add(next(iter(fulls.values())), ttext, bname, kind, e + vm)
        # a one-syllable name given a role ("Ông Tâm, cán bộ ..."), unless a short reference to a full name
        if singles:
            lasts = {norm_form(doc[b - 1].text) for a, b in list(named.values()) if b - a >= 2}
            for span, ttext, bname, kind, j in singles:
                if doc[span[0]].norm_ not in lasts:
                    add(span, ttext, bname, kind, j)
        # a bare role ("Bộ trưởng X", "Tổng giám đốc Y") belongs to the matching body named just before
        for p in persons.values():
            if p.has_role and p.body is None and not p.rank_only and p.title:
                bm = self._list_body(doc, p.order[1], titles, orgs)
                if bm is None:
                    bm = self._context_body(doc, p.order[1], p.title, org_list)
                if bm is not None:
                    p.body = canon.get(bm.char_span(doc), bm.name)
        # 3. every full-name mention of a person with a role; short references by the last syllable
        officials = [p for p in persons.values() if p.has_role]
        by_key = {p.key: p for p in officials}
        covered: set[int] = set()
        for s, e in all_runs:
            for a in range(s, e):
                for b in range(min(e, a + MAX_NAME), a + 1, -1):
                    p = by_key.get(fold(doc[a:b].text))
                    if (
                        p
                        and not covered.intersection(range(a, b))
                        and not body_tokens.intersection(range(a, b))
                    ):
                        p.mentions.append((doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)))
                        covered.update(range(a, b))
                        break
        by_last_norm: dict[str, list[_Person]] = {}
        for p in officials:
            if " " in p.name:
                by_last_norm.setdefault(norm_form(p.name.rsplit(" ", 1)[1]), []).append(p)
        title_tokens = {k for t, (t_end, _, _) in titles.items() for k in range(t, t_end)}
        short_runs = []
        for s, e in runs:
            hm = lex.honorifics.match(doc, s)
            if e - s == 2 and hm and hm[0] == 1:  # "Bà Hạnh" opening a sentence
                short_runs.append((s + 1, e))
            elif e - s == 1:
                short_runs.append((s, e))
        for s, _e in short_runs:
            if s in covered or s in title_tokens:
                continue
            cands = by_last_norm.get(doc[s].norm_)
            if not cands:
                continue
            start_tok = s
            k = s - 1
            cue = None
            for L in (3, 2, 1):
                a = k - L + 1
                if a >= 0:
                    m = (
                        lex.person_cues.match(doc, a)
                        or lex.honorifics.match(doc, a)
                        or lex.titles.match(doc, a)
                    )
                    if m and m[0] == L:
                        cue = a
                        break
            if cue is None and k >= 0 and (doc[k].norm_ in PLACE_WORDS or is_abbr(doc[k])):
                continue
            if cue is not None:
                start_tok = cue
            # the nearest person with that last syllable named before (else the first one)
            before = [p for p in cands if p.first < s]
            p = before[-1] if before else cands[0]
            p.mentions.append((doc[start_tok].idx, doc[s].idx + len(doc[s].text)))
            covered.add(s)
        result = []
        for p in sorted(officials, key=lambda p: p.first):
            p.mentions = sorted(set(p.mentions))
            body = p.body
            if body:  # "Công ty TNHH X và": a list's connector is no part of the name
                body = body.removesuffix(" và").removesuffix(",").strip() or None
                body = aliases.get(body, body)  # "Dawaco" -> "Công ty CP Cấp nước Đà Nẵng"
            result.append(Official(name=p.name, title=_clean_title(p.title), body=body, mentions=p.mentions))
        doc._.officials = result
        if extra_bodies or shorthand:
            known = {body_key(e.name): e for e in doc._.bodies or []}
            bodies = list(doc._.bodies or [])
            found = [(bm.name, bm.char_span(doc), bm.kind) for bm in extra_bodies.values()]
            for name, span in shorthand:
                found.append((name, span, "state"))
            for name, span, kind in found:
                ent = known.get(body_key(name))
                if ent is None:
                    ent = known[body_key(name)] = Entity(name=name, mentions=[], type=kind)
                    bodies.append(ent)
                if span not in ent.mentions:
                    ent.mentions.append(span)
            doc._.bodies = bodies
        spans = []
        for o in result:
            for a, b in o.mentions:
                sp = doc.char_span(a, b, label="PERSON", alignment_mode="expand")
                if sp is not None:
                    spans.append(sp)
        doc.spans["persons"] = spans
        return doc


ROLE_VERBS = (
    ("được", "bổ", "nhiệm", "làm"),
    ("bị", "cách", "chức"),
    ("được", "bổ", "nhiệm"),
    ("thôi", "giữ", "chức"),
    ("giữ", "chức"),
    ("làm",),
    ("hiện", "là"),  # "ông X hiện là Phó chủ tịch UBND huyện Y": a copula before the role
    ("nguyên", "là"),
    ("nguyên",),  # "Nguyễn Minh Hùng nguyên Chủ tịch HĐQT ..."
    ("cựu",),
    ("vốn", "là"),
    ("là",),
)


def _skip_aside(doc: Doc, k: int) -> int:
    """Past an aside after a listed name: "(SN 1970)", ", sinh năm 1966", ", 45 tuổi"."""
    n = len(doc)
    if k < n and doc[k].text == "(":
        e = k + 1
        while e < n and e - k < 15 and doc[e].text != ")" and not doc[e].is_space:
            e += 1
        return e + 1 if e < n and doc[e].text == ")" else k
    if k + 2 < n and doc[k].text == "," and (
        doc[k + 1].norm_ in ("sinh", "sn") or (doc[k + 1].text.isdigit() and doc[k + 2].norm_ == "tuổi")
    ):
        e = k + 1
        while e < n and e - k < 6 and doc[e].text != "," and doc[e].norm_ != "và" and not doc[e].is_space:
            e += 1
        return e
    return k


def _verb_cue(doc: Doc, j: int) -> int:
    """Length of a verb that gives a person a role right after the name ("làm", "bị cách chức"), or 0."""
    for cue in ROLE_VERBS:
        k = j + len(cue)
        if k < len(doc) and all(doc[j + i].norm_ == w for i, w in enumerate(cue)):
            while k < len(doc) and doc[k].text in ("...", "…", ".") and cue[-1] == "là":
                k += 1  # "là... nhân viên bảo vệ"
            return k - j
    return 0


def _clean_title(title: str | None) -> str | None:
    if not title:
        return title
    return " ".join(title.split())


def resolve_person(doc: Doc, text_or_span: str | tuple[int, int]) -> Official | None:
    """The official behind a mention, for quote attribution.

    `text_or_span`: a character span (start, end) of a mention (any overlap with one of Official.mentions
    counts), or a string: a full name ("Nguyễn Văn Lực"), a short reference ("ông Lực", "Luật sư Hòa",
    "Lực"). Returns None when no official matches (an unnamed role or a body speaks)."""
    officials = doc._.officials or []
    if not isinstance(text_or_span, str):
        a, b = text_or_span
        for o in officials:
            if any(s < b and a < e for s, e in o.mentions):
                return o
        return None
    key = fold(text_or_span)
    for o in officials:
        if fold(o.name) == key or key.endswith(" " + fold(o.name)):
            return o
    words = text_or_span.split()
    if not words:
        return None
    # a short reference ends with the given name: "ông Lực", "Luật sư Hòa"; diacritics must agree
    # ("Thắm" is not "Thẩm"), so compare the NORM form, not the folded key
    last = norm_form(words[-1].strip(".,:;\"“”'"))
    cands = [o for o in officials if norm_form(o.name.split()[-1]) == last]
    return cands[0] if cands else None


@Language.factory("newsmine_officials")
def make_officials(nlp: Language, name: str) -> OfficialsComponent:
    return OfficialsComponent(nlp)


__all__ = ["OfficialsComponent", "resolve_person", "body_key"]
