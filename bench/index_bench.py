"""Index N shared-corpus articles and measure: build time, docs/s, DB size, and search latency
(p50/p95 over 20 queries) of FTS5 search against a plain LIKE scan of the same table, in one run.

    .venv/bin/python bench/index_bench.py --n 10000            # vietnews test split, full pipeline
    .venv/bin/python bench/index_bench.py --n 200 --corpus vntc
    .venv/bin/python bench/index_bench.py --n 10000 --no-extract --no-classify   # store cost alone
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from newsmine.config import SHARED_DIR
from newsmine.store.db import connect
from newsmine.store.index import index_records
from newsmine.store.search import build_match, search
from newsmine.types import Article, Facts

QUERIES = [
    "tư pháp", "thi hành án", "công an", "tòa án", "viện kiểm sát", "ma túy", "tham nhũng", "giao thông",
    "bóng đá", "thi đua", "nông thôn mới", "xét xử", "lừa đảo", "bệnh viện", "học sinh", "Hà Nội",
    "tai nạn", "khởi tố", "ủy ban nhân dân", "doanh nghiệp",
]  # fmt: skip


def articles(corpus: str, n: int) -> Iterator[tuple[str, Article]]:
    """The first n records of a shared corpus as Articles (vietnews: title/summary/body; VNTC: text)."""
    path = SHARED_DIR / "corpora" / corpus / "test.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n:
                break
            r = json.loads(line)
            if corpus == "vietnews":
                yield (
                    f"vietnews:{r['id']}",
                    Article(text=r["body"], title=r["title"] or None, sapo=r["summary"]),
                )
            else:
                title, _, body = r["text"].strip().partition("\n")
                yield f"vntc:{r['id']}", Article(text=body.strip() or title, title=title.strip())


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    k = (len(values) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def latency(fn, queries: list[str], repeat: int) -> list[float]:
    out = []
    for q in queries:
        fn(q)  # warm the page cache for this query
        for _ in range(repeat):
            t = time.perf_counter()
            fn(q)
            out.append((time.perf_counter() - t) * 1000)
    return out


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--corpus", choices=["vietnews", "vntc"], default="vietnews")
    ap.add_argument("--db", type=Path, default=None, help="archive to build (default: a temp file)")
    ap.add_argument("--extract", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--classify", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--repeat", type=int, default=5, help="timed runs per query")
    ap.add_argument("--json", action="store_true", help="print the result as one JSON object")
    args = ap.parse_args(argv)

    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory(prefix="newsmine-bench-")
        args.db = Path(tmp.name) / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(args.db) + suffix).unlink(missing_ok=True)
    conn = connect(args.db)

    def no_facts(text: str, published: str | None = None) -> Facts:
        return Facts(text_length=len(text))

    def progress(stats) -> None:
        if stats.seen % 500 < 32:
            rate = stats.indexed / stats.seconds if stats.seconds else 0
            print(f"  {stats.seen} seen, {stats.indexed} indexed, {rate:.1f} docs/s", file=sys.stderr)

    t0 = time.perf_counter()
    stats = index_records(
        conn,
        articles(args.corpus, args.n),
        analyzer=None if args.extract else no_facts,
        classifier=args.classify,
        progress=progress,
    )
    build = time.perf_counter() - t0
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA optimize")
    size = sum(os.path.getsize(str(args.db) + s) for s in ("", "-wal") if os.path.exists(str(args.db) + s))
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("articles", "persons", "bodies", "quotes", "mentions", "campaigns")}  # fmt: skip

    reader = connect(args.db, readonly=True)
    fts = latency(lambda q: search(reader, q, limit=20), QUERIES, args.repeat)
    like = latency(
        lambda q: reader.execute(
            "SELECT id, title FROM articles WHERE title LIKE ?1 OR text LIKE ?1", (f"%{q}%",)
        ).fetchall(),
        QUERIES,
        args.repeat,
    )
    hits_fts = sum(
        reader.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
            (build_match(q),),
        ).fetchone()[0]
        for q in QUERIES
    )
    hits_like = sum(
        reader.execute("SELECT count(*) FROM articles WHERE text LIKE ?", (f"%{q}%",)).fetchone()[0]
        for q in QUERIES
    )
    result = {
        "corpus": args.corpus,
        "n": args.n,
        "extract": args.extract,
        "classify": args.classify,
        "indexed": stats.indexed,
        "failed": stats.failed,
        "build_seconds": round(build, 2),
        "docs_per_second": round(stats.indexed / build, 2) if build else None,
        "db_bytes": size,
        "db_mb": round(size / 1e6, 1),
        "counts": counts,
        "queries": len(QUERIES),
        "repeat": args.repeat,
        "fts_ms_p50": round(statistics.median(fts), 3),
        "fts_ms_p95": round(_pct(fts, 0.95), 3),
        "like_ms_p50": round(statistics.median(like), 3),
        "like_ms_p95": round(_pct(like, 0.95), 3),
        "like_over_fts_p50": round(statistics.median(like) / statistics.median(fts), 1),
        "like_over_fts_p95": round(_pct(like, 0.95) / _pct(fts, 0.95), 1),
        "matching_docs_fts": hits_fts,
        "matching_docs_like": hits_like,
        "errors_sample": stats.errors[:5],
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(
            f"indexed {stats.indexed}/{args.n} {args.corpus} articles (failed {stats.failed}) "
            f"in {build:.1f}s "
            f"= {result['docs_per_second']} docs/s; extract={args.extract} classify={args.classify}"
        )
        print(f"database {result['db_mb']} MB; rows: {counts}")
        print(
            f"search over {len(QUERIES)} queries x {args.repeat}: FTS5 (ranked top 20 + snippets) "
            f"p50 {result['fts_ms_p50']} ms, p95 {result['fts_ms_p95']} ms | LIKE scan "
            f"p50 {result['like_ms_p50']} ms, p95 {result['like_ms_p95']} ms | LIKE/FTS "
            f"p50 x{result['like_over_fts_p50']}, p95 x{result['like_over_fts_p95']}"
        )
        print(
            f"documents matched, summed over the queries: FTS (folded) {hits_fts} "
            f"vs LIKE (exact accents) {hits_like}"
        )
    if tmp:
        reader.close()
        conn.close()
        tmp.cleanup()
    return result


if __name__ == "__main__":
    main()
