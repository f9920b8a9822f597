"""Who said what: quotes by speaker (full name or short form), content and date, each with its article."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass

from newsmine.store.fold import fold
from newsmine.store.index import strip_honorific
from newsmine.store.lookup import date_clause, find_persons, has_accents
from newsmine.types import nfc


@dataclass
class QuoteHit:
    """One statement with its speaker and the article that carries it (offsets index the article text)."""

    quote_id: int
    id: str  # article id
    speaker: str | None
    person: str | None  # canonical person name when the speaker is a known person
    title: str | None
    body: str | None
    text: str
    kind: str
    cue: str | None
    date: str | None
    start: int
    end: int
    speaker_start: int | None
    speaker_end: int | None
    article_title: str | None
    url: str | None

    def to_dict(self) -> dict:
        return asdict(self)


_SELECT = (
    "SELECT q.quote_id, a.id, q.speaker, p.name AS person, q.title, q.body, q.text, q.kind, q.cue, q.date, "
    'q.start, q."end", q.speaker_start, q.speaker_end, a.title AS article_title, a.url '
    "FROM quotes q JOIN articles a ON a.doc_id = q.doc_id LEFT JOIN persons p ON p.person_id = q.person_id"
)


def find_quotes(
    conn: sqlite3.Connection,
    speaker: str | None = None,
    *,
    contains: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    person_ids: list[int] | None = None,
    doc_ids: list[int] | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> list[QuoteHit]:
    """Quotes whose speaker is `speaker` — a full name, "ông Lực" or "Lực" (accents optional), also a
    body or role as the extraction wrote it — whose text contains `contains` (folded), in a date range."""
    where, params = date_clause("q.date", date_from, date_to)
    if speaker is not None and speaker.strip():
        raw = nfc(speaker).strip()
        base = strip_honorific(fold(raw))
        ids = [p.person_id for p in find_persons(conn, raw)]
        # a person by any of their names, or a body / role speaker exactly as written (accents optional);
        # no suffix matching on raw speakers: "Bình" must not pick up "UBND tỉnh Quảng Bình"
        cond = ["q.speaker_fold = ?", "q.speaker_fold = ?"]
        sparams: list = [fold(raw), base]
        if ids:
            cond.append(f"q.person_id IN ({','.join('?' * len(ids))})")
            sparams += ids
        where.append("(" + " OR ".join(cond) + ")")
        params += sparams
    if person_ids is not None:
        where.append(f"q.person_id IN ({','.join('?' * len(person_ids))})" if person_ids else "0")
        params += person_ids
    if doc_ids is not None:
        where.append(f"q.doc_id IN ({','.join('?' * len(doc_ids))})" if doc_ids else "0")
        params += doc_ids
    if contains and contains.strip():
        where.append("q.text_fold LIKE ? ESCAPE '\\'")
        params.append("%" + fold(contains.strip()).replace("%", "\\%").replace("_", "\\_") + "%")
    sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY q.date DESC, a.id, q.start"
    accent_speaker = bool(speaker and has_accents(speaker))
    accent_text = bool(contains and has_accents(contains))
    if limit is not None and not (accent_speaker or accent_text):
        sql += " LIMIT ? OFFSET ?"
        params += [int(limit), int(offset)]
    hits = [QuoteHit(*row) for row in conn.execute(sql, params)]
    if accent_speaker:
        # accents typed: "ông Lực" must not also return Lục's quotes
        want = _accented_base(speaker)
        hits = [h for h in hits if want in (h.person or "").lower() or want in (h.speaker or "").lower()]
    if accent_text:
        want_c = nfc(contains).strip().lower()
        hits = [h for h in hits if want_c in nfc(h.text).lower()]
    if accent_speaker or accent_text:
        hits = hits[offset:] if limit is None else hits[offset : offset + int(limit)]
    return hits


def _accented_base(speaker: str) -> str:
    """The typed speaker without its honorific, accents kept ("Ông Lực" -> "lực")."""
    raw = nfc(speaker).strip().lower()
    qf = fold(raw)
    base = strip_honorific(qf)
    return raw[len(qf) - len(base) :]
