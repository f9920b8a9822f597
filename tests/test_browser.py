"""The HTML search and person pages in a real headless browser (Debian chromium driven by playwright),
against uvicorn serving an archive built by the real pipeline from the fixture articles.

Skips (with the reason) when /usr/bin/chromium is absent, except under CI=true where it must run.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from newsmine.store.db import connect
from newsmine.store.fold import fold
from newsmine.store.index import index_paths
from newsmine.store.profiles import person_profile
from newsmine.store.search import search

CHROMIUM = Path("/usr/bin/chromium")
FIXTURES = Path(__file__).parent / "data" / "store" / "articles.jsonl"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and os.environ.get("CI") != "true",
    reason="browser test needs Debian chromium at /usr/bin/chromium (apt-get install -y chromium)",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("browser") / "archive.db"
    conn = connect(path)
    stats = index_paths(conn, [FIXTURES])  # real extraction + classification
    conn.close()
    assert stats.indexed == 5, stats.errors
    return path


@pytest.fixture(scope="module")
def server(archive: Path):
    import uvicorn

    from newsmine.api.app import create_app

    port = _free_port()
    srv = uvicorn.Server(
        uvicorn.Config(create_app(archive), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def page(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        pg = browser.new_page()
        pg.set_default_timeout(15000)
        yield pg
        browser.close()


def test_search_page_folds_and_highlights(page, server: str, archive: Path):
    page.goto(server + "/")
    page.fill("#q", "TƯ PHÁP")
    page.press("#q", "Enter")
    page.wait_for_selector("li.hit")
    shown = page.eval_on_selector_all("li.hit", "els => els.map(e => e.dataset.id)")
    conn = connect(archive, readonly=True)
    expected = [h.id for h in search(conn, "tu phap", limit=50)]
    assert shown == expected and len(shown) >= 3
    marks = page.eval_on_selector_all("li.hit mark", "els => els.map(e => e.textContent)")
    assert marks and all(fold(m) in {"tu", "phap", "tu phap"} for m in marks)  # words are ANDed
    assert "Tư pháp" in marks  # the highlight is on the accented original text
    # the same results for the unaccented query
    page.fill("#q", "tu phap")
    page.press("#q", "Enter")
    page.wait_for_selector("li.hit")
    assert page.eval_on_selector_all("li.hit", "els => els.map(e => e.dataset.id)") == expected


def test_search_page_reports_a_malformed_query(page, server: str):
    page.goto(server + "/")
    page.fill("#q", '"thi đua')
    page.press("#q", "Enter")
    alert = page.wait_for_selector("p.error")
    assert "malformed query" in alert.inner_text()
    assert page.query_selector("li.hit") is None


def test_person_page_shows_each_quote_highlighted_in_its_article(page, server: str, archive: Path):
    conn = connect(archive, readonly=True)
    profile = person_profile(conn, "Trần Văn Bình", limit=200)
    assert profile and profile["quotes"], "the pipeline found no quote by Trần Văn Bình in the fixtures"
    page.goto(server + "/")
    page.fill("#name", "ông Bình")  # the short form, as a reader would type it
    page.press("#name", "Enter")
    page.wait_for_selector("#person-name")
    assert page.inner_text("#person-name") == profile["name"]
    items = page.query_selector_all("li.quote")
    assert len(items) == len(profile["quotes"])
    for item, quote in zip(items, profile["quotes"], strict=True):
        mark = item.query_selector("mark.quote")
        assert mark is not None and mark.is_visible()
        assert mark.text_content() == quote["text"]
        evidence = item.query_selector("blockquote.evidence").text_content()
        assert len(evidence) > len(quote["text"])  # the quote is shown inside its surrounding text
        bg = mark.evaluate("e => getComputedStyle(e).backgroundColor")
        assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
        if quote["speaker_start"] is not None:
            assert item.query_selector("mark.speaker") is not None
    # follow the first quote to its article: the same statement is marked there
    first = profile["quotes"][0]
    items[0].query_selector("div.meta a").click()
    page.wait_for_selector(f"mark.quote#q{first['quote_id']}")
    assert page.text_content(f"mark.quote#q{first['quote_id']}") == first["text"]
