"""Places: provinces, districts, communes and countries named as places (GUIDE.md "places").

Three ways a place is found, all from the gazetteer in corpora/gazetteer/ (built by tools/build_gazetteer.py):
- prefixed: a level word ("tỉnh", "TP", "quận", "huyện", "thị xã", "xã", "phường"...) followed by a
  capitalised name; the longest known name wins, an unknown capitalised name is kept (old or foreign units);
- bare: a province, city, country or alias named alone ("tại Hải Phòng", "TP.HCM"), guarded by context
  because many names are also given names or words ("Anh", "Đức", "Hòa Bình");
- in context: a bare district name of a province the text names, in an address-like position
  ("Đống Đa, Hà Nội", "Bắc Hà (Lào Cai)").
A place inside a body or campaign name (doc._.bodies / doc._.campaigns, or right after UBND, TAND, Công an...)
or inside a company name is part of that name, not a place of its own.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from newsmine.config import CORPORA_DIR
from newsmine.extract import extensions
from newsmine.extract.textnorm import name_key, tone_new, tone_variants
from newsmine.types import Entity

GAZETTEER_DIR = CORPORA_DIR / "gazetteer"

# Level word (lower case, as tokens) -> the unit types it may introduce.
PREFIXES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("tỉnh",): ("Tỉnh",),
    ("thành", "phố"): ("Thành phố Trung ương", "Thành phố"),
    ("tp",): ("Thành phố Trung ương", "Thành phố"),
    ("tp", "."): ("Thành phố Trung ương", "Thành phố"),
    ("quận",): ("Quận",),
    ("huyện",): ("Huyện",),
    ("thị", "xã"): ("Thị xã", "Thành phố"),
    ("tx",): ("Thị xã", "Thành phố"),
    ("tx", "."): ("Thị xã", "Thành phố"),
    ("xã",): ("Xã",),
    ("phường",): ("Phường",),
    ("thị", "trấn"): ("Thị trấn",),
    ("bang",): ("Bang",),  # foreign states and counties: "bang Kentucky", "hạt Hall"
    ("hạt",): ("Bang",),
}
# Abbreviated level words ("Q.1", "P.Yên Phụ", "Q. Bình Thạnh"): also initials of names ("P. Hà"), so only
# a known unit name or a number may follow them.
ABBREVIATED_PREFIXES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("q", "."): ("Quận",),
    ("p", "."): ("Phường",),
    ("h", "."): ("Huyện",),
    ("tt", "."): ("Thị trấn",),
}
LEVEL_OF_TYPE = {"Thành phố Trung ương": "tinh", "Tỉnh": "tinh", "Quận": "huyen", "Huyện": "huyen",
                 "Thị xã": "huyen", "Thành phố": "huyen", "Phường": "xa", "Xã": "xa", "Thị trấn": "xa",
                 "Bang": "vung-nuoc-ngoai"}
FOREIGN_LEVELS = ("quoc-gia", "thanh-pho-nuoc-ngoai", "vung-nuoc-ngoai")
# Words before a place that make it part of an organisation's name (the guide: not inside a body name).
ORG_HEADS = (
    ("ubnd",), ("hđnd",), ("tand",), ("vksnd",), ("thads",), ("ca",), ("công", "an"),
    ("ủy", "ban", "nhân", "dân"), ("uỷ", "ban", "nhân", "dân"), ("hội", "đồng", "nhân", "dân"),
    ("tòa", "án", "nhân", "dân"),
    ("toà", "án", "nhân", "dân"), ("viện", "kiểm", "sát", "nhân", "dân"), ("thi", "hành", "án", "dân", "sự"),
    ("tỉnh", "ủy"), ("tỉnh", "uỷ"), ("thành", "ủy"), ("thành", "uỷ"), ("huyện", "ủy"), ("huyện", "uỷ"),
    ("quận", "ủy"), ("quận", "uỷ"), ("đảng", "ủy"), ("đảng", "uỷ"), ("viện", "kiểm", "sát"), ("tòa", "án"),
    ("toà", "án"), ("chi", "cục", "thads"), ("cục", "thads"), ("mttq",), ("hợp", "tác"), ("htx",),
    ("cấp", "cao", "tại"),
    ("thi", "hành", "án"), ("lđlđ",), ("liên", "đoàn", "lao", "động"), ("thành", "đoàn"), ("tỉnh", "đoàn"),
    ("csgt",), ("cảnh", "sát", "giao", "thông"), ("ban", "quản", "lý"),
)
# Words before a bare name that make it a street, market, company... rather than the unit itself.
NOT_PLACE_BEFORE = {
    "đường", "phố", "ngõ", "ngách", "hẻm", "kiệt", "cầu", "chợ", "bến", "ga", "cảng", "sân", "hồ", "sông",
    "biển", "núi", "đèo", "khu", "cụm", "làng", "thôn", "ấp", "bản", "ty", "báo", "đài", "trường", "viện",
    "sạn", "hàng", "hãng", "đội", "clb", "hội", "quỹ", "tập", "đoàn", "nhóm", "tàu", "xe", "lộ", "học",
    "tỉnh", "thành", "quận", "huyện", "xã", "phường", "trấn", "bác", "chủ", "tịch", "tư", "tưởng", "cách",
    "đò", "hóa", "hoá", "đh", "cđ", "thpt", "thcs", "ubnd", "tand", "vksnd", "hđnd",
    "cá",  # "cảng cá Hạ Long", "chợ cá"
    "thắng", "trận", "dịch",  # "chiến thắng Điện Biên Phủ", "trận Đống Đa", "chiến dịch Tây Nguyên": events
}
# Person and product nouns before a country name: "bác sĩ Mỹ" is a nationality, not a place.
NATIONALITY_BEFORE = {
    "người", "sĩ", "dân", "khách", "gia", "sư", "báo", "viên", "sinh", "thủ", "gái", "trai", "ông", "bà",
    "anh", "chị", "cô", "hàng", "tàu", "xe", "phim", "nhạc", "món", "kiểu", "tiếng", "giống", "quân", "lính",
    "đội", "chiến", "hạm", "máy", "bay", "công", "tiền", "đồng", "đô", "la", "hãng", "kiều", "tịch",
    "quan", "kiếm", "rượu", "thương", "nhân", "nhà", "sứ", "giáo", "bom", "đạn", "súng", "pháo",
    "mẹ", "hậu", "khôi", "niên",  # "Bà mẹ Việt Nam anh hùng", "Hoa hậu Việt Nam 2016": titles
    "luật", "pháp",  # "pháp luật Việt Nam", "hiến pháp Việt Nam": the country's law, not a place
}
# Ambiguous names (given names, words) need one of these right before them.
LOCATIVE_BEFORE = {"tại", "ở", "sang", "nước", "từ", "đến", "tới", "thăm", "qua", "rời", "khắp", "về", "xứ"}
# Words before an ambiguous country name that make it the country acting or owning ("do Pháp xây dựng",
# "giữa Nga và Mỹ", "chính phủ Đức"): a person would carry an honorific (ông, bà, chị...) instead.
ACTOR_BEFORE = {"do", "giữa", "phủ", "bộ", "phía", "quốc", "cường", "bởi", "được"}
AUXILIARIES = {"đã", "sẽ", "đang", "cũng", "vừa", "mới", "vẫn", "tiếp"}
# Words after an ambiguous country name that make it the country acting ("Nga can thiệp", "Pháp xây dựng").
ACTOR_AFTER = {"can", "tuyên", "cáo", "ký", "kí", "phản", "đe", "triển", "cam", "viện", "tấn", "xâm", "xây",
               "tham", "rút", "kêu", "bác", "khẳng", "phủ", "cảnh", "cử", "phóng", "thử", "sáp", "trừng",
               "áp", "đàm", "trục", "triệu", "chiếm", "phong", "ngừng", "hỗ"}
# A capitalised word before a bare name is part of a longer proper name unless it is a function word.
FUNCTION_WORDS = {
    "tại", "ở", "về", "từ", "đến", "tới", "sang", "và", "với", "của", "cho", "trong", "ngoài", "như", "là",
    "khắp", "thăm", "rời", "qua", "tỉnh", "thành", "phố", "nước", "cả", "toàn", "các", "những", "theo",
    "giữa", "trên", "dưới", "hai", "ba", "nhiều", "nhưng", "còn", "khi", "nếu", "lúc", "riêng", "đối", "tuy",
    "do", "vì", "bởi", "để", "nay", "hiện", "hôm", "năm", "ngày", "tháng", "sáng", "chiều", "tối", "trưa",
}
# ("An" is not here: it begins many unit names, "huyện An Dương", "xã An Hữu".)
BAD_FIRST = {"ủy", "uỷ", "đoàn", "đội", "hội", "đảng", "công", "mới", "này", "đó"}
# Two words before a name that make the name part of a company's ("Công ty Du lịch Hà Nội").
COMPANY_HEADS = {("công", "ty"), ("tập", "đoàn"), ("ngân", "hàng"), ("hiệp", "hội"), ("khách", "sạn"),
                 ("nhà", "máy"), ("xí", "nghiệp"), ("liên", "doanh"), ("đài", "truyền"), ("chi", "cục")}
# Family names: an unknown capitalised run after a level word that starts with one is a person.
SURNAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Đinh", "Trịnh", "Lương", "Mai", "Đoàn", "Tôn", "Cao", "Lâm", "Trương", "Tạ", "Hà",
}
# Capitalised head words of organisation names.
ORG_WORDS = {"Sở", "Bộ", "Cục", "Viện", "Trường", "Đài", "Báo", "Ban", "Phòng", "Trung", "Bệnh", "Học", "Hội",
             "Liên", "Tổng", "Vụ", "Văn", "Ngân", "Tập", "Công", "Hãng", "Nhà", "Đoàn", "Tòa", "Toà"}
COMPOUND_AFTER = {"văn", "ngữ", "lệnh", "luật", "lý", "y", "chế", "nhân", "quyền", "sư", "hùng", "em", "tin",
                  "danh", "môn", "trình", "định", "hoá", "hóa", "quốc", "độ"}
# Lower-case particles inside foreign place names ("Mar del Plata", "Rio de Janeiro").
NAME_PARTICLES = {"de", "del", "da", "do", "dos", "di", "la", "le", "van", "von", "am", "upon"}
COMMUNE_LOCATIVES = {"tại", "ở", "về", "đến", "tới"}  # "tại Lăng Cô", "về Lao Bảo"
DIRECTIONS = {"đông", "tây", "nam", "bắc", "miền", "trung"}
HONORIFICS = {"ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cháu", "con", "vợ", "chồng", "cụ", "bé"}
BESIDE_DISTRICT = {",", "(", "-", "–", "tại", "ở", "về", "từ", "đến", "tới", "thuộc", "sang", "lên", "xuống",
                   "vào", "ra", "qua"}
# Letters and syllable shapes no Vietnamese syllable has: a capitalised token like this after a level word is
# a foreign unit's name ("tỉnh Idlib", "thành phố Aleppo", "hạt Hall"), not a word of the sentence.
_VI_SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdđghklmnpqrstvx])?[aeiouy]{1,3}"
                          r"(ch|nh|ng|[cmnpt])?$")


@dataclass(frozen=True)
class Unit:
    id: str
    name: str  # the form newsmine outputs ("Hải Phòng", "TP.HCM")
    level: str  # tinh | huyen | xa | quoc-gia
    type: str  # dvhcvn type, "Quốc gia", or "" for an alias
    parent: str | None = None
    bare: bool = False  # may be matched without a level word
    ambiguous: bool = False  # also a common word or given name: needs a locative word before it


@dataclass
class Gazetteer:
    by_key: dict[str, list[Unit]]  # name_key(name) -> units with that name (prefixed lookup)
    bare: dict[str, list[Unit]]  # name_key(name) -> units that may be named alone
    districts: dict[str, list[Unit]]  # name_key(name) -> level-2 units (bare only beside their province)
    communes: dict[str, Unit] = field(default_factory=dict)  # names only one unit bears (after tại/ở only)


@lru_cache(maxsize=2)
def load_gazetteer(directory: str | Path = GAZETTEER_DIR) -> Gazetteer:
    """Read units.json, aliases.json and countries.json into lookup tables (cached: built once)."""
    directory = Path(directory)
    units = json.loads((directory / "units.json").read_text(encoding="utf-8"))["units"]
    aliases = json.loads((directory / "aliases.json").read_text(encoding="utf-8"))
    countries = json.loads((directory / "countries.json").read_text(encoding="utf-8"))["countries"]
    cities_file = directory / "world_cities.json"
    cities = json.loads(cities_file.read_text(encoding="utf-8"))["cities"] if cities_file.exists() else []
    renamed = aliases.get("province_names", {})
    by_key: dict[str, list[Unit]] = {}
    bare: dict[str, list[Unit]] = {}
    districts: dict[str, list[Unit]] = {}
    upper_names: dict[str, int] = {}
    for u in units:
        if u["level"] in ("tinh", "huyen"):
            upper_names[name_key(u["name"])] = upper_names.get(name_key(u["name"]), 0) + 1

    def add(table: dict[str, list[Unit]], name: str, unit: Unit) -> None:
        table.setdefault(name_key(name), []).append(unit)

    for u in units:
        unit = Unit(u["id"], renamed.get(u["id"], tone_new(u["name"])), u["level"], u["type"], u["parent"])
        add(by_key, u["name"], unit)
        town = u["type"] in ("Thành phố", "Thị xã")
        if u["level"] == "huyen" and not u["name"][0].isdigit() and (len(u["name"].split()) >= 2 or town):
            add(districts, u["name"], unit)
        unique = upper_names.get(name_key(u["name"])) == 1 and not u["name"][0].isdigit()
        if (u["level"] == "tinh" and u["id"] not in renamed) or (town and unique):
            # a one-syllable city ("Vinh", "Pleiku") is also a word or a given name: it needs a locative
            # word or a list of places around it
            add(bare, u["name"], replace(unit, bare=True, ambiguous=len(u["name"].split()) == 1))
    for a in aliases["aliases"]:
        level = a.get("level", "tinh")
        for name in a["names"]:
            unit = Unit(a["unit"], a["output"], level, "", a.get("parent"), bool(a.get("bare")))
            add(by_key, name, unit)
            if a.get("bare"):
                add(bare, name, unit)
    for c in countries:
        for name in [c["name"], *c.get("aliases", [])]:
            unit = Unit("country-" + c["id"], c["name"] if name.isupper() else name, "quoc-gia", "Quốc gia",
                        None, True, bool(c.get("ambiguous")) and len(name.split()) == 1)
            add(bare, name, unit)
    for c in cities:
        level = c.get("level", "thanh-pho-nuoc-ngoai")
        for name in [c["name"], *c.get("aliases", [])]:
            country = "country-" + c["country"]
            unit = Unit(c["id"], c["name"], level, "Bang" if level == "vung-nuoc-ngoai" else "Thành phố",
                        country, True)
            add(bare, name, unit)
            add(by_key, name, unit)  # "thành phố Aleppo", "tỉnh Idlib", "bang Kentucky"
    communes = {k: v[0] for k, v in by_key.items()
                if len(v) == 1 and v[0].level == "xa" and len(k.split()) >= 2 and k not in bare}
    return Gazetteer(by_key, bare, districts, communes)


def _foreign(text: str) -> bool:
    """A capitalised token no Vietnamese syllable could be ("Idlib", "Aleppo", "Hall")."""
    if not text[:1].isupper() or not text.isalpha():
        return False
    low = unicodedata.normalize("NFD", text.lower())
    low = "".join(c for c in low if not unicodedata.combining(c))
    return _VI_SYLLABLE.match(low) is None


def _is_name_token(text: str) -> bool:
    """Capitalised syllable ('Hải', 'HCM') or a number ('quận 1')."""
    return text[:1].isupper() or text.isdigit()


def _lower_tokens(doc: Doc, start: int, n: int) -> tuple[str, ...]:
    return tuple(t.lower_ for t in doc[max(0, start - n):start])


_ORG_HEADS_BY_LEN: dict[int, set[tuple[str, ...]]] = {}
for _h in ORG_HEADS:
    _ORG_HEADS_BY_LEN.setdefault(len(_h), set()).add(_h)
_ORG_MAX = max(_ORG_HEADS_BY_LEN)


def _after_org_head(doc: Doc, start: int) -> bool:
    before = _lower_tokens(doc, start, _ORG_MAX)
    return any(len(before) >= n and before[-n:] in heads for n, heads in _ORG_HEADS_BY_LEN.items())


def _in_company_name(doc: Doc, start: int) -> bool:
    """'Công ty Du lịch Hà Nội', 'Sở Văn hóa - Thông tin TP HCM': the place qualifies an organisation's name
    (companies are not bodies, and a body the bodies component missed is still a body)."""
    i = start - 1
    while i >= 0 and start - i <= 7:
        t = doc[i]
        if (t.is_punct and t.text not in "-–&") or t.is_space or t.lower_ in LOCATIVE_BEFORE or \
                t.lower_ in {"của", "và", "cho", "với", "trên", "thuộc"}:  # "khách sạn trên địa bàn Q.X"
            return False
        if t.text in ORG_WORDS and i + 1 < start and doc[i + 1].is_title and \
                name_key(doc[i:i + 2].text) in load_gazetteer().by_key:
            return False  # "Nhà Bè chuyển xã Hiệp Phước": a place name, not "Nhà máy ..."
        if t.text in ORG_WORDS or (i >= 1 and (doc[i - 1].lower_, t.lower_) in COMPANY_HEADS):
            return True
        i -= 1
    return False


def _phrase_matcher(nlp: Language, keys, label: str) -> PhraseMatcher:
    """A LOWER PhraseMatcher over the keys in both tone placements."""
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    patterns = {}
    for key in keys:
        for variant in tone_variants(key):
            patterns.setdefault(variant, nlp.make_doc(variant))
    matcher.add(label, list(patterns.values()))
    return matcher


class PlaceRecognizer:
    """spaCy component: sets doc._.places to a list of Entity(name, id, type=level, mentions)."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.bare_matcher = _phrase_matcher(nlp, gazetteer.bare, "PLACE")
        self.district_matcher = _phrase_matcher(nlp, gazetteer.districts, "DISTRICT")
        self.commune_matcher = _phrase_matcher(nlp, gazetteer.communes, "COMMUNE")
        self.prefix_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.prefix_types: dict[str, tuple[tuple[str, ...], bool]] = {}
        self.prefix_len: dict[str, int] = {}
        for known_only, table in ((False, PREFIXES), (True, ABBREVIATED_PREFIXES)):
            for words, types in table.items():
                label = ("A" if known_only else "P") + "_".join(words)
                self.prefix_matcher.add(label, [Doc(nlp.vocab, words=list(words))])
                self.prefix_types[label] = (types, known_only)
                self.prefix_len[label] = len(words)

    def __call__(self, doc: Doc) -> Doc:
        extensions.register()
        # A "body" that is only a place name (a mistaken "Hội An") does not hide the place.
        blocked = char_mask(_n_chars(doc), ((s, e) for s, e in _blocked_chars(doc)
                                             if name_key(_chars(doc, s, e)) not in self.gaz.bare))
        found: list[tuple[int, int, int, int, Unit]] = []  # (start tok, end tok, name start tok, prio, unit)
        vocab = doc.vocab
        for match_id, start, _end in self.prefix_matcher(doc):
            label = vocab.strings[match_id]
            name_start = start + self.prefix_len[label]
            types, known_only = self.prefix_types[label]
            hit = self._prefixed(doc, start, name_start, types, known_only)
            if hit:
                found.append(hit)
                found.extend(self._listed_after(doc, hit, types))
        country_starts: set[int] = set()
        country_ends: set[int] = set()
        pending = []  # ambiguous country names ("Nga", "Anh") with no locative word before them
        for _, start, end in self.bare_matcher(doc):
            hit = self._bare(doc, start, end)
            if hit is None:
                continue
            if hit[3] < 0:
                pending.append(hit)
                continue
            found.append(hit)
            if hit[4].level in FOREIGN_LEVELS or hit[4].level == "tinh":
                country_starts.add(start)
                country_ends.add(end)
        for hit in found:  # provinces and towns named with a level word list too: "Vinh, tỉnh Thanh Hóa"
            if hit[3] == 2:
                country_starts.add(hit[0])
                country_ends.add(hit[1])
        # a country is named as a place when the text names it or one of its cities ("Sochi" -> Nga)
        confirmed = {h[4].id for h in found if h[4].level == "quoc-gia"} | {
            h[4].parent for h in found if h[4].level in FOREIGN_LEVELS[1:] and h[4].parent}
        for hit in pending:  # kept when listed with another country: "Trung Quốc, Nga và Anh", "Nga và Mỹ"
            s, e = hit[0], hit[1]
            prev_l = doc[s - 1].lower_ if s > 0 else ""
            next_l = doc[e].lower_ if e < len(doc) else ""
            listed = (prev_l in {",", "và"} and s - 1 in country_ends) or (
                next_l in {",", "và"} and e + 1 in country_starts)
            if next_l in COMPOUND_AFTER:
                continue  # "Anh văn", "Pháp lệnh", "Đức tin": a word, not the country
            after = next_l
            if after in AUXILIARIES and e + 1 < len(doc):  # "Nga đã rút", "Pháp sẽ triển khai"
                after = doc[e + 1].lower_
            country = hit[4].level == "quoc-gia"
            acting = country and (prev_l in ACTOR_BEFORE or (  # mid-sentence only: "Anh cam kết..." is "he"
                after in ACTOR_AFTER and s > 0 and doc[s - 1].is_alpha
                and (doc[s - 1].is_lower or prev_l in FUNCTION_WORDS) and prev_l not in HONORIFICS))
            bracketed = prev_l == "(" and next_l == ")"  # "London (Anh)": a location qualifier
            bracketed = bracketed or (prev_l == "," and s >= 2 and _foreign(doc[s - 2].text))  # "Lyon, Pháp"
            if listed or acting or bracketed:
                found.append((s, e, s, 0, hit[4]))
                country_starts.add(s)
                country_ends.add(e)
                confirmed.add(hit[4].id)
        for hit in pending:  # once the text names the country as a place, its other mentions are the country
            s, e = hit[0], hit[1]
            prev_l = doc[s - 1].lower_ if s > 0 else ""
            next_l = doc[e].lower_ if e < len(doc) else ""
            opening = s == 0 or doc[s - 1].text in {".", "!", "?", ":", "“", '"'} or "\n" in doc[s - 1].text
            if hit[4].id in confirmed and s not in country_starts and next_l not in COMPOUND_AFTER and \
                    prev_l not in HONORIFICS and not (opening and doc[s].text == "Anh"):  # "Anh" opens: "he"
                found.append((s, e, s, 0, hit[4]))
        found.extend(self._foreign_before_country(doc, found))
        # Longest spans first; a prefixed reading beats a bare one on the same tokens.
        found.sort(key=lambda h: (-(h[1] - h[0]), -h[3], h[0]))
        taken = [False] * len(doc)
        kept = []
        for hit in found:
            s, e, ns, _, unit = hit
            if any(taken[s:e]):
                continue
            for i in range(s, e):  # a rejected reading also hides the shorter ones inside it
                taken[i] = True
            if self._hidden(doc, ns, e, blocked) or _after_org_head(doc, s) or _in_company_name(doc, s):
                continue
            kept.append(hit)
        kept.extend(self._districts_in_context(doc, kept, taken, blocked))
        kept.sort(key=lambda h: h[0])
        doc._.places = self._entities(doc, kept)
        return doc

    @staticmethod
    def _foreign_before_country(doc: Doc, found) -> list:
        """An unknown foreign name qualified by its country: "ở Kaysersberg, Pháp", "vùng Alsace (Pháp)"."""
        out = []
        for s, _e, _ns, prio, unit in list(found):
            if unit.level != "quoc-gia" or prio < 0 or s < 3 or doc[s - 1].text not in {",", "("}:
                continue
            k = s - 2
            if not _foreign(doc[k].text) or not (doc[k - 1].is_lower or doc[k - 1].is_punct) or \
                    doc[k - 1].lower_ in NAME_PARTICLES | DIRECTIONS:
                continue  # "Mar del Plata, Argentina": part of a name; "đông Ghouta, Syria": a region
            out.append((k, k + 1, k, 0, Unit("", doc[k].text, "thanh-pho-nuoc-ngoai", "Thành phố",
                                             unit.id, True)))
        return out

    @staticmethod
    def _hidden(doc: Doc, start: int, end: int, blocked: bytearray) -> bool:
        cs, ce = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        return blocked.find(1, cs, ce) != -1

    def _prefixed(self, doc: Doc, start: int, name_start: int, types: tuple[str, ...], known_only: bool):
        """Level word + the longest known capitalised name after it (or an unknown one of 2-3 syllables)."""
        if name_start >= len(doc) or not _is_name_token(doc[name_start].text):
            return None
        if doc[start].lower_ == "xã" and _lower_tokens(doc, start, 2)[-1:] == ("tác",):
            return None  # "Hợp tác xã Đoàn Kết" is a cooperative
        if doc[name_start].lower_ in BAD_FIRST:
            return None
        run = name_start
        while run < len(doc) and run - name_start < 6:
            t = doc[run].text
            word = _is_name_token(t) and (doc[run].is_alpha or t.isdigit())
            joint = (t == "-" or t in NAME_PARTICLES) and run + 1 < len(doc) and run > name_start and \
                _is_name_token(doc[run + 1].text)  # "Thừa Thiên - Huế", "thành phố Mar del Plata"
            if not (word or joint):
                break
            run += 1
        while run > name_start and (doc[run - 1].text == "-" or doc[run - 1].text in NAME_PARTICLES):
            run -= 1
        if run == name_start:
            return None
        level_want = {LEVEL_OF_TYPE[t] for t in types}
        for end in range(run, name_start, -1):
            units = self.gaz.by_key.get(name_key(doc[name_start:end].text), [])
            typed = [u for u in units if u.type in types] or [u for u in units if u.level in level_want] or [
                u for u in units if u.level in FOREIGN_LEVELS[1:]]
            if typed:
                return (start, end, name_start, 2, _prefer(typed))
        sentence_dot = doc[start].lower_ == "tp" and doc[start + 1].text == "." and doc[start + 1].whitespace_
        if doc[name_start].lower_ in FUNCTION_WORDS or (sentence_dot and not doc[name_start].text.isdigit()):
            return None  # "... thanh thiếu nhi TP. Trong Tháng Thanh niên": a sentence, not a unit
        if doc[name_start].text.isdigit():  # "quận 1", "phường 12"
            end = name_start + 1
            name = f"{types[0]} {doc[name_start].text}"
            numbered = [u for u in self.gaz.by_key.get(name_key(name), []) if u.type in types]
            if numbered:
                return (start, end, name_start, 2, numbered[0])
        elif known_only or doc[name_start].text in SURNAMES:
            return None  # "chủ tịch tỉnh Võ Lâm Phi": a title and a person, not an unknown province
        elif start > 0 and doc[start - 1].lower_ in {"các", "những", "nhiều"}:
            return None  # "các tỉnh Tây Nguyên", "các tỉnh Tây Nam bộ": a region, not one unit
        elif 2 <= run - name_start <= 3 or (run - name_start == 1 and _foreign(doc[name_start].text)):
            end = run
            name = doc[name_start:end].text
        else:
            return None
        return (start, end, name_start, 1, Unit("", name, LEVEL_OF_TYPE[types[0]], types[0]))

    def _listed_after(self, doc: Doc, hit, types: tuple[str, ...]) -> list:
        """Units listed after one level word: "các quận 5, 8, 10", "thị trấn Cai Lậy và An Hữu".
        A listed name must be a known unit of the same level (and province), a number a known numbered one."""
        out = []
        first = hit[4]
        level = first.level
        province = first.id.split("-")[0] if first.id else None
        i = hit[1]
        n = len(doc)
        while i < n and len(out) < 20:
            j = i
            if doc[j].text == ",":
                j += 1
                if j < n and doc[j].lower_ == "và":
                    j += 1
            elif doc[j].lower_ == "và":
                j += 1
            else:
                break
            if j >= n or j == i:
                break
            t = doc[j]
            if t.text.isdigit():
                nxt = doc[j + 1] if j + 1 < n else None
                if nxt is not None and not (nxt.is_punct or nxt.is_space or nxt.lower_ == "và"):
                    break  # "quận 1, 3 triệu đồng"
                units = [u for u in self.gaz.by_key.get(name_key(f"{types[0]} {t.text}"), [])
                         if u.type in types and (province is None or u.id.startswith(province + "-"))]
                if not units:
                    break
                out.append((j, j + 1, j, 2, units[0]))
                i = j + 1
                continue
            if not t.text[:1].isupper() or not t.is_alpha or t.text in SURNAMES:
                break
            best = None
            for end in range(min(n, j + 4), j, -1):
                if not all(x.text[:1].isupper() and x.is_alpha for x in doc[j:end]):
                    continue
                units = [u for u in self.gaz.by_key.get(name_key(doc[j:end].text), [])
                         if u.level == level and (province is None or u.id.startswith(province + "-"))]
                if units:
                    best = (j, end, j, 2, units[0])
                    break
            if best is None or (best[1] < n and doc[best[1]].is_title and doc[best[1]].is_alpha):
                break
            out.append(best)
            i = best[1]
        return out

    def _bare(self, doc: Doc, start: int, end: int):
        """A bare name in a place role, or None; priority -1 marks an ambiguous country to confirm."""
        span = doc[start:end]
        if not all(_is_name_token(t.text) for t in span if t.is_alpha):
            return None
        units = self.gaz.bare.get(name_key(span.text))
        if not units:
            return None
        prev = doc[start - 1] if start > 0 else None
        nxt = doc[end] if end < len(doc) else None
        prev_l = prev.lower_ if prev is not None else ""
        if prev is not None and prev.is_title and prev_l not in FUNCTION_WORDS:
            return None  # "Nguyễn Thái Bình", "Thái Bình Dương"
        if nxt is not None and nxt.is_title and nxt.is_alpha and not (
                units[0].level == "quoc-gia" and prev_l in LOCATIVE_BEFORE):  # "tại Pháp Nguyễn Văn A"
            return None
        if prev_l in NOT_PLACE_BEFORE or prev_l in {"de", "del", "dos", "van", "von"}:
            return None  # "chợ Bến Thành", "Leila de Lima"
        if name_key(span.text) in _event_names() and prev_l not in {"tại", "ở"}:
            return None  # "kỷ niệm Điện Biên Phủ", "Hội thảo Điện Biên Phủ": the battle, an event
        if nxt is not None and nxt.text == "-" and end + 1 < len(doc) and not nxt.whitespace_ and \
                doc[end + 1].is_alpha:
            return None  # "VN-Index"
        if _in_company_name(doc, start):
            return None
        unit = units[0]
        if unit.level == "quoc-gia" and prev_l in NATIONALITY_BEFORE:
            return None
        if unit.ambiguous and prev_l not in LOCATIVE_BEFORE:
            return (start, end, start, -1, unit)
        return (start, end, start, 0, unit)

    def _districts_in_context(self, doc: Doc, kept, taken: list[bool], blocked) -> list:
        """Bare district names of a province the text names, in address-like positions:
        "Đống Đa, Hà Nội", "Bắc Hà (Lào Cai)", "tại Tân Châu" when An Giang or one of its towns is named."""
        provinces = {h[4].id.split("-")[0] for h in kept if h[4].id and h[4].level in ("tinh", "huyen", "xa")}
        provinces |= {h[4].parent.split("-")[0] for h in kept if h[4].parent}
        out = []
        for _, start, end in self.district_matcher(doc):
            if any(taken[start:end]):
                continue
            key = name_key(doc[start:end].text)
            units = [u for u in self.gaz.districts.get(key, []) if u.parent in provinces]
            prev = doc[start - 1] if start > 0 else None
            if not units and prev is not None and prev.lower_ in {"tại", "ở"} and \
                    len(self.gaz.by_key.get(key, [])) == 1:  # "ở Côn Đảo": a name no other unit bears
                units = self.gaz.districts[key]
            if not units or not all(t.text[:1].isupper() for t in doc[start:end] if t.is_alpha):
                continue
            nxt = doc[end] if end < len(doc) else None
            prev_l = prev.lower_ if prev is not None else ""
            beside = prev_l in BESIDE_DISTRICT or (nxt is not None and nxt.text in {",", "(", ")", "-", "–"})
            if not beside or (prev is not None and prev.is_title and prev_l not in FUNCTION_WORDS):
                continue
            if (nxt is not None and nxt.is_title and nxt.is_alpha) or prev_l in NOT_PLACE_BEFORE:
                continue
            if key in _event_names() and prev_l not in {"tại", "ở"}:
                continue  # "người dân Pháp, Điện Biên Phủ giờ ...": the battle
            if self._hidden(doc, start, end, blocked) or _after_org_head(doc, start) or \
                    _in_company_name(doc, start):
                continue
            for i in range(start, end):
                taken[i] = True
            out.append((start, end, start, 0, units[0]))
        for _, start, end in self.commune_matcher(doc):  # "tại Lăng Cô": a commune name no other unit bears
            if start == 0 or doc[start - 1].lower_ not in COMMUNE_LOCATIVES or any(taken[start:end]):
                continue
            if not all(t.text[:1].isupper() for t in doc[start:end] if t.is_alpha):
                continue
            if end < len(doc) and doc[end].is_title and doc[end].is_alpha:
                continue
            if self._hidden(doc, start, end, blocked):
                continue
            for i in range(start, end):
                taken[i] = True
            out.append((start, end, start, 0, self.gaz.communes[name_key(doc[start:end].text)]))
        return out

    def _entities(self, doc: Doc, kept) -> list[Entity]:
        provinces = {h[4].id for h in kept if h[4].level == "tinh" and h[4].id}
        out: dict[str, Entity] = {}
        for s, e, _ns, _, unit in kept:
            if unit.id and unit.level in ("huyen", "xa"):
                unit = self._in_province(unit, provinces)
            key = unit.id or f"{unit.level}:{name_key(unit.name)}"
            span = (doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
            if key in out:
                out[key].mentions.append(span)
            else:
                out[key] = Entity(name=self._written(doc, _ns, e, unit), mentions=[span], id=unit.id or None,
                                  type=unit.level)
        return list(out.values())

    @staticmethod
    def _written(doc: Doc, start: int, end: int, unit: Unit) -> str:
        """The name as the text writes it for a foreign place or a Vietnamese alias ("Matxcơva", not
        "Moscow"; "Sài Gòn", not "TP.HCM"): the id stays the one unit's. Official names and abbreviations
        ("TPHCM", "VN") keep the canonical form."""
        if unit.level not in FOREIGN_LEVELS and unit.type:
            return unit.name
        written = " ".join(doc[start:end].text.split())
        official = name_key(written).startswith(("tp", "thành phố"))
        if written.isupper() or not written[:1].isupper() or official:
            return unit.name
        return written

    def _in_province(self, unit: Unit, provinces: set[str]) -> Unit:
        """Among same-named districts/communes, the one in a province the text names."""
        same = [u for u in self.gaz.by_key.get(name_key(unit.name), []) if u.type == unit.type]
        for u in same:
            if u.id.split("-")[0] in provinces:
                return u
        return unit


def _prefer(units: list[Unit]) -> Unit:
    """Province before district before commune when one name is several units."""
    order = {"tinh": 0, "huyen": 1, "xa": 2, "quoc-gia": 3}
    return sorted(units, key=lambda u: order.get(u.level, 4))[0]


def _n_chars(doc: Doc) -> int:
    """len(doc.text) without building doc.text (it joins every token: slow on 5 MB inputs)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def _chars(doc: Doc, start: int, end: int) -> str:
    """doc.text[start:end] for a span on token boundaries (or the tokens it touches)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.text if span is not None else ""


def char_mask(length: int, spans) -> bytearray:
    """1 for every character inside one of `spans`: overlap tests stay linear however many spans there are."""
    mask = bytearray(length)
    for s, e in spans:
        s, e = max(0, s), min(length, e)
        if e > s:
            mask[s:e] = b"\x01" * (e - s)
    return mask


def _blocked_chars(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of body and campaign names: places inside them are part of those names."""
    spans: list[tuple[int, int]] = []
    for fact in ("bodies", "campaigns"):
        for ent in getattr(doc._, fact) or []:
            spans.extend(tuple(m) for m in ent.mentions)
    return spans


@lru_cache(maxsize=1)
def _event_names() -> frozenset[str]:
    """Places that also name a historical battle or campaign (corpora/lexicon/campaigns.json
    "not_campaigns"): named bare without a locative word they are the event."""
    path = CORPORA_DIR / "lexicon" / "campaigns.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return frozenset(name_key(n) for n in data.get("not_campaigns", []))


@Language.factory("newsmine_places")
def make_places(nlp: Language, name: str) -> PlaceRecognizer:
    return PlaceRecognizer(nlp, load_gazetteer())


def places_in(span: Span) -> list[Entity]:
    """Places of the doc whose mentions fall inside `span` (helper for other components)."""
    out = []
    for ent in span.doc._.places or []:
        if any(span.start_char <= s and e <= span.end_char for s, e in ent.mentions):
            out.append(ent)
    return out
