"""Weak supervision: labelling functions over theme phrases, campaign names and report shapes.

No labelled theme corpus exists, so training labels come from votes: a theme phrase in the headline is
strong evidence, several distinct phrases in the body are good evidence, an article that reads as an
ordinary crime/trial report (headline verbs such as "lĩnh án", "bắt giữ") is evidence for no theme.
Matching is on syllable n-grams (a small phrase matcher), so punctuation and case never matter.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsmine.classify.taxonomy import Theme, load_taxonomy
from newsmine.classify.text import syllables

ABSTAIN, NEG, POS = -1, 0, 1

# Headline words of an ordinary crime or trial report: such an article covers no campaign.
REPORT_CUES = (
    "bị cáo",
    "lĩnh án",
    "tuyên án",
    "tù chung thân",
    "tử hình",
    "năm tù",
    "tháng tù",
    "hầu tòa",
    "hầu toà",
    "xét xử",
    "phiên tòa",
    "phiên toà",
    "khởi tố",
    "truy tố",
    "bắt giữ",
    "bị bắt",
    "bắt khẩn cấp",
    "tạm giam",
    "giết",
    "sát hại",
    "đâm chết",
    "cướp",
    "trộm",
    "lừa đảo",
    "chiếm đoạt",
    "hiếp dâm",
    "truy nã",
    "đầu thú",
    "nghi phạm",
    "hung thủ",
    "án mạng",
    "thi thể",
    "tử vong",
    "vụ án",
    "bắt băng",
    "bắt nhóm",
    "bắt quả tang",
    "bắt đối tượng",
    "bắt vụ",
    "bắt giam",
    "tạm giữ",
    "đánh bạc",
    "tai nạn",
    "lật",
    "tông",
    "đâm",
    "mua bán",
    "buôn bán",
    "tàng trữ",
    "vận chuyển",
)
# Foreign news: campaign themes are Vietnamese campaigns, so a story set abroad covers none.
FOREIGN_CUES = (
    "trung quốc",
    "nhật bản",
    "hàn quốc",
    "triều tiên",
    "indonesia",
    "thái lan",
    "campuchia",
    "malaysia",
    "singapore",
    "philippines",
    "australia",
    "iraq",
    "iran",
    "israel",
    "palestine",
    "afghanistan",
    "pakistan",
    "liên hợp quốc",
    "washington",
    "bắc kinh",
    "london",
    "paris",
    "tokyo",
    "moscow",
    "châu âu",
    "châu phi",
    "trung đông",
    "đài loan",
    "ấn độ",
    "eu",
    "tổng thống",
    "người mỹ",
    "nước mỹ",
    "của mỹ",
    "tại mỹ",
    "ở mỹ",
    "nước nga",
    "tại nga",
    "ở nga",
    "của nga",
    "nước anh",
    "tại anh",
    "nước pháp",
    "tại pháp",
    "của pháp",
    "nước đức",
    "tại đức",
    "của đức",
)
DOMESTIC_CUES = (
    "việt nam",
    "vn",
    "hà nội",
    "tp hcm",
    "tphcm",
    "ubnd",
    "tỉnh",
    "huyện",
    "quận",
    "phường",
    "bộ công an",
    "thủ tướng chính phủ",
    "quốc hội",
    "nlđ",
    "đà nẵng",
    "hải phòng",
    "cần thơ",
    "trong nước",
)

# Weak labels only (the decision rules keep FOREIGN_CUES): more signs of a story set abroad or of a wire
# story, and of a sports report (corruption or "thi đua" wording there is about matches, not campaigns).
WEAK_FOREIGN_CUES = FOREIGN_CUES + (
    "hoa kỳ",
    "new york",
    "california",
    "fbi",
    "cia",
    "reuters",
    "afp",
    "bbc",
    "cnn",
    "italy",
    "tây ban nha",
    "brazil",
    "mexico",
    "colombia",
    "canada",
    "ukraine",
    "syria",
    "ai cập",
    "thổ nhĩ kỳ",
    "hong kong",
    "hồng kông",
    "myanmar",
    "nam phi",
    "nhà trắng",
    "điện kremlin",
    "cảnh sát mỹ",
    "ông obama",
    "ông bush",
    "ông putin",
    "ông trump",
)
SPORT_CUES = (
    "bóng đá",
    "cầu thủ",
    "hlv",
    "huấn luyện viên",
    "đội tuyển",
    "v-league",
    "sea games",
    "trọng tài",
    "giải đấu",
    "clb",
    "vđv",
    "vận động viên",
    "fifa",
    "vff",
    "world cup",
    "olympic",
    "bàn thắng",
    "trận đấu",
    "sân cỏ",
    "tiền đạo",
    "thủ môn",
    "tiền vệ",
    "hậu vệ",
)
SPORT_THEME_KEPT = "thi-dua-khen-thuong"


# Phrases that mark an organised drive (campaign) even inside a crime story.
DRIVE_CUES = (
    "cao điểm",
    "chiến dịch",
    "phong trào",
    "cuộc vận động",
    "tổng kết",
    "hội nghị",
    "chương trình",
    "kế hoạch",
    "chỉ thị",
    "ban chỉ đạo",
    "đề án",
    "triển khai",
)


class PhraseMatcher:
    """Find phrases (syllable sequences) in a text: a dict keyed by first syllable, like spaCy's."""

    def __init__(self, phrases: dict[str, list[str]]):
        self.index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for label, items in phrases.items():
            for p in items:
                toks = tuple(syllables(p))
                if toks:
                    self.index.setdefault(toks[0], []).append((toks, label))

    def __call__(self, tokens: list[str]) -> list[tuple[str, tuple[str, ...], int]]:
        """(label, phrase tokens, position) for every match."""
        out = []
        n = len(tokens)
        for i, tok in enumerate(tokens):
            for toks, label in self.index.get(tok, ()):
                k = len(toks)
                if i + k <= n and tuple(tokens[i : i + k]) == toks:
                    out.append((label, toks, i))
        return out


@lru_cache(maxsize=2)
def _place_matcher() -> PhraseMatcher:
    return PhraseMatcher({"foreign": list(FOREIGN_CUES), "domestic": list(DOMESTIC_CUES)})


def foreign_story(tokens: list[str]) -> bool:
    """Several foreign place cues and no domestic one in the headline and lead: a story set abroad."""
    place = Counter(label for label, _, _ in _place_matcher()(tokens))
    return place["foreign"] >= 2 and place["domestic"] == 0


@lru_cache(maxsize=2)
def _weak_place_matcher() -> PhraseMatcher:
    return PhraseMatcher(
        {"foreign": list(WEAK_FOREIGN_CUES), "domestic": list(DOMESTIC_CUES), "sport": list(SPORT_CUES)}
    )


def weak_off_scope(tokens: list[str]) -> tuple[bool, bool]:
    """Weak-label negatives from headline + lead: (story set abroad, wider cue list; sports report)."""
    place = Counter(label for label, _, _ in _weak_place_matcher()(tokens))
    return place["foreign"] >= 2 and place["domestic"] == 0, place["sport"] >= 2


def _weak_phrases(theme: Theme) -> list[str]:
    stop = set(theme.weak_stop)
    return [p for p in (*theme.phrases, *theme.weak_phrases) if p not in stop]


@lru_cache(maxsize=2)
def _matchers() -> tuple[PhraseMatcher, PhraseMatcher, PhraseMatcher, PhraseMatcher]:
    themes = load_taxonomy()
    return (
        PhraseMatcher({t.id: _weak_phrases(t) for t in themes}),
        PhraseMatcher({t.id: list(t.cues) for t in themes}),
        PhraseMatcher({"report": list(REPORT_CUES)}),
        PhraseMatcher({"drive": list(DRIVE_CUES)}),
    )


def _outermost(matches: list[tuple[str, tuple[str, ...], int]]) -> list[tuple[str, tuple[str, ...], int]]:
    """Drop a match inside a longer one of the same theme ("giảm nghèo" in "xoá đói giảm nghèo").

    Nested phrases would otherwise count one mention as several distinct pieces of evidence.
    """
    spans: dict[str, list[tuple[int, int]]] = {}
    for label, toks, i in matches:
        spans.setdefault(label, []).append((i, i + len(toks)))
    return [
        (label, toks, i)
        for label, toks, i in matches
        if not any(a <= i and i + len(toks) <= b and b - a > len(toks) for a, b in spans[label])
    ]


@dataclass
class Evidence:
    """Phrase evidence for one text: per theme, headline hits, distinct body phrases, total body hits."""

    title: Counter
    distinct: Counter
    total: Counter
    cues: Counter
    report_title: bool
    drive: bool
    foreign: bool = False
    sport: bool = False


def evidence(text: str) -> Evidence:
    phrases, cues, report, drive = _matchers()
    head, _, body = (text or "").strip().partition("\n")
    ttoks, btoks = syllables(head), syllables(body)
    title = Counter(label for label, _, _ in phrases(ttoks))
    seen: dict[str, set] = {}
    total: Counter = Counter()
    for label, toks, _ in _outermost(phrases(btoks)):
        seen.setdefault(label, set()).add(toks)
        total[label] += 1
    cue = Counter(label for label, _, _ in cues(ttoks + btoks))
    abroad, sport = weak_off_scope(ttoks + btoks[:150])
    return Evidence(
        title=title,
        distinct=Counter({k: len(v) for k, v in seen.items()}),
        total=total,
        cues=cue,
        report_title=bool(report(ttoks)),
        drive=bool(drive(ttoks)) or bool(drive(btoks[:60])),
        foreign=abroad,
        sport=sport,
    )


def label_functions(ev: Evidence, theme: Theme) -> list[int]:
    """Votes of each labelling function for one theme (POS/NEG/ABSTAIN)."""
    t = theme.id
    votes = [
        POS if ev.title[t] else ABSTAIN,  # headline names the theme
        POS if ev.distinct[t] >= 3 or (ev.distinct[t] >= 2 and ev.total[t] >= 4) else ABSTAIN,
        NEG if ev.total[t] == 0 and ev.title[t] == 0 else ABSTAIN,  # nothing of the theme at all
        NEG if ev.total[t] <= 1 and ev.title[t] == 0 and ev.cues[t] <= 2 else ABSTAIN,  # passing mention
        # an ordinary crime/trial report is no campaign unless it is framed as a drive
        NEG if ev.report_title and not ev.drive and ev.title[t] == 0 else ABSTAIN,
        NEG if ev.foreign else ABSTAIN,  # a story set abroad
        # a sports report: its "tham nhũng"/"tiêu cực" is about matches; awards to athletes still count
        NEG if ev.sport and t != SPORT_THEME_KEPT else ABSTAIN,
    ]
    return votes


def weak_labels(texts: list[str], themes: tuple[Theme, ...] | None = None) -> np.ndarray:
    """Matrix (n_texts, n_themes) of POS/NEG/ABSTAIN from a precedence vote of the labelling functions.

    A report-shaped negative overrides body evidence (crime stories are full of crime words); a headline
    phrase overrides the report shape; otherwise positives need two positive votes or one with no negative.
    """
    themes = themes or load_taxonomy()
    out = np.full((len(texts), len(themes)), ABSTAIN, dtype=np.int8)
    for i, text in enumerate(texts):
        ev = evidence(text)
        for j, th in enumerate(themes):
            v = label_functions(ev, th)
            if v[5] == NEG or v[6] == NEG:
                out[i, j] = NEG
            elif v[0] == POS:
                out[i, j] = POS
            elif v[4] == NEG:
                out[i, j] = NEG
            elif v[1] == POS:
                out[i, j] = POS
            elif v[2] == NEG or v[3] == NEG:
                out[i, j] = NEG
    return out
