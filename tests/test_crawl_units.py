"""Crawl building blocks on realistic inputs: URL variants, listings of the sample site, dedup, charsets."""

from __future__ import annotations

import gzip
import json
import re
import unicodedata

import pytest

from newsmine.config import CORPORA_DIR
from newsmine.crawl.crawler import decode_html
from newsmine.crawl.dedup import Deduplicator
from newsmine.crawl.discovery import before, parse_feed, parse_listing, parse_sitemap, sniff
from newsmine.crawl.fetch import retry_after_seconds
from newsmine.crawl.robots import Robots
from newsmine.crawl.sources import REGISTRY, looks_like_article, resolve_source
from newsmine.crawl.urls import canonicalize

SITE = CORPORA_DIR / "sample_site" / "site"
BASE = "http://127.0.0.1:8765"
ARTICLES = {
    a["id"]: a for a in json.loads((CORPORA_DIR / "sample_site" / "articles.json").read_text("utf-8"))
}


def page(rel: str) -> bytes:
    return (SITE / rel).read_text("utf-8").replace("{BASE}", BASE).encode("utf-8")


def test_canonical_url_folds_tracking_slash_amp_and_mobile_variants():
    plo = REGISTRY["plo.vn"]
    canon = "https://plo.vn/vu-an-post874715.html"
    assert (
        plo.canonical("https://plo.vn/vu-an-post874715.html?utm_source=rss&utm_medium=referral#top") == canon
    )
    assert plo.canonical("https://plo.vn/vu-an-post874715.amp") == canon
    assert plo.canonical("HTTPS://PLO.VN:443/vu-an-post874715.html?fbclid=x&zarsrc=30") == canon
    assert canonicalize("https://plo.vn/phap-luat/") == canonicalize("https://plo.vn/phap-luat")
    assert (
        canonicalize("https://m.baophapluat.vn/a-b-c-d-123.html") == "https://baophapluat.vn/a-b-c-d-123.html"
    )
    # real query parameters survive, in a stable order
    assert canonicalize("https://x.vn/list?page=2&cat=7&utm_campaign=a") == "https://x.vn/list?cat=7&page=2"
    assert REGISTRY["vnexpress.net"].canonical("https://vnexpress.net/amp/bat-giu-4954454.html") == (
        "https://vnexpress.net/bat-giu-4954454.html"
    )


def test_sources_resolve_names_rebasing_and_generic_urls():
    assert resolve_source("plo.vn").parser == "plo.vn"
    sample = resolve_source(f"sample@{BASE}")
    assert sample.parser == "plo.vn" and sample.base == BASE
    assert {s.url for s in sample.sections} >= {f"{BASE}/phap-luat/", f"{BASE}/thoi-su/"}
    assert sample.sitemaps == (f"{BASE}/sitemap.xml",)
    generic = resolve_source("https://example.org/feed.xml")
    assert generic.start == ("https://example.org/feed.xml",) and generic.parser is None
    on_known_host = resolve_source("https://plo.vn/phap-luat/")
    assert on_known_host.parser == "plo.vn" and on_known_host.start == ("https://plo.vn/phap-luat/",)
    with pytest.raises(ValueError, match="unknown source"):
        resolve_source("no-such-site")


def test_article_url_recognition():
    plo = REGISTRY["plo.vn"]
    assert plo.is_article("https://plo.vn/vu-vay-ngan-hang-mua-biet-thu-post874715.html")
    assert not plo.is_article("https://plo.vn/phap-luat/")
    assert not plo.is_article("https://plo.vn/huy-an-so-tham-tag49968.html")
    assert looks_like_article("/thoi-su/quang-ngai-phat-dong-phong-trao-thi-dua.html")
    assert not looks_like_article("/phap-luat/")
    assert not looks_like_article("/tu-khoa.html")


def test_sitemap_index_gzipped_sitemap_and_news_dates():
    index = parse_sitemap(page("sitemap.xml"))
    assert index.children == [f"{BASE}/sitemaps/sitemap-news.xml", f"{BASE}/sitemaps/sitemap-archive.xml.gz"]
    archive = parse_sitemap(gzip.compress(page("sitemaps/sitemap-archive.xml")))
    assert sniff(gzip.compress(page("sitemaps/sitemap-archive.xml"))) == "sitemap"
    older = {a["id"] for a in ARTICLES.values() if a["published"] < "2025"}
    assert {int(link.url.split("-post")[1].split(".")[0]) for link in archive.links} == older
    news = parse_sitemap(page("sitemaps/sitemap-news.xml"))
    dated = {link.url: link.date for link in news.links}
    d = dated[f"{BASE}/{ARTICLES[1001]['slug']}-post1001.html"]
    assert d.isoformat() == "2025-03-09T08:30:00+07:00"


def test_feed_links_and_listing_pagination_with_dates():
    feed = parse_feed(page("rss/phap-luat.rss"), BASE)
    assert len(feed.links) == 5 and all("utm_source=rss" in link.url for link in feed.links)
    assert sniff(page("rss/phap-luat.rss"), "application/rss+xml") == "feed"
    plo_like = resolve_source(f"sample@{BASE}")
    first = parse_listing(page("phap-luat/index.html"), f"{BASE}/phap-luat/", plo_like.is_article)
    assert first.next_page == f"{BASE}/phap-luat/trang-2.html"
    assert len(first.links) == 4 and all(link.date is not None for link in first.links)
    last = parse_listing(
        page("phap-luat/trang-3.html"), f"{BASE}/phap-luat/trang-3.html", plo_like.is_article
    )
    assert last.next_page is None
    from datetime import date

    assert all(before(link.date, date(2025, 1, 1)) for link in last.links)


def test_robots_rules_and_crawl_delay_from_the_sample_site():
    robots = Robots.from_text(page("robots.txt").decode(), "newsmine/0.1")
    assert robots.crawl_delay == pytest.approx(0.2)
    assert not robots.allowed(f"{BASE}/noi-bo/ban-tin-noi-bo-post1095.html")
    assert robots.allowed(f"{BASE}/phap-luat/")
    assert robots.sitemaps == [f"{BASE}/sitemap.xml"]
    blocked = Robots.block_all("robots.txt unreachable (HTTP 503)")
    assert not blocked.allowed(f"{BASE}/") and "503" in blocked.why_not(f"{BASE}/")


def test_retry_after_parsing():
    assert retry_after_seconds("7") == 7.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after_seconds("soon") is None


def test_decode_html_survives_wrong_and_missing_charsets():
    text = "Chánh án TAND tỉnh Quảng Ngãi Phạm Quốc Hưng"
    html = f"<html><head><meta charset='utf-8'></head><body><p>{text}</p></body></html>"
    assert text in decode_html(html.encode("utf-8"), "text/html; charset=iso-8859-1")  # wrong header
    legacy = "<html><head><meta charset='windows-1258'></head><body><p>Tòa án tỉnh</p></body></html>"
    decoded = decode_html(
        unicodedata.normalize("NFD", legacy).encode("cp1258"), "text/html"
    )  # no header charset
    assert "Tòa án tỉnh" in unicodedata.normalize("NFC", decoded)


def test_dedup_flags_syndicated_copy_and_exact_copy_not_unrelated():
    body = {i: "\n\n".join(p for p in ARTICLES[i]["body"] if not p.startswith("[img]")) for i in ARTICLES}
    d = Deduplicator(threshold=0.8)
    assert d.check("a1007", body[1007])[:2] == (None, None)
    assert d.check("a1001", body[1001])[:2] == (None, None)
    assert d.check("a1008", body[1008])[:2] == ("a1007", "near")
    assert d.check("copy1001", body[1001].upper())[:2] == ("a1001", "exact")
    assert d.check("a1013", body[1013])[:2] == (None, None)  # same official, different story


def test_site_rules_on_real_plo_and_vnexpress_pages(shared_dir):
    """Article-link recognition and AMP folding on the saved real pages (read at test time, not copied)."""
    plo = REGISTRY["plo.vn"]
    amp_links = 0
    for path in sorted((shared_dir / "pages" / "plo.vn").glob("*.html")):
        html = path.read_text("utf-8")
        expected = json.loads(path.with_suffix(".expected.json").read_text("utf-8"))["url"]
        found = parse_listing(html, expected, plo.is_article)
        assert found.links, path.name
        assert all(re.search(r"-post\d+\.html$", link.url) for link in found.links)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1)
        assert plo.canonical(canonical) == plo.canonical(expected)
        amp = re.search(r'<link rel="amphtml" href="([^"]+)"', html)
        if amp:  # one of the two pages advertises an AMP twin
            assert plo.canonical(amp.group(1)) == plo.canonical(canonical)
            amp_links += 1
    assert amp_links == 1
    vne = REGISTRY["vnexpress.net"]
    links = [
        link
        for path in sorted((shared_dir / "pages" / "vnexpress.net").glob("*.html"))
        for link in parse_listing(path.read_text("utf-8"), "https://vnexpress.net/", vne.is_article).links
    ]
    assert links and all(re.search(r"-\d{6,}\.html$", link.url) for link in links)


def test_warc_rotates_by_size_and_pointers_read_back(tmp_path):
    from newsmine.crawl.warc import WarcArchive, read_response

    names = [f"{a['slug']}-post{a['id']}.html" for a in ARTICLES.values()]
    pages = {f"http://127.0.0.1/{name}": page(f"articles/{name}") for name in names}
    with WarcArchive(tmp_path, max_bytes=20_000) as warc:
        pointers = {
            url: warc.write_exchange(
                url,
                "GET",
                [("User-Agent", "newsmine/0.1")],
                200,
                "OK",
                [("Content-Type", "text/html; charset=utf-8")],
                body,
            )  # fmt: skip
            for url, body in pages.items()
        }
    assert len({p.file for p in pointers.values()}) > 1  # rotated
    for url, pointer in pointers.items():
        stored = read_response(tmp_path, pointer)
        assert (stored.url, stored.status, stored.body) == (url, 200, pages[url])
