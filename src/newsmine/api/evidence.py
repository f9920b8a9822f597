"""Evidence windows: the stretch of article text around a fact, cut into marked and unmarked segments.

Templates render the segments with <mark>, so the quote and its speaker mention are highlighted in
the article's own words (offsets index the stored NFC text).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Segment:
    text: str
    cls: str | None = None  # None, "quote", "speaker", "hit", "person", "body", "place", "campaign"
    ref: str | None = None  # e.g. the quote id, for anchors


def _para_bounds(text: str, start: int, end: int, margin: int) -> tuple[int, int]:
    """From the start of the paragraph holding `start` to the end of the one holding `end`,
    capped at `margin` characters either side."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi == -1 else hi
    lo = max(lo, start - margin)
    hi = min(hi, end + margin)
    if lo > 0 and lo != text.rfind("\n", 0, start) + 1:
        sp = text.find(" ", lo, start)
        lo = sp + 1 if sp != -1 else lo
    if hi < len(text) and text[hi] != "\n":
        sp = text.rfind(" ", end, hi)
        hi = sp if sp != -1 else hi
    return lo, hi


def segments(
    text: str, marks: list[tuple[int, int, str, str | None]], lo: int = 0, hi: int | None = None
) -> list[Segment]:
    """Cut text[lo:hi] at the marks (start, end, cls, ref); overlapping marks: the earlier one wins."""
    hi = len(text) if hi is None else hi
    out: list[Segment] = []
    pos = lo
    for s, e, cls, ref in sorted(marks):
        s, e = max(s, pos), min(e, hi)
        if e <= s:
            continue
        if s > pos:
            out.append(Segment(text[pos:s]))
        out.append(Segment(text[s:e], cls, ref))
        pos = e
    if pos < hi:
        out.append(Segment(text[pos:hi]))
    return out


def quote_evidence(text: str, quote: dict, margin: int = 400) -> dict:
    """The paragraph(s) holding a quote, with the quote and its speaker mention marked."""
    start, end = int(quote["start"]), int(quote["end"])
    lo, hi = _para_bounds(text, start, end, margin)
    marks = [(start, end, "quote", str(quote.get("quote_id")))]
    ss, se = quote.get("speaker_start"), quote.get("speaker_end")
    if ss is not None and se is not None and 0 <= ss < se <= len(text):
        if ss < lo or se > hi:
            lo2, hi2 = _para_bounds(text, min(ss, start), max(se, end), margin)
            lo, hi = min(lo, lo2), max(hi, hi2)
        marks.append((int(ss), int(se), "speaker", None))
    return {"before": lo > 0, "after": hi < len(text), "segments": segments(text, marks, lo, hi)}
