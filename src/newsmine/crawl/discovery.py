"""Discovery: turn a fetched sitemap, feed or listing page into article links (pure functions, no I/O).

Sitemaps (indexes, gzipped, news sitemaps) go through ultimate-sitemap-parser's string parser, feeds
through feedparser, listing pages through lxml. Each link carries the best date the listing gives, so the
crawl can stop at --since without fetching old articles.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal
from urllib.parse import urljoin

import feedparser
import lxml.html
from usp.objects.sitemap import IndexXMLSitemap, InvalidSitemap
from usp.tree import sitemap_from_str

Kind = Literal["sitemap", "feed", "html", "unknown"]


@dataclass(frozen=True)
class Link:
    url: str
    date: datetime | None = None  # publication or lastmod, timezone-aware when known
    title: str | None = None


@dataclass
class Discovered:
    links: list[Link]
    children: list[str]  # child sitemaps to fetch next (sitemap index)
    next_page: str | None = None  # pagination of a listing page


def gunzip_if_needed(body: bytes) -> bytes:
    return gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body


def sniff(body: bytes, content_type: str = "") -> Kind:
    """What a fetched document is, from its start rather than trusting Content-Type."""
    head = gunzip_if_needed(body)[:2048].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if b"<html" in head or b"<!doctype html" in head or "html" in content_type:
        return "html"
    if "xml" in content_type:
        return "sitemap" if b"sitemap" in head else "feed"
    return "unknown"


def _aware(dt: datetime | None) -> datetime | None:
    if dt is None:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def parse_sitemap(body: bytes) -> Discovered:
    text = gunzip_if_needed(body).decode("utf-8", errors="replace")
    tree = sitemap_from_str(text)
    if isinstance(tree, IndexXMLSitemap):
        return Discovered(links=[], children=[s.url for s in tree.sub_sitemaps])
    if isinstance(tree, InvalidSitemap):
        raise ValueError(f"not a sitemap: {tree.reason}")
    links = []
    for page in tree.all_pages():
        when = (
            page.news_story.publish_date
            if page.news_story and page.news_story.publish_date
            else page.last_modified
        )
        title = page.news_story.title if page.news_story else None
        links.append(Link(page.url, _aware(when), title))
    return Discovered(links=links, children=[])


def parse_feed(body: bytes, base_url: str = "") -> Discovered:
    feed = feedparser.parse(body)
    if not feed.entries and feed.bozo:
        raise ValueError(f"not a feed: {feed.bozo_exception}")
    links = []
    for entry in feed.entries:
        href = entry.get("link")
        if not href:
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        when = datetime(*parsed[:6], tzinfo=UTC) if parsed else None
        links.append(Link(urljoin(base_url, href), when, entry.get("title")))
    return Discovered(links=links, children=[])


def _parse_dt(value: str | None) -> datetime | None:
    if not value:
        return None
    value = value.strip()
    if len(value) >= 24 and value[-5] in "+-" and value[-3] != ":":  # 2025-10-09T17:55:47+0700
        value = value[:-2] + ":" + value[-2:]
    try:
        return _aware(datetime.fromisoformat(value.replace("Z", "+00:00")))
    except ValueError:
        return None


def parse_listing(html: str | bytes, base_url: str, is_article) -> Discovered:
    """Article links of a section page (with the nearest <time datetime> per story) and its next page."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not html.strip():
        return Discovered(links=[], children=[])
    doc = lxml.html.fromstring(html)
    links: dict[str, Link] = {}
    for a in doc.iterfind(".//a[@href]"):
        href = urljoin(base_url, a.get("href", "").strip())
        if not href.startswith(("http://", "https://")) or not is_article(href):
            continue
        when = None
        story = next(
            (
                p
                for p in a.iterancestors()
                if p.tag in ("article", "li") or {"story", "item"} & set(p.get("class", "").split())
            ),
            None,
        )
        if story is not None:
            t = story.find(".//time[@datetime]")
            when = _parse_dt(t.get("datetime")) if t is not None else None
        title = (a.get("title") or a.text_content() or "").strip() or None
        if href not in links or (links[href].date is None and when is not None):
            links[href] = Link(href, when, title)
    next_page = None
    for xp in ('.//link[@rel="next"]', './/a[@rel="next"]', './/a[contains(@class, "next")]'):
        found = doc.find(xp) if not xp.startswith(".//a[contains") else next(iter(doc.xpath(xp)), None)
        if found is not None and found.get("href"):
            next_page = urljoin(base_url, found.get("href"))
            break
    return Discovered(links=list(links.values()), children=[], next_page=next_page)


def before(link_date: datetime | None, since: date | None) -> bool:
    """True when a link is known to be older than --since (undated links are never skipped here)."""
    return since is not None and link_date is not None and link_date.date() < since
