"""Campaigns: named movements, drives and programmes (GUIDE.md "campaigns").

A campaign is a head word (phong trào [thi đua], cuộc vận động, chiến dịch, đợt cao điểm, đợt thi đua,
chương trình mục tiêu quốc gia, giao ước thi đua) followed by a name: quoted (“...”, "...", «...», closing
mark possibly missing), a known name from corpora/lexicon/campaigns.json, or, for drives (chiến dịch,
đợt cao điểm...), the unquoted words up to the next clause break. Well-known distinctive names are also
found without a head word. Historical military campaigns and movements are events, not campaigns.
Each campaign gets one id across articles and spellings: the lexicon id when the name is close to a known
alias (rapidfuzz), else a slug of the folded name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from newsmine.config import CORPORA_DIR
from newsmine.extract import extensions
from newsmine.extract.places import load_gazetteer
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
    ("chương", "trình"): "programme",
    ("giao", "ước", "thi", "đua"): "quoted",
    ("thi", "đua"): "quoted",
}
OPEN_CLOSE = {"“": "”", '"': '"', "«": "»", "‘": "’", "'": "'", "”": "”"}
CLOSERS = {"”", '"', "»", "’", "'"}
MAX_QUOTED_HEAD_WORDS = 15  # “Chiến dịch …” names are short; a longer quote opening with a head is speech
# Between the head and the name.
FILLERS = {":", "thi", "đua", "mang", "tên", "với", "chủ", "đề", "có", "là"}
# Unquoted names end before these words.
STOP_WORDS = {
    "của", "do", "được", "đã", "đang", "sẽ", "tại", "trong", "nhằm", "với", "từ", "vào", "này", "đó", "trên",
    "là", "thì", "mà", "khi", "để", "cho", "cũng", "vừa", "mới", "nên", "nhưng", "theo", "bằng",
    "giai", "đợt", "lần", "thứ", "kéo", "diễn", "đến", "tới", "sau", "trước", "hiện", "nay", "qua", "ra",
    "như", "đạt", "gồm", "bao", "gây", "tiếp", "năm", "tháng", "ngày", "tuần", "thu", "phát", "ở",
    "không", "phải", "rồi", "đều", "có", "lại", "bị", "những", "hơn", "kết", "nhiều", "ngay", "liên",
    "ông", "bà", "anh", "chị", "chúng", "dự", "em", "họ",
}
# Words that begin with a stop syllable but go on a name ("quyên góp và thu thập chữ ký").
NAME_COMPOUNDS = {("thu", "thập"), ("phát", "triển"), ("kết", "hợp"), ("liên", "kết"), ("tiếp", "sức"),
                  ("tiếp", "cận"), ("dự", "phòng"), ("phát", "huy"), ("thu", "gom")}
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
    "ủng hộ", "quyên góp", "cứu trợ",
}
MILITARY_WORDS = {
    "giải phóng", "tiến công", "phản công", "tổng tiến công", "đánh", "chiến thắng", "kháng chiến",
}
# Family names: a campaign "named" after a person is a military one ("chiến dịch Hoàng Hoa Thám").
PERSON_SURNAMES = {
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
    "Dương", "Lý", "Quang", "Đinh", "Trịnh", "Lương", "Mai", "Đoàn", "Tôn", "Cao",
}
MAX_QUOTED = 60
MAX_LISTED = 40
MAX_UNQUOTED = 12


@dataclass
class Lexicon:
    ids: list[str]  # parallel to keys: the campaign id of each folded alias
    keys: list[str]  # folded aliases
    names: dict[str, str]  # id -> canonical name
    phrases: dict[str, tuple[str, bool]]  # alias text -> (id, bare)
    not_campaigns: set[str]  # folded names of military/historical campaigns

    def campaign_id(self, name: str) -> str:
        """The lexicon id of a name close to a known alias, else a slug of the folded name."""
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
        self.heads = Matcher(nlp.vocab)
        for i, (words, kind) in enumerate(HEADS.items()):
            self.heads.add(f"{kind}|{i}", [[{"LOWER": w} for w in words]])
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
        for match_id, start, end in heads:
            if start < last_end:
                continue  # a shorter head inside a longer one ("phong trào" in "phong trào thi đua")
            kind = doc.vocab.strings[match_id].split("|")[0]
            if start > 0 and doc[start - 1].text in OPEN_CLOSE and not doc[start - 1].whitespace_:
                # a “phong trào” in quotes is a figure of speech; “Chiến dịch cứu trợ nạn nhân...” is a name
                hit = self._quoted_with_head(doc, start - 1, end)
                if hit:
                    found.append(hit)
                    last_end = end
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
        doc._.campaigns = self._entities(doc, found)
        return doc

    def _names_after(self, doc: Doc, i: int, kind: str, known, plural: bool = False) -> list:
        """The name (or chained names: “A”, “B” và “C”) after a head word ending at token i."""
        out = []
        n = len(doc)
        j = i
        while j < n and j - i < 3 and (doc[j].lower_ in FILLERS or (  # "lấy tên", not "lấy chữ ký"
                doc[j].lower_ == "lấy" and j + 1 < n and doc[j + 1].lower_ == "tên")):
            j += 1
        if j < n and doc[j].text in OPEN_CLOSE:
            while j < n and doc[j].text in OPEN_CLOSE:
                hit = self._quoted(doc, j)
                if hit is None:
                    break
                out.append(hit)
                k = hit[5]  # token after the closing mark
                if k + 1 < n and doc[k].text in {",", ";", "và"} and doc[k + 1].text in OPEN_CLOSE:
                    j = k + 1
                elif k + 2 < n and doc[k].text == "," and doc[k + 1].lower_ == "và" and \
                        doc[k + 2].text in OPEN_CLOSE:
                    j = k + 2
                else:
                    break
            return [h[:5] for h in out]
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
        if not first.is_alpha or first.is_upper or first.lower_ in GENERIC_FIRST | STOP_WORDS:
            return []
        capitalised = first.text[:1].isupper()
        if kind == "movement" and not capitalised and first.lower_ != "toàn":  # "phong trào toàn dân ..."
            return []
        if plural and not capitalised:
            return []  # "các cuộc vận động chống tham nhũng, tiêu cực": a kind of drive, not a named one
        end = self._unquoted_end(doc, j)
        if end is None or (end - j < 2 and not capitalised):
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
        if not capitalised and not any(f" {w} " in low for w in DRIVE_WORDS):
            return []
        s, e = doc[j].idx, doc[end - 1].idx + len(doc[end - 1])
        return [(s, e, s, e, None)]

    @staticmethod
    def _unquoted_end(doc: Doc, j: int) -> int | None:
        """End of an unquoted name: the clause break, across commas that only list short noun phrases
        ("tấn công tội phạm buôn lậu, gian lận thương mại, ..."); None for a running clause."""
        n = len(doc)
        end = j
        seg_start = j
        while end < n and end - j < MAX_LISTED:
            t = doc[end]
            if t.text == "," and end > seg_start:
                k = end + 1
                while k < n and k - end <= 8 and not (doc[k].is_punct or doc[k].is_space or doc[k].like_num
                                                        or doc[k].lower_ in STOP_WORDS):
                    k += 1
                if k < n and doc[k].text == "," and k - end > 1 and not doc[end + 1].is_title:
                    end = k  # a short listed item; go on with the next one
                    seg_start = k
                    continue
                break
            compound = end + 1 < n and (t.lower_, doc[end + 1].lower_) in NAME_COMPOUNDS
            if t.is_space or t.is_punct and t.text not in {"-", "–"} or (
                    t.lower_ in STOP_WORDS and end > j and not compound):
                break
            if end - seg_start >= MAX_UNQUOTED:
                return None  # a running clause, not a name
            end += 1
        while end > j and doc[end - 1].text in {"-", "–", ","}:
            end -= 1
        return end

    def _historical(self, name: str) -> bool:
        """A military campaign or historical movement ("Điện Biên Phủ", "giải phóng Huế - Đà Nẵng")."""
        words = fold(name).split()
        if any(" ".join(words[:k]) in self.lex.not_campaigns for k in range(1, min(len(words), 5) + 1)):
            return True
        low = " " + name.lower() + " "
        return any(f" {w} " in low for w in MILITARY_WORDS)

    def _quoted_with_head(self, doc: Doc, j: int, head_end: int):
        """“Chiến dịch X Y” (the head inside the quotes): the name X Y when it has two words or more."""
        hit = self._quoted(doc, j)
        if hit is None:
            return None
        s, e, _ns, ne, _, _after = hit
        if head_end >= len(doc) or doc[head_end].idx >= ne:
            return None
        ns = doc[head_end].idx
        inner = [t for t in doc[head_end:] if t.idx < ne]
        words = [t for t in inner if t.is_alpha]
        if len(words) < 2 or len(words) > MAX_QUOTED_HEAD_WORDS:
            return None
        if any(t.text in {".", "!", "?"} for t in inner[:-1]):
            return None  # “Phong trào thi đua năm nay phải …. Chúng ta …”: a statement, not a name
        return (s, e, ns, ne, None)

    def _quoted(self, doc: Doc, j: int):
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
        mention_e = doc[k].idx + len(doc[k]) if closed else inner_e
        return (doc[j].idx, mention_e, inner_s, inner_s + len(name), None, k + 1 if closed else k)

    def _entities(self, doc: Doc, found) -> list[Entity]:
        out: dict[str, Entity] = {}
        ids: dict[str, str] = {}
        for s, e, ns, ne, cid in sorted(found):
            span = doc.char_span(ns, ne, alignment_mode="expand")  # not doc.text: slow on 5 MB inputs
            if span is None:
                continue
            name = span.text[ns - span.start_char:ne - span.start_char]
            name = " ".join(name.split()).strip(" ,.;:…")
            if not name:
                continue
            cid = cid or ids.get(name) or ids.setdefault(name, self.lex.campaign_id(name))
            if cid in out:
                out[cid].mentions.append((s, e))
            else:
                out[cid] = Entity(name=name, mentions=[(s, e)], id=cid, type="campaign")
        return list(out.values())


@Language.factory("newsmine_campaigns")
def make_campaigns(nlp: Language, name: str) -> CampaignRecognizer:
    return CampaignRecognizer(nlp, load_lexicon())
