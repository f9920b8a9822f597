"""Dates: explicit calendar expressions normalised to ISO (GUIDE.md "dates").

Forms: "9/3", "9-3-2018", "9.3.2018", "ngày 9 tháng 3 năm 2018", "tháng 3/2018", "tháng 3", "năm 2018",
ranges ("từ 1/7 đến 30/9/2018", "từ ngày 1 đến 5/3", "1-5/3") as one entry per end point.
A missing year comes from the range partner, else the publication date (the nearest year to it), else the
text's own nearest preceding year, else "XXXX". Numbers that only look like dates are left out: a bare
day/month needs a date word before it ("ngày", "sáng", "từ", "đến"...), and document numbers
("Luật số 12/2017/QH14"), amounts and ranges of years/months ("15-18 năm tù") are refused by context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from newsmine.extract import extensions
from newsmine.types import DateFact

# A numeric date token (our tokenizer keeps "9/3/2018", "1-5/3" whole).
NUM_DATE = r"^\d{1,2}(?:-\d{1,2})?[/\-.]\d{1,2}(?:[/\-.]\d{4})?$|^\d{1,2}[/\-]\d{4}$"


def _shapes() -> dict[str, list[str]]:
    """Token shapes (spaCy SHAPE: digits -> d) of the numeric forms: matching on shapes is much faster
    than a REGEX predicate on every token; the values are checked in Python afterwards."""
    d12 = ["d", "dd"]
    out: dict[str, list[str]] = {"day": d12, "year": ["dddd"], "year_range": ["dddd-dddd", "dddd–dddd"]}
    num = []
    for sep in "/-.":
        for a in d12:
            for b in d12:
                num += [f"{a}{sep}{b}", f"{a}{sep}{b}{sep}dddd"]
            if sep != ".":
                num.append(f"{a}{sep}dddd")
    for a in d12:
        for b in d12:
            for c in d12:
                num += [f"{a}-{b}/{c}", f"{a}-{b}/{c}/dddd"]
                for d in d12:  # "28/6-3/7": a range across months in one token
                    num += [f"{a}/{b}-{c}/{d}", f"{a}/{b}-{c}/{d}/dddd"]
    out["num"] = num
    out["month_year"] = [f"{a}{sep}dddd" for a in d12 for sep in "/-."]
    return out


SHAPES = _shapes()
# Words right before a bare day/month that make it a date.
DATE_CUES = {
    "ngày", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "rạng", "từ", "đến", "tới", "trước", "sau",
    "vào", "đầu", "cuối", "giữa", "hết", "nay", "qua", "mai", "lúc", "đó", "kể", "dịp", "hạn", "niệm", "lễ",
    "mừng", "mùng", "mồng", "kiến",  # "dự kiến 23/12"
}
# Date words that settle a day/month on their own, whatever follows it.
STRONG_CUES = {"ngày", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "rạng", "mùng", "mồng"}
# Words before a number that make it a document/house/vehicle number, not a date.
NUMBER_CUES = {
    "số", "định", "tư", "thị", "quyết", "luật", "lệnh", "điều", "khoản", "điểm", "chương", "mục", "văn",
    "nq", "qđ", "tt", "nđ", "ct", "ký", "kí", "hiệu", "biển", "phòng", "nhà", "lô", "căn", "hộ", "tổ", "km",
    "lộ", "tỷ", "lệ", "htx", "xã", "đội", "khu", "ô", "kiot", "ki", "ốt", "mã", "trang", "tập", "tầng",
    "phiên", "bản",
}
# Units after a number range ("15-18 năm tù", "3-5 tháng", "2-3 ngày") that make it a quantity.
QUANTITY_AFTER = {
    "năm", "tháng", "ngày", "tuần", "giờ", "phút", "tuổi", "người", "lần", "tỷ", "triệu", "nghìn", "ngàn",
    "đồng", "usd", "km", "m", "m2", "kg", "tấn", "%", "bàn", "điểm", "độ", "ha", "căn", "chiếc", "bị", "vụ",
}
WINDOW = 6
CONNECTORS = {"đến", "tới", "-", "–", "và", ",", "hoặc"}
# Words before a span of years that name a period ("niên học 2006-2007", "nhiệm kỳ 2021-2026").
PERIOD_CUES = {"học", "khóa", "khoá", "niên", "vụ", "hạn", "đoạn", "kỳ"}
# After an uncued day/month: the number ends a clause ("Hạn nộp hồ sơ là 15/4.") rather than leading a noun
# ("2/3 số hộ").
CLAUSE_END = {",", ".", ";", ")", "!", "?", "…", ":"}
CLAUSE_PREV = {"là", ":", ",", "(", "bằng", "như"}


@dataclass
class _Hit:
    start: int  # token span
    end: int
    day: int | None
    month: int | None
    year: int | None


def _valid(d: int | None, m: int | None, y: int | None) -> bool:
    if m is not None and not 1 <= m <= 12:
        return False
    if d is not None and not 1 <= d <= 31:
        return False
    if y is not None and not 1900 <= y <= 2100:
        return False
    if d is not None and m is not None:
        try:
            date(y or 2000, m, d)
        except ValueError:
            return False
    return True


class DateRecognizer:
    """spaCy component: sets doc._.dates to DateFact records (one per end point, in text order)."""

    def __init__(self, nlp: Language):
        self.matcher = Matcher(nlp.vocab)
        # Every pattern holds a numeric token: the matcher runs only on windows around those (fast on 5 MB).
        shape_ids = {nlp.vocab.strings.add(x) for v in SHAPES.values() for x in v}
        self.numeric_shapes = numpy.array(sorted(shape_ids), dtype="uint64")
        day, num = {"SHAPE": {"IN": SHAPES["day"]}}, {"SHAPE": {"IN": SHAPES["num"]}}
        year = {"SHAPE": {"IN": SHAPES["year"]}}
        month_year = {"SHAPE": {"IN": SHAPES["month_year"]}}
        self.matcher.add("DMY_WORDS", [
            [{"LOWER": "ngày"}, day, {"LOWER": "tháng"}, day, {"LOWER": "năm"}, year],
            [{"LOWER": "ngày"}, day, {"LOWER": "tháng"}, month_year],
        ])
        self.matcher.add("DM_WORDS", [[{"LOWER": "ngày"}, day, {"LOWER": "tháng"}, day]])
        self.matcher.add("MY_WORDS", [
            [{"LOWER": "tháng"}, day, {"LOWER": "năm"}, year],
            [{"LOWER": "tháng"}, month_year],
        ])
        self.matcher.add("M_WORDS", [[{"LOWER": "tháng"}, day]])
        to = {"LOWER": {"IN": ["đến", "tới", "-", "–"]}}
        month = {"LOWER": "tháng"}
        self.matcher.add("M_RANGE", [[month, day, to, day], [month, day, to, month_year]])
        years, dash = {"SHAPE": {"IN": SHAPES["year_range"]}}, {"TEXT": {"IN": ["-", "–"]}}
        self.matcher.add("Y_WORDS", [[{"LOWER": "năm"}, year], [{"LOWER": "năm"}, years],
                                     [{"LOWER": "đoạn"}, years], [{"LOWER": "kỳ"}, years],
                                     [{"LOWER": {"IN": ["năm", "đoạn", "kỳ"]}}, year, dash, year],
                                     # "từ năm 2003 đến 2009": both years
                                     [{"LOWER": "năm"}, year, {"LOWER": {"IN": ["đến", "tới"]}},
                                      {"LOWER": "năm", "OP": "?"}, year],
                                     [{"LOWER": {"IN": sorted(PERIOD_CUES)}}, years],
                                     [{"LOWER": "sn"}, year],  # "(SN 1982)": sinh năm
                                     [{"LOWER": "sinh"}, year],  # "(sinh 1960, ...)"
                                     # the year of a holiday: "Tết Nguyên đán 2019", "Tết 2018"
                                     [{"LOWER": {"IN": ["đán", "tết"]}}, year],
                                     # a year in brackets: "Nguyễn Thành Lời (1961)", "Tết Ất Mùi (2015)"
                                     [{"TEXT": "("}, year, {"TEXT": ")"}]])
        self.matcher.add("YEARS", [[years]])
        self.matcher.add("NUM", [[num]])
        self.matcher.add("DAY_RANGE", [[{"LOWER": "ngày"}, day, {"LOWER": {"IN": sorted(CONNECTORS)}},
                                        {"LOWER": "ngày", "OP": "?"}, num],
                                       [{"LOWER": "từ"}, day, {"LOWER": {"IN": ["đến", "tới", "-", "–"]}},
                                        {"LOWER": "ngày", "OP": "?"}, num]])

    def __call__(self, doc: Doc) -> Doc:
        extensions.register()
        published = _parse_published(doc._.published)
        # not doc.text: it joins every token, a hot spot on 5 MB inputs
        n_chars = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        blocked = bytearray(n_chars) if doc._.bodies else None  # chars inside body names ("HTX 8/3")
        for ent in doc._.bodies or []:
            for s, e in ent.mentions:
                blocked[s:e] = b"\x01" * (e - s)
        hits: list[_Hit] = []
        taken = [False] * len(doc)
        # Most specific reading first: a spelled-out date beats the bare numbers inside it.
        order = ("DMY_WORDS", "DAY_RANGE", "DM_WORDS", "MY_WORDS", "M_RANGE", "Y_WORDS", "M_WORDS", "NUM",
                 "YEARS")
        # by reading, then position, the longer of two same-start readings first ("năm 2003 đến 2009")
        matches = sorted(self._match(doc), key=lambda m: (
            order.index(doc.vocab.strings[m[0]]), m[1], m[1] - m[2]))
        for match_id, start, end in matches:
            if any(taken[start:end]):
                continue
            label = doc.vocab.strings[match_id]
            s_char, e_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
            if blocked is not None and blocked.find(1, s_char, e_char) != -1:
                continue
            try:
                new = self._read(doc, label, start, end)
            except ValueError:  # digits int() refuses ("²", "¹²" have a digit shape)
                new = []
            if new and self._lunar(doc, end):
                new = []  # "25-28 tháng 12 âm lịch": a lunar date, not a calendar one; so is its range start
                hits = [h for h in hits if not (0 < start - h.end <= 3 and all(
                    t.lower_ in CONNECTORS | {"hết", "ngày"} for t in doc[h.end:start]))]
            if new:
                hits.extend(new)
                for i in range(start, end):
                    taken[i] = True
        hits.sort(key=lambda h: h.start)
        doc._.dates = self._resolve(doc, hits, published) if hits else []
        return doc

    def _match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Matcher hits, found only in windows of WINDOW tokens around numeric tokens (the longest pattern,
        "ngày 9 tháng 3 năm 2018", has 6 tokens): same hits as over the whole doc, a fraction of the work."""
        if not len(doc):
            return []
        shapes = doc.to_array("SHAPE").astype("uint64")
        numeric = numpy.flatnonzero(numpy.isin(shapes, self.numeric_shapes))
        out = []
        n = len(doc)
        start = end = -1
        for i in numeric.tolist() + [None]:
            if i is not None and start >= 0 and i - WINDOW <= end:
                end = min(n, i + WINDOW + 1)
                continue
            if start >= 0:
                out.extend((m, a + start, b + start) for m, a, b in self.matcher(doc[start:end]))
            if i is None:
                break
            start, end = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        return out

    # -- reading one match ---------------------------------------------------------------------
    def _read(self, doc: Doc, label: str, start: int, end: int) -> list[_Hit]:
        toks = [t.text for t in doc[start:end]]
        if label == "DMY_WORDS":
            if len(toks) == 6:
                d, m, y = int(toks[1]), int(toks[3]), int(toks[5])
            else:
                m_s, y_s = re.split(r"[/\-]", toks[3])
                d, m, y = int(toks[1]), int(m_s), int(y_s)
            return [_Hit(start, end, d, m, y)] if _valid(d, m, y) else []
        if label == "DM_WORDS":
            d, m = int(toks[1]), int(toks[3])
            return [_Hit(start, end, d, m, None)] if _valid(d, m, None) else []
        if label == "MY_WORDS":
            if len(toks) == 4:
                m, y = int(toks[1]), int(toks[3])
            else:
                m_s, y_s = re.split(r"[/\-.]", toks[1])
                m, y = int(m_s), int(y_s)
            ok = _valid(None, m, y) and not self._numbered(doc, end)
            return [_Hit(start, end, None, m, y)] if ok else []
        if label == "M_WORDS":
            return self._month_only(doc, start, end, int(toks[1]))
        if label == "Y_WORDS":
            if self._numbered(doc, end):
                return []
            years = [int(y) for t in toks[1:] if t[:1].isdigit() for y in re.split(r"[-–]", t) if y]
            if not all(1900 <= y <= 2100 for y in years):
                return []
            nxt = doc[end].lower_ if end < len(doc) else ""
            if len(years) == 1 and nxt in {"tuổi", "người", "triệu", "tỷ", "đồng"}:
                return []
            if toks[0].lower() == "năm" and start > 0 and doc[start - 1].lower_ in {"những", "các", "thập"} \
                    and years[0] % 10 == 0:
                return []  # "những năm 1960": a decade, not a year
            if toks[0] == "(":
                if start > 0 and doc[start - 1].like_num:
                    return []  # "1.500 (2015)": a figure and its year column, not a date in the text
                return [_Hit(start + 1, start + 2, None, None, years[0])]
            if toks[0].lower() in PERIOD_CUES or toks[0].lower() in {"sn", "sinh", "đán", "tết"}:
                start += 1  # "giai đoạn 2016-2020", "sinh 1960": the years
            return [_Hit(start, end, None, None, y) for y in years]
        if label == "DAY_RANGE":
            last = self._num(doc, end - 1)
            if not last or last[0].month is None:
                return []
            first_day = int(toks[1])
            m, y = last[-1].month, last[-1].year
            if not _valid(first_day, m, y):
                return []
            return [_Hit(start, start + 2, first_day, m, y), *last]
        if label == "NUM":
            return self._num(doc, start, need_cue=True)
        if label == "M_RANGE":  # "từ tháng 7 đến 11[/2005]": the second end is a bare month
            first = int(toks[1])
            parts = re.split(r"[/\-.]", toks[3])
            last, year = int(parts[0]), (int(parts[1]) if len(parts) == 2 else None)
            nxt = doc[end].lower_ if end < len(doc) else ""
            if not (1 <= first < last <= 12) or (year is not None and not _valid(None, last, year)):
                return []
            if (nxt in QUANTITY_AFTER and nxt != "năm") or nxt in {"giờ", "h"} or self._numbered(doc, end):
                return []
            if start > 0 and doc[start - 1].like_num:
                return []
            return [_Hit(start, start + 2, None, first, year), _Hit(end - 1, end, None, last, year)]
        if label == "YEARS":  # a bare span of years: "hoạt động xã hội 2001-2005"
            prev = doc[start - 1].lower_ if start > 0 else ""
            nxt = doc[end].lower_ if end < len(doc) else ""
            years = [int(y) for y in re.split(r"[-–]", toks[0]) if y]
            if len(years) != 2 or not (1900 <= years[0] < years[1] <= min(2100, years[0] + 30)):
                return []
            if prev in NUMBER_CUES or nxt in QUANTITY_AFTER or self._numbered(doc, end) or (
                    start > 0 and doc[start - 1].text in "/." and not doc[start - 1].whitespace_):
                return []
            return [_Hit(start, end, None, None, y) for y in years]
        return []

    @staticmethod
    def _lunar(doc: Doc, end: int) -> bool:
        return end + 1 < len(doc) and doc[end].lower_ == "âm" and doc[end + 1].lower_ == "lịch"

    def _numbered(self, doc: Doc, end: int) -> bool:
        """A '/'-joined suffix ("12/2017/QH14", "2018-HS") makes the number a document number."""
        if end < len(doc) and doc[end].text in "/-" and not doc[end - 1].whitespace_:
            return end + 1 < len(doc) and doc[end + 1].text[:1].isalpha()
        return False

    def _month_only(self, doc: Doc, start: int, end: int, month: int) -> list[_Hit]:
        if not 1 <= month <= 12:
            return []
        prev = doc[start - 1] if start > 0 else None
        nxt = doc[end].lower_ if end < len(doc) else ""
        if prev is not None and prev.like_num:  # "20 tháng 4 ngày" is a duration
            return []
        if nxt in {"ngày", "tuổi", "tháng", "lương"}:
            return []
        return [_Hit(start, end, None, month, None)]

    def _num(self, doc: Doc, i: int, need_cue: bool = False) -> list[_Hit]:
        """One numeric token: D/M, D/M/YYYY, M/YYYY, D-D/M[/YYYY] (two end points)."""
        text = doc[i].text
        prev = doc[i - 1].lower_ if i > 0 else ""
        nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        if prev in NUMBER_CUES or self._numbered(doc, i + 1):
            return []
        if i > 0 and doc[i - 1].text in "/." and not doc[i - 1].whitespace_:
            return []
        parts = re.split(r"[/\-.]", text)
        seps = set(re.findall(r"[/\-.]", text))
        m = re.fullmatch(r"(\d{1,2})-(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", text)
        if m:  # "1-5/3": a range of days in one token
            d1, d2, mo = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y = int(m.group(4)) if m.group(4) else None
            if not (_valid(d1, mo, y) and _valid(d2, mo, y)) or d1 >= d2:
                return []
            if need_cue and y is None and not (self._cued(doc, i) or self._ends_clause(doc, i)):
                return []
            return [_Hit(i, i + 1, d1, mo, y), _Hit(i, i + 1, d2, mo, y)]
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})-(\d{1,2})/(\d{1,2})(?:/(\d{4}))?", text)
        if m:  # "28/6-3/7": a range across months in one token
            d1, m1, d2, m2 = (int(g) for g in m.groups()[:4])
            y = int(m.group(5)) if m.group(5) else None
            if not (_valid(d1, m1, y) and _valid(d2, m2, y)) or (m1, d1) >= (m2, d2):
                return []
            if need_cue and y is None and not (self._cued(doc, i) or self._ends_clause(doc, i)):
                return []
            return [_Hit(i, i + 1, d1, m1, y), _Hit(i, i + 1, d2, m2, y)]
        if len(seps) != 1:
            return []
        if len(parts) == 3:
            d, mo, y = (int(p) for p in parts)
            if len(parts[2]) != 4 or not _valid(d, mo, y):
                return []
            return [_Hit(i, i + 1, d, mo, y)]
        if len(parts) == 2 and len(parts[1]) == 4:
            if "." in seps:
                return []
            mo, y = int(parts[0]), int(parts[1])
            if not _valid(None, mo, y):
                return []
            if need_cue and not self._cued(doc, i) and prev != "tháng":
                return []
            return [_Hit(i, i + 1, None, mo, y)]
        if len(parts) == 2 and "." not in seps:
            d, mo = int(parts[0]), int(parts[1])
            strong = prev in STRONG_CUES  # "tối 23/7 bị vỡ": a date however the sentence goes on
            if not _valid(d, mo, None) or (nxt in QUANTITY_AFTER and not strong):
                return []
            fraction = d < mo <= 9  # "1/2", "2/3": a share, unless a date word says otherwise
            if need_cue and not self._cued(doc, i, words_only=fraction) and (
                    fraction or "/" not in seps or not self._ends_clause(doc, i)):  # "thắng 2-1," is a score
                return []
            return [_Hit(i, i + 1, d, mo, None)]
        return []

    @staticmethod
    def _ends_clause(doc: Doc, i: int) -> bool:
        """The number closes a clause ("Hạn nộp hồ sơ là 15/4.") and follows a word, not another number."""
        if i == 0 or doc[i - 1].lower_ not in CLAUSE_PREV:  # not "Hợp tác xã công nghiệp 8/3)"
            return False
        if i + 1 >= len(doc):
            return True
        nxt = doc[i + 1]
        if nxt.lower_ in {"và", "đến", "tới", "-", "–"} and i + 2 < len(doc):  # "7-13/6 và 28/6-3/7,"
            return re.match(NUM_DATE, doc[i + 2].text) is not None or "/" in doc[i + 2].text
        return nxt.text in CLAUSE_END or "\n" in nxt.text

    def _cued(self, doc: Doc, i: int, words_only: bool = False) -> bool:
        """A date word within the two tokens before, "(9/3)", or the second end of a range."""
        before = [t.lower_ for t in doc[max(0, i - 2):i]]
        if before and before[-1] in DATE_CUES:
            return True
        if len(before) == 2 and before[0] in DATE_CUES and before[1] in {"ngày", "hôm", "nay", ",", "qua"}:
            return True
        if words_only:  # "1/5" looks like a share; after "30/4 và" it is the second of two dates
            m = re.fullmatch(r"(\d{1,2})[/\-](\d{1,2})", doc[i - 2].text) if i >= 2 else None
            return bool(m) and before[-1] in {"và", "-", "–"} and not int(m.group(1)) < int(m.group(2)) <= 9
        if before and before[-1] == "(" and i + 1 < len(doc) and doc[i + 1].text in ")-,":
            return True
        second_end = bool(before) and before[-1] in {"-", "–", "và"} and i >= 2
        return second_end and re.match(NUM_DATE, doc[i - 2].text) is not None

    # -- years -------------------------------------------------------------------------------------
    def _resolve(self, doc: Doc, hits: list[_Hit], published: date | None) -> list[DateFact]:
        # Years the text states, as anchors for dates without one; a birth year ("sinh năm 1988") is not one.
        anchors = [(h.start, h.year) for h in hits if h.year is not None and not _birth_year(doc, h.start)]
        out: list[DateFact] = []
        chosen: dict[tuple[int | None, int | None], int | None] = {}  # one year per day/month in a text
        for k, h in enumerate(hits):
            year = h.year
            if year is None:
                year = self._partner_year(doc, hits, k)
            if year is None and published is not None:
                year = _nearest_year(h, published)
            settled = year is not None
            if year is None and (h.day, h.month) in chosen:  # the same day named again: the same value
                year, settled = chosen[(h.day, h.month)], True
            if not settled:  # a year later in the same sentence, else the nearest one before
                sentence_end = _sentence_end(doc, h.end)
                after = [y for s, y in anchors if h.end <= s < sentence_end]
                before = [y for s, y in anchors if s < h.start]
                year = after[0] if after else (before[-1] if before else None)
            if h.year is None:
                chosen.setdefault((h.day, h.month), year)
            ystr = f"{year:04d}" if year is not None else "XXXX"
            if h.day is not None and h.month is not None:
                value = f"{ystr}-{h.month:02d}-{h.day:02d}"
            elif h.month is not None:
                value = f"{ystr}-{h.month:02d}"
            else:
                value = ystr
            s, e = doc[h.start].idx, doc[h.end - 1].idx + len(doc[h.end - 1])
            out.append(DateFact(text=doc[h.start:h.end].text, value=value, start=s, end=e))
        return out

    @staticmethod
    def _partner_year(doc: Doc, hits: list[_Hit], k: int) -> int | None:
        """'từ 1/7 đến 30/9/2018': the first end point takes the year of the second."""
        h = hits[k]
        for nxt in hits[k + 1:k + 3]:
            if nxt.start - h.end > 3:
                break
            between = {t.lower_ for t in doc[h.end:nxt.start]}
            if nxt.start == h.start or (between and between <= CONNECTORS | {"ngày", "tháng"}):
                if nxt.year is not None and (h.month is None or nxt.month is None or h.month <= nxt.month):
                    return nxt.year
            else:
                break
        return None


def _sentence_end(doc: Doc, i: int, limit: int = 400) -> int:
    """The first sentence-break token from i: a short walk, not a pass over a 5 MB doc for every date."""
    for j in range(i, min(len(doc), i + limit)):
        t = doc[j].text
        if t in {".", "!", "?"} or "\n" in t:
            return j
    return min(len(doc), i + limit)


def _birth_year(doc: Doc, start: int) -> bool:
    before = [t.lower_ for t in doc[max(0, start - 2):start]]
    return bool(before) and before[-1] in {"sinh", "sn"} or before[-2:] == ["năm", "sinh"]


def _nearest_year(h: _Hit, published: date) -> int:
    """The year (published year or one either side) that puts the date closest to publication."""
    if h.month is None:
        return published.year
    best, best_gap = published.year, None
    for y in (published.year - 1, published.year, published.year + 1):
        try:
            gap = abs((date(y, h.month, h.day or 15) - published).days)
        except ValueError:
            continue
        if best_gap is None or gap < best_gap:
            best, best_gap = y, gap
    return best


def _parse_published(value) -> date | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@Language.factory("newsmine_dates")
def make_dates(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer(nlp)
