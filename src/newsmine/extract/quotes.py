"""Who said what: direct quotes and reported speech with their speakers (issue 4).

The component reads what earlier ones left on the Doc (officials, bodies, campaigns) and writes
``doc._.quotes``: one :class:`newsmine.types.Quote` per statement, with character offsets of the content
and of the speaker mention that attributes it.

How it works (all linear in the text length):
1. quotation marks are paired per paragraph (nesting, several paragraphs each opening with “, a closing mark
   that never comes) -> direct-quote candidates;
2. sentences are cut outside those quotes;
3. reporting cues (``corpora/lexicon/reporting_verbs.json``) are found with a PhraseMatcher; persons with a
   Matcher (honorific + capitalised name, surname + given names) unless the officials component found them;
4. a cue followed by content gives an indirect quote, a quote next to a cue ("..." – ông X nói / ông X nói:
   "...") a direct one; "Theo ông X, ..." is a frame. The speaker is the subject of the clause before the cue:
   a person (short forms and pronouns resolved to the person named earlier), else a body or role as written;
   "cho biết như vậy" / "Đó là nhận định của X" claim the paragraph before, "nguồn tin này" the last source.
Quoted campaign names, crime names and short scare quotes are not speech.
"""

from __future__ import annotations

import bisect
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from newsmine.config import CORPORA_DIR
from newsmine.extract import extensions
from newsmine.types import Official, Quote

LEXICON = CORPORA_DIR / "lexicon" / "reporting_verbs.json"
OPEN_MARKS = {"“": "”", "«": "»", '"': '"'}
CLOSE_MARKS = {"”", "»"}
SENT_END = {".", "!", "?", "…"}
ABBREV = {"TP", "Tp", "Q", "P", "TX", "TT", "GS", "TS", "PGS", "ThS", "BS", "LS",
          "Mr", "Ms", "Mrs", "Dr", "St"}
FIRST_PERSON = {"tôi", "chúng tôi", "chúng ta", "mình", "em", "chúng em", "chúng cháu", "cháu"}
MAX_QUOTE_PARAS = 8
LINK_LINE_RE = re.compile(r"\(\d{1,2}/\d{1,2}/\d{4}\)\s*$", re.M)  # "Tin liên quan" titles on VnExpress
CAPTION_RE = re.compile(r"[-–]\s*(?:Ảnh|Ảnh minh hoạ|Ảnh minh họa|Clip|Video)\s*:[^\n]{0,60}$",
                        re.M)  # photo captions: "... - Ảnh: HÀ ĐỒNG"
BIET_RE = re.compile(r"(?<= )biết(?!\w)")
THEO_RE = re.compile(r"(?<!\w)[Tt]heo(?!\w)")
INDEFINITE = {"các", "những", "một", "hai", "ba", "bốn", "nhiều", "mọi", "mấy", "vài", "số", "hầu", "đa"}
PERSON_ROLES = {"phát ngôn viên", "người phát ngôn", "luật sư", "bác sĩ", "chuyên gia", "điều tra viên",
                "kiểm sát viên", "thẩm phán", "đại sứ", "thư ký báo chí"}
LOCATIVE = {"tại", "ở", "bang", "phố", "tới", "đến", "sang", "từ", "khỏi", "hạt", "vùng", "đảo", "sông",
            "núi"}
DIRECTIVE_MODALS = {"cần", "phải", "khẩn", "sớm", "kịp"}  # "chỉ đạo Ban quản lý chợ cần ..."
PLACE_LEVELS = {"tỉnh", "huyện", "quận", "xã", "phường", "phố", "trấn", "tp", "tp.", "thị", "bang", "nước"}
BODY_ANAPHORA = {"nguồn tin này", "đơn vị này", "cơ quan này", "nguồn tin trên", "đơn vị trên",
                 "cơ quan trên", "nguồn tin đó", "đơn vị đó", "cơ quan đó"}
EVIDENTIAL_MODIFIERS = {"ban đầu", "sơ bộ", "mới nhất", "chính thức", "cuối cùng"}  # "kết luận sơ bộ của X"
MEDIA_HEADS = {"báo", "tờ", "hãng", "đài", "kênh", "tạp", "trang", "tin"}  # "Theo báo X, ...": a credit
NAME_PARTICLES = {"de", "van", "von", "der", "da", "di", "del", "bin", "al", "le", "la", "du", "dos"}
SOLO_PRONOUNS = {"ông", "bà", "anh", "chị", "cô"}  # honorifics that stand alone as a pronoun ("cô chia sẻ")
VI_PAIRS = {"ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"}
VI_FINAL = set("aeiouycmnpt")


@lru_cache(maxsize=65536)
def looks_foreign(word: str) -> bool:
    """A capitalised word Vietnamese spelling cannot produce ("Trump", "Spicer", "Davis", "Matt"): letters
    f/j/w/z, a final consonant Vietnamese lacks, or a consonant pair that is not a Vietnamese digraph."""
    w = word.lower()
    if not w.isalpha() or len(w) < 3 or w != fold(w):
        return False  # diacritics: Vietnamese
    if any(c in w for c in "fjwz") or w[-1] not in VI_FINAL | {"g", "h"}:
        return True
    if w[-1] in "gh" and w[-2:] not in ("ng", "nh", "ch"):
        return True
    vowels = set("aeiouy")
    return any(a not in vowels and b not in vowels and a + b not in VI_PAIRS and w[i:i + 3] != "ngh"
               for i, (a, b) in enumerate(zip(w, w[1:], strict=False)))


def fold(s: str) -> str:
    """Lower-case, diacritic-free key for lenient comparisons of names and titles."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.replace("đ", "d").replace("Đ", "D").casefold().split())


def low(s: str) -> str:
    """Lower-cased NFC words: the key for lexicon word lists (diacritics matter: "cơ" is not "có")."""
    return " ".join(unicodedata.normalize("NFC", s).lower().split())


@lru_cache(maxsize=1)
def load_lexicon() -> dict:
    with open(LEXICON, encoding="utf-8") as f:
        return json.load(f)


@dataclass
class Person:
    """A mention of a person: its span, the resolved full name, gender if known, the official if any."""

    start: int
    end: int
    name: str
    gender: str = ""
    official: Official | None = None
    pronoun: bool = False


@dataclass
class Speaker:
    name: str
    start: int
    end: int
    official: Official | None = None


@dataclass
class _Cand:
    """A direct-quote candidate: mark positions and content span (close is None when the mark is missing)."""

    open: int
    close: int | None
    start: int
    end: int


# ---------------------------------------------------------------------------------------------------------
# Text structure: paragraphs, quotation marks, sentences


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end) spans: the press puts one paragraph per line."""
    out, pos = [], 0
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        pos += len(line) + 1
    return out


def _mark_role(text: str, i: int) -> str | None:
    """'open', 'close' or None for the quotation mark at i (straight quotes decided by the spaces around)."""
    c = text[i]
    if c in ("“", "«"):
        return "open"
    if c in CLOSE_MARKS:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if (before.isspace() or before in "([{–—-:,;") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}–—-…"):
        return "close"
    if before.isspace() and after.isspace():
        return "either"  # '... thế kỷ 20 " - Thủ tướng': decided by whether a quote is open
    return None


def scan_quotes(text: str, paras: list[tuple[int, int]]) -> list[_Cand]:
    """Pair quotation marks, allowing nesting, multi-paragraph quotes and a missing closing mark."""
    marks = []  # per paragraph: list of (pos, role)
    for s, e in paras:
        pm = []
        for i in range(s, e):
            if text[i] in "“”«»\"":
                role = _mark_role(text, i)
                if role:
                    pm.append((i, role))
        marks.append(pm)
    out: list[_Cand] = []
    open_at: int | None = None
    depth = 0
    start_para = 0
    carried = False  # the quote continues from the previous paragraph
    for k, (s, e) in enumerate(paras):
        for n, (i, role) in enumerate(marks[k]):
            if role == "either":
                role = "close" if open_at is not None else "open"
            if role == "open":
                if open_at is None:
                    open_at, depth, start_para = i, 1, k
                elif carried and n == 0 and i == s:
                    pass  # “ opening a continuation paragraph is not a nested quote
                else:
                    depth += 1
            elif open_at is not None:
                depth -= 1
                if depth == 0:
                    out.append(_Cand(open_at, i, open_at + 1, i))
                    open_at = None
            carried = False
        if open_at is None:
            continue
        nxt = marks[k + 1] if k + 1 < len(paras) else []
        starts_open = bool(nxt) and nxt[0][1] == "open" and nxt[0][0] == paras[k + 1][0]
        closes_first = bool(nxt) and nxt[0][1] == "close"
        if not nxt:  # unmarked paragraphs, then one whose first mark closes the quote
            for k2 in range(k + 2, min(k + 5, len(paras))):
                if marks[k2]:
                    closes_first = marks[k2][0][1] == "close"
                    break
        if k + 1 < len(paras) and (starts_open or closes_first) and k + 1 - start_para < MAX_QUOTE_PARAS:
            carried = starts_open
            depth = 1
            continue
        out.append(_Cand(open_at, None, open_at + 1, e))
        open_at = None
    for c in out:  # trim whitespace and a trailing mark inside the content
        while c.start < c.end and text[c.start].isspace():
            c.start += 1
        while c.end > c.start and (text[c.end - 1].isspace()
                                   or (c.close is None and text[c.end - 1] in "”»\"")):
            c.end -= 1
    return out


class Structure:
    """Token, sentence, paragraph and quote indexes over one Doc, built once per document."""

    def __init__(self, doc: Doc, cands: list[_Cand], paras: list[tuple[int, int]], text: str | None = None):
        self.doc = doc
        self.text = doc.text if text is None else text
        self.toks = [t for t in doc if not t.is_space]
        self.tstarts = [t.idx for t in self.toks]
        self.paras = paras
        self.pstarts = [p[0] for p in paras]
        inner = sorted((c.start, c.end) for c in cands)
        self.qstarts = [s for s, _ in inner]
        self.qspans = inner
        self.sents = self._sentences()
        self.cue_positions: set[int] = set()
        self.cue_ends: set[int] = set()
        self.sstarts = [s for s, _ in self.sents]

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.qstarts, pos) - 1
        return k >= 0 and self.qspans[k][0] <= pos < self.qspans[k][1]

    def _sentences(self) -> list[tuple[int, int]]:
        out = []
        toks, text = self.toks, self.text
        for ps, pe in self.paras:
            a = bisect.bisect_left(self.tstarts, ps)
            b = bisect.bisect_left(self.tstarts, pe)
            s = ps
            for j in range(a, b):
                t = toks[j]
                if t.text in CLOSE_MARKS | {'"'} and j > a and toks[j - 1].text in SENT_END and j + 1 < b:
                    nxt = toks[j + 1]  # “... năm nay.” Theo ông, ...: the sentence ends with the quote
                    if nxt.text[0].isupper() and nxt.idx > t.idx + 1:
                        out.append((s, t.idx + 1))
                        s = nxt.idx
                    continue
                if t.text not in SENT_END or self.in_quote(t.idx):
                    continue
                nxt = toks[j + 1] if j + 1 < b else None
                if nxt is None:
                    continue
                if nxt.text in SENT_END:  # "..." or "?!"
                    continue
                prev = toks[j - 1].text if j > a else ""
                abbrev = prev in ABBREV or (len(prev) == 1 and prev.isupper())
                if t.text == "." and abbrev and nxt.text[0] not in "“\"«":
                    continue
                first = nxt.text[0]
                if first.isupper() or first.isdigit() or first in "“\"«-–(":
                    out.append((s, t.idx + 1))
                    s = nxt.idx
            if s < pe:
                out.append((s, pe))
        return [(s, e) for s, e in out if text[s:e].strip()]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        k = max(bisect.bisect_right(self.sstarts, pos) - 1, 0)
        return self.sents[k] if self.sents else (0, len(self.text))

    def next_sentence(self, pos: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self.sstarts, pos)
        return self.sents[k] if k < len(self.sents) else None

    def para_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.pstarts, pos) - 1, 0)

    def tokens(self, s: int, e: int) -> list:
        a = bisect.bisect_left(self.tstarts, s)
        b = bisect.bisect_left(self.tstarts, e)
        return self.toks[a:b]


def sentence_content_end(text: str, s: int, e: int) -> int:
    """End of reported content: the sentence end without its final punctuation or spaces."""
    while e > s and (text[e - 1].isspace() or text[e - 1] in ".;:,"):
        e -= 1
    return e


# ---------------------------------------------------------------------------------------------------------
# The component


class QuoteFinder:
    """spaCy component: doc -> doc with ``doc._.quotes`` set (see module docstring)."""

    def __init__(self, nlp: Language):
        extensions.register()
        lex = load_lexicon()
        self.lex = lex
        self.cue_kind = {c["text"]: c["kind"] for c in lex["cues"]}
        self.strict = {c["text"] for c in lex["cues"] if c.get("strict")}
        self.cues = PhraseMatcher(nlp.vocab, attr="LOWER")
        for c in lex["cues"]:
            self.cues.add(c["text"], [nlp.make_doc(c["text"])])
        self.block_prev = {k: set(v) for k, v in lex["block_prev"].items()}
        self.block_next = {k: set(v) for k, v in lex["block_next"].items()}
        self.strict_next = set(lex["strict_next"])
        self.content_skip = set(lex["content_skip"])
        self.pronouns = PhraseMatcher(nlp.vocab, attr="LOWER")
        for p in lex["pronouns"]:
            self.pronouns.add(p, [nlp.make_doc(p)])
        self.pronoun_gender = lex["pronouns"]
        self.female = {w.lower() for w in lex["female"]}
        self.male = {w.lower() for w in lex["male"]}
        self.honorifics = {h.lower() for h in lex["honorifics"]}
        self.titles = sorted({fold(t) for t in lex["titles"]}, key=len, reverse=True)
        self.title_words = {fold(t) for t in lex["titles"]}
        self.role_heads = {low(r) for r in lex["role_heads"]}
        self.intro = {low(w) for w in lex["intro_words"]}
        self.subject_strip = {low(w) for w in lex["subject_strip"]}
        self.subject_cut = {low(w) for w in lex["subject_cut"]}
        self.subject_keep = {low(w) for w in lex["subject_keep"]}
        self.temporal = {low(w) for w in lex["temporal_heads"]}
        self.temporal_next = {low(w) for w in lex["temporal_next"]}
        self.object_markers = {low(w) for w in lex["object_markers"]}
        self.non_speech = {low(w) for w in lex["non_speech_heads"]}
        self.continuation = {low(w) for w in lex["continuation_heads"]}
        self.title_lows = {low(t) for t in lex["titles"]}
        self.not_person = {fold(w) for w in lex["not_person"]}
        self.surnames = set(lex["surnames"])
        self.hon_tuples = {tuple(h.lower().split()) for h in lex["honorifics"]}
        self.evidential = {low(w) for w in lex["evidential"]}
        self.clause_conj = {low(w) for w in lex["clause_conj"]}
        self.documents = {low(w) for w in lex["documents"]}
        self.non_np_heads = {low(w) for w in lex["non_np_heads"]}
        self.circumstance = {low(w) for w in lex["circumstance_heads"]}
        self.non_person_heads = {low(w) for w in lex.get("foreign_non_person_heads", [])}

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.quotes = self.find(doc)
        except Exception as exc:  # never break the batch on one odd text
            doc._.quotes = []
            doc.user_data["quotes_error"] = f"{type(exc).__name__}: {exc}"
        return doc

    # ---------------------------------------------------------------- persons

    def _name_runs(self, doc: Doc, toks: list) -> list[tuple[list, int]]:
        """Capitalised runs that may be names, with the honorific before them: (tokens, honorific length).

        One linear pass: a run of title-case syllables on one line, preceded by (or opening with) an honorific
        ("ông", "luật sư", "Thượng tá"), or opening with a surname.
        """
        out = []
        i, n = 0, len(toks)
        while i < n:
            if not toks[i].is_title:
                i += 1
                continue
            j = i
            while j + 1 < n and j - i < 9:
                if toks[j + 1].is_title and toks[j + 1].i == toks[j].i + 1:
                    j += 1
                elif (toks[j + 1].text == "." and len(toks[j].text) == 1 and j + 2 < n
                      and toks[j + 2].is_title and toks[j + 2].i == toks[j].i + 2):
                    j += 2  # initials: "anh N.H. P", "chị Nguyễn Ngọc B."
                else:
                    break
            run = toks[i:j + 1]
            hon_in = next((m for m in (2, 1) if m < len(run) and
                           tuple(t.lower_ for t in run[:m]) in self.hon_tuples), 0)
            if hon_in:
                out.append((run, hon_in))
            else:
                before = next((m for m in (3, 2, 1) if i - m >= 0 and
                               tuple(t.lower_ for t in toks[i - m:i]) in self.hon_tuples and
                               toks[i - 1].i == run[0].i - 1), 0)
                if before:
                    out.append((toks[i - before:j + 1], before))
                elif run[0].text in self.surnames and len(run) >= 2:
                    out.append((run, 0))
            i = j + 1
        return out

    def find_persons(self, doc: Doc, toks: list | None = None, text: str | None = None) -> list[Person]:
        """Person mentions: the officials component's first, then our own finder for everyone else."""
        out: list[Person] = []
        taken: list[tuple[int, int]] = []
        officials = doc._.officials or []
        text = doc.text if text is None else text  # Doc.text joins every token on each access
        for o in officials:
            for s, e in o.mentions:
                out.append(Person(s, e, o.name, self._gender(text[s:e], o.name), o))
                taken.append((s, e))
        if "persons" in doc.spans:
            for sp in doc.spans["persons"]:
                s, e = sp.start_char, sp.end_char
                if not any(a <= s < b or s <= a < e for a, b in taken):
                    out.append(Person(s, e, sp.text, self._gender(sp.text, sp.text)))
                    taken.append((s, e))
        all_toks = toks or [t for t in doc if not t.is_space]
        for run_toks, k in self._name_runs(doc, all_toks):
            hon = [t.lower_ for t in run_toks[:k]]
            name_toks = run_toks[k:]
            if not name_toks:
                continue
            surnames = self.surnames
            for i in range(1, len(name_toks) - 1):  # "Hà Tĩnh Đặng Văn Lâm": a place run, then the name
                if name_toks[i].text in surnames and len(name_toks) - i >= 2 and (
                        len(name_toks) > 4 or fold(" ".join(t.text for t in name_toks[:i])) in self.not_person
                        or self._place_before(doc, name_toks[0].idx, name_toks[i].idx)):
                    name_toks, run_toks, hon = name_toks[i:], name_toks[i:], []
                    break
            dotted = any(t.text == "." for t in name_toks)
            name_toks = name_toks[:4] if not dotted else name_toks
            # stop before a title word glued to the run ("đồng chí Bí thư ...")
            nxt = doc[name_toks[-1].i + 1] if name_toks[-1].i + 1 < len(doc) else None
            if nxt is not None and low(f"{name_toks[-1].text} {nxt.text}") in self.title_lows:
                continue
            if low(" ".join(t.text for t in name_toks[:2])) in self.title_lows | self.role_heads:
                continue
            name = " ".join(t.text for t in name_toks) if not dotted else doc.text[
                name_toks[0].idx:name_toks[-1].idx + len(name_toks[-1].text)]
            if fold(name) in self.not_person:
                continue
            if not hon and len(name_toks) < 3:
                continue  # "Hà Nội": bare two-syllable runs are too often places
            s, e = run_toks[0].idx, name_toks[-1].idx + len(name_toks[-1].text)
            if any(a <= s < b or s <= a < e for a, b in taken):
                continue
            out.append(Person(s, e, name, self._gender(" ".join(hon), name)))
            taken.append((s, e))
        out += self._foreign_names(doc, all_toks, taken)
        out.sort(key=lambda p: p.start)
        self._link(out)
        self._relink_short_officials(out, text)
        out += self._bare_given_names(doc, out, taken, all_toks)
        out.sort(key=lambda p: p.start)
        return out

    def _foreign_names(self, doc: Doc, toks: list, taken: list[tuple[int, int]]) -> list[Person]:
        """'Sean Spicer, Thư ký báo chí', 'Amy Spitalnick': a run of 2-3 capitalised words, one of them
        foreign-looking, outside places and bodies, with no honorific: a person named in full (so that
        "ông Spicer" and a bare "Trump" link to it)."""
        ents = [m for e in (doc._.places or []) + (doc._.bodies or []) + (doc._.campaigns or [])
                for m in e.mentions]
        out, i, n = [], 0, len(toks)
        while i < n:
            if not toks[i].is_title:
                i += 1
                continue
            j = i
            while j + 1 < n and toks[j + 1].i == toks[j].i + 1:
                if toks[j + 1].is_title:
                    j += 1
                elif (toks[j + 1].lower_ in NAME_PARTICLES and j + 2 < n and toks[j + 2].is_title
                      and toks[j + 2].i == toks[j].i + 2 and looks_foreign(toks[j + 2].text)):
                    j += 2  # "Sorika de Swardt", "Ursula von der Leyen"
                else:
                    break
            run = toks[i:j + 1]
            i = j + 1
            while run and (low(run[0].text) in self.intro or low(run[0].text) in ("theo", "tướng")
                           or low(run[0].text) in self.honorifics or fold(run[0].text) in self.title_words):
                run = run[1:]  # "Theo Mueller", "Tướng Konashenkov": the first word is not part of the name
            if not any(looks_foreign(t.text) for t in run) or (run and low(run[0].text) in LOCATIVE):
                continue  # "Tại South Carolina, ...": a place
            run = [t for t in run if not any(a <= t.idx < b for a, b in ents)]
            while len(run) > 2 and fold(run[0].text) != run[0].text.lower():
                run = run[1:]  # "Pháp Jean Garnier": a Vietnamese country word before a foreign name
            if (not 2 <= len(run) <= 4 or run[-1].i - run[0].i != len(run) - 1
                    or run[0].lower_ in NAME_PARTICLES):
                continue
            if not any(looks_foreign(t.text) for t in run) or low(run[-1].text) in self.non_person_heads:
                continue
            prev = doc[run[0].i - 1] if run[0].i > 0 else None
            prev2 = low(doc[run[0].i - 2:run[0].i].text) if run[0].i > 1 else ""
            if prev is not None and (low(prev.text) in self.non_speech or low(prev.text) in LOCATIVE
                                     or prev2 in self.non_speech):
                continue  # "Quỹ Donald Trump", "công ty Inlaco": a name of a thing
            s, e = run[0].idx, run[-1].idx + len(run[-1].text)
            name = " ".join(t.text for t in run)
            if fold(name) in self.not_person or any(a <= s < b or s <= a < e for a, b in taken):
                continue
            out.append(Person(s, e, name, ""))
            taken.append((s, e))
        return out

    def _gender(self, mention: str, name: str) -> str:
        words = mention.lower().split()
        if any(w in self.female for w in words[:2]) or " Thị " in f" {name} ":
            return "f"
        if any(w in self.male for w in words[:2]) or " Văn " in f" {name} ":
            return "m"
        return ""

    @staticmethod
    def _relink_short_officials(persons: list[Person], text: str) -> None:
        """A short mention ("ông Dũng") the officials component gave to one person goes to the nearest
        person with that name before it, else the first after (two Dũng in one report)."""
        fulls = [p for p in persons if not p.pronoun and " " in p.name
                 and text[p.start:p.end].endswith(p.name)]
        for p in persons:
            if p.official is None or p.pronoun or any(q.start < p.start and q.name == p.name for q in fulls):
                continue  # the official was named in full before: the officials component's link stands
            words = [w for w in text[p.start:p.end].split() if w[:1].isupper()]
            if not words or len(words) >= len(p.name.split()) or not p.name.endswith(" " + " ".join(words)):
                continue
            tail = " " + " ".join(words)
            cands = [q for q in fulls if q.name.endswith(tail) and q.start != p.start]
            before = [q for q in cands if q.start < p.start]
            best = before[-1] if before else next((q for q in cands if q.start > p.start), None)
            if best is not None and best.name != p.name:
                p.name, p.official, p.gender = best.name, best.official, best.gender or p.gender

    def _link(self, persons: list[Person]) -> None:
        """Resolve short forms ("ông Lực", "bà Mary") to the fullest name: nearest before, else after."""
        surnames = set(self.lex["surnames"])
        full = [p for p in persons if " " in p.name]
        for p in persons:
            words = p.name.split()
            before, after = None, None
            for f in full:
                fw = f.name.split()
                if f is p or len(fw) <= len(words):
                    continue
                foreign = len(words) == 1 and fw[0] == words[0] and fw[0] not in surnames  # "bà Mary"
                if fw[-len(words):] == words or foreign:
                    if f.start < p.start:
                        before = f
                    elif after is None:
                        after = f
            best = before or after
            if best is not None:
                p.name = best.name
                p.official = p.official or best.official
                p.gender = p.gender or best.gender
        # propagate genders and officials across mentions of the same name
        by_name: dict[str, Person] = {}
        for p in persons:
            q = by_name.setdefault(p.name, p)
            q.gender = q.gender or p.gender
            q.official = q.official or p.official
        for p in persons:
            q = by_name[p.name]
            p.gender = p.gender or q.gender
            p.official = p.official or q.official

    def _bare_given_names(self, doc: Doc, persons: list[Person], taken, toks) -> list[Person]:
        """'Điền khai ...': a capitalised given name alone, once the full name is known."""
        given: dict[str, Person] = {}
        for p in persons:
            w = p.name.split()
            if len(w) >= 2:
                given.setdefault(w[-1], p)
        if not given:
            return []
        out = []
        starts = sorted(taken)
        for t in toks or doc:
            if len(t.text) < 2 or t.text not in given or not t.is_title:
                continue
            ref = given[t.text]
            if t.idx <= ref.start:
                continue
            prev = doc[t.i - 1] if t.i > 0 else None
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            if (prev is not None and prev.is_title) or (nxt is not None and nxt.is_title):
                continue
            k = bisect.bisect_right(starts, (t.idx, 10**12)) - 1
            if k >= 0 and starts[k][0] <= t.idx < starts[k][1]:
                continue
            out.append(Person(t.idx, t.idx + len(t.text), ref.name, ref.gender, ref.official))
        return out

    def find_pronouns(self, doc: Doc, persons: list[Person], st: Structure | None = None) -> list[Person]:
        """Pronoun mentions ("ông", "bà này", "vị này") resolved to a compatible person named before: the
        first one (the subject, usually) of the nearest sentence that names one, else the nearest."""
        spans = filter_spans([doc[a:b] for _, a, b in self.pronouns(doc)])
        starts = [p.start for p in persons]
        out = []
        for sp in spans:
            nxt = doc[sp.end] if sp.end < len(doc) else None
            if nxt is not None and nxt.is_title:
                continue  # "ông Lực" is a name mention, not a pronoun
            solo = len(sp) == 1 and sp.text.lower() in SOLO_PRONOUNS
            if solo and st is not None and nxt is not None and not (
                    nxt.is_punct or nxt.is_space or nxt.idx in st.cue_positions
                    or nxt.lower_ in self.subject_cut or nxt.lower_ in self.subject_strip):
                continue  # "ông chủ quán", "cô giáo": a noun phrase; "ông cho biết", "cô chia sẻ": a pronoun
            s = sp.start_char
            k = bisect.bisect_left(starts, s)
            if any(p.start <= s < p.end for p in persons[max(k - 1, 0):k + 1]):
                continue
            gender = self.pronoun_gender.get(sp.text.lower(), "")
            ok = [p for p in persons[:k] if not gender or not p.gender or p.gender == gender]
            ref = ok[-1] if ok else None
            if st is not None and ok:
                sk = bisect.bisect_right(st.sstarts, s) - 1
                for back in range(sk, max(sk - 5, -1), -1):
                    a, b = st.sents[back]
                    in_sent = [p for p in ok if a <= p.start < min(b, s)]
                    if in_sent:
                        ref = in_sent[0]
                        break
            if ref is not None:
                out.append(Person(s, sp.end_char, ref.name, ref.gender, ref.official, pronoun=True))
        return out

    # ---------------------------------------------------------------- speakers

    def speaker(self, st: Structure, s: int, e: int, persons: list[Person], officials: list[Official],
                persons_only: bool = False, any_np: bool = False, loose: bool = False,
                bare: bool = True, single: bool = False) -> Speaker | None:
        """The subject of the clause text[s:e] (the words before a cue), resolved to a person if possible.

        A person wins when a comma chunk starts with one (titles allowed before the name, but no verb or
        preposition: "luật sư bào chữa cho anh Điền" is a role); otherwise the rightmost chunk that starts
        like a subject (role, body, title, quantifier) gives a role or body as written, cut before the verb.
        any_np: accept any noun phrase (after a quote: "“...”, nam công nhân 19 tuổi cho biết").
        loose: also a short noun phrase opening the clause right before a reporting verb ("cô gái khai").
        single: also one capitalised word that is no pronoun or title, where a sentence cannot start
        ("..., Mirror cho biết", "theo Reuters, ..."): a medium or a bare foreign name.
        """
        text = st.text
        k = max(text.rfind(" nhưng ", s, e), text.rfind(" song ", s, e))
        if k > s and not st.in_quote(k):  # "A sang thanh minh nhưng gia đình cô không tin, còn nói": the
            after = low(text[k + 1:e]).split()[1:3]
            if after[:1] in (["tôi"], ["chúng"]) or " ".join(after) in FIRST_PERSON:
                return None  # "Nguyên nhân thì nhiều nhưng tôi muốn nhấn mạnh": the writer speaks
            sub = self.speaker(st, k + 1, e, persons, officials, persons_only, any_np, loose, bare, single)
            if sub is not None:  # contrastive clause has its own subject
                return sub
        k = text.rfind("dẫn lời", s, e)
        if k >= 0:
            s = k + len("dẫn lời")
        for because in (" là do ", " là vì ", " bởi vì "):  # "X ra thông cáo là do thông tin Y đề cập"
            k = text.rfind(because, s, e)
            if k >= 0 and not st.in_quote(k):
                s = k + len(because)
        span_toks = st.tokens(s, e)
        last_comma = max((i for i, t in enumerate(span_toks) if t.text in ",;"), default=-1)
        for i in range(len(span_toks) - 2, 0, -1):  # "Thông tin từ TAND TP HCM cho biết",
            if span_toks[i].lower_ not in ("từ", "của") or i == 0:  # "có nhiều ý kiến của người dân cho
                continue  # rằng": the source named after the evidential noun speaks
            if any(low(" ".join(t.text for t in span_toks[i - m:i])) in self.evidential
                   for m in (2, 1) if i - m > last_comma or i - m == 0):  # "Nguồn tin từ TAND quận 1, TP HCM"
                s = span_toks[i].idx + len(span_toks[i].text)
                break
        while s < e and (text[s].isspace() or text[s] in ",-–—:;.“”\"«»"):
            s += 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in ",-–—:;"):
            e -= 1
        if e <= s:
            return None
        # split into comma chunks outside parentheses; remember the parenthesised ranges
        chunks, parens, depth, cs, ps = [], [], 0, s, 0
        for i in range(s, e):
            c = text[i]
            if c in "([":
                if depth == 0:
                    ps = i
                depth += 1
            elif c in ")]" and depth:
                depth -= 1
                if depth == 0:
                    parens.append((ps, i + 1))
            elif depth == 0 and (c in ",;" or (text.startswith(" thì ", i) and not st.in_quote(i))):
                chunks.append((cs, i))
                cs = i + 1 if c in ",;" else i + 4
        chunks.append((cs, e))
        chunks = [(a, b) for a, b in chunks if text[a:b].strip()]
        k = bisect.bisect_left(st.qstarts, s)
        while k < len(st.qspans) and st.qspans[k][0] < e:  # quoted text is not where the subject is
            parens.append((st.qspans[k][0] - 1, st.qspans[k][1] + 1))
            k += 1
        chunks = [(a, b) for a, b in chunks if not any(x <= a and b <= y for x, y in parens)]
        if not chunks:
            return None

        def in_parens(pos: int) -> bool:
            return any(a <= pos < b for a, b in parens)

        def words(a: int, b: int) -> list[str]:
            return [low(t.text) for t in st.tokens(a, b) if not in_parens(t.idx) and t.text not in "()[]"]

        k0 = bisect.bisect_left([p.start for p in persons], s)
        cand = [p for p in persons[k0:] if p.start < e and not in_parens(p.start)]
        for a, b in chunks:
            first = next((p for p in cand if a <= p.start < b), None)
            if first is None:
                continue
            prefix = words(a, first.start)
            for m in (2, 1):  # "Cho nên lần này cô Lan nói": a leading conjunction is not an object marker
                lead_w = " ".join(prefix[:m])
                if lead_w in self.clause_conj and lead_w not in self.object_markers:
                    prefix = prefix[m:]
                    break
            if first.pronoun and prefix and not set(prefix) <= self.subject_strip | self.intro:
                continue
            if (set(prefix) & self.object_markers or self._has_pair(prefix, self.object_markers)
                    or len(prefix) > 14 or set(prefix) & {"đã", "đang", "sẽ", "vừa"}):
                continue  # "hai phụ nữ đã kiện tỉ phú X, yêu cầu": X is the object of an earlier verb
            second = next((p for p in cand if first.end < p.start < b and not p.pronoun), None)
            if second is not None and second.name != first.name:  # "Thủ tướng A và Thủ tướng B nhấn mạnh"
                mid, after = words(first.end, second.start), words(second.end, e)
                if mid[:1] == ["và"] and len(mid) <= 4 and not set(mid[1:]) & self.object_markers and all(
                        w in self.subject_cut or w in self.subject_strip for w in after):
                    ptoks = st.tokens(a, first.start)
                    lead = self._lead([low(t.text) for t in ptoks])
                    titled = low(" ".join(t.text for t in ptoks[lead:])) in self.title_lows
                    s0 = ptoks[lead].idx if titled else first.start
                    return Speaker(text[s0:second.end], s0, second.end, None)
            return Speaker(first.name, first.start, first.end, first.official)
        if persons_only:
            return None
        last_words = words(*chunks[-1])
        conj = 2 if " ".join(last_words[:2]) in self.clause_conj else 1 if last_words[:1] and (
            last_words[0] in self.clause_conj) else 0
        if conj and len(last_words) > conj:
            chunks = chunks[-1:]  # "..., nên dư luận cứ thắc mắc": a new clause, its subject is inside it
        elif conj and len(chunks) > 1:
            chunks = chunks[:-1]  # "..., và đề nghị": the subject of the first verb
        like = [n for n, (a, b) in enumerate(chunks)
                if self._subject_like(st, words(a, b), a, b, n, len(chunks), any_np, loose)]
        if not like:
            return None
        n = like[-1]
        while n - 1 in like:
            n -= 1
        a, _ = chunks[n]
        toks = [t for t in st.tokens(a, e) if not in_parens(t.idx)]
        toks = toks[self._lead([low(t.text) for t in toks]):]
        if not toks:
            return None
        start, end, j = toks[0].idx, e, 1
        while j < len(toks):
            one, two = low(toks[j].text), low(" ".join(t.text for t in toks[j:j + 2]))
            temporal = one in self.temporal and j + 1 < len(toks) and (
                toks[j + 1].text[:1].isdigit() or low(toks[j + 1].text) in self.temporal_next)  # "ngày 3-1"
            if ((one in self.subject_cut or two in self.subject_cut) and two not in self.subject_keep) or (
                    toks[j].idx in st.cue_positions) or temporal:
                end = toks[j - 1].idx + len(toks[j - 1].text)
                break
            j += 1
        phrase = text[start:end].strip(" ,;:-–")
        if not phrase or len(phrase.split()) > 16:
            return None
        ptoks = [t for t in st.tokens(start, end) if not in_parens(t.idx)]
        run = 0
        while run < len(ptoks) and ptoks[-1 - run].is_title:
            run += 1
        heads = {low(" ".join(t.text for t in ptoks[:m])) for m in (1, 2, 3, 4)}
        between = {low(t.text) for t in ptoks[:-run]} if run else set()
        glued = run < len(ptoks) and (ptoks[-1 - run].text[:1].islower() or ptoks[-1 - run].text == ")")
        place_word = run < len(ptoks) and ptoks[-1 - run].lower_ in PLACE_LEVELS  # "UBND tỉnh Hà Nam"
        if 2 <= run < len(ptoks) and glued and heads & self.title_lows and not place_word and (
                not self._in_place(st, ptoks[-run].idx)) and not between & self.object_markers:
            name_s = ptoks[-run].idx  # title + name: "Thủ tướng Ôn Gia Bảo", "Cục trưởng Kiểm lâm Hà Văn A"
            return Speaker(text[name_s:ptoks[-1].idx + len(ptoks[-1].text)], name_s, end, None)
        off = self._title_ref(phrase, start, officials, persons)
        if off is not None:
            return Speaker(off.name, start, end, off)
        vw = low(phrase).split()[1:3]
        if low(phrase).startswith("vị ") and low(phrase) not in self.pronoun_gender:
            role = bool({vw[0], " ".join(vw)} & self.role_heads)
            ref = next((p for p in reversed(persons) if p.start < start and not p.pronoun), None)
            if ref is not None and role and (ref.official is None or ref.official.title is None
                                             or st.para_index(start) - st.para_index(ref.start) > 0):
                ref = None  # "vị lãnh đạo Công an xã" with no official just named: unnamed, as written
            if ref is not None:  # 'vị "thuyền trưởng" của đội tuyển': "vị" + role points back at a person
                return Speaker(ref.name, start, end, ref.official)
        words_ = phrase.split()
        if low(phrase) in FIRST_PERSON:
            return None  # "- Tôi khẳng định ...": an interview answer, not an attributed statement
        pw = low(phrase).split()
        if (pw[0] in self.documents and " ".join(pw[:2]) not in self.role_heads | self.title_lows) or any(
                " ".join(pw[k:k + 2]) in self.documents for k in range(min(3, len(pw)))):
            return None  # "Chỉ thị nhấn mạnh: ...": a document, not a speaker
        if len(words_) <= 3 and all(w[:1].isupper() for w in words_) and not any(
                p.start >= start and p.end <= end for p in persons):  # "Nguyễn kể lại": a bare name
            rest = phrase
            if len(words_) >= 2 and (low(words_[0]) in self.honorifics | {"tướng"}
                                     or fold(words_[0]) in self.title_words):
                rest = " ".join(words_[1:])  # "Tướng Konashenkov", "Ông Lực": a title before the short form
            full = next((p for p in reversed(persons)
                         if p.start < start and p.name.endswith(" " + rest)), None)
            if full is not None:
                return Speaker(full.name, start, end, full.official)
            lw = low(phrase)
            if single and len(words_) == 1 and len(phrase) > 2 and lw not in self.pronoun_gender and (
                    lw not in self.honorifics and fold(phrase) not in self.title_words
                    and lw not in FIRST_PERSON and not self._in_place(st, start)):
                return Speaker(phrase, start, end, None)
            if bare and self._is_place(st, start, end):
                return Speaker(phrase, start, end, None)  # "Mỹ tuyên bố", "Nga khẳng định": a country speaks
            if bare and len(words_) == 1 and (low(phrase) in self.role_heads or (
                    phrase.isupper() and len(phrase) >= 3)):
                return Speaker(phrase, start, end, None)  # "HĐXX cho rằng", "VKS đề nghị": an acronym body
            if not bare or (len(words_) == 1 and not any(phrase in p.name.split() for p in persons)):
                return None  # one capitalised word nobody is called ("Anh nói"), or a medium after "Theo"
        ref = self._role_person(st, phrase, persons)
        if ref is not None:
            return Speaker(ref.name, start, end, ref.official)
        return Speaker(phrase, start, end, None)

    def _role_person(self, st: Structure, phrase: str, persons: list[Person]) -> Person | None:
        """'Phát ngôn viên văn phòng pháp y ...' when the text names exactly one person with that role
        ("phát ngôn viên Aja Worthu Davis"), before or after: that person. Plural or indefinite roles
        ("hai thủ tướng", "một quan chức") stay as written."""
        pw = low(phrase).split()
        if not pw or pw[0] in INDEFINITE:
            return None
        heads = self.title_lows | PERSON_ROLES
        head = next((" ".join(pw[:m]) for m in (3, 2) if " ".join(pw[:m]) in heads), None)
        if head is None:
            return None
        text, found = st.text, {}
        for p in persons:
            if p.pronoun:
                continue
            before = low(text[max(0, p.start - len(head) - 1):p.start])
            title = low(p.official.title) if p.official is not None and p.official.title else ""
            if before == head or low(text[p.start:p.start + len(head)]) == head or title == head:
                found.setdefault(p.name, p)
        return next(iter(found.values())) if len(found) == 1 else None

    def _subject_like(self, st: Structure, w: list[str], a: int, b: int, n: int, total: int,
                      any_np: bool, loose: bool = False) -> bool:
        """Does chunk n (words w) open like a subject: a role, title, body, quantifier or a bare name?"""
        i = self._lead(w)
        if i >= len(w):
            return False
        if w[i] == "có" and i + 1 < len(w):  # "Có bộ trưởng tâm sự", "Có người cho biết": existential
            i += 1
        head1, head2, head3 = w[i], " ".join(w[i:i + 2]), " ".join(w[i:i + 3])
        if n == 0 and total > 1 and (head1 in self.intro or head2 in self.intro or head3 in self.intro):
            return False
        if {head1, head2, head3} & self.role_heads or {head2, head3} & self.title_lows:
            return True
        if head1[:1].isdigit() or self._is_body_start(st, a, b):
            return True
        toks = st.tokens(a, b)
        if n == total - 1 and 0 < len(toks) <= 4 and all(
                t.is_title or (t.is_upper and t.is_alpha) for t in toks):
            return True  # a bare capitalised name just before the cue ("Nguyễn", "AFP")
        if any_np and n == total - 1:
            return True
        # a short noun phrase right before the cue, opening its clause: "đường dây này đã khai nhận",
        # "cô gái khai", "Bọn chúng cũng đã khai nhận"
        closed = self.intro | self.clause_conj | self.subject_cut | self.object_markers | self.non_np_heads
        cut = next((j for j in range(i + 1, len(w)) if w[j] in self.subject_cut
                    or " ".join(w[j:j + 2]) in self.subject_cut), len(w))  # "Tình báo Mỹ mới đây cho rằng"
        return (loose and n == total - 1 and 2 <= cut - i <= (4 if cut == len(w) else 5) and len(w) - cut <= 2
                and not {head1, head2, head3} & closed and not head1[:1].isdigit() and "và" not in w[i:cut])

    def _lead(self, w: list[str]) -> int:
        """Index of the first word after leading particles and adverbials ("ngay cả", "đã hai lần")."""
        i = 0
        while i < len(w) and " ".join(w[i:i + 2]) not in self.role_heads:
            for m in (3, 2, 1):
                if " ".join(w[i:i + m]) in self.subject_strip:
                    i += m
                    break
            else:
                break
        return i

    @staticmethod
    def _has_pair(prefix: list[str], markers: set[str]) -> bool:
        return any(" ".join(prefix[i:i + 2]) in markers for i in range(len(prefix) - 1))

    def _is_body_start(self, st: Structure, a: int, b: int) -> bool:
        bodies = st.doc._.bodies or []
        return any(a <= ms < b and not st.text[a:ms].strip() for bd in bodies for ms, _ in bd.mentions)

    @staticmethod
    def _place_before(doc: Doc, start: int, name_start: int) -> bool:
        """A place mention covers [start, name_start): "Hà Tĩnh" then "Đặng Văn Lâm"."""
        return any(a <= start and name_start - 2 <= b <= name_start
                   for ent in doc._.places or [] for a, b in ent.mentions)

    @staticmethod
    def _is_place(st: Structure, start: int, end: int) -> bool:
        """The phrase is exactly one place mention (a country or province named as the actor)."""
        return any(a == start and b == end for ent in st.doc._.places or [] for a, b in ent.mentions)

    @staticmethod
    def _in_place(st: Structure, pos: int) -> bool:
        ents = (st.doc._.places or []) + (st.doc._.bodies or [])
        return any(a <= pos < b for ent in ents for a, b in ent.mentions)

    def _title_ref(self, phrase: str, pos: int, officials: list[Official], persons: list[Person]):
        """'vị Giám đốc Sở', 'Chánh án': the nearest official named before with that title."""
        f = fold(phrase)
        if f.startswith("vi "):
            f = f[3:]
        title = next((t for t in self.titles if f == t or f.startswith(t + " ")), None)
        if title is None:
            return None
        for p in reversed([p for p in persons if p.start < pos and p.official is not None]):
            if p.official.title and title in fold(p.official.title):
                return p.official
        return None

    # ---------------------------------------------------------------- quotes

    def find(self, doc: Doc) -> list[Quote]:
        text = doc.text
        if not text.strip():
            return []
        paras = paragraphs(text)
        cands = scan_quotes(text, paras)
        st = Structure(doc, cands, paras, text)
        campaign_spans = sorted(m for c in (doc._.campaigns or []) for m in c.mentions)
        officials = list(doc._.officials or [])
        cue_spans = filter_spans([doc[a:b] for _, a, b in self.cues(doc)] + self._cho_biet(st))
        ends = {c.end_char for c in cue_spans}  # "ra thông báo kết luận về": the second cue is a noun
        cue_spans = [c for c in cue_spans if not (c.start_char - 1 in ends and text[c.start_char - 1] == " ")]
        cue_starts = [c.start_char for c in cue_spans]
        st.cue_positions = {c.start_char for c in cue_spans if self._cue_ok(doc, c)}
        st.cue_ends = {c.end_char for c in cue_spans}
        persons = self.find_persons(doc, st.toks, text)
        persons = sorted(persons + self.find_pronouns(doc, persons, st), key=lambda p: p.start)
        headline_end = self._headline_end(st)
        skip = [(a, b) for a, b in st.paras if (LINK_LINE_RE.search(text, a, b) and b - a < 200)
                or CAPTION_RE.search(text, a, b)]
        skip_starts = [a for a, _ in skip]

        def skipped(pos: int) -> bool:
            """In the headline or in a trailing "related article (dd/mm/yyyy)" line."""
            k = bisect.bisect_right(skip_starts, pos) - 1
            return pos < headline_end or (k >= 0 and skip[k][0] <= pos < skip[k][1])

        quotes: list[Quote] = []
        used_cues: set[int] = set()

        def in_campaign(a: int, b: int) -> bool:
            return any(x < b and a < y for x, y in campaign_spans)

        def mk(spk: Speaker | None, s: int, e: int, kind: str, cue: str | None) -> Quote:
            off = spk.official if spk else None
            if spk and off is None:
                off = next((o for o in officials if o.name == spk.name), None)
            return Quote(speaker=spk.name if spk else None, text=text[s:e], kind=kind, start=s, end=e,
                         speaker_title=off.title if off else None, speaker_body=off.body if off else None,
                         cue=cue, speaker_start=spk.start if spk else None,
                         speaker_end=spk.end if spk else None)

        def first_cue(a: int, b: int):
            k = bisect.bisect_left(cue_starts, a)
            while k < len(cue_spans) and cue_spans[k].start_char < b:
                if self._cue_ok(doc, cue_spans[k], tail=True):
                    return cue_spans[k]
                k += 1
            return None

        def nwords(a: int, b: int) -> int:
            return sum(1 for t in st.tokens(a, b) if t.is_alpha)

        # direct quotes ------------------------------------------------------------------------------
        direct_ranges = []
        pending = []
        for c in cands:
            if c.end <= c.start or skipped(c.open):
                continue
            n = nwords(c.start, c.end)
            if in_campaign(c.open, c.end) or self._non_speech_before(st, c.open):
                continue
            spk, cue = None, None
            # attribution after: “...” – ông X nhận định.
            if c.close is not None:
                _, se = st.sentence_of(c.close)
                tail_s = c.close + 1
                tail_toks = st.tokens(tail_s, se)[:16]
                closed_sentence = text[c.close - 1:c.close] in ".!?…"
                if tail_toks and tail_toks[0].text not in SENT_END and (
                        tail_toks[0].text in ",–-—:" or closed_sentence):
                    limit = tail_toks[-1].idx + len(tail_toks[-1].text)
                    cs_ = first_cue(tail_s, limit)
                    if cs_ is not None and not st.in_quote(cs_.start_char):
                        spk = self.speaker(st, tail_s, cs_.start_char, persons, officials, any_np=True)
                        cue = cs_.text.lower()
                        used_cues.add(cs_.start_char)
                    elif "theo" in [low(t.text) for t in tail_toks[:2]] and (
                            low(tail_toks[0].text) == "theo" or tail_toks[0].text in ",–-—"):
                        th = tail_toks[0] if low(tail_toks[0].text) == "theo" else tail_toks[1]
                        spk = self.speaker(st, th.idx + 4, limit, persons, officials)
                        cue = "theo"
            # attribution before: ông X cho biết: “...”
            if spk is None:
                spk, cue, cue_pos = self._attribution_before(st, c, persons, officials, cue_spans, cue_starts)
                if cue_pos is not None:
                    used_cues.add(cue_pos)
            if n < 2 or (spk is None and n < 4):
                continue
            if c.close is not None and n < 4 and nwords(c.close + 1, st.sentence_of(c.close)[1]) >= 3:
                continue  # 'cho biết, “hậu phương” đã sẵn sàng ...': a quoted term inside reported speech
            if spk is None and n < 10 and not self._whole_sentence(st, c):
                continue
            if spk is None and n >= 10:
                content = f" {low(text[c.start:c.end])} "
                speechy = any(f" {w} " in content for w in FIRST_PERSON) or text[c.end - 1:c.end] in "!?…."
                if not speechy and not self._whole_sentence(st, c):
                    continue
            direct_ranges.append((c.open, c.close if c.close is not None else c.end))
            pending.append((c, spk, cue))
        direct_ranges.sort()
        dstarts = [a for a, _ in direct_ranges]

        def in_direct(pos: int) -> bool:
            k = bisect.bisect_right(dstarts, pos) - 1
            return k >= 0 and direct_ranges[k][0] <= pos <= direct_ranges[k][1]

        # indirect speech ----------------------------------------------------------------------------
        covered: list[tuple[int, int]] = []
        backrefs = []
        for cue in cue_spans:
            cs = cue.start_char
            if cs in used_cues or skipped(cs) or in_direct(cs) or st.in_quote(cs):
                continue
            if in_campaign(cs, cue.end_char) or any(a <= cs < b for a, b in covered):
                continue
            if not self._cue_ok(doc, cue):
                continue
            ss, se = st.sentence_of(cs)
            if cs <= ss:
                continue
            cstart = self._content_start(doc, st, cue, se, persons)
            if cstart is None:  # "..., một cảnh sát chia sẻ với BBC.": the content came before
                q = self._post_attribution(st, ss, cs, persons, officials)
                if q is not None:
                    quotes.append(mk(q[0], q[1], q[2], "indirect", cue.text.lower()))
                    covered.append((q[1], se))
                continue
            if cstart < len(text) and text[cstart] in OPEN_MARKS and in_direct(cstart):
                continue  # a direct quote introduced by the cue: handled above
            cend = sentence_content_end(text, cstart, se) if cstart < se else cstart
            if low(text[cstart:cstart + 8]) in ("như vậy", "như thế"):
                pk = st.para_index(cs)  # "nhấn mạnh như vậy": points back at a statement already given;
                if pk > 0 and st.paras[pk][0] == ss:  # opening a paragraph, at the one before it
                    spk = self.speaker(st, ss, cs, persons, officials, loose=True)
                    if spk is not None:
                        backrefs.append((spk, st.paras[pk - 1], cue.text.lower()))
                continue
            first_word = low(text[cstart:cend].split(" ", 1)[0])
            circumstance = first_word in self.circumstance and nwords(cstart, cend) <= 8
            if nwords(cstart, cend) < 3 or circumstance:
                # "<content>, ông X cho biết." - reported speech with the attribution after it
                q = self._post_attribution(st, ss, cs, persons, officials, 8 if circumstance else 5)
                if q is not None:
                    spk, qs, qe = q
                    quotes.append(mk(spk, qs, qe, "indirect", cue.text.lower()))
                    covered.append((qs, se))
                    continue
                if not circumstance or nwords(cstart, cend) < 6:
                    continue  # else: "đề nghị trong hợp đồng chỉ ghi ...": the content after all
            k = bisect.bisect_right(dstarts, cstart)
            if k < len(direct_ranges) and direct_ranges[k][0] < cend:
                colon = text.rfind(":", cstart, direct_ranges[k][0])
                if colon > cstart:  # "ông X cho biết ... Giáng sinh: “...”": the quote is its own statement
                    cend = sentence_content_end(text, cstart, colon)
            for t in st.tokens(cstart, cend):
                nxt_cue = next((p for p in st.cue_positions if t.idx < p < t.idx + 60), None)
                between = [low(w.text) for w in st.tokens(t.idx + len(t.text), nxt_cue)] if nxt_cue else []
                new_subject = any(w not in self.subject_cut and w not in self.subject_strip for w in between)
                if t.lower_ in ("thì", "nhưng", "song", "còn") and new_subject:  # "..., nhưng VKS cho rằng"
                    cend = sentence_content_end(text, cstart, t.idx)
                    break
            nxt = st.next_sentence(cs)
            if nxt is not None and st.para_index(nxt[0]) == st.para_index(cs):
                head = " ".join(low(t.text) for t in st.tokens(nxt[0], nxt[1])[:2])
                if head in self.continuation:
                    cend = sentence_content_end(text, nxt[0], nxt[1])
            spk = self.speaker(st, ss, cs, persons, officials, loose=True)
            if spk is None:
                continue
            quotes.append(mk(spk, cstart, cend, "indirect", cue.text.lower()))
            covered.append((cstart, cend))
        for q in self._theo_frames(doc, st, persons, officials, covered, in_direct, headline_end):
            spk, qs, qe = q
            quotes.append(mk(spk, qs, qe, "indirect", "theo"))
            covered.append((qs, qe))

        backrefs += self._do_la_frames(st, persons, officials, skipped)
        for spk, (ps, pe), cue in backrefs:  # "Ông X cho biết như vậy": the paragraph before, if unclaimed
            if any(q.start < pe and ps < q.end for q in quotes) or in_direct(ps) or LINK_LINE_RE.search(
                    text, ps, pe):
                continue
            qe = sentence_content_end(text, ps, pe)
            if nwords(ps, qe) >= 5:
                quotes.append(mk(spk, ps, qe, "indirect", cue))
                covered.append((ps, qe))
        # unattributed direct quotes: the person just named, or the speaker of the statement just before
        for c, spk, cue in pending:
            if spk is None and any(a <= c.start < b for a, b in covered):
                continue
            if spk is None:
                spk = self._context_speaker(st, c, quotes, persons, officials)
            if spk is None and nwords(c.start, c.end) < 10:
                continue
            quotes.append(mk(spk, c.start, c.end, "direct", cue))
            quotes.sort(key=lambda q: q.start)
        quotes.sort(key=lambda q: q.start)
        self._resolve_body_anaphora(quotes, persons, st)
        return quotes

    @staticmethod
    def _resolve_body_anaphora(quotes: list[Quote], persons: list[Person], st: Structure) -> None:
        """'nguồn tin này', 'đơn vị này', 'cơ quan này': the body or source that spoke last (within two
        paragraphs), when it is not a person."""
        names = {p.name for p in persons}
        for i, q in enumerate(quotes):
            if not q.speaker or low(q.speaker) not in BODY_ANAPHORA:
                continue
            prev = next((p for p in reversed(quotes[:i])
                         if p.speaker and low(p.speaker) not in BODY_ANAPHORA), None)
            if prev is None or prev.speaker in names or prev.speaker_title or (
                    st.para_index(q.start) - st.para_index(prev.start) > 2):
                continue
            q.speaker = prev.speaker

    def _headline_end(self, st: Structure) -> int:
        """A first line without final punctuation is the headline: its quotes and cues are not statements."""
        if not st.paras:
            return 0
        s, e = st.paras[0]
        line = st.text[s:e]
        if len(st.paras) > 1 and line[-1:] not in ".!?…”\"»:" and len(line.split()) <= 30:
            return e
        return 0

    def _whole_sentence(self, st: Structure, c: _Cand) -> bool:
        """The quote is a sentence of its own (nothing but punctuation around it)."""
        ss, se = st.sentence_of(c.open)
        end = c.close + 1 if c.close is not None else c.end
        outside = st.text[ss:c.open] + st.text[end:se]
        return not any(ch.isalnum() for ch in outside)

    def _content_start(self, doc: Doc, st: Structure, cue, se: int, persons=()) -> int | None:
        """Where reported content begins after a cue: past ", : rằng thêm", or past a short phrase
        ("khai tại tòa rằng", "nói với anh H. rằng") when "rằng"/":" follows."""
        j = cue.end
        while j < len(doc) and (doc[j].is_space or doc[j].lower_ in self.content_skip):
            j += 1
        if j >= len(doc) or doc[j].idx >= se:
            return st.sentence_of(cue.start_char)[1]
        first = doc[j].lower_
        limit = 24 if first == "với" else 16 if first in ("tại", "trước", "qua", "lên", "cho") else 5
        depth = 0
        for k in range(j, min(j + limit, len(doc))):
            t = doc[k]
            if t.idx >= se:
                break
            depth += t.text in "(["
            depth -= t.text in ")]" and depth > 0
            if depth == 0 and t.lower_ in ("rằng", ":"):
                k2 = k + 1
                while k2 < len(doc) and (doc[k2].is_space or doc[k2].text in ",:"):
                    k2 += 1
                return doc[k2].idx if k2 < len(doc) else None
            if depth == 0 and t.text in ",.;" and first in ("với", "tại", "trước", "qua", "lên", "cho"):
                break
        if first == "với":  # "nói với ông Trump lực lượng Mỹ cần ...": content right after the addressee
            addressee = next((p for p in persons if doc[j].idx < p.start <= doc[j].idx + 6), None)
            if addressee is not None:
                rest = [t for t in st.tokens(addressee.end, se) if t.is_alpha]
                if len(rest) >= 4 and st.text[addressee.end:rest[0].idx].strip() == "":
                    return rest[0].idx
            return None  # "nói với X" with no content reported
        return doc[j].idx

    def _post_attribution(self, st: Structure, ss: int, cs: int, persons, officials, min_words: int = 5):
        """'Hầu hết họ là khách hàng, Nguyễn nói.': content before a comma, the speaker after it (a person
        with an appositive, "..., bà X, người phát ngôn Bộ Y, cho biết", wins over the appositive alone)."""
        text = st.text
        before = text[ss:cs].rstrip()
        if before.endswith(",") and len(before) - 1 + ss in st.cue_ends:
            return None  # "ra các cảnh báo, khuyến cáo thời tiết": a list of nouns, not an attribution
        commas = []
        depth = 0
        for i in range(ss, cs):
            if text[i] in "([":
                depth += 1
            elif text[i] in ")]" and depth:
                depth -= 1
            elif text[i] == "," and depth == 0 and not st.in_quote(i):
                commas.append(i)
        found = None
        for comma in reversed(commas[-3:]):
            spk = self.speaker(st, comma + 1, cs, persons, officials, any_np=True, single=True)
            if spk is None or len(spk.name.split()) > 8:
                continue
            lead = [low(t.text) for t in st.tokens(comma + 1, spk.start)]
            if len(lead) > 4 or set(lead) & self.object_markers:
                continue  # the speaker opens the part after the comma (a title before the name is fine)
            qs = ss
            while qs < comma and (text[qs].isspace() or text[qs] in "“\"«-–"):
                qs += 1
            first_after = st.tokens(comma + 1, cs)[:1]
            if first_after and first_after[0].lower_ in ("nhưng", "song", "còn", "tuy") and any(
                    qs < p < comma for p in st.cue_positions):
                continue  # "X cho rằng A, nhưng Y bác bỏ": a reply to a statement with its own speaker
            if sum(1 for t in st.tokens(qs, comma) if t.is_alpha) < min_words:
                continue
            person = any(p.start == spk.start for p in persons)
            if found is None or person:
                found = (spk, qs, comma)
            if person:
                break
        return found

    def _theo_frames(self, doc: Doc, st: Structure, persons, officials, covered, in_direct, headline_end):
        """'Theo ông X, ...', 'Cũng theo ông X, ...', 'Theo nhận định của X, ...', '..., theo ông X, ...'."""
        text = st.text
        for m in THEO_RE.finditer(text):
            k = bisect.bisect_left(st.tstarts, m.start())
            if k >= len(st.toks) or st.toks[k].idx != m.start():
                continue
            t = st.toks[k]
            if t.idx < headline_end:
                continue
            ss, se = st.sentence_of(t.idx)
            if any(a <= t.idx < b for a, b in covered) or in_direct(t.idx) or st.in_quote(t.idx):
                continue
            before = [low(w.text) for w in st.tokens(ss, t.idx)]
            plain = [w for w in before if w != ","]  # "Tuy nhiên theo X, ...", "Nhưng cũng theo X, ..."
            short = len(plain) <= 3 and before[-1:] != [","] or before[-2:] == ["nhiên", ","]
            at_start = not before or short and (" ".join(plain) in self.intro | self.subject_strip
                                                or all(w in self.subject_strip for w in plain))
            if len(before) >= 2 and before[-1] in ("nhưng", "song", "còn", "mà") and "," not in before[-3:]:
                at_start = True  # "... có ý kiến nhưng theo X, <content>": a new clause opens with the frame
            mid = bool(before) and before[-1] == "," and not at_start
            intro = before[:1] and (before[0] in self.intro or " ".join(before[:2]) in self.intro)
            if mid and intro and len(before) <= 9 and before.count(",") == 1:
                mid, at_start = False, True  # "Trong một diễn biến liên quan, theo Reuters, <content>"
            if not (at_start or mid):
                continue
            win = st.tokens(t.idx, se)[1:22]
            comma = next((w for w in win if w.text == "," or (w.lower_ == "thì" and not mid)), None)
            if comma is None:  # "Theo ông X, ..." and "Theo ông X thì ..."
                continue
            np_s = t.idx + len(t.text)
            head = [low(w.text) for w in win[:4]]
            for m in (3, 2, 1):
                if " ".join(head[:m]) in self.evidential:
                    rest = win[m:]
                    mods = 2 if " ".join(low(x.text) for x in rest[:2]) in EVIDENTIAL_MODIFIERS else 0
                    cua = mods if len(rest) > mods and low(rest[mods].text) in ("của", "từ") else 0
                    rest = rest[cua:]  # "nhận định ban đầu của", "kết luận sơ bộ của"
                    if rest and low(rest[0].text) in ("của", "từ"):
                        np_s = rest[0].idx + len(rest[0].text)
                        break
            else:
                if head and head[0] in self.evidential:
                    nxt_w = win[1] if len(win) > 1 else None  # "theo lời anh P. thì": evidential + person
                    if head[0] != "lời" or nxt_w is None or not any(p.start == nxt_w.idx for p in persons):
                        continue
                    np_s = nxt_w.idx
            np_text = text[np_s:comma.idx].strip()
            if low(np_text) in BODY_ANAPHORA:  # "Cũng theo nguồn tin này, ...": resolved after all quotes
                a = text.index(np_text, np_s)
                spk = Speaker(np_text, a, a + len(np_text), None)
            else:
                spk = self.speaker(st, np_s, comma.idx, persons, officials, bare=False)
                np_toks = st.tokens(np_s, comma.idx)
                if spk is None and 2 <= len(np_toks) <= 6 and np_toks[0].is_title and not (
                        {low(np_toks[0].text), low(" ".join(x.text for x in np_toks[:2]))}
                        & (self.documents | self.evidential)) and not self._in_place(st, np_toks[0].idx) and (
                        not any(x.is_punct or looks_foreign(x.text) for x in np_toks)) and (
                        low(np_toks[0].text) not in MEDIA_HEADS):  # "Theo Khu Đường sông, ...": a named body
                    spk = Speaker(text[np_toks[0].idx:comma.idx].strip(), np_toks[0].idx, comma.idx, None)
            if spk is None or spk.start < np_s:
                continue
            lead = [low(w.text) for w in st.tokens(np_s, spk.start)]
            if lead and (len(lead) > 6 or set(lead) & self.object_markers or not (
                    tuple(lead) in self.hon_tuples or {" ".join(lead[:2]), lead[0]} & (
                        self.title_lows | self.role_heads))):
                continue  # "Theo ông X": fine; "Theo quy định của ông X": not a statement by X
            while True:  # "Theo ông X, Trưởng phòng Y, Sở Z, ...": skip the appositives
                nxt_comma = next((w for w in st.tokens(comma.idx + 1, se)[:10] if w.text == ","), None)
                if nxt_comma is None:
                    break
                ap = [low(w.text) for w in st.tokens(comma.idx + 1, nxt_comma.idx)]
                heads = ({ap[0], " ".join(ap[:2]), " ".join(ap[:3])} if ap and ap[0] not in INDEFINITE
                         else set())
                if not (heads & (self.title_lows | self.role_heads)
                        or self._is_body_start(st, comma.idx + 1, nxt_comma.idx)):
                    break
                comma = nxt_comma
            if mid:
                qs, qe = ss, sentence_content_end(text, ss, se)
            else:
                qs = comma.idx + len(comma.text)
                while qs < se and text[qs].isspace():
                    qs += 1
                qe = sentence_content_end(text, qs, se)
            if sum(1 for w in st.tokens(qs, qe) if w.is_alpha) < 3:
                continue
            yield spk, qs, qe

    def _do_la_frames(self, st: Structure, persons, officials, skipped):
        """'Đó là nhận định của ông X, ...' opening a paragraph: X said the paragraph (or headline) before."""
        out = []
        for k, (ps, pe) in enumerate(st.paras[1:], start=1):
            toks = st.tokens(ps, min(pe, ps + 80))[:6]
            w = [low(t.text) for t in toks]
            if w[:2] not in (["đó", "là"], ["đây", "là"]) or (k > 1 and skipped(st.paras[k - 1][0])
                                                              and st.paras[k - 1][0] != st.paras[0][0]):
                continue
            m = next((m for m in (2, 1) if " ".join(w[2:2 + m]) in self.evidential), 0)
            if not m or len(w) <= 2 + m or w[2 + m] not in ("của", "từ"):
                continue
            np_s = toks[2 + m].idx + len(toks[2 + m].text)
            spk = self.speaker(st, np_s, st.sentence_of(ps)[1], persons, officials, persons_only=True)
            if spk is not None:
                out.append((spk, st.paras[k - 1], w[2] if m == 1 else " ".join(w[2:4])))
        return out

    def _context_speaker(self, st: Structure, c: _Cand, quotes: list[Quote], persons, officials):
        """Speaker of a quote with no attribution of its own: the speaker of the statement just before when
        nobody else was named since; else the person named last (same or previous paragraph)."""
        para = st.para_index(c.start)
        prior = [q for q in quotes if q.start < c.start and q.speaker]
        last = max(prior, key=lambda q: q.start) if prior else None
        k = bisect.bisect_left([p.start for p in persons], c.open)
        named = persons[k - 1] if k > 0 else None
        if named is not None and para - st.para_index(named.start) > 1:
            named = None
        if last is not None and para - st.para_index(last.start) > 1:
            last = None
        if last is not None and (named is None or named.start < last.end or named.name == last.speaker):
            off = next((o for o in officials if o.name == last.speaker), None)
            return Speaker(last.speaker, last.speaker_start or 0, last.speaker_end or 0, off)
        if named is not None:
            return Speaker(named.name, named.start, named.end, named.official)
        return None

    def _cue_ok(self, doc: Doc, cue, tail: bool = False) -> bool:
        """Is this cue word used as a reporting verb (not a noun, a passive, or part of a compound)?"""
        key = cue.text.lower()
        prev = doc[cue.start - 1] if cue.start > 0 else None
        nxt = doc[cue.end] if cue.end < len(doc) else None
        blocked = prev is not None and (
            (prev.lower_ in self.block_prev["*"] and not tail) or prev.lower_ in self.block_prev.get(key, ()))
        if blocked and prev.lower_ == "có" and not tail:  # "Toán có nói với nhóm rằng: ...": emphatic "có"
            ahead = [t.lower_ for t in doc[cue.end:cue.end + 12]]
            blocked = "rằng" not in ahead and ":" not in ahead
        if blocked and (not prev.is_title or prev.lower_ in self.block_prev.get(key, ())):
            return False  # a name ("bà Trang cho rằng") never blocks, but "Ban chỉ đạo" is a body
        if prev is not None and prev.lower_ in ("bị", "được", "lời", "theo"):
            return False
        back = doc[max(cue.start - 5, 0):cue.start]
        passive = [t for t in back if t.lower_ in ("được", "bị") and not (
            t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ("cáo", "can", "hại", "đơn"))]
        if not tail and passive and not any(t.text in ",;." for t in back):
            return False  # "được cơ quan chức năng đề nghị": passive, the subject is not the speaker
        if nxt is not None and not nxt.is_space:
            n = nxt.lower_
            if n in self.block_next["*"] or n in self.block_next.get(key, ()):
                return False
            if key in self.strict and not tail and n not in self.strict_next and n not in OPEN_MARKS:
                ahead = [t.lower_ for t in doc[cue.end:cue.end + 16]]
                stop = next((i for i, w in enumerate(ahead[:10]) if w in (".", ",", ";", "\n")),
                            min(len(ahead), 10))
                end = next((i for i, w in enumerate(ahead) if w in (".", ";", "\n")), len(ahead))
                addressee = (nxt.is_title or n in PLACE_LEVELS or n in ("các", "những")) and end >= 8
                modal = self.cue_kind.get(key) == "directive" and (  # "chỉ đạo tỉnh X đầu tư ...", "... cần"
                    bool(set(ahead[:end]) & DIRECTIVE_MODALS) or addressee)
                said = "rằng" in ahead[:stop] or ":" in ahead[:stop] or "là" in ahead[1:stop]  # "X là Y"
                if not said and not modal:
                    return False  # "chỉ đạo X cần/phải ...": a directive with its content; else a noun
        return True

    @staticmethod
    def _cho_biet(st: Structure) -> list:
        """'cho VnExpress biết', 'cho phóng viên biết': the split form of "cho biết" around its addressee."""
        out = []
        toks = st.toks
        for m in BIET_RE.finditer(st.text):
            j = bisect.bisect_left(st.tstarts, m.start())
            if j < 2 or j >= len(toks) or toks[j].idx != m.start():
                continue
            t = toks[j]
            for k in range(j - 2, max(j - 6, -1), -1):
                w = toks[k]
                if w.is_punct or w.text in "“”\"«»" or w.lower_ in ("nên", "là", "rằng", "không", "chưa",
                                                                    "đã"):
                    break
                if w.lower_ == "cho":
                    rest = st.doc[t.i + 1:t.i + 8]
                    clause = next((r for r in rest if r.is_punct or r.is_space), None)
                    if rest and (rest[0].lower_ in (",", ":", "rằng", "là", "thêm") or clause is None):
                        out.append(st.doc[w.i:t.i + 1])  # "cho VnExpress biết, ..."; not "cho X biết chuyện"
                    break
        return out

    def _non_speech_before(self, st: Structure, pos: int) -> bool:
        """phong trào “...”, tội “...”: a quoted name, not speech (unless a cue comes right before)."""
        toks = st.tokens(max(st.sentence_of(pos)[0], pos - 60), pos)[-4:]
        near = [t for t in toks if t.text not in ",:"]
        if near and any(near[-1].idx + len(near[-1].text) == c_end for c_end in st.cue_ends):
            return False
        words = [low(t.text) for t in toks]
        for n in range(len(words)):
            for m in (1, 2, 3):
                if " ".join(words[n:n + m]) in self.non_speech and n + m >= len(words) - 2:
                    return True
        return False

    def _attribution_before(self, st: Structure, c: _Cand, persons, officials, cue_spans, cue_starts):
        """'ông X cho biết: “...' or a previous paragraph ending 'ông X cho biết:'."""
        text = st.text
        ss, _ = st.sentence_of(c.open)
        if not text[ss:c.open].strip():
            k = st.para_index(c.open)
            if k == 0:
                return None, None, None
            ps, pe = st.paras[k - 1]
            if text[pe - 1] != ":":
                return None, None, None
            ss, _ = st.sentence_of(pe - 1)
            pre_end = pe - 1
        else:
            pre_end = c.open
        pre = text[ss:pre_end].rstrip()
        if not pre:
            return None, None, None
        # the cue closest before the mark, followed only by "thêm", "rằng", ":" or ","
        k = bisect.bisect_left(cue_starts, pre_end) - 1
        if k >= 0 and cue_spans[k].start_char >= ss:
            cue = cue_spans[k]
            between = [low(t.text) for t in st.tokens(cue.end_char, pre_end)]
            if all(w in self.content_skip or w in ("với", "báo", "phóng", "viên", "pv", "trước")
                   for w in between) and len(between) <= 4 and self._cue_ok(st.doc, cue):
                spk = self.speaker(st, ss, cue.start_char, persons, officials)
                if spk is not None:
                    return spk, cue.text.lower(), cue.start_char
        if pre.endswith(":"):
            spk = self.speaker(st, ss, ss + len(pre) - 1, persons, officials)
            if spk is not None:
                return spk, None, None
        return None, None, None


@Language.factory("newsmine_quotes")
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    """Factory: build the matchers once from ``corpora/lexicon/reporting_verbs.json``."""
    return QuoteFinder(nlp)
