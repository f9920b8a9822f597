"""Profiles of a person, a body or a campaign: roles over time, quotes, articles, monthly coverage.

Each profile is a plain dict (JSON-ready) built from the archive; the CLI renders it as rich tables and
the API returns it as is.
"""

from __future__ import annotations

import json
import sqlite3

from newsmine.store.lookup import find_bodies, find_campaigns, find_persons
from newsmine.store.quotes import find_quotes


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    out = []
    while (y, m) <= (ly, lm) and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def timeline(conn: sqlite3.Connection, doc_ids: list[int]) -> list[dict]:
    """Articles per month, every month from the first to the last present (zeros included)."""
    if not doc_ids:
        return []
    counts = dict(
        conn.execute(
            "SELECT substr(pub_date, 1, 7) AS month, count(*) FROM articles "
            f"WHERE doc_id IN ({','.join('?' * len(doc_ids))}) "
            "AND pub_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' "
            "GROUP BY month",
            doc_ids,
        ).fetchall()
    )
    if not counts:
        return []
    months = _months(min(counts), max(counts))
    return [{"month": m, "articles": counts.get(m, 0)} for m in months]


def _articles(conn: sqlite3.Connection, doc_ids: list[int], limit: int | None = None) -> list[dict]:
    if not doc_ids:
        return []
    sql = (
        "SELECT id, title, url, site, published, themes FROM articles "
        f"WHERE doc_id IN ({','.join('?' * len(doc_ids))}) ORDER BY pub_date DESC, id"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    return [
        {**dict(r), "themes": json.loads(r["themes"] or "[]")} for r in conn.execute(sql, doc_ids).fetchall()
    ]


def _doc_ids(conn: sqlite3.Connection, sql: str, params: list) -> list[int]:
    return [r[0] for r in conn.execute(sql, params)]


def person_profile(conn: sqlite3.Connection, name: str, *, limit: int = 50) -> dict | None:
    """The most mentioned person `name` refers to; other candidates are listed under `others`."""
    found = find_persons(conn, name)
    if not found:
        return None
    person, others = found[0], found[1:]
    pid = person.person_id
    aliases = [
        r[0]
        for r in conn.execute("SELECT alias FROM person_aliases WHERE person_id = ? ORDER BY alias", (pid,))
    ]
    roles = [
        dict(r)
        for r in conn.execute(
            "SELECT title, body, min(date) AS first, max(date) AS last, count(*) AS articles "
            "FROM person_roles WHERE person_id = ? GROUP BY title, body ORDER BY first, last",
            (pid,),
        )
    ]
    doc_ids = _doc_ids(
        conn,
        "SELECT doc_id FROM mentions WHERE entity_type = 'person' AND entity_id = ? "
        "UNION SELECT doc_id FROM person_roles WHERE person_id = ? "
        "UNION SELECT doc_id FROM quotes WHERE person_id = ?",
        [pid, pid, pid],
    )
    quotes = find_quotes(conn, person_ids=[pid], limit=limit)
    return {
        "type": "person",
        "person_id": pid,
        "name": person.name,
        "aliases": aliases,
        "roles": roles,
        "quotes": [q.to_dict() for q in quotes],
        "quote_count": conn.execute("SELECT count(*) FROM quotes WHERE person_id = ?", (pid,)).fetchone()[0],
        "article_count": len(doc_ids),
        "articles": _articles(conn, doc_ids, limit),
        "timeline": timeline(conn, doc_ids),
        "others": [{"person_id": p.person_id, "name": p.name, "mentions": p.mentions} for p in others],
    }


def body_profile(conn: sqlite3.Connection, name: str, *, limit: int = 50) -> dict | None:
    """A body: who held which title in it and when, what its people said, where it was covered."""
    found = find_bodies(conn, name)
    if not found:
        return None
    (bid, bname), others = found[0], found[1:]
    officials = [
        dict(r)
        for r in conn.execute(
            "SELECT p.name, r.title, min(r.date) AS first, max(r.date) AS last, count(*) AS articles "
            "FROM person_roles r JOIN persons p ON p.person_id = r.person_id WHERE r.body_id = ? "
            "GROUP BY p.person_id, r.title ORDER BY first, p.name",
            (bid,),
        )
    ]
    doc_ids = _doc_ids(
        conn,
        "SELECT doc_id FROM mentions WHERE entity_type = 'body' AND entity_id = ? "
        "UNION SELECT doc_id FROM person_roles WHERE body_id = ?",
        [bid, bid],
    )
    members = {o["name"] for o in officials}
    quotes = [
        q
        for q in find_quotes(conn, doc_ids=doc_ids, limit=None)
        if q.body == bname or q.speaker == bname or (q.person is not None and q.person in members)
    ]
    return {
        "type": "body",
        "body_id": bid,
        "name": bname,
        "officials": officials,
        "quotes": [q.to_dict() for q in quotes[:limit]],
        "quote_count": len(quotes),
        "article_count": len(doc_ids),
        "articles": _articles(conn, doc_ids, limit),
        "timeline": timeline(conn, doc_ids),
        "others": [{"body_id": b, "name": n} for b, n in others[:20]],
    }


def campaign_profile(conn: sqlite3.Connection, name_or_id: str, *, limit: int = 50) -> dict | None:
    """A campaign: its spellings, the themes and officials of its coverage, quotes, monthly timeline."""
    found = find_campaigns(conn, name_or_id)
    if not found:
        return None
    (cid_int, cid, cname), others = found[0], found[1:]
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM campaign_names WHERE campaign_id = ? ORDER BY name", (cid_int,)
        )
    ]
    doc_ids = _doc_ids(
        conn,
        "SELECT DISTINCT doc_id FROM mentions WHERE entity_type = 'campaign' AND entity_id = ?",
        [cid_int],
    )
    marks = ",".join("?" * len(doc_ids)) or "NULL"
    themes = [
        {"theme": r[0], "articles": r[1]}
        for r in conn.execute(
            f"SELECT theme, count(*) AS n FROM article_themes WHERE doc_id IN ({marks}) "
            "GROUP BY theme ORDER BY n DESC",
            doc_ids,
        )
    ]
    officials = [
        dict(r)
        for r in conn.execute(
            "SELECT p.name, r.title, r.body, count(DISTINCT r.doc_id) AS articles FROM person_roles r "
            f"JOIN persons p ON p.person_id = r.person_id WHERE r.doc_id IN ({marks}) "
            "GROUP BY p.person_id ORDER BY articles DESC, p.name LIMIT 50",
            doc_ids,
        )
    ]
    quotes = find_quotes(conn, doc_ids=doc_ids, limit=limit)
    return {
        "type": "campaign",
        "campaign_id": cid,
        "name": cname,
        "names": names,
        "themes": themes,
        "officials": officials,
        "quotes": [q.to_dict() for q in quotes],
        "article_count": len(doc_ids),
        "articles": _articles(conn, doc_ids, limit),
        "timeline": timeline(conn, doc_ids),
        "others": [{"campaign_id": c, "name": n} for _, c, n in others[:20]],
    }
