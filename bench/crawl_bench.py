"""Crawl-stage throughput on the bundled sample site (127.0.0.1, no politeness delay).

    .venv/bin/python bench/crawl_bench.py [--rounds 5]

Reports pages/s for a full crawl (discover + fetch + WARC + parse + dedup) and for `reparse` (WARC read +
parse + dedup, no network). Politeness delays are what bound a real crawl; this measures our overhead.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path
from statistics import median

from newsmine.config import CrawlConfig
from newsmine.crawl import SampleSite, crawl, reparse


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()
    cfg = CrawlConfig(delay=0.0, timeout=0.5, max_retries=0, backoff=0.0)
    crawl_rates, reparse_rates = [], []
    with SampleSite(crawl_delay=0.0, slow_seconds=0.6) as site, tempfile.TemporaryDirectory() as tmp:
        for i in range(args.rounds):
            archive = Path(tmp) / f"a{i}"
            t = time.perf_counter()
            crawl(
                [f"sample@{site.base_url}"],
                archive,
                config=cfg,
                progress=False,
                judicial_scorer=lambda x: [1.0] * len(x),
            )
            elapsed = time.perf_counter() - t
            db = sqlite3.connect(archive / "catalogue.sqlite")
            requests = db.execute("SELECT COUNT(*) FROM fetches").fetchone()[0]
            db.close()
            crawl_rates.append(requests / elapsed)
            t = time.perf_counter()
            out = reparse(archive, config=cfg, judicial_scorer=lambda x: [1.0] * len(x))
            reparse_rates.append((out.parsed + out.failed + out.skipped) / (time.perf_counter() - t))
    print(
        f"crawl: {requests} HTTP exchanges/run, median {median(crawl_rates):.1f} exchanges/s "
        "(includes one 0.5 s timeout on the slow page)"
    )
    print(
        f"reparse: median {sorted(reparse_rates)[len(reparse_rates) // 2]:.1f} pages/s from WARC, no network"
    )


if __name__ == "__main__":
    main()
