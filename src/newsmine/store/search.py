"""Full-text search: FTS5 over folded titles and texts, bm25-ranked, snippets in the original accents.

The FTS table holds folded copies ("tu phap" for "Tư pháp"); the query is folded the same way, so
accents, case and đ/d never matter. Folding keeps length, so where the query's words occur in the
folded copy is where they occur in the stored NFC text, and snippets are cut from the accented original.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import asdict, dataclass, field

from newsmine.store.fold import fold
from newsmine.store.lookup import QueryError, date_clause, find_bodies, find_persons

__all__ = ["Hit", "QueryError", "build_match", "search", "snippet"]

_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"(?P<pstar>\*?)|(?P<open>\()|(?P<close>\))|(?P<word>[^\s()"]+)')
_OPERATORS = {"AND", "OR", "NOT"}
_COLUMN = re.compile(r"^(title|text):(.*)$")


def _terms(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def parse_query(query: str) -> tuple[str, list[tuple[str, bool]]]:
    """Turn what a user types into an FTS5 MATCH expression over folded text, plus the (folded literal,
    is_prefix) terms to highlight (terms under NOT are not highlighted).

    Words are folded and ANDed; "quoted phrases", (groups), AND/OR/NOT in capitals, prefix* and
    title:/text: column filters keep their FTS5 meaning. Words with punctuation ("TP.HCM", "9/3")
    become phrases. Unbalanced quotes or brackets raise QueryError with a readable message.
    """
    if query.count('"') % 2:
        raise QueryError('malformed query: a quotation mark (") is not closed')
    parts: list[str] = []
    marks: list[tuple[str, bool]] = []
    depth = 0

    def add(terms: list[str], star: str, column: str = "") -> None:
        term = terms[0] if len(terms) == 1 else '"' + " ".join(terms) + '"'
        negated = bool(parts) and parts[-1] == "NOT"
        parts.append(column + term + star)
        if not negated:
            marks.append((" ".join(terms), bool(star)))

    for m in _TOKEN.finditer(query):
        if m.group("open"):
            depth += 1
            parts.append("(")
        elif m.group("close"):
            depth -= 1
            if depth < 0:
                raise QueryError("malformed query: ')' without a matching '('")
            parts.append(")")
        elif m.group("phrase") is not None:
            terms = _terms(m.group("phrase"))
            if terms:
                parts.append('"' + " ".join(terms) + '"' + m.group("pstar"))
                if not (len(parts) > 1 and parts[-2] == "NOT"):
                    marks.append((" ".join(terms), bool(m.group("pstar"))))
        else:
            word = m.group("word")
            if word in _OPERATORS:
                parts.append(word)
                continue
            column = ""
            if cm := _COLUMN.match(word):
                column, word = cm.group(1) + " : ", cm.group(2)
            terms = _terms(word)
            if terms:
                add(terms, "*" if word.endswith("*") else "", column)
    if depth:
        raise QueryError("malformed query: '(' is not closed")
    if not any(p not in _OPERATORS and p not in "()" for p in parts):
        raise QueryError(f"empty query: {query!r} has no searchable words")
    return " ".join(parts), sorted(set(marks))


def build_match(query: str) -> str:
    """The FTS5 MATCH expression for a user query (see `parse_query`)."""
    return parse_query(query)[0]


def _word(ch: str) -> bool:
    return ch.isalnum()


def find_spans(folded: str, terms: list[tuple[str, bool]]) -> list[tuple[int, int]]:
    """Where the query's terms occur as whole words (prefix terms: word starts) in a folded text, which
    are the same offsets in the original; runs separated only by spaces ("Tư" "pháp") merge into one.
    str.find keeps this in C: a regex over every position costs ~4x more on long articles."""
    found: list[tuple[int, int]] = []
    n = len(folded)
    for literal, prefix in terms:
        size = len(literal)
        at = folded.find(literal)
        while at != -1:
            end = at + size
            if (at == 0 or not _word(folded[at - 1])) and (prefix or end == n or not _word(folded[end])):
                if prefix:
                    while end < n and _word(folded[end]):
                        end += 1
                found.append((at, end))
            at = folded.find(literal, at + 1)
    spans: list[tuple[int, int]] = []
    for s, e in sorted(found):
        if spans and s <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(e, spans[-1][1]))
        elif spans and not folded[spans[-1][1] : s].strip(" "):
            spans[-1] = (spans[-1][0], e)
        else:
            spans.append((s, e))
    return spans


def snippet(
    text: str, spans: list[tuple[int, int]], width: int = 240, lo: int = 0
) -> tuple[str, list[tuple[int, int]], int]:
    """A window of `text` around the densest run of matches: (snippet, marks within it, its offset).

    `lo` skips a prefix (the title, shown anyway) unless the only matches are in it.
    """
    if not text:
        return "", [], 0
    if lo and (inside := [sp for sp in spans if sp[0] >= lo]):
        spans = inside
    elif lo and spans:
        lo = 0
    if not spans:
        end = min(len(text), lo + width)
        cut = text.rfind(" ", lo, end) if end < len(text) else end
        end = cut if cut > lo + width // 2 else end
        return text[lo:end].replace("\n", " "), [], lo
    # the window starting at some match that holds the most matches (two pointers: spans are sorted)
    best, best_n, j = spans[0][0], 0, 0
    for i, (s, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] <= s + width * 3 // 4:
            j += 1
        if j - i + 1 > best_n:
            best, best_n = s, j - i + 1
    start = max(lo, best - width // 4)
    if start:
        sp = text.find(" ", start, best)
        start = sp + 1 if sp != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        sp = text.rfind(" ", max(start, spans[0][1]), end)
        end = sp if sp > start else end
    marks = [(max(a, start) - start, min(b, end) - start) for a, b in spans if a < end and b > start]
    return text[start:end].replace("\n", " "), marks, start


@dataclass
class Hit:
    """One article found: its id, where it comes from, its rank and a highlighted snippet."""

    id: str
    title: str | None
    url: str | None
    site: str | None
    published: str | None
    themes: list[str]
    score: float
    snippet: str
    snippet_marks: list[tuple[int, int]] = field(default_factory=list)
    snippet_start: int = 0
    matches: list[tuple[int, int]] = field(default_factory=list)  # offsets into the article text

    def to_dict(self) -> dict:
        out = asdict(self)
        out["snippet_marks"] = [list(m) for m in self.snippet_marks]
        out["matches"] = [list(m) for m in self.matches]
        return out

    def marked_snippet(self, open_: str = "[", close: str = "]") -> str:
        out, pos = [], 0
        for a, b in self.snippet_marks:
            out += [self.snippet[pos:a], open_, self.snippet[a:b], close]
            pos = b
        out.append(self.snippet[pos:])
        return "".join(out)


def _filters(
    conn: sqlite3.Connection,
    theme: str | None,
    date_from: str | None,
    date_to: str | None,
    site: str | None,
    person: str | None,
    body: str | None,
) -> tuple[list[str], list] | None:
    """SQL conditions on `a` (articles) for the search filters; None when a filter matches nothing."""
    where, params = date_clause("a.pub_date", date_from, date_to)
    if theme:
        where.append("a.doc_id IN (SELECT doc_id FROM article_themes WHERE theme = ?)")
        params.append(theme)
    if site:
        where.append("(a.site = ? OR a.site LIKE ?)")
        params += [site, "%." + site]
    # a person is in an article they are mentioned in or quoted in; a body, one it is mentioned in or an
    # official's role names it in
    for name, find, etype, table, column in (
        (person, lambda n: [p.person_id for p in find_persons(conn, n)], "person", "quotes", "person_id"),
        (body, lambda n: [b for b, _ in find_bodies(conn, n)], "body", "person_roles", "body_id"),
    ):
        if not name:
            continue
        ids = find(name)
        if not ids:
            return None
        marks = ",".join("?" * len(ids))
        where.append(
            f"(a.doc_id IN (SELECT doc_id FROM mentions WHERE entity_type = '{etype}' "
            f"AND entity_id IN ({marks})) "
            f"OR a.doc_id IN (SELECT doc_id FROM {table} WHERE {column} IN ({marks})))"
        )
        params += ids + ids
    return where, params


def search(
    conn: sqlite3.Connection,
    query: str | None,
    *,
    theme: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
    site: str | None = None,
    person: str | None = None,
    body: str | None = None,
    limit: int = 20,
    offset: int = 0,
    width: int = 240,
) -> list[Hit]:
    """Ranked articles for `query` (FTS5, bm25, title weighted 4x) under the filters, with snippets.

    An empty query with filters lists the matching articles newest first.
    """
    filt = _filters(conn, theme, date_from, date_to, site, person, body)
    if filt is None:
        return []
    where, params = filt
    limit, offset = max(0, int(limit)), max(0, int(offset))
    terms: list[tuple[str, bool]] = []
    if query and query.strip():
        match, terms = parse_query(query)
        sql = (
            "SELECT a.doc_id, a.id, a.title, a.url, a.site, a.published, a.themes, "
            "bm25(articles_fts, 4.0, 1.0) AS score FROM articles_fts JOIN articles a "
            "ON a.doc_id = articles_fts.rowid WHERE articles_fts MATCH ? "
            + "".join(f" AND {w}" for w in where)
            + " ORDER BY score, a.pub_date DESC LIMIT ? OFFSET ?"
        )
        args: list = [match, *params, limit, offset]
    else:
        if not where:
            raise QueryError("empty query: give search words or at least one filter")
        sql = (
            "SELECT a.doc_id, a.id, a.title, a.url, a.site, a.published, a.themes, 0.0 AS score "
            "FROM articles a WHERE "
            + " AND ".join(where)
            + " ORDER BY a.pub_date DESC, a.id LIMIT ? OFFSET ?"
        )
        args = [*params, limit, offset]
    try:
        rows = conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        msg = str(exc)
        if "fts5" in msg or "syntax" in msg or "no such column" in msg:
            raise QueryError(f"malformed query {query!r}: {msg.removeprefix('fts5: ')}") from None
        raise
    texts: dict[int, str] = {}
    spans: dict[int, list[tuple[int, int]]] = {}
    if rows:
        ids = [r["doc_id"] for r in rows]
        marks = ",".join("?" * len(ids))
        texts = dict(conn.execute(f"SELECT doc_id, text FROM articles WHERE doc_id IN ({marks})", ids))
        if terms:
            # the FTS table stores the folded text: same length, so its offsets are the original's
            folded = conn.execute(f"SELECT rowid, text FROM articles_fts WHERE rowid IN ({marks})", ids)
            spans = {doc_id: find_spans(ftext or "", terms) for doc_id, ftext in folded}
    hits = []
    for r in rows:
        found = spans.get(r["doc_id"], [])
        text = texts.get(r["doc_id"], "")
        lo = len(r["title"]) if r["title"] and text.startswith(r["title"]) else 0
        while lo and lo < len(text) and text[lo].isspace():
            lo += 1
        snip, marks, start = snippet(text, found, width, lo)
        hits.append(
            Hit(
                id=r["id"],
                title=r["title"],
                url=r["url"],
                site=r["site"],
                published=r["published"],
                themes=json.loads(r["themes"] or "[]"),
                score=round(-float(r["score"]), 4),
                snippet=snip,
                snippet_marks=marks,
                snippet_start=start,
                matches=found,
            )
        )
    return hits
