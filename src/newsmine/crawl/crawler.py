"""Crawl orchestration: discover -> fetch -> archive -> parse -> filter -> flag duplicates, resumably.

A run first walks each site's robots.txt, sitemaps, feeds and section pages (conditional GETs; a 304
re-reads the listing from the WARC archive), recording every article URL in the catalogue; then it
fetches the articles still pending (never fetched, transiently failed, or changed per sitemap lastmod).
State is committed per URL, so stopping at any point and re-running loses nothing.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from newsmine.config import CrawlConfig
from newsmine.crawl.catalogue import Catalogue, Row, now
from newsmine.crawl.dedup import Deduplicator
from newsmine.crawl.discovery import Discovered, Link, before, parse_feed, parse_listing, parse_sitemap, sniff
from newsmine.crawl.fetch import Fetcher, FetchResult
from newsmine.crawl.robots import Robots
from newsmine.crawl.sources import REGISTRY, Site, resolve_source
from newsmine.crawl.urls import canonicalize, host_of
from newsmine.crawl.warc import WarcArchive, read_response
from newsmine.types import Article

log = logging.getLogger("newsmine.crawl")

HTML_TYPES = ("text/html", "application/xhtml+xml", "")
SINCE_REASON = "before --since"

Scorer = Callable[[list[str]], list[float]]


@dataclass
class HostStats:
    new: int = 0  # URLs discovered for the first time this run
    fetched: int = 0  # article pages downloaded (200)
    not_modified: int = 0  # conditional GETs answered 304
    parsed: int = 0
    failed: int = 0
    skipped: int = 0  # robots.txt, not judicial, older than --since
    duplicate: int = 0  # parsed but flagged exact/near duplicate


@dataclass
class CrawlSummary:
    archive_dir: str
    hosts: dict[str, HostStats] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)
    listings_not_modified: int = 0
    interrupted: bool = False

    def host(self, host: str) -> HostStats:
        return self.hosts.setdefault(host, HostStats())

    @property
    def totals(self) -> HostStats:
        out = HostStats()
        for stats in self.hosts.values():
            for k, v in asdict(stats).items():
                setattr(out, k, getattr(out, k) + v)
        return out

    def to_dict(self) -> dict:
        return {
            "archive_dir": self.archive_dir,
            "hosts": {h: asdict(s) for h, s in self.hosts.items()},
            "totals": asdict(self.totals),
            "failures": [list(f) for f in self.failures],
            "listings_not_modified": self.listings_not_modified,
            "interrupted": self.interrupted,
        }

    def table(self):
        from rich.table import Table

        table = Table(
            title="crawl summary" + (" (interrupted: re-run to resume)" if self.interrupted else "")
        )
        cols = list(asdict(HostStats()))
        table.add_column("host")
        for c in cols:
            table.add_column(c.replace("_", " "), justify="right")
        for host, stats in sorted(self.hosts.items()):
            table.add_row(host, *(str(getattr(stats, c)) for c in cols))
        if len(self.hosts) > 1:
            table.add_row("total", *(str(getattr(self.totals, c)) for c in cols), style="bold")
        return table


@dataclass
class ReparseSummary:
    archive_dir: str
    parsed: int = 0
    failed: int = 0
    skipped: int = 0
    duplicate: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def decode_html(body: bytes, content_type_header: str = "") -> str:
    """Bytes to text whatever the declared charset says: valid UTF-8 wins (a wrong header is common),
    then the declared charset, then charset-normalizer's guess."""
    try:
        return body.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = None
    m = re.search(r"charset=([\w-]+)", content_type_header or "", re.I) or re.search(
        rb"<meta[^>]+charset=[\"']?([\w-]+)", body[:4096], re.I
    )
    if m:
        declared = m.group(1).decode("ascii", "ignore") if isinstance(m.group(1), bytes) else m.group(1)
    if declared:
        try:
            return body.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(body).best()
    return str(best) if best is not None else body.decode("utf-8", errors="replace")


def _first_line(text: str, limit: int = 200) -> str:
    line = " ".join(str(text).split())
    return line[:limit]



def _fetched_columns(res: FetchResult) -> dict:
    """Catalogue columns of a successful fetch: where its record sits in the WARC and what revisits need."""
    return {
        "http_status": res.status,
        "final_url": res.final_url,
        "content_type": res.content_type,
        "etag": res.headers.get("etag"),
        "last_modified": res.headers.get("last-modified"),
        "warc_file": res.pointer.file,
        "warc_offset": res.pointer.offset,
        "warc_length": res.pointer.length,
        "fetched_at": now(),
        "content_hash": hashlib.sha256(res.body).hexdigest(),
    }

def _published_date(article: Article) -> date | None:
    if not article.published:
        return None
    try:
        return datetime.fromisoformat(article.published[:10]).date()
    except ValueError:
        return None


class Processor:
    """What happens to a downloaded article page, identical in a crawl and in `reparse` (no network)."""

    def __init__(
        self,
        cat: Catalogue,
        config: CrawlConfig,
        since: date | None,
        scorer: Scorer | None,
        sites: dict[str, Site],
    ):
        self.cat = cat
        self.config = config
        self.since = since
        self.sites = sites
        self._scorer = scorer
        self._scorer_loaded = scorer is not None
        self.dedup = Deduplicator(config.near_duplicate_threshold)
        self.flagged: set[str] = (
            set()
        )  # URLs flagged as copies during this run (this page or re-pointed ones)
        for row in cat.parsed_rows():
            if row.text_hash:
                self.dedup.add(row.url, row.text_hash, row.minhash)

    def scorer(self) -> Scorer | None:
        if not self._scorer_loaded:
            self._scorer_loaded = True
            try:
                from newsmine.classify import relevance_scores

                self._scorer = relevance_scores  # judicial news, or news on a campaign theme
            except Exception as exc:  # the classify stage may be missing or unusable: keep everything
                log.warning(
                    "judicial filter off (%s: %s): keeping all articles from general sections",
                    type(exc).__name__,
                    _first_line(str(exc), 120),
                )
                self._scorer = None
        return self._scorer

    def judicial_sections(self, source: str | None) -> set[str]:
        site = self.sites.get(source or "") or REGISTRY.get(source or "")
        if site is None:
            return set()
        return {(x.name or "").lower() for x in (*site.sections, *site.feeds) if x.judicial and x.name}

    def process(
        self, row: Row, body: bytes, content_type: str, final_url: str | None
    ) -> tuple[str, str | None]:
        """Parse and file one page; returns (state, reason) as written to the catalogue."""
        from newsmine.parse import ParseError, parse_html

        ctype = (content_type or "").split(";")[0].strip().lower()
        if ctype not in HTML_TYPES:
            return self._set(row, "failed", f"not HTML ({ctype})")
        if not body.strip():
            return self._set(row, "failed", "empty body")
        html = decode_html(body, content_type)
        try:
            article = parse_html(html, final_url or row.fetch_url, site=row.parser)
        except ParseError as exc:
            msg = _first_line(str(exc))
            if not msg.startswith("not an article"):
                msg = f"not an article: {msg}"
            return self._set(row, "failed", msg)
        except Exception as exc:  # a parser bug on one page must not stop the batch
            return self._set(row, "failed", f"parse error: {type(exc).__name__}: {_first_line(str(exc))}")
        extra: dict = {"article_json": json.dumps(article.to_dict(), ensure_ascii=False), "parsed_at": now()}
        published = _published_date(article)
        if self.since and published and published < self.since:
            return self._set(row, "skipped", f"published {published}, {SINCE_REASON} {self.since}", **extra)
        if row.judicial == 0 and not (
            article.section and article.section.lower() in self.judicial_sections(row.source)
        ):
            scorer = self.scorer()
            if scorer is not None:
                try:
                    p = float(scorer([article.full_text])[0])
                except Exception as exc:
                    log.warning(
                        "judicial scorer failed on %s (%s): kept", row.url, _first_line(str(exc), 120)
                    )
                    p = None
                if p is not None:
                    extra["judicial_score"] = p
                    if p < self.config.judicial_threshold:
                        return self._set(row, "skipped", f"not judicial (p={p:.2f})", **extra)
        found, thash, signature = self.dedup.matches(row.url, article.text or article.full_text)
        dup_of, kind = self._original(row, article, found)
        return self._set(
            row,
            "parsed",
            None,
            text_hash=thash,
            minhash=signature,
            duplicate_of=dup_of,
            duplicate_kind=kind,
            **extra,
        )

    def _original(
        self, row: Row, article: Article, found: list[tuple[str, str]]
    ) -> tuple[str | None, str | None]:
        """Among copies the earliest published is the original (ties: first catalogued); the others point at
        it. Returns this row's (duplicate_of, kind); re-points earlier-seen copies when this one is older."""
        if not found:
            return None, None
        copies = []
        for key, kind in found:
            other = self.cat.get(key)
            if other is None or other.state != "parsed" or not other.article_json:
                continue
            published = json.loads(other.article_json).get("published") or "9999"
            copies.append((published[:19], self._rowid(key), key, kind, other.duplicate_of))
        if not copies:
            return None, None
        mine = ((article.published or "9999")[:19], self._rowid(row.url), row.url, None, None)
        original = min([*copies, mine])
        if original[2] != row.url:
            self.flagged.add(row.url)
            return original[2], original[3]
        for _, _, key, kind, _ in copies:  # this page is the original: its earlier-seen copies point here
            self.cat.update(key, duplicate_of=row.url, duplicate_kind=kind)
            self.flagged.add(key)
        return None, None

    def _rowid(self, url: str) -> int:
        r = self.cat.db.execute("SELECT rowid FROM urls WHERE url = ?", (url,)).fetchone()
        return int(r[0]) if r else 1 << 62

    def _set(self, row: Row, state: str, reason: str | None, **extra) -> tuple[str, str | None]:
        if state == "failed":
            log.warning("failed %s: %s", row.url, reason)
        self.cat.update(row.url, state=state, reason=reason, retryable=0, **extra)
        return state, reason


class Crawler:
    def __init__(
        self,
        archive_dir: Path,
        config: CrawlConfig,
        since: date | None = None,
        max_articles: int | None = None,
        progress: bool = True,
        judicial_scorer: Scorer | None = None,
        summary: CrawlSummary | None = None,
    ):
        self.archive_dir = Path(archive_dir)
        self.config = config
        self.since = since
        self.max_articles = max_articles
        self.show_progress = progress
        self.scorer = judicial_scorer
        self.summary = summary or CrawlSummary(str(self.archive_dir))
        self._robots: dict[str, Robots] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}
        self._visited: set[str] = set()

    # -- documents that are not articles: robots.txt, sitemaps, feeds, sections ------------------------
    async def fetch_document(
        self,
        url: str,
        kind: str,
        site: Site | None,
        listing_type: str | None = None,
        check_robots: bool = True,
    ) -> tuple[FetchResult, bytes | None]:
        key = site.canonical(url) if site else canonicalize(url)
        fetch_url = site.clean(url) if site else url
        self.cat.discover(
            key, fetch_url, host_of(key), kind, site.name if site else None, listing_type=listing_type
        )
        row = self.cat.get(key)
        assert row is not None
        res = await self.fetcher.fetch(
            row.fetch_url, etag=row.etag, last_modified=row.last_modified, check_robots=check_robots
        )
        if res.error:
            self.cat.update(
                key,
                state="failed" if row.pointer is None else row.state,
                reason=res.error,
                attempts=row.attempts + 1,
            )
            missing_robots = kind == "robots" and res.status is not None and 400 <= res.status < 500
            if not res.disallowed and not missing_robots:
                log.warning("%s %s: %s", kind, url, res.error)
            return res, None
        if res.not_modified and row.pointer is not None:
            self.summary.listings_not_modified += 1
            self.cat.update(key, fetched_at=now())
            return res, read_response(self.archive_dir / "warc", row.pointer).body
        assert res.pointer is not None
        self.cat.update(
            key,
            state="fetched",
            reason=None,
            **_fetched_columns(res),
            attempts=row.attempts + 1,
        )
        return res, res.body

    async def robots_for(self, url: str) -> Robots:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin in self._robots:
            return self._robots[origin]
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin in self._robots:
                return self._robots[origin]
            if not self.config.respect_robots:
                robots = Robots.allow_all()
            else:
                res, body = await self.fetch_document(
                    origin + "/robots.txt", "robots", None, check_robots=False
                )
                if body is not None:
                    robots = Robots.from_text(decode_html(body), self.config.user_agent)
                elif res.status is not None and 400 <= res.status < 500:
                    robots = Robots.allow_all()
                else:
                    robots = Robots.block_all(f"robots.txt unreachable ({res.error})")
            self.fetcher.set_crawl_delay(parts.netloc, robots.crawl_delay)
            self._robots[origin] = robots
            return robots

    # -- discovery ------------------------------------------------------------------------------------
    def add_links(self, site: Site, links: list[Link], judicial: bool | None) -> tuple[int, int]:
        """Catalogue article links; returns (links kept, links older than --since)."""
        kept = old = 0
        for link in links:
            if not site.owns(link.url):
                continue
            if before(link.date, self.since):
                old += 1
                continue
            kept += 1
            key = site.canonical(link.url)
            lastmod = link.date.astimezone(UTC).isoformat() if link.date else None  # comparable strings
            if self.cat.discover(
                key,
                site.clean(link.url),
                host_of(key),
                "article",
                site.name,
                site.parser,
                judicial if site.judicial_filter else None,
                lastmod=lastmod,
            ):
                self.summary.host(host_of(key)).new += 1
        return kept, old

    async def discover_url(
        self, site: Site, url: str, judicial: bool | None, expect: str | None = None, depth: int = 0
    ) -> None:
        key = site.canonical(url)
        if key in self._visited or len(self._visited) > self.config.max_sitemaps * 4:
            return
        self._visited.add(key)
        res, body = await self.fetch_document(url, "listing", site, listing_type=expect or "auto")
        if body is None:
            return
        kind = sniff(body, res.content_type)
        try:
            if kind == "sitemap":
                found: Discovered = parse_sitemap(body)
                for child in found.children[: self.config.max_sitemaps]:
                    await self.discover_url(site, child, judicial, "sitemap", depth + 1)
                self.add_links(
                    site,
                    [lk for lk in found.links if site.is_article(lk.url) or not site.article_pattern],
                    judicial,
                )
            elif kind == "feed":
                self.add_links(site, parse_feed(body, res.final_url).links, judicial)
            elif kind == "html":
                page, current = 1, res.final_url
                while True:
                    found = parse_listing(
                        decode_html(body, res.headers.get("content-type", "")), current, site.is_article
                    )
                    kept, old = self.add_links(site, found.links, judicial)
                    nxt = found.next_page
                    # listings run newest first: once a page reaches items older than --since, stop
                    if (
                        not nxt
                        or old
                        or page >= self.config.max_listing_pages
                        or site.canonical(nxt) in self._visited
                    ):
                        break
                    self._visited.add(site.canonical(nxt))
                    page += 1
                    res, body = await self.fetch_document(nxt, "listing", site, listing_type="section")
                    if body is None:
                        break
                    current = res.final_url
            else:
                self.cat.update(
                    key, state="failed", reason=f"not a sitemap, feed or HTML page ({res.content_type})"
                )
        except ValueError as exc:
            self.cat.update(key, state="failed", reason=_first_line(str(exc)))
            log.warning("listing %s: %s", url, _first_line(str(exc)))

    async def discover_site(self, site: Site) -> None:
        robots = await self.robots_for(site.base)
        sitemap_judicial = not site.sitemaps_are_general  # site-wide sitemaps count as general listings
        sitemaps = list(site.sitemaps)
        if not site.start and site.robots_sitemaps:
            sitemaps += [
                s for s in robots.sitemaps if site.canonical(s) not in {site.canonical(x) for x in sitemaps}
            ]
        for sm in sitemaps:
            await self.discover_url(site, sm, sitemap_judicial, "sitemap")
        for feed in site.feeds:
            await self.discover_url(site, feed.url, feed.judicial, "feed")
        for section in site.sections:
            await self.discover_url(site, section.url, section.judicial, "section")
        for url in site.start:
            await self.discover_url(site, url, None if not site.judicial_filter else False)

    # -- articles -------------------------------------------------------------------------------------
    async def fetch_article(self, row: Row) -> None:
        hs = self.summary.host(row.host)
        revisit = row.revisit == 1 and row.state == "parsed"
        res = await self.fetcher.fetch(
            row.fetch_url,
            etag=row.etag if revisit else None,
            last_modified=row.last_modified if revisit else None,
        )
        attempts = row.attempts + 1
        if res.disallowed:
            self.cat.update(row.url, state="skipped", reason=res.error, attempts=attempts)
            hs.skipped += 1
            return
        if res.error:
            hs.failed += 1
            self.summary.failures.append((row.url, res.error))
            log.warning("failed %s: %s", row.url, res.error)
            if revisit:  # what was archived and parsed before stays as it is
                self.cat.update(row.url, revisit=0)
                return
            ptr = res.pointer
            self.cat.update(
                row.url,
                state="failed",
                reason=res.error,
                retryable=int(res.retryable),
                attempts=attempts,
                http_status=res.status,
                final_url=res.final_url,
                fetched_at=now(),
                **(
                    {"warc_file": ptr.file, "warc_offset": ptr.offset, "warc_length": ptr.length}
                    if ptr and row.pointer is None
                    else {}
                ),
            )
            return
        if res.not_modified:
            hs.not_modified += 1
            self.cat.update(row.url, revisit=0, fetched_at=now())
            return
        hs.fetched += 1
        assert res.pointer is not None
        self.cat.update(
            row.url,
            state="fetched",
            reason=None,
            retryable=0,
            attempts=attempts,
            revisit=0,
            **_fetched_columns(res),
        )
        fresh = self.cat.get(row.url)
        assert fresh is not None
        state, reason = self.processor.process(
            fresh, res.body, res.headers.get("content-type", ""), res.final_url
        )
        if state == "parsed":
            hs.parsed += 1
        elif state == "skipped":
            hs.skipped += 1
        else:
            hs.failed += 1
            self.summary.failures.append((row.url, reason or "failed"))

    async def run(self, sites: list[Site]) -> CrawlSummary:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.archive_dir.mkdir(parents=True, exist_ok=True)
        self.cat = Catalogue(self.archive_dir / "catalogue.sqlite")
        run_id = self.cat.start_run([s.name for s in sites])
        archive = WarcArchive(self.archive_dir / "warc", self.config.warc_max_bytes)
        self.processor = Processor(self.cat, self.config, self.since, self.scorer, {s.name: s for s in sites})
        progress = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            disable=not self.show_progress,
            transient=False,
        )
        try:
            async with Fetcher(
                self.config,
                archive,
                self.robots_for,
                on_exchange=lambda u, s, r, p: self.cat.log_fetch(u, s, r, p),
            ) as self.fetcher:
                with progress:
                    task = progress.add_task("discovering", total=None)
                    for site in sites:
                        progress.update(task, description=f"discovering {site.name}")
                        await self.discover_site(site)
                    hosts = set().union(*(s.hosts for s in sites)) if sites else set()
                    pending = self.cat.pending_articles({host_of("http://" + h) for h in hosts})
                    pending.sort(key=lambda r: r.lastmod or "", reverse=True)
                    if self.max_articles is not None:
                        pending = pending[: self.max_articles]
                    progress.update(task, description="fetching articles", total=len(pending), completed=0)
                    limit = asyncio.Semaphore(max(1, self.config.concurrency))

                    async def one(row: Row) -> None:
                        async with limit:
                            await self.fetch_article(row)
                        progress.advance(task)

                    await asyncio.gather(*(one(r) for r in pending))
            for url in self.processor.flagged:
                self.summary.host(host_of(url)).duplicate += 1
        except asyncio.CancelledError:
            self.summary.interrupted = True
            raise
        finally:
            archive.close()
            self.cat.finish_run(run_id, json.dumps(self.summary.to_dict(), ensure_ascii=False))
            self.cat.close()
        return self.summary


async def crawl_async(
    sources: list[str | Site],
    archive_dir: Path,
    since: date | None = None,
    max_articles: int | None = None,
    config: CrawlConfig | None = None,
    progress: bool = False,
    judicial_scorer: Scorer | None = None,
    summary: CrawlSummary | None = None,
) -> CrawlSummary:
    sites = [resolve_source(s) for s in sources]
    crawler = Crawler(
        Path(archive_dir), config or CrawlConfig(), since, max_articles, progress, judicial_scorer, summary
    )
    return await crawler.run(sites)


def crawl(
    sources: list[str | Site],
    archive_dir: Path,
    since: date | None = None,
    max_articles: int | None = None,
    config: CrawlConfig | None = None,
    progress: bool = True,
    judicial_scorer: Scorer | None = None,
) -> CrawlSummary:
    """Crawl `sources` into `archive_dir` (catalogue.sqlite + warc/). Ctrl-C stops cleanly: the summary
    comes back with `interrupted=True` and a re-run resumes."""
    summary = CrawlSummary(str(archive_dir))
    try:
        return asyncio.run(
            crawl_async(sources, archive_dir, since, max_articles, config, progress, judicial_scorer, summary)
        )
    except KeyboardInterrupt:
        summary.interrupted = True
        return summary


def reparse(
    archive_dir: Path, config: CrawlConfig | None = None, judicial_scorer: Scorer | None = None
) -> ReparseSummary:
    """Rebuild every article from the WARC archive alone (no network): after a parser fix, say.
    Duplicate flags are recomputed from scratch in discovery order."""
    archive_dir = Path(archive_dir)
    out = ReparseSummary(str(archive_dir))
    with Catalogue(archive_dir / "catalogue.sqlite") as cat:
        cat.db.execute(
            "UPDATE urls SET duplicate_of = NULL, duplicate_kind = NULL, text_hash = NULL, minhash = NULL"
            " WHERE kind = 'article'"
        )
        proc = Processor(cat, config or CrawlConfig(), None, judicial_scorer, {})
        for row in cat.rows("kind = 'article' AND warc_file IS NOT NULL"):
            if row.state == "skipped" and (row.reason or "").find(SINCE_REASON) >= 0:
                continue
            stored = read_response(archive_dir / "warc", row.pointer)
            if stored.status != 200:
                continue
            state, reason = proc.process(
                row, stored.body, stored.headers.get("content-type", ""), row.final_url or stored.url
            )
            if state == "parsed":
                out.parsed += 1
            elif state == "skipped":
                out.skipped += 1
            else:
                out.failed += 1
                out.failures.append((row.url, reason or "failed"))
        out.duplicate = len(proc.flagged)
    return out


def load_articles(archive_dir: Path, include_duplicates: bool = True) -> Iterator[tuple[str, Article]]:
    """(canonical URL, Article) for every parsed article in a crawl archive, in discovery order."""
    path = Path(archive_dir) / "catalogue.sqlite"
    if not path.exists():
        raise FileNotFoundError(f"no crawl catalogue at {path}")
    with Catalogue(path) as cat:
        for row in list(cat.parsed_rows()):
            if not include_duplicates and row.duplicate_of:
                continue
            yield row.url, Article.from_dict(json.loads(row.article_json))
