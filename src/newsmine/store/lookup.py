"""Finding persons, bodies and campaigns by the names people type: folded, short forms, honorifics.

Folding makes "tran van binh" find "Trần Văn Bình"; when the user does type accents they are honoured
("ông Lực" does not also return "Lục"), so short forms stay precise.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from newsmine.store.fold import fold
from newsmine.store.index import strip_honorific
from newsmine.types import nfc

_DATE_ARG = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class QueryError(ValueError):
    """A query the archive cannot run (malformed FTS syntax, bad date): shown to the user as is."""


def check_date(value: str | None, flag: str) -> str | None:
    """`--from/--to` take YYYY, YYYY-MM or YYYY-MM-DD; anything else is a clear error."""
    if value is None or value == "":
        return None
    value = value.strip()
    if not _DATE_ARG.match(value):
        raise QueryError(f"{flag} expects YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def date_clause(column: str, date_from: str | None, date_to: str | None) -> tuple[list[str], list]:
    """SQL conditions for an inclusive date range on a YYYY-MM-DD column; partial dates cover their span."""
    where, params = [], []
    if date_from := check_date(date_from, "--from"):
        where.append(f"{column} >= ?")
        params.append(date_from)
    if date_to := check_date(date_to, "--to"):
        where.append(f"substr({column}, 1, {len(date_to)}) <= ?")
        params.append(date_to)
    return where, params


def has_accents(text: str) -> bool:
    return fold(text) != nfc(text).lower()


def _accent_ok(query: str, candidate: str) -> bool:
    """With accents typed, the candidate's accented lower-case form must contain the query's."""
    return not has_accents(query) or query in nfc(candidate).lower()


@dataclass
class Person:
    person_id: int
    name: str
    mentions: int


def find_persons(conn: sqlite3.Connection, name: str) -> list[Person]:
    """Persons a typed name refers to, most mentioned first.

    Full name ("Trần Văn Bình", "tran van binh") wins outright; otherwise aliases seen in the text
    ("ông Bình"), the given name ("Bình", "ông Bình") and name endings ("Văn Bình") all count.
    """
    raw = nfc(name).strip()
    qf = fold(raw).strip()
    base = strip_honorific(qf)
    raw_base = raw.lower()[len(qf) - len(base) :] if base != qf else raw.lower()
    if not base:
        return []
    sql = (
        "SELECT p.person_id, p.name, (SELECT count(*) FROM mentions m WHERE m.entity_type = 'person' "
        "AND m.entity_id = p.person_id) AS n FROM persons p WHERE {} ORDER BY n DESC, p.name"
    )
    exact = conn.execute(sql.format("p.name_fold = ?"), (base,)).fetchall()
    exact = [r for r in exact if _accent_ok(raw_base, r["name"])]
    if exact and len(base.split()) > 1:  # a bare given name may also shorten fuller names: look on
        return [Person(r[0], r[1], r[2]) for r in exact]
    cond = (
        "p.person_id IN (SELECT person_id FROM person_aliases WHERE alias_fold IN (?, ?)) "
        "OR p.name_fold LIKE ? ESCAPE '\\'"
    )
    params: list = [qf, base, "% " + base.replace("%", "\\%").replace("_", "\\_")]
    if len(base.split()) == 1:
        cond += " OR p.given_fold = ?"
        params.append(base)
    rows = conn.execute(sql.format(cond), params).fetchall()
    return [Person(r[0], r[1], r[2]) for r in rows if _accent_ok(raw_base, r["name"])]


def find_bodies(conn: sqlite3.Connection, name: str) -> list[tuple[int, str]]:
    """Bodies by folded name: the exact name if known, else every body whose name contains it."""
    raw = nfc(name).strip()
    qf = fold(raw).strip()
    if not qf:
        return []
    rows = conn.execute("SELECT body_id, name FROM bodies WHERE name_fold = ?", (qf,)).fetchall()
    if not rows:
        like = "%" + qf.replace("%", "\\%").replace("_", "\\_") + "%"
        rows = conn.execute(
            "SELECT body_id, name FROM bodies WHERE name_fold LIKE ? ESCAPE '\\' ORDER BY length(name)",
            (like,),
        ).fetchall()
    return [(r[0], r[1]) for r in rows if _accent_ok(raw.lower(), r[1])]


def find_campaigns(conn: sqlite3.Connection, name_or_id: str) -> list[tuple[int, str, str]]:
    """Campaigns by canonical id, by any spelling seen, or by part of a name: (campaign_id, cid, name)."""
    raw = nfc(name_or_id).strip()
    if not raw:
        return []
    rows = conn.execute("SELECT campaign_id, cid, name FROM campaigns WHERE cid = ?", (raw,)).fetchall()
    if not rows:
        qf = fold(raw).strip()
        like = "%" + qf.replace("%", "\\%").replace("_", "\\_") + "%"
        rows = conn.execute(
            "SELECT DISTINCT c.campaign_id, c.cid, c.name FROM campaigns c JOIN campaign_names n "
            "ON n.campaign_id = c.campaign_id WHERE n.name_fold = ? OR n.name_fold LIKE ? ESCAPE '\\' "
            "ORDER BY n.name_fold != ?, length(c.name)",
            (qf, like, qf),
        ).fetchall()
    return [(r[0], r[1], r[2]) for r in rows]
