"""`make demo`: the whole pipeline on the bundled sample site, printed for a person to read.

serve (127.0.0.1) -> crawl (WARC + catalogue) -> parse -> extract -> classify -> index (SQLite),
then who said what for one official and one campaign's coverage over time.
Everything lands in `var/demo/` (archive + newsmine.db) so the CLI can explore it afterwards.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from rich.console import Console
from rich.rule import Rule
from rich.table import Table

from newsmine.config import REPO_DIR

DEMO_DIR = REPO_DIR / "var" / "demo"
DEMO_PERSON = "ông Lực"
DEMO_TOPIC = "thi đua"


def run(out_dir: Path = DEMO_DIR, console: Console | None = None) -> int:
    from newsmine.crawl import crawl_sample_site, load_articles
    from newsmine.store import db as store_db
    from newsmine.store.index import index_archive
    from newsmine.store.profiles import campaign_profile
    from newsmine.store.quotes import find_quotes
    from newsmine.store.render import print_profile, quotes_table

    console = console or Console()
    archive, db_path = out_dir / "archive", out_dir / "newsmine.db"
    if out_dir.exists():  # the sample site gets a new port each run, so start from a clean archive
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)

    console.print(Rule("1. crawl the bundled sample site (served on 127.0.0.1)"))
    summary = crawl_sample_site(archive, progress=False)
    console.print(summary.table())
    if summary.failures:
        console.print(
            f"[dim]{len(summary.failures)} failure(s) above are deliberate: the sample site serves an empty "
            "page, a redirect loop, a 500 and a page slower than the timeout.[/dim]"
        )

    console.print(Rule("2. articles parsed from the archive"))
    table = Table(show_header=True, expand=True)
    for col in ("published", "section", "title"):
        table.add_column(col, no_wrap=col != "title")
    articles = [a for _, a in load_articles(archive, include_duplicates=False)]
    for art in sorted(articles, key=lambda a: a.published or ""):
        table.add_row((art.published or "")[:10], art.section or "", art.title or "")
    console.print(table)

    console.print(Rule("3. extract facts, classify themes, index into SQLite"))
    conn = store_db.connect(db_path)
    stats = index_archive(conn, archive)
    console.print(
        f"indexed {stats.indexed} article(s), {stats.unchanged} unchanged, {len(stats.errors)} error(s) "
        f"in {stats.seconds:.1f}s -> {db_path}"
    )
    counts = Table(title="what the archive now holds")
    counts.add_column("table")
    counts.add_column("rows", justify="right")
    for name in ("articles", "persons", "bodies", "places", "campaigns", "quotes", "mentions"):
        counts.add_row(name, str(conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]))
    console.print(counts)

    console.print(Rule(f"4. who said what: {DEMO_PERSON!r} about {DEMO_TOPIC!r}"))
    hits = find_quotes(conn, DEMO_PERSON, contains=DEMO_TOPIC)
    title = f"{len(hits)} quote(s) by {DEMO_PERSON} containing {DEMO_TOPIC!r}"
    console.print(quotes_table(hits, title=title))

    console.print(Rule("5. one campaign's coverage over time"))
    top = conn.execute(
        "SELECT c.campaign_id FROM campaigns c JOIN mentions m ON m.entity_type = 'campaign' "
        "AND m.entity_id = c.campaign_id GROUP BY c.campaign_id "
        "ORDER BY count(DISTINCT m.doc_id) DESC LIMIT 1"
    ).fetchone()
    if top:
        cid = conn.execute("SELECT cid FROM campaigns WHERE campaign_id = ?", (top[0],)).fetchone()[0]
        profile = campaign_profile(conn, cid)
        if profile:
            print_profile(console, profile)
    console.print(Rule("try it yourself"))
    console.print(
        f".venv/bin/newsmine search 'tu phap' --db {db_path}\n"
        f".venv/bin/newsmine quotes --speaker '{DEMO_PERSON}' --db {db_path}\n"
        f".venv/bin/newsmine person 'Nguyễn Văn Lực' --db {db_path}\n"
        f".venv/bin/newsmine serve --db {db_path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(run())
