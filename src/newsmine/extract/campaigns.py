"""Campaigns: named movements, drives and programmes (GUIDE.md "campaigns").

A campaign is a head word (phong trào [thi đua], cuộc vận động, chiến dịch, đợt cao điểm, đợt thi đua,
chương trình mục tiêu quốc gia, giao ước thi đua) followed by a name: quoted (“...”, "...", «...», closing
mark possibly missing), a known name from corpora/lexicon/campaigns.json, or, for drives (chiến dịch,
đợt cao điểm...), the unquoted words up to the next clause break. Well-known distinctive names are also
found without a head word. Historical military campaigns and movements are events, not campaigns, and so
is a "chiến dịch" in a war report. Named drives keep their head ("Tháng Thanh niên 2005", "Tháng hành động
vì an toàn thực phẩm"); a quoted "chương trình" counts only when it gives or helps (not a show or contest);
a short lower-case quoted name counts only when the article names it twice (else it is a scare quote).
Each campaign gets one id across articles, spellings and yearly editions: the lexicon id when the name is
close to a known alias (rapidfuzz), else a slug of the folded name without its year; spelling variants in
one article share the first one's id.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from newsmine.config import CORPORA_DIR
from newsmine.extract import extensions
from newsmine.extract.places import _foreign, load_gazetteer
from newsmine.extract.textnorm import fold, name_key, slug, tone_variants
from newsmine.types import Entity

LEXICON = CORPORA_DIR / "lexicon" / "campaigns.json"

# Head words -> kind. "drive" heads may take an unquoted lower-case name; the others need quotes,
# a capitalised name or a known name.
HEADS: dict[tuple[str, ...], str] = {
    ("phong", "trào", "thi", "đua"): "movement",
    ("phong", "trào"): "movement",
    ("cuộc", "vận", "động"): "drive",
    ("vận", "động"): "movement-quoted",
    ("chiến", "dịch"): "drive",
    ("đợt", "cao", "điểm"): "drive",
    ("đợt", "thi", "đua"): "drive",
    ("chương", "trình", "mục", "tiêu", "quốc", "gia"): "drive",
    ("chương", "trình", "quốc", "gia"): "drive",  # "Chương trình quốc gia phòng chống tội phạm"
    ("chương", "trình"): "programme",
    ("giao", "ước", "thi", "đua"): "drive",
    ("thi", "đua"): "quoted",
    # Named drives whose head is part of the proper name ("Tháng Thanh niên 2005", "Tháng hành động vì an
    # toàn thực phẩm", "Ngày Pháp luật Việt Nam"): the name keeps the head.
    ("tháng", "hành", "động"): "named",
    ("tháng", "thanh", "niên"): "named",
    ("tháng", "công", "nhân"): "named",
    ("tháng", "nhân", "đạo"): "named",
    ("ngày", "pháp", "luật"): "named",
}
OPEN_CLOSE = {"“": "”", '"': '"', "«": "»", "‘": "’", "'": "'", "”": "”"}
CLOSERS = {"”", '"', "»", "’", "'"}
MAX_QUOTED_HEAD_WORDS = 15  # “Chiến dịch …” names are short; a longer quote opening with a head is speech
# Between the head and the name.
FILLERS = {":", "thi", "đua", "mang", "tên", "với", "chủ", "đề", "có", "là"}
# Between the head and a quoted name only: 'chiến dịch như "Lưới trời"', 'phong trào gọi là "..."'.
QUOTE_FILLERS = {"như", "gọi", "là", "mang", "tên", "có", "lấy"}
# Unquoted names end before these words.
STOP_WORDS = {
    "của", "do", "được", "đã", "đang", "sẽ", "tại", "trong", "nhằm", "với", "từ", "vào", "này", "đó", "trên",
    "là", "thì", "mà", "khi", "để", "cho", "cũng", "vừa", "mới", "nên", "nhưng", "theo", "bằng",
    "giai", "đợt", "lần", "thứ", "kéo", "diễn", "đến", "tới", "sau", "trước", "hiện", "nay", "qua", "ra",
    "như", "đạt", "gồm", "bao", "gây", "tiếp", "năm", "tháng", "ngày", "tuần", "thu", "phát", "ở",
    "không", "phải", "rồi", "đều", "có", "lại", "bị", "những", "hơn", "kết", "nhiều", "ngay", "liên",
    "ông", "bà", "anh", "chị", "chúng", "dự", "em", "họ", "gần", "đây", "rất", "dù", "tuy", "nếu", "thời",
    "hồi", "lúc",
}
# Words that begin with a stop syllable but go on a name ("quyên góp và thu thập chữ ký").
NAME_COMPOUNDS = {("thu", "thập"), ("phát", "triển"), ("kết", "hợp"), ("liên", "kết"), ("tiếp", "sức"),
                  ("tiếp", "cận"), ("dự", "phòng"), ("phát", "huy"), ("thu", "gom"),
                  ("phát", "hiện"), ("cho", "vay"), ("tiếp", "tay")}
GENERIC_FIRST = {
    "này", "đó", "nói", "trên", "thứ", "lần", "đầu", "cuối", "mới", "tiếp", "lớn", "chung", "chính", "thi",
    "cao", "điểm", "đã", "được", "sẽ", "nhằm", "cụ", "riêng", "thường", "theo", "ngắn", "dài", "quy", "hoạt",
    "triển", "tổ", "phát", "ra", "quân", "truyền", "tuyên", "phải", "tập", "trung", "về",
}
# An unquoted lower-case drive name must say what the drive does ("đợt cao điểm tấn công trấn áp tội phạm");
# "đợt cao điểm mùa khô", "chiến dịch quảng cáo" are not named drives.
DRIVE_WORDS = {
    "tấn công", "trấn áp", "truy quét", "phòng chống", "phòng, chống", "chống", "đấu tranh", "xử lý",
    "xử phạt", "kiểm tra", "bảo đảm", "đảm bảo", "giải tỏa", "giải toả", "tổng kiểm soát", "vận động",
    "tuyên truyền", "tiêm", "vệ sinh", "an toàn", "ma túy", "ma tuý", "tội phạm", "buôn lậu", "hàng giả",
    "gian lận", "thi hành án", "tình nguyện", "hiến máu", "xóa", "xoá", "diệt", "triệt phá", "làm sạch",
    "thu hồi", "cưỡng chế", "trật tự", "thuế", "giảm nghèo", "nước sạch", "việc làm", "giáo dục", "y tế",
    "dân số", "kế hoạch hóa", "phổ biến", "cải cách", "tiết kiệm", "thanh tra", "giải quyết", "kê khai",
    "ủng hộ", "quyên góp", "cứu trợ", "kêu gọi",
}
# "cuộc vận động người đi đò mặc áo phao", "... nhân dân giao nộp vũ khí": a drive that asks a group of people
# to do something is named by that request.
PEOPLE_FIRST = {"người", "nhân", "toàn", "hộ", "gia", "cán", "học", "thanh", "phụ", "doanh", "đồng", "nông",
                "cựu", "công", "đoàn", "hội", "mọi", "mỗi", "cộng", "bà", "quần", "thiếu", "sinh", "giáo"}
MILITARY_WORDS = {
    "giải phóng", "tiến công", "phản công", "tổng tiến công", "đánh", "chiến thắng", "kháng chiến",
}
# Family names: a campaign "named" after a person is a military one ("chiến dịch Hoàng Hoa Thám").
PERSON_SURNAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Quang", "Đinh", "Trịnh", "Lương", "Mai", "Đoàn", "Tôn", "Cao",
}
# Words of a quoted programme name that make it a drive or cause ('chương trình "Vì người nghèo"'), not a
# show or a segment ('chương trình mang tên "Vang vọng ngàn năm"').
CAUSE_WORDS = {
    "vì", "chung tay", "chung sức", "tiếp sức", "tình nguyện", "xây dựng", "giúp", "hỗ trợ", "xanh", "sạch",
    "nghĩa tình", "mái ấm", "thắp sáng", "nâng bước", "đồng hành", "sẻ chia", "chia sẻ", "tiếp bước",
}
# Words around a quoted programme name that make it a drive or a cause.
PROGRAMME_CUES = {
    "tặng", "trao tặng", "tặng quà", "hỗ trợ", "ủng hộ", "khuôn khổ", "tổng kết", "phát động", "hưởng ứng",
    "tài trợ", "khó khăn", "nghèo", "giúp đỡ", "bảo trợ", "từ thiện", "nhân đạo", "đào tạo", "xóa", "xoá",
}
# Openings of a quoted name that make it an event or a contest, and words before it that make it a show.
EVENT_NAMES = ("giao lưu", "gặp gỡ", "đêm", "liên hoan", "hội thi", "cuộc thi", "lễ", "vinh danh", "ngôi sao",
               "đấu trường", "bạn ", "ai là")
SHOW_CUES = {"dẫn", "phỏng", "truyền", "hình", "phát", "sóng", "tập", "xuất"}
# Words of a war report: there, "chiến dịch" is a military operation.
WAR_WORDS = ("không kích", "phiến quân", "tiêm kích", "xe tăng", "binh sĩ", "quân nổi dậy", "pháo kích",
             "ném bom", "tên lửa", "chiến binh")
CONJUNCTIONS = {"và", "hoặc", "cùng"}
MAX_QUOTED = 60
MAX_LISTED = 40
MAX_UNQUOTED = 12
MIN_UNQUOTED_LOWER = 3  # "chiến dịch tấn công", "cuộc vận động ủng hộ": a kind of action, not a name
YEAR_TAIL = re.compile(r"(?:\s+(?:năm\s+)?(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)+$", re.IGNORECASE)


@dataclass
class Lexicon:
    ids: list[str]  # parallel to keys: the campaign id of each folded alias
    keys: list[str]  # folded aliases
    names: dict[str, str]  # id -> canonical name
    phrases: dict[str, tuple[str, bool]]  # alias text -> (id, bare)
    not_campaigns: set[str]  # folded names of military/historical campaigns

    def campaign_id(self, name: str) -> str:
        """The lexicon id of a name close to a known alias, else a slug of the folded name. A trailing year
        ("Tiếp sức mùa thi 2005", "Tháng Thanh niên năm 2024") names an edition: one id for every year."""
        name = YEAR_TAIL.sub("", name) or name
        key = fold(name)
        if self.keys:
            best = process.extractOne(key, self.keys, scorer=fuzz.ratio, score_cutoff=92)
            if best is not None:
                return self.ids[best[2]]
        return slug(name) or "campaign"


@lru_cache(maxsize=2)
def load_lexicon(path: str | Path = LEXICON) -> Lexicon:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    ids, keys, names, phrases = [], [], {}, {}
    for c in data["campaigns"]:
        names[c["id"]] = c["name"]
        for alias in [c["name"], *c.get("aliases", [])]:
            ids.append(c["id"])
            keys.append(fold(alias))
            phrases[alias] = (c["id"], bool(c.get("bare")))
    return Lexicon(ids, keys, names, phrases, {fold(n) for n in data.get("not_campaigns", [])})


class CampaignRecognizer:
    """spaCy component: sets doc._.campaigns to Entity(name as written, id, mentions incl. quote marks)."""

    def __init__(self, nlp: Language, lexicon: Lexicon):
        self.lex = lexicon
        self.heads = PhraseMatcher(nlp.vocab, attr="LOWER")  # fixed word sequences: faster than a Matcher
        for i, (words, kind) in enumerate(HEADS.items()):
            self.heads.add(f"{kind}|{i}", [Doc(nlp.vocab, words=list(words))])
        self.war_words = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.war_words.add("WAR", [nlp.make_doc(w) for w in WAR_WORDS])
        self.known = PhraseMatcher(nlp.vocab, attr="LOWER")
        for alias, (cid, bare) in lexicon.phrases.items():
            for variant in tone_variants(alias.lower()):
                label = f"{cid}|{int(bare)}"
                self.known.add(label, [nlp.make_doc(variant)])

    def __call__(self, doc: Doc) -> Doc:
        extensions.register()
        known = {}  # start token -> (end token, id, bare), longest first
        for match_id, start, end in self.known(doc):
            cid, bare = doc.vocab.strings[match_id].split("|")
            if start not in known or end > known[start][0]:
                known[start] = (end, cid, bare == "1")
        found: list[tuple[int, int, int, int, str | None]] = []  # (mention s, e, name s, e chars, id)
        heads = sorted(self.heads(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        last_end = -1
        war = None
        for match_id, start, end in heads:
            if start < last_end:
                continue  # a shorter head inside a longer one ("phong trào" in "phong trào thi đua")
            kind = doc.vocab.strings[match_id].split("|")[0]
            if doc[start].lower_ == "chiến":
                if war is None:  # looked up once, and only for articles with a "chiến dịch"
                    war = len(self.war_words(doc)) >= 2
                if war:
                    continue  # "chiến dịch “Cành Olive”" in a war report: a military operation, an event
            if start > 0 and doc[start - 1].text in OPEN_CLOSE and not doc[start - 1].whitespace_:
                # a “phong trào” in quotes is a figure of speech; “Chiến dịch cứu trợ nạn nhân...” is a name
                hit = self._quoted_with_head(doc, start - 1, end, keep_head=kind == "named")
                if hit:
                    found.append(hit)
                    last_end = end
                continue
            if kind == "named":
                hit = self._named(doc, start, end)
                if hit:
                    found.append(hit[:5])
                    last_end = hit[5]
                continue
            plural = start > 0 and doc[start - 1].lower_ in {"các", "những", "nhiều", "mọi"}
            names = self._names_after(doc, end, kind, known, plural)
            if names:
                last_end = end
            found.extend(names)
        taken: list[tuple[int, int]] = [(s, e) for s, e, *_ in found]
        for start, (end, cid, bare) in known.items():
            quoted = start > 0 and doc[start - 1].text in OPEN_CLOSE  # 'Tiếp sức mùa thi 2005'
            if not (bare or quoted):
                continue
            s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            if any(ts < e and s < te for ts, te in taken):
                continue
            if not (doc[start].text[:1].isupper() or (start > 0 and doc[start - 1].text in OPEN_CLOSE)):
                continue  # "việc học tập và làm theo ..." is a phrase; the name is written capitalised
            found.append((s, e, s, e, cid))
            taken.append((s, e))
        found = self._repeated_short_names(doc, found)
        doc._.campaigns = self._entities(doc, found)
        return doc

    def _names_after(self, doc: Doc, i: int, kind: str, known, plural: bool = False) -> list:
        """The name (or chained names: “A”, “B” và “C”) after a head word ending at token i."""
        out = []
        n = len(doc)
        j = i
        j = self._skip_time(doc, j)
        while j < n and j - i < 3 and (doc[j].lower_ in FILLERS or (  # "lấy tên", not "lấy chữ ký"
                doc[j].lower_ == "lấy" and j + 1 < n and doc[j + 1].lower_ == "tên")):
            j += 1
        k = j
        while k < n and k - j < 3 and (doc[k].lower_ in QUOTE_FILLERS or (  # 'phong trào biểu tình "áo vàng"'
                kind == "movement" and k - j < 2 and doc[k].is_alpha and doc[k].is_lower
                and doc[k].lower_ not in STOP_WORDS)):
            k += 1
        if k > j and k < n and doc[k].text in OPEN_CLOSE:  # 'chiến dịch như "Lưới trời"'
            j = k
        if j < n and doc[j].text in OPEN_CLOSE:
            while j < n and doc[j].text in OPEN_CLOSE:
                hit = self._quoted(doc, j, allow_short=True)
                if hit is None:
                    break
                if kind == "programme" and not self._cause_like(doc, hit):
                    break  # a show or a segment of one, not a drive
                out.append(hit)
                k = hit[5]  # token after the closing mark
                if k + 1 < n and doc[k].text in {",", ";", "và"} and doc[k + 1].text in OPEN_CLOSE:
                    j = k + 1
                elif k + 2 < n and doc[k].text == "," and doc[k + 1].lower_ == "và" and \
                        doc[k + 2].text in OPEN_CLOSE:
                    j = k + 2
                else:
                    break
            return [h[:4] + (h[4] if len(h) < 7 else SHORT,) for h in out]
        if kind in ("quoted", "movement-quoted") or j >= n:
            return []
        if kind == "drive" and doc[j].lower_ == "về" and j + 1 < n:  # "chương trình mục tiêu quốc gia về ..."
            j += 1
        if j in known:  # a known name without quotes: "phong trào Toàn dân đoàn kết ..."
            end, cid, _ = known[j]
            s, e = doc[j].idx, doc[end - 1].idx + len(doc[end - 1])
            return [(s, e, s, e, cid)]
        if kind == "programme":
            return []
        first = doc[j]
        if not first.is_alpha or (first.is_upper and len(first.text) > 1) or \
                first.lower_ in GENERIC_FIRST | STOP_WORDS:
            return []  # "phong trào Ô vàng" is a name; "chiến dịch VN..." an abbreviation
        capitalised = first.text[:1].isupper()
        if capitalised and _foreign(first.text):
            return []  # "Phong trào Nour al-Din al-Zinki", "Phong trào Hamas": an organisation
        if kind == "movement" and not capitalised and first.lower_ != "toàn":  # "phong trào toàn dân ..."
            return []
        if plural and not capitalised:
            return []  # "các cuộc vận động chống tham nhũng, tiêu cực": a kind of drive, not a named one
        end = self._unquoted_end(doc, j)
        if end is None or (end - j < MIN_UNQUOTED_LOWER and not capitalised):
            return []
        title_run = j
        while title_run < end and doc[title_run].is_title:
            title_run += 1
        if title_run - j >= 2:  # a proper-name style name ("chiến dịch Săn Cáo truy lùng ..."): just the name
            end = title_run
            if first.text in PERSON_SURNAMES or name_key(doc[j:end].text) in load_gazetteer().by_key:
                return []  # "chiến dịch Hoàng Hoa Thám", "chiến dịch Tây Nguyên": a military campaign
        name = doc[j:end].text
        if self._historical(name):
            return []
        words = doc[j:end]
        low = " " + " ".join(t.lower_ for t in words) + " "
        if not capitalised and not any(f" {w} " in low for w in DRIVE_WORDS) and not (
                kind == "drive" and first.lower_ in PEOPLE_FIRST and end - j >= 4):
            return []
        s, e = doc[j].idx, doc[end - 1].idx + len(doc[end - 1])
        return [(s, e, s, e, None)]

    @staticmethod
    def _foreign_place(text: str) -> bool:
        units = load_gazetteer().bare.get(name_key(text), [])
        return any(u.level in ("quoc-gia", "thanh-pho-nuoc-ngoai") and not u.ambiguous for u in units)

    def _unquoted_end(self, doc: Doc, j: int) -> int | None:
        """End of an unquoted name: the clause break, across commas that only list short noun phrases
        ("tấn công tội phạm buôn lậu, gian lận thương mại, ..."); None for a running clause."""
        n = len(doc)
        end = j
        seg_start = j
        while end < n and end - j < MAX_LISTED:
            t = doc[end]
            if t.text == "," and end > j:
                k = end + 1
                while k < n and k - end <= 12:
                    if k + 1 < n and (doc[k].lower_, doc[k + 1].lower_) in NAME_COMPOUNDS:
                        k += 2  # "cho vay nặng lãi", "phát hiện": not a clause opening
                        continue
                    if doc[k].is_punct or doc[k].is_space or (doc[k].like_num and not _is_year(doc[k].text)) \
                            or doc[k].lower_ in STOP_WORDS:
                        break
                    k += 1
                closes = k >= n or doc[k].text in {",", ".", ";", "…", "..."} or "\n" in doc[k].text
                if closes and k - end > 1 and not doc[end + 1].is_title and (
                        doc[k - 1].is_alpha or _is_year(doc[k - 1].text)):
                    end = k  # a short listed item ("..., gian lận thương mại, ..."); go on with the next one
                    seg_start = k
                    if k < n and doc[k].text == ",":
                        continue
                    break
                break
            compound = end + 1 < n and (t.lower_, doc[end + 1].lower_) in NAME_COMPOUNDS
            if t.like_num and not _is_year(t.text):
                break
            if end > j and t.is_title and self._foreign_place(t.text):
                break  # "chiến dịch ma tuý Philippines thắng kiện": the country is not part of the name
            if t.is_space or t.is_punct and t.text not in {"-", "–"} or (
                    t.lower_ in STOP_WORDS and end > j and not compound):
                break
            if end - seg_start >= MAX_UNQUOTED:
                return None  # a running clause, not a name
            end += 2 if compound else 1  # both halves of "phát hiện", "thu thập"
        while end > j and (doc[end - 1].text in {"-", "–", ","} or doc[end - 1].lower_ in CONJUNCTIONS):
            end -= 1  # "... phòng chống tội phạm và [phát động ...]": the conjunction opens the next clause
        return end

    def _historical(self, name: str) -> bool:
        """A military campaign or historical movement ("Điện Biên Phủ", "giải phóng Huế - Đà Nẵng")."""
        words = fold(name).split()
        if any(" ".join(words[:k]) in self.lex.not_campaigns for k in range(1, min(len(words), 5) + 1)):
            return True
        low = " " + name.lower() + " "
        return any(f" {w} " in low for w in MILITARY_WORDS)

    def _quoted_with_head(self, doc: Doc, j: int, head_end: int, keep_head: bool = False):
        """“Chiến dịch X Y” (the head inside the quotes): the name X Y when it has two words or more;
        with keep_head (“Tháng hành động vì an toàn thực phẩm”) the whole quoted name."""
        hit = self._quoted(doc, j)
        if hit is None:
            return None
        s, e, ns, ne, _, _after = hit
        inner = [t for t in doc[head_end:] if t.idx < ne]
        words = [t for t in inner if t.is_alpha]
        if keep_head:
            if len(words) > MAX_QUOTED_HEAD_WORDS:
                return None
        else:
            if head_end >= len(doc) or doc[head_end].idx >= ne:
                return None
            ns = doc[head_end].idx
            if len(words) < 2 or len(words) > MAX_QUOTED_HEAD_WORDS:
                return None
        if any(t.text in {".", "!", "?"} for t in inner[:-1]):
            return None  # “Phong trào thi đua năm nay phải …. Chúng ta …”: a statement, not a name
        return (s, e, ns, ne, None)

    @staticmethod
    def _repeated_short_names(doc: Doc, found: list) -> list:
        """A short lower-case quoted name ('phong trào “áo vàng”') is a name when the text gives it after a
        head word twice or more; once, it is a scare-quoted word ('một phong trào “khủng bố”')."""
        def name(h) -> str:
            span = doc.char_span(h[2], h[3], alignment_mode="expand")
            return fold(span.text) if span is not None else ""
        counts: dict[str, int] = {}
        for h in found:
            if h[4] == SHORT:
                counts[name(h)] = counts.get(name(h), 0) + 1
        return [h if h[4] != SHORT else h[:4] + (None,) for h in found
                if h[4] != SHORT or counts.get(name(h), 0) >= 2]

    def _named(self, doc: Doc, start: int, end: int):
        """A named drive whose head is part of the name: "Tháng Thanh niên 2005", "tháng hành động vì an
        toàn thực phẩm". (s, e, name s, name e, None, token after); the head alone when nothing follows."""
        n = len(doc)
        stop = end
        if end < n and doc[end].lower_ in {"vì", "về", "quốc"} and end + 1 < n and doc[end + 1].is_alpha:
            stop = self._unquoted_end(doc, end + 1) or end
            if stop - end < 2:
                stop = end
        if stop < n and _is_year(doc[stop].text):
            stop += 1  # the edition: "Tháng Thanh niên 2005"
        s, e = doc[start].idx, doc[stop - 1].idx + len(doc[stop - 1])
        return (s, e, s, e, None, stop)

    @staticmethod
    def _skip_time(doc: Doc, j: int) -> int:
        """Past a time adjunct between a head and its name: "đợt cao điểm từ nay đến 15-9 vận động ...",
        "đợt cao điểm năm 2019 tấn công ..."."""
        n = len(doc)
        if j + 1 < n and doc[j].lower_ == "năm" and _is_year(doc[j + 1].text):
            return j + 2
        if j < n and doc[j].lower_ == "từ":
            for k in range(j + 1, min(n, j + 6)):
                if doc[k].lower_ in {"đến", "tới"}:
                    m = k + 1
                    if m < n and doc[m].lower_ in {"ngày", "hết"}:
                        m += 1
                    if m < n and any(c.isdigit() for c in doc[m].text):
                        m += 1
                        if m + 1 < n and doc[m].lower_ == "năm" and _is_year(doc[m + 1].text):
                            m += 2
                        return m
                    return j
                if doc[k].is_punct or doc[k].is_space:
                    return j
        return j

    @staticmethod
    def _cause_like(doc: Doc, hit) -> bool:
        """A quoted programme that is a drive or a cause ('tặng quà cho công nhân trong chương trình “Tết sum
        vầy”', 'trong khuôn khổ chương trình “Thế giới trẻ thơ”'), not a show, a contest or an evening
        ('dẫn chương trình “Parts Unknown”', 'chương trình “Giao lưu, gặp gỡ ...” tại Nhà hát lớn')."""
        span = doc.char_span(hit[2], hit[3], alignment_mode="expand")
        if span is None or not len(span):
            return False
        name = span.text.lower()
        first = span[0]
        if _foreign(first.text) or name.rstrip().endswith("?") or name.startswith(EVENT_NAMES):
            return False
        before = {t.lower_ for t in doc[max(0, span.start - 4):span.start]}
        if before & SHOW_CUES:
            return False
        low = " " + name + " "
        if any(f" {w} " in low for w in CAUSE_WORDS | DRIVE_WORDS):
            return True
        lo, hi = max(0, span.start - 14), min(len(doc), span.end + 14)
        window = " " + " ".join(t.lower_ for t in doc[lo:hi]) + " "
        if " cuộc thi " in window or " dự thi " in window:
            return False  # a contest's programme
        return any(f" {w} " in window for w in PROGRAMME_CUES)

    def _quoted(self, doc: Doc, j: int, allow_short: bool = False):
        """Quoted name starting at the opening mark j: (s, e, name s, name e, None, token after)."""
        opener = doc[j].text
        closer = OPEN_CLOSE[opener]
        n = len(doc)
        k = j + 1
        while k < n and k - j <= MAX_QUOTED:
            t = doc[k].text
            if t == closer or (t in CLOSERS and opener in "“«"):
                break
            if "\n" in t:
                break
            k += 1
        closed = k < n and doc[k].text in CLOSERS and "\n" not in doc[k].text
        if not closed:  # missing closing mark: stop at the clause end
            k = j + 1
            while k < n and k - j <= MAX_QUOTED and doc[k].text not in {".", ";", "!", "?"} and \
                    "\n" not in doc[k].text:
                k += 1
        if k == j + 1 or k - j > MAX_QUOTED:
            return None
        inner_s, inner_e = doc[j + 1].idx, doc[k - 1].idx + len(doc[k - 1])
        name = doc[j + 1:k].text.strip(" ,.;:…")  # the span's text: never doc.text per name (5 MB inputs)
        if not name or self._historical(name):
            return None
        words = [t for t in doc[j + 1:k] if t.is_alpha or t.like_num]
        short = len(words) <= 2 and not any(t.text[:1].isupper() or t.like_num for t in words)
        if short and not allow_short:
            return None  # a scare-quoted word: phong trào “khủng bố”, không phải tên
        mention_e = doc[k].idx + len(doc[k]) if closed else inner_e
        hit = (doc[j].idx, mention_e, inner_s, inner_s + len(name), None, k + 1 if closed else k)
        return hit + (SHORT,) if short else hit

    def _entities(self, doc: Doc, found) -> list[Entity]:
        """One entity per campaign: the lexicon id, else one slug for names that differ only in spelling
        ("Tháng hành động vì/về an toàn thực phẩm") within the article; a named head alone ("Tháng hành
        động năm 2019") is a later mention of the full name before it, or not a name at all."""
        out: dict[str, Entity] = {}
        ids: dict[str, str] = {}
        keys: dict[str, str] = {}  # folded name (no year) -> id, for the in-article fuzzy merge
        targets: dict[str, str] = {}  # what an unquoted drive acts on -> id
        head_only: list[tuple[str, tuple[int, int]]] = []
        for s, e, ns, ne, cid in sorted(found):
            span = doc.char_span(ns, ne, alignment_mode="expand")  # not doc.text: slow on 5 MB inputs
            if span is None:
                continue
            name = span.text[ns - span.start_char:ne - span.start_char]
            name = " ".join(name.split()).strip(" ,.;:…")
            if not name:
                continue
            cid = cid or ids.get(name) or ids.setdefault(name, self.lex.campaign_id(name))
            key = fold(YEAR_TAIL.sub("", name) or name)
            if cid not in self.lex.names:
                if key in NAMED_HEADS:
                    head_only.append((key, (s, e)))
                    continue
                same = process.extractOne(key, list(keys), scorer=fuzz.ratio, score_cutoff=88) \
                    if keys else None
                if same is not None:
                    cid = keys[same[0]]
                target = _drive_target(key)  # "chống ma tuý" / "trấn áp ma tuý": one drive against one thing
                if target and target in targets:
                    cid = targets[target]
                elif target:
                    targets[target] = cid
            keys.setdefault(key, cid)
            if cid in out:
                out[cid].mentions.append((s, e))
            else:
                out[cid] = Entity(name=name, mentions=[(s, e)], id=cid, type="campaign")
        for key, mention in head_only:
            full = next((k for k in keys if k.startswith(key + " ")), None)
            if full is not None:
                out[keys[full]].mentions.append(mention)
        return list(out.values())


# Verbs of an offensive drive: "chống ma tuý" and "trấn áp ma tuý" in one article are one drive ("phòng chống
# tội phạm", a prevention programme, is not the same as "tấn công tội phạm", a peak drive).
DRIVE_VERBS = ("chong", "tran ap", "truy quet", "tan cong tran ap", "dau tranh chong")


def _drive_target(key: str) -> str | None:
    """The object of a drive name ("chong ma tuy" -> "ma tuy"), or None for a name not led by a drive verb."""
    for verb in sorted(DRIVE_VERBS, key=len, reverse=True):
        if key.startswith(verb + " ") and len(key) > len(verb) + 3:
            return key[len(verb) + 1:]
    return None


SHORT = "__short__"  # marks a short lower-case quoted name until the article shows it is one
NAMED_HEADS = {fold(" ".join(words)) for words, kind in HEADS.items() if kind == "named"}


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isdigit() and text[:2] in ("19", "20")


@Language.factory("newsmine_campaigns")
def make_campaigns(nlp: Language, name: str) -> CampaignRecognizer:
    return CampaignRecognizer(nlp, load_lexicon())
