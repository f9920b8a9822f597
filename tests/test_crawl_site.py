"""The crawler end to end against the bundled sample site served on 127.0.0.1 (no other network)."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsmine.config import CORPORA_DIR, CrawlConfig
from newsmine.crawl import SampleSite, crawl, crawl_async, load_articles, reparse
from newsmine.crawl.sources import Listing, Site
from newsmine.crawl.warc import iter_records

ARTICLES = {
    a["id"]: a for a in json.loads((CORPORA_DIR / "sample_site" / "articles.json").read_text("utf-8"))
}
FAST = CrawlConfig(delay=0.0, timeout=0.5, max_retries=1, backoff=0.05, max_page_bytes=1_000_000)
JUDICIAL_WORDS = ("tòa", "tư pháp", "công an", "vksnd", "thi hành án", "kiểm sát")


def keyword_scorer(calls: list[str]):
    """A stand-in judicial classifier (the real one belongs to the classify stage); records what it sees."""

    def score(texts: list[str]) -> list[float]:
        calls.extend(texts)
        return [0.9 if any(w in t.lower() for w in JUDICIAL_WORDS) else 0.1 for t in texts]

    return score


def post_id(url: str) -> int:
    return int(re.search(r"-post(\d+)\.html", url).group(1))


def states(archive: Path) -> dict[str, tuple[str, str | None]]:
    db = sqlite3.connect(archive / "catalogue.sqlite")
    try:
        return {
            u: (s, r) for u, s, r in db.execute("SELECT url, state, reason FROM urls WHERE kind = 'article'")
        }
    finally:
        db.close()


@pytest.fixture(scope="module")
def site():
    with SampleSite(crawl_delay=0.0, slow_seconds=1.5) as running:
        yield running


@pytest.fixture(scope="module")
def crawled(site, tmp_path_factory):
    archive = tmp_path_factory.mktemp("archive")
    calls: list[str] = []
    start = len(site.requests)
    summary = crawl(
        [f"sample@{site.base_url}"],
        archive,
        config=FAST,
        progress=False,
        judicial_scorer=keyword_scorer(calls),
    )
    return archive, summary, calls, site.requests[start:]


def test_crawl_collects_every_sample_article_once(crawled, site):
    archive, summary, calls, hits = crawled
    arts = dict(load_articles(archive))
    by_id: dict[int, list[str]] = {}
    for url in arts:
        by_id.setdefault(post_id(url), []).append(url)
    judicial_ids = set(ARTICLES) - {1010, 1011}  # festival and weather, found only in a general section
    assert set(by_id) == judicial_ids
    assert len(by_id[1004]) == 2 and all(len(v) == 1 for k, v in by_id.items() if k != 1004)
    a1001 = arts[f"{site.base_url}/{ARTICLES[1001]['slug']}-post1001.html"]
    assert a1001.title == ARTICLES[1001]["title"]
    assert a1001.published.startswith("2025-03-09T08:30:00")
    assert "ông Lực nhấn mạnh" in a1001.text
    a1005 = next(a for u, a in arts.items() if post_id(u) == 1005)  # served with a wrong charset header
    assert a1005.title == ARTICLES[1005]["title"]
    tot = summary.totals
    assert (tot.parsed, tot.duplicate) == (len(judicial_ids) + 1, 2)
    # the general-section articles were scored, the judicial-section ones were not
    assert any(ARTICLES[1010]["title"] in t for t in calls) and not any(
        ARTICLES[1001]["title"] in t for t in calls
    )
    st = states(archive)
    skipped = {post_id(u): r for u, (s, r) in st.items() if s == "skipped"}
    assert skipped[1010] == skipped[1011] == "not judicial (p=0.10)"
    assert skipped[1095] == "disallowed by robots.txt"
    # every request identified itself, none went where robots.txt forbids
    assert all(h.headers.get("user-agent", "").startswith("newsmine/") for h in hits)
    assert not [h for h in hits if "/noi-bo/" in h.path]


def test_bad_pages_fail_with_one_line_reasons_and_the_crawl_goes_on(crawled):
    archive, summary, _, _ = crawled
    failed = {post_id(u): r for u, (s, r) in states(archive).items() if s == "failed"}
    assert failed[1015] == "empty body"
    assert failed[1097].startswith("redirect loop: ") and failed[1097].count(" -> ") == 2
    assert failed[1098] == "HTTP 500 after 2 attempts"
    assert failed[1099] == "timeout after 0.5s"
    assert set(failed) == {1015, 1097, 1098, 1099}
    assert all("\n" not in r for r in failed.values())
    assert {u for u, _ in summary.failures} == {u for u, (s, _) in states(archive).items() if s == "failed"}


def test_variants_of_one_article_are_canonicalised_and_copies_flagged(crawled, site):
    archive, _, _, hits = crawled
    # the RSS links carry utm_* and the home page links the AMP twin: neither variant is ever fetched
    assert not [h for h in hits if "utm_" in h.path or h.path.endswith(".amp")]
    assert len([h for h in hits if h.path.endswith("-post1001.html")]) == 1
    db = sqlite3.connect(archive / "catalogue.sqlite")
    flags = {
        post_id(u): (d and post_id(d), k)
        for u, d, k in db.execute(
            "SELECT url, duplicate_of, duplicate_kind FROM urls WHERE duplicate_of IS NOT NULL"
        )
    }
    aliases = [u for (u,) in db.execute("SELECT url FROM urls WHERE url LIKE '%-post1004.html'")]
    db.close()
    assert flags[1008] == (1007, "near")  # the syndicated copy in another section
    assert flags[1004] == (1004, "exact")  # the same article under an old slug
    assert len(flags) == 2 and len(aliases) == 2


def test_warc_holds_request_and_response_headers_and_bodies(crawled):
    archive, _, _, _ = crawled
    records = list(iter_records(archive / "warc"))
    responses = {r.url: r for r in records if r.type == "response" and r.status == "200"}
    requests = {r.url: r for r in records if r.type == "request"}
    url = next(u for u in responses if u.endswith("-post1013.html"))
    assert ARTICLES[1013]["title"] in responses[url].body.decode("utf-8")
    assert responses[url].http_headers.get_header("ETag")
    assert responses[url].http_headers.get_header("Content-Type") == "text/html; charset=utf-8"
    assert responses[url].http_headers.get_header("Content-Encoding") == "gzip"  # raw bytes as received
    assert requests[url].http_headers.get_header("User-Agent").startswith("newsmine/")
    req_line = requests[url].http_headers
    assert req_line.protocol == "GET" and req_line.statusline.startswith("/quang-ngai-tuyen-duong")
    assert requests[url].warc_headers.get_header("WARC-Concurrent-To") == responses[
        url
    ].warc_headers.get_header("WARC-Record-ID")
    # the 500s and redirects are archived too
    assert {"200", "302", "500"} <= {r.status for r in records if r.type == "response"}


def test_second_run_fetches_nothing_old(crawled, site):
    archive, first, _, _ = crawled
    before = states(archive)
    start = len(site.requests)
    summary = crawl(
        [f"sample@{site.base_url}"], archive, config=FAST, progress=False, judicial_scorer=keyword_scorer([])
    )
    hits = site.requests[start:]
    assert summary.totals.new == 0 and summary.totals.fetched == 0 and summary.totals.parsed == 0
    article_hits = {h.path for h in hits if re.search(r"-post\d+\.html$", h.path)}
    # only the transient failures are tried again (500 and timeout), nothing already archived
    assert article_hits == {p for p in article_hits if re.search(r"-post(1098|1099)\.html$", p)}
    conditional = [h for h in hits if "if-none-match" in h.headers]
    assert conditional and all(h.status == 304 for h in conditional)
    assert summary.listings_not_modified == len(conditional)
    after = states(archive)
    assert {u: s for u, s in after.items() if s[0] == "parsed"} == {
        u: s for u, s in before.items() if s[0] == "parsed"
    }


def test_reparse_rebuilds_the_same_articles_without_network(crawled, tmp_path):
    archive, _, _, _ = crawled
    original = dict(load_articles(archive))
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "warc").symlink_to(archive / "warc", target_is_directory=True)
    src = sqlite3.connect(archive / "catalogue.sqlite")
    dst = sqlite3.connect(copy / "catalogue.sqlite")
    src.backup(dst)
    src.close()
    dst.execute("UPDATE urls SET article_json = NULL, state = 'fetched' WHERE state = 'parsed'")
    dst.commit()
    dst.close()
    result = reparse(copy, config=FAST.__class__(), judicial_scorer=keyword_scorer([]))
    rebuilt = dict(load_articles(copy))
    assert rebuilt.keys() == original.keys()
    assert all(rebuilt[u].to_dict() == original[u].to_dict() for u in original)
    assert result.duplicate == 2 and result.failed == 1  # the empty page, as in the crawl


def test_interrupted_crawl_resumes_without_losing_anything(site, crawled, tmp_path):
    full = {u for u, _ in load_articles(crawled[0])}
    archive = tmp_path / "resume"
    scorer = keyword_scorer([])
    crawl(
        [f"sample@{site.base_url}"],
        archive,
        config=FAST,
        max_articles=4,
        progress=False,
        judicial_scorer=scorer,
    )
    touched = [u for u, (st, _) in states(archive).items() if st != "discovered"]
    assert len(touched) == 4
    after_first = {u for u, _ in load_articles(archive)}

    async def cancelled_midway():
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(
                crawl_async(
                    [f"sample@{site.base_url}"],
                    archive,
                    config=replace(FAST, delay=0.05),
                    judicial_scorer=scorer,
                ),
                timeout=0.8,
            )

    asyncio.run(cancelled_midway())
    middle = {u for u, _ in load_articles(archive)}
    assert after_first <= middle and len(middle) < len(full)
    crawl([f"sample@{site.base_url}"], archive, config=FAST, progress=False, judicial_scorer=scorer)
    assert {u for u, _ in load_articles(archive)} == full
    # nothing was fetched twice across the three runs
    db = sqlite3.connect(archive / "catalogue.sqlite")
    twice = db.execute(
        "SELECT url, COUNT(*) FROM fetches WHERE status = 200 AND url LIKE '%-post10__.html' "
        "GROUP BY url HAVING COUNT(*) > 1"
    ).fetchall()
    db.close()
    assert twice == []


def test_since_stops_discovery_before_old_articles(site, tmp_path):
    start = len(site.requests)
    crawl(
        [f"sample@{site.base_url}"],
        tmp_path / "since",
        since=date(2025, 1, 1),
        config=FAST,
        progress=False,
        judicial_scorer=keyword_scorer([]),
    )
    hits = site.requests[start:]
    arts = dict(load_articles(tmp_path / "since"))
    assert arts and all(a.published >= "2025-01-01" for a in arts.values())
    old_ids = {i for i, a in ARTICLES.items() if a["published"] < "2025"}
    assert not [
        h
        for h in hits
        if re.search(r"-post(\d+)\.html", h.path)
        and int(re.search(r"-post(\d+)\.html", h.path).group(1)) in old_ids
    ]
    assert not [h for h in hits if "/phap-luat/trang-3.html" in h.path]  # pagination stopped at old items


def test_robots_crawl_delay_is_honoured(tmp_path):
    with SampleSite(crawl_delay=0.3) as slow_site:
        base = slow_site.base_url
        only_section = Site(
            name="sample-section",
            base=base,
            parser="plo.vn",
            sections=(Listing(f"{base}/phap-luat/", "Pháp luật", True),),
            article_pattern=r"-post\d+\.html$",
            robots_sitemaps=False,
        )
        crawl(
            [only_section],
            tmp_path / "a",
            max_articles=3,
            config=replace(FAST, delay=0.0, max_listing_pages=1),
            progress=False,
        )
        times = [h.at for h in slow_site.requests]
    assert len(times) == 5  # robots.txt, one section page, three articles
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.27


def test_awkward_responses(tmp_path):
    with SampleSite(crawl_delay=0.0, slow_seconds=1.5) as s:
        base = s.base_url
        bad = Site(
            name="sample-test",
            base=base,
            parser="plo.vn",
            sections=(Listing(f"{base}/test/", "x", True),),
            article_pattern=r"^/test/.+|-post\d+\.html$",
            robots_sitemaps=False,
        )
        cfg = replace(FAST, max_retries=2)
        summary = crawl([bad], tmp_path / "bad", config=cfg, progress=False)
        hits = list(s.requests)
    st = {u.rsplit("/", 1)[-1]: v for u, v in states(tmp_path / "bad").items()}
    assert st["qua-tai.html"][0] == "parsed"  # 429 then 200
    waits = [h.at for h in hits if h.path == "/test/qua-tai.html"]
    assert len(waits) == 2 and waits[1] - waits[0] >= 0.95  # Retry-After: 1 honoured
    assert st["tam-ngung.html"][0] == "parsed"  # 503, 503, then 200 with backoff
    assert st["da-go.html"] == ("failed", "HTTP 410 gone")
    assert st["khong-ton-tai.html"] == ("failed", "HTTP 404 not found")
    assert st["tai-lieu.pdf"] == ("failed", "not HTML (application/pdf)")
    assert st["trang-khong-lo.html"][0] == "failed" and st["trang-khong-lo.html"][1].startswith(
        "page too large"
    )
    assert st["loi-500.html"] == ("failed", "HTTP 500 after 3 attempts")
    assert st["bi-chan.html"] == ("skipped", "disallowed by robots.txt")
    assert st["cham-phan-hoi-post1099.html"] == ("failed", "timeout after 0.5s")
    assert st["vong-lap-chuyen-huong-post1097.html"][1].startswith("redirect loop")
    assert st["chuyen-huong.html"][0] == "parsed"  # a plain redirect is followed
    assert not [h for h in hits if "/disallowed/" in h.path]
    assert summary.totals.duplicate == 1  # the redirect and the 429 page both lead to article 1012


def test_cli_crawl_and_reparse(site, tmp_path):
    from typer.testing import CliRunner

    from newsmine.cli import app

    runner = CliRunner()
    out = runner.invoke(
        app,
        [
            "crawl",
            f"sample@{site.base_url}",
            "--archive",
            str(tmp_path),
            "--since",
            "2025-10-01",
            "--delay",
            "0",
            "--quiet",
            "--json",
        ],
    )
    assert out.exit_code == 0, out.output
    summary = json.loads(out.stdout)
    assert summary["totals"]["parsed"] == 1 and not summary["interrupted"]
    again = runner.invoke(app, ["reparse", "--archive", str(tmp_path)])
    assert again.exit_code == 0 and json.loads(again.stdout)["parsed"] == summary["totals"]["parsed"]
    bad = runner.invoke(app, ["crawl", "no-such-site", "--archive", str(tmp_path), "--quiet"])
    assert bad.exit_code != 0 and "unknown source" in bad.output


def test_changed_article_is_refetched_by_lastmod_and_new_one_found(tmp_path):
    """A sitemap lastmod bump re-fetches that article (conditional GET, new content -> 200); a newly
    published article is picked up; everything else stays untouched."""
    import shutil

    root = tmp_path / "site"
    shutil.copytree(CORPORA_DIR / "sample_site" / "site", root)
    with SampleSite(root=root, crawl_delay=0.0, slow_seconds=1.5) as s:
        source = [f"sample@{s.base_url}"]
        archive = tmp_path / "archive"
        crawl(source, archive, config=FAST, progress=False, judicial_scorer=keyword_scorer([]))
        art = next((root / "articles").glob("*-post1007.html"))
        art.write_text(art.read_text("utf-8").replace("suốt bốn tháng", "suốt năm tháng"), "utf-8")
        new = root / "articles" / "ban-tin-moi-post1016.html"
        new.write_text(art.read_text("utf-8").replace("Triệt phá", "Cập nhật: triệt phá"), "utf-8")
        sm = root / "sitemaps" / "sitemap-news.xml"
        text = sm.read_text("utf-8").replace(
            "post1007.html</loc><lastmod>2025-08-14T20:15:00+07:00",
            "post1007.html</loc><lastmod>2025-08-16T09:00:00+07:00",
        )
        text = text.replace(
            "</urlset>",
            "<url><loc>{BASE}/ban-tin-moi-post1016.html</loc>"
            "<lastmod>2025-10-03T08:00:00+07:00</lastmod></url>\n</urlset>",
        )
        sm.write_text(text, "utf-8")
        start = len(s.requests)
        summary = crawl(source, archive, config=FAST, progress=False, judicial_scorer=keyword_scorer([]))
        hits = [h.path for h in s.requests[start:] if re.search(r"-post10(0\d|1[0-6])\.html$", h.path)]
    assert sorted(re.search(r"post(\d+)", p).group(1) for p in hits) == ["1007", "1016"]
    assert summary.totals.new == 1 and summary.totals.fetched == 2
    arts = {post_id(u): a for u, a in load_articles(archive)}
    assert "suốt năm tháng" in arts[1007].text
    db = sqlite3.connect(archive / "catalogue.sqlite")
    archived_1007 = db.execute(
        "SELECT COUNT(*) FROM fetches WHERE status = 200 AND url LIKE '%-post1007.html'"
    )
    assert archived_1007.fetchone()[0] == 2  # the first version is still in the WARC archive
    db.close()


def test_unreachable_host_is_a_recorded_failure_not_a_crash(tmp_path):
    cfg = replace(FAST, max_retries=1, backoff=0.01, timeout=0.5)
    summary = crawl(["http://127.0.0.1:9/sitemap.xml"], tmp_path, config=cfg, progress=False)
    assert summary.totals.fetched == 0
    db = sqlite3.connect(tmp_path / "catalogue.sqlite")
    rows = dict(db.execute("SELECT kind, reason FROM urls"))
    db.close()
    assert rows["robots"].startswith("network error") and rows["listing"].startswith("robots.txt unreachable")


def test_generic_feed_url_uses_the_generic_parser_without_judicial_filter(site, tmp_path):
    summary = crawl([f"{site.base_url}/rss/phap-luat.rss"], tmp_path, config=FAST, progress=False)
    arts = dict(load_articles(tmp_path))
    assert summary.totals.parsed == len(arts) == 5  # the feed's five items, tracking parameters stripped
    assert all("utm_" not in u for u in arts)
    assert {a.title for a in arts.values()} <= {a["title"] for a in ARTICLES.values()}
