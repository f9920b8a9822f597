"""`newsmine index`: run extraction and classification on what is new or changed and store the result.

Each article is written in its own transaction (facts, themes, mentions, quotes and its FTS row together),
so a crash mid-way leaves every article either fully old or fully new. An article whose content hash is
unchanged is skipped, which makes re-indexing idempotent and cheap.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from urllib.parse import urlparse

from newsmine.records import iter_jsonl, record_article
from newsmine.store.fold import fold
from newsmine.types import Article, Classification, Entity, Facts, nfc

Analyzer = Callable[[str, str | None], Facts]
# classifier(texts, ids, campaigns=...): campaigns[i] is Facts.campaigns of texts[i], already extracted
Classifier = Callable[..., list[Classification]]
# what an input yields: (id, Article) or (id, the error that made the record unreadable)
Item = tuple[str, Article | Exception]

_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?")
_HONORIFIC = re.compile(r"^(?:ong|ba|anh|chi|co|chu|ngai|dong chi|d/c|đ/c)\s+", re.IGNORECASE)


@dataclass
class IndexStats:
    """What one `index` run did; `errors` holds one line per record that could not be indexed."""

    seen: int = 0
    indexed: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "seen": self.seen,
            "indexed": self.indexed,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "seconds": round(self.seconds, 3),
            "errors": [{"id": i, "error": e} for i, e in self.errors],
        }


# ---------------------------------------------------------------------------------------------- inputs


def read_jsonl(path: Path) -> Iterator[Item]:
    """Stream article records from a .jsonl(.gz) file; a bad line yields its error, the rest go on."""
    for rid, rec in iter_jsonl(path):
        if isinstance(rec, Exception):
            yield rid, rec
            continue
        try:
            yield rid, record_article(rec)
        except Exception as exc:  # noqa: BLE001 - one bad record must not stop the batch
            yield rid, exc


def read_archive(archive_dir: Path) -> Iterator[Item]:
    """(id, Article) from a crawl archive (catalogue.sqlite + warc/) via the crawl stage."""
    from newsmine.crawl import load_articles

    yield from load_articles(archive_dir)


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Item]:
    """Every INPUT of `newsmine index`: .jsonl(.gz) record files or crawl archives (dir or catalogue)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir() or path.name == "catalogue.sqlite":
            archive = path if path.is_dir() else path.parent
            if not (archive / "catalogue.sqlite").exists():
                yield str(path), FileNotFoundError(f"{path}: no catalogue.sqlite (not a crawl archive)")
                continue
            yield from read_archive(archive)
        elif path.exists():
            yield from read_jsonl(path)
        else:
            yield str(path), FileNotFoundError(f"{path}: no such file")


# ---------------------------------------------------------------------------------------------- helpers


def content_hash(art: Article) -> str:
    payload = json.dumps(
        [nfc(art.full_text), art.url, art.title, art.published, art.site], ensure_ascii=False
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def pub_date(published: str | None) -> str | None:
    m = _DATE.match(published or "")
    return m.group(0) if m else None


def given_name(name: str) -> str:
    """The folded last syllable: Vietnamese press refers back to "Nguyễn Văn Lực" as "ông Lực"."""
    parts = fold(name).split()
    return parts[-1] if parts else ""


def strip_honorific(folded: str) -> str:
    return _HONORIFIC.sub("", folded.strip())


def _default_analyzer() -> Analyzer:
    import newsmine

    return newsmine.analyze


def _default_classifier() -> Classifier:
    try:
        from newsmine.classify import classify_many
    except ImportError as exc:
        from newsmine.store.db import StoreError

        raise StoreError(f"theme classification unavailable ({exc}); index with --no-classify") from None
    return classify_many


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# ---------------------------------------------------------------------------------------------- writing


def _upsert(conn: sqlite3.Connection, sql: str, params: tuple) -> int:
    return conn.execute(sql, params).fetchone()[0]


def _person(conn: sqlite3.Connection, name: str) -> int:
    return _upsert(
        conn,
        "INSERT INTO persons(name, name_fold, given_fold) VALUES (?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING person_id",
        (name, fold(name), given_name(name)),
    )


def _body(conn: sqlite3.Connection, name: str, type_: str | None = None) -> int:
    return _upsert(
        conn,
        "INSERT INTO bodies(name, name_fold, type) VALUES (?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET type = coalesce(bodies.type, excluded.type) RETURNING body_id",
        (name, fold(name), type_),
    )


def _place(conn: sqlite3.Connection, name: str, type_: str | None) -> int:
    return _upsert(
        conn,
        "INSERT INTO places(name, name_fold, type) VALUES (?, ?, ?) "
        "ON CONFLICT(name, type) DO UPDATE SET name = excluded.name RETURNING place_id",
        (name, fold(name), type_ or ""),
    )


def campaign_cid(name: str, cid: str | None) -> str:
    """The extraction's canonical id, or a slug of the folded name when it gives none."""
    if cid:
        return cid
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-") or "campaign"


def _campaign(conn: sqlite3.Connection, name: str, cid: str) -> int:
    campaign_id = _upsert(
        conn,
        "INSERT INTO campaigns(cid, name, name_fold) VALUES (?, ?, ?) "
        "ON CONFLICT(cid) DO UPDATE SET cid = excluded.cid RETURNING campaign_id",
        (cid, name, fold(name)),
    )
    conn.execute(
        "INSERT OR IGNORE INTO campaign_names(campaign_id, name, name_fold) VALUES (?, ?, ?)",
        (campaign_id, name, fold(name)),
    )
    return campaign_id


def _mentions(conn: sqlite3.Connection, doc_id: int, etype: str, eid: int, spans, length: int) -> None:
    rows = [(doc_id, etype, eid, int(s), int(e)) for s, e in spans if 0 <= int(s) < int(e) <= length]
    conn.executemany(
        'INSERT OR IGNORE INTO mentions(doc_id, entity_type, entity_id, start, "end") VALUES (?, ?, ?, ?, ?)',
        rows,
    )


def _clear(conn: sqlite3.Connection, doc_id: int) -> None:
    for table in ("article_themes", "person_roles", "mentions", "quotes", "dates"):
        conn.execute(f"DELETE FROM {table} WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (doc_id,))


# first words of organisation names: a speaker starting with one is a body, never a person
_ORG_HEADS = frozenset(
    fold(w)
    for w in (  # noqa: SIM905 - one readable line of words
        "Bộ Sở Cục Tổng Viện Tòa Toà Ủy Uỷ Ban Hội Đảng Công Phòng Chi Trường Bệnh Đội Văn Trung Quân Học "
        "Thành Huyện Tỉnh Xã Phường Quận Cơ Đoàn Liên Mặt Ngân Tập Nhà Báo Đài Hãng Câu"
    ).split()
)


def looks_like_person(name: str | None, bodies: set[str]) -> bool:
    """A quote speaker that is a personal name (2-5 capitalised syllables, not a body), so it gets a
    person row even when extraction listed no official for it (speakers need not hold a title)."""
    if not name or name in bodies:
        return False
    words = name.split()
    return (
        2 <= len(words) <= 5
        and all(w[:1].isupper() and w[1:].islower() for w in words if w.isalpha())
        and all(w.isalpha() for w in words)
        and fold(words[0]) not in _ORG_HEADS
    )


def _resolve_speaker(speaker: str | None, officials: dict[str, int], conn: sqlite3.Connection) -> int | None:
    """The person a quote's speaker names: an official of this article (full, folded or given name),
    else a person already in the archive under exactly that name; bodies and unnamed roles stay None."""
    if not speaker:
        return None
    if speaker in officials:
        return officials[speaker]
    sf = strip_honorific(fold(speaker))
    by_fold = {fold(n): pid for n, pid in officials.items()}
    if sf in by_fold:
        return by_fold[sf]
    given = [pid for n, pid in officials.items() if given_name(n) == sf]
    if len(sf.split()) == 1 and len(set(given)) == 1:
        return given[0]
    suffix = [pid for f, pid in by_fold.items() if f.endswith(" " + sf)]
    if len(set(suffix)) == 1:
        return suffix[0]
    row = conn.execute("SELECT person_id FROM persons WHERE name = ?", (speaker,)).fetchone()
    return row[0] if row else None


def write_article(
    conn: sqlite3.Connection,
    rid: str,
    art: Article,
    facts: Facts,
    cls: Classification | None,
    digest: str | None = None,
) -> int:
    """Store one article and everything found in it, replacing what an earlier run stored, atomically."""
    text = nfc(art.full_text)
    length = len(text)
    digest = digest or content_hash(art)
    site = art.site or (urlparse(art.url).netloc if art.url else None) or None
    themes = list(cls.themes) if cls else []
    date = pub_date(art.published)
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT doc_id FROM articles WHERE id = ?", (rid,)).fetchone()
        values = (
            art.url,
            site,
            nfc(art.title) or None,
            text,
            art.published,
            date,
            art.section,
            json.dumps(art.authors or [], ensure_ascii=False),
            digest,
            json.dumps(themes),
            cls.judicial if cls else None,
            _now(),
        )
        if row:
            doc_id = row[0]
            _clear(conn, doc_id)
            conn.execute(
                "UPDATE articles SET url=?, site=?, title=?, text=?, published=?, pub_date=?, section=?, "
                "authors=?, content_hash=?, themes=?, judicial=?, indexed_at=? WHERE doc_id=?",
                (*values, doc_id),
            )
        else:
            doc_id = conn.execute(
                "INSERT INTO articles(id, url, site, title, text, published, pub_date, section, authors, "
                "content_hash, themes, judicial, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (rid, *values),
            ).lastrowid
        conn.execute(
            "INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
            (doc_id, fold(art.title), fold(text)),
        )
        if cls:
            conn.executemany(
                "INSERT OR IGNORE INTO article_themes(doc_id, theme, score) VALUES (?, ?, ?)",
                [(doc_id, t, cls.scores.get(t)) for t in themes],
            )
        officials: dict[str, int] = {}
        full_by_given: dict[str, list[int]] = {}
        # full names first, so a bare given name ("Hưng") can join the one full name it shortens
        for off in sorted(facts.officials, key=lambda o: -len(o.name.split())):
            name = nfc(off.name).strip()
            if not name:
                continue
            given = full_by_given.get(given_name(name), [])
            if len(name.split()) == 1 and len(set(given)) == 1:
                pid = given[0]
            else:
                pid = officials.get(name) or _person(conn, name)
                if len(name.split()) > 1:
                    full_by_given.setdefault(given_name(name), []).append(pid)
            officials[name] = pid
            aliases = {name} | {text[s:e].strip() for s, e in off.mentions if 0 <= s < e <= length}
            conn.executemany(
                "INSERT OR IGNORE INTO person_aliases(person_id, alias, alias_fold) VALUES (?, ?, ?)",
                [(pid, a, fold(a)) for a in aliases if a and len(a) <= 80],
            )
            body_id = _body(conn, nfc(off.body)) if off.body else None
            if off.title or off.body:
                conn.execute(
                    "INSERT OR IGNORE INTO person_roles(person_id, doc_id, title, body_id, body, date) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (pid, doc_id, nfc(off.title) or None, body_id, nfc(off.body) or None, date),
                )
            _mentions(conn, doc_id, "person", pid, off.mentions, length)
        for ent in facts.bodies:
            if ent.name:
                _mentions(conn, doc_id, "body", _body(conn, nfc(ent.name), ent.type), ent.mentions, length)
        for ent in facts.places:
            if ent.name:
                _mentions(conn, doc_id, "place", _place(conn, nfc(ent.name), ent.type), ent.mentions, length)
        for ent in facts.campaigns:
            if ent.name:
                cid = _campaign(conn, nfc(ent.name), campaign_cid(nfc(ent.name), ent.id))
                _mentions(conn, doc_id, "campaign", cid, ent.mentions, length)
        conn.executemany(
            'INSERT INTO dates(doc_id, text, value, start, "end") VALUES (?, ?, ?, ?, ?)',
            [(doc_id, d.text, d.value, d.start, d.end) for d in facts.dates],
        )
        body_names = {nfc(b.name) for b in facts.bodies} | {nfc(o.body) for o in facts.officials if o.body}
        quote_rows = []
        for q in facts.quotes:
            pid = _resolve_speaker(q.speaker, officials, conn)
            if pid is None and looks_like_person(q.speaker, body_names):
                pid = officials[q.speaker] = _person(conn, q.speaker)
            if pid is not None:
                ss, se = q.speaker_start, q.speaker_end
                if ss is not None and se is not None and 0 <= ss < se <= length:
                    _mentions(conn, doc_id, "person", pid, [(ss, se)], length)
                    alias = text[ss:se].strip()
                    if alias and len(alias) <= 80:
                        conn.execute(
                            "INSERT OR IGNORE INTO person_aliases(person_id, alias, alias_fold) "
                            "VALUES (?, ?, ?)",
                            (pid, alias, fold(alias)),
                        )
                if q.speaker_title or q.speaker_body:
                    body_id = _body(conn, nfc(q.speaker_body)) if q.speaker_body else None
                    conn.execute(
                        "INSERT OR IGNORE INTO person_roles(person_id, doc_id, title, body_id, body, date) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (pid, doc_id, q.speaker_title, body_id, q.speaker_body, date),
                    )
            quote_rows.append((q, pid))
        conn.executemany(
            "INSERT INTO quotes(doc_id, person_id, speaker, speaker_fold, title, body, text, text_fold, "
            "kind, "
            'cue, start, "end", speaker_start, speaker_end, date) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)',
            [
                (
                    doc_id,
                    pid,
                    q.speaker,
                    fold(q.speaker) if q.speaker else None,
                    q.speaker_title,
                    q.speaker_body,
                    q.text,
                    fold(q.text),
                    q.kind,
                    q.cue,
                    q.start,
                    q.end,
                    q.speaker_start,
                    q.speaker_end,
                    date,
                )
                for q, pid in quote_rows
            ],
        )
        conn.execute("DELETE FROM index_errors WHERE id = ?", (rid,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return doc_id


def _record_error(conn: sqlite3.Connection, stats: IndexStats, rid: str, exc: BaseException | str) -> None:
    msg = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    msg = " ".join(str(msg).split())[:500]
    stats.failed += 1
    stats.errors.append((rid, msg))
    conn.execute(
        "INSERT INTO index_errors(id, error, at) VALUES (?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET error = excluded.error, at = excluded.at",
        (rid, msg, _now()),
    )


def _classify(
    classifier: Classifier | None, texts: list[str], ids: list[str], campaigns: list[list[Entity]]
) -> list:
    """Classify a batch; if the batch fails, classify one by one so only the bad item is lost."""
    if classifier is None:
        return [None] * len(texts)
    try:
        out = classifier(texts, ids, campaigns=campaigns)
        if len(out) == len(texts):
            return list(out)
    except Exception:  # noqa: BLE001 - fall back to per-item below
        pass
    results: list = []
    for text, rid, camps in zip(texts, ids, campaigns, strict=True):
        try:
            results.append(classifier([text], [rid], campaigns=[camps])[0])
        except Exception as exc:  # noqa: BLE001
            results.append(exc)
    return results


_PROBE = (
    "Phó Giám đốc Sở Tư pháp tỉnh Nam Định Trần Văn Bình cho biết năm 2024 ngành tư pháp tiếp tục thi đua."
)


def _probe(analyze: Analyzer, classify: Classifier | None) -> None:
    """Run both stages once on a known-good sentence: a missing model or a broken stage stops the run
    with one clear message instead of failing every record the same way."""
    from newsmine.store.db import StoreError

    try:
        analyze(_PROBE, None)
    except Exception as exc:  # noqa: BLE001
        raise StoreError(f"extraction unavailable ({type(exc).__name__}: {exc})") from None
    if classify is not None:
        try:
            classify([_PROBE], ["probe"], campaigns=[[]])  # the call shape index_records uses
        except Exception as exc:  # noqa: BLE001
            raise StoreError(
                f"theme classification unavailable ({type(exc).__name__}: {exc}); index with --no-classify"
            ) from None


def gc_entities(conn: sqlite3.Connection) -> None:
    """Drop persons, bodies, places and campaigns nothing refers to any more (after re-indexing)."""
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "DELETE FROM persons WHERE person_id NOT IN "
        "(SELECT entity_id FROM mentions WHERE entity_type='person')"
        " AND person_id NOT IN (SELECT person_id FROM person_roles)"
        " AND person_id NOT IN (SELECT person_id FROM quotes WHERE person_id IS NOT NULL)"
    )
    conn.execute(
        "DELETE FROM bodies WHERE body_id NOT IN (SELECT entity_id FROM mentions WHERE entity_type='body')"
        " AND body_id NOT IN (SELECT body_id FROM person_roles WHERE body_id IS NOT NULL)"
    )
    conn.execute(
        "DELETE FROM places WHERE place_id NOT IN (SELECT entity_id FROM mentions WHERE entity_type='place')"
    )
    conn.execute(
        "DELETE FROM campaigns WHERE campaign_id NOT IN "
        "(SELECT entity_id FROM mentions WHERE entity_type='campaign')"
    )
    conn.execute("COMMIT")


def index_records(
    conn: sqlite3.Connection,
    records: Iterable[Item],
    *,
    analyzer: Analyzer | None = None,
    classifier: Classifier | None | bool = True,
    force: bool = False,
    batch_size: int = 32,
    progress: Callable[[IndexStats], None] | None = None,
) -> IndexStats:
    """Index (id, Article) records: analyse and classify the new or changed ones and store each atomically.

    `classifier=True` uses `newsmine.classify.classify_many`, `False`/None stores no themes. A record that
    fails (unreadable, extraction error) gets one line in `stats.errors` and `index_errors`; the rest go on.
    """
    started = time.perf_counter()
    analyze = analyzer or _default_analyzer()
    classify = _default_classifier() if classifier is True else (classifier or None)
    stats = IndexStats()
    probed = False
    it = iter(records)
    while batch := list(islice(it, batch_size)):
        todo: list[tuple[str, Article, str]] = []
        seen_here: set[str] = set()
        for rid, art in batch:
            stats.seen += 1
            if isinstance(art, BaseException):
                _record_error(conn, stats, rid, art)
                continue
            rid = str(rid)
            digest = content_hash(art)
            row = conn.execute("SELECT content_hash FROM articles WHERE id = ?", (rid,)).fetchone()
            if (not force and row and row[0] == digest) or rid in seen_here:
                stats.unchanged += 1
                continue
            seen_here.add(rid)
            todo.append((rid, art, digest))
        if todo and not probed:
            _probe(analyze, classify)
            probed = True
        # extraction first: its campaigns feed the theme rules, so classification does not find them again
        analysed: list[tuple[str, Article, str, str, Facts]] = []
        for rid, art, digest in todo:
            text = nfc(art.full_text)
            try:
                if not text.strip():
                    raise ValueError("empty article text")
                facts = analyze(text, art.published)
                if facts.text_length and facts.text_length != len(text):
                    raise ValueError(f"extraction text_length {facts.text_length} != text length {len(text)}")
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                _record_error(conn, stats, rid, exc)
                continue
            analysed.append((rid, art, digest, text, facts))
        classes = _classify(
            classify, [a[3] for a in analysed], [a[0] for a in analysed], [a[4].campaigns for a in analysed]
        )
        for (rid, art, digest, _, facts), cls in zip(analysed, classes, strict=True):
            try:
                if isinstance(cls, BaseException):
                    raise cls
                write_article(conn, rid, art, facts, cls, digest)
                stats.indexed += 1
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
                _record_error(conn, stats, rid, exc)
        stats.seconds = time.perf_counter() - started
        if progress:
            progress(stats)
    if stats.indexed:
        gc_entities(conn)
    stats.seconds = time.perf_counter() - started
    return stats


def index_paths(conn: sqlite3.Connection, paths: Iterable[str | Path], **kwargs) -> IndexStats:
    """`newsmine index INPUT...`: jsonl record files and crawl archives, streamed."""
    return index_records(conn, read_inputs(paths), **kwargs)


def index_archive(conn: sqlite3.Connection, archive_dir: str | Path, **kwargs) -> IndexStats:
    """Index every article of a crawl archive (catalogue.sqlite + warc/)."""
    return index_records(conn, read_archive(Path(archive_dir)), **kwargs)
