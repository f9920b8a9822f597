"""The archive built by the real pipeline (newsmine.analyze + classify_many, parse_html for HTML records)
from the invented fixture articles: who said what, profiles, campaigns and search hold end to end."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmine.cli import app
from newsmine.store.db import connect
from newsmine.store.profiles import campaign_profile, person_profile
from newsmine.store.quotes import find_quotes
from newsmine.store.search import search

FIXTURES = Path(__file__).parent / "data" / "store" / "articles.jsonl"

HTML = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Hải Phòng: hòa giải viên giỏi được khen thưởng</title>
<meta property="og:title" content="Hải Phòng: hòa giải viên giỏi được khen thưởng">
<meta property="article:published_time" content="2024-07-05T09:00:00+07:00"></head>
<body><header><nav><a href="/">Trang chủ</a> | <a href="/phap-luat">Pháp luật</a></nav></header>
<article><h1>Hải Phòng: hòa giải viên giỏi được khen thưởng</h1>
<p class="sapo">Sở Tư pháp TP Hải Phòng vừa tổng kết hội thi hòa giải viên giỏi năm 2024 với sự tham gia của
15 đội thi đến từ các quận, huyện.</p>
<p>Phát biểu bế mạc hội thi, Giám đốc Sở Tư pháp TP Hải Phòng Phạm Minh Tuấn cho biết hội thi là dịp để các
hòa giải viên trao đổi kinh nghiệm, nâng cao kỹ năng hòa giải ở cơ sở.</p>
<p>“Hòa giải tốt giúp giữ gìn tình làng nghĩa xóm và giảm áp lực cho tòa án”, ông Tuấn nhấn mạnh.</p>
<p>Ban tổ chức đã trao giải nhất cho đội thi huyện Thủy Nguyên, giải nhì cho đội thi quận Lê Chân.</p>
</article><footer>© Báo mẫu</footer></body></html>"""


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("pipeline")
    extra = tmp / "extra.jsonl"
    recs = [json.loads(line) for line in FIXTURES.read_text("utf-8").splitlines()]
    # the appointment article again, decomposed (NFD) and with control characters: NFC at the boundary
    odd = dict(
        recs[4], id="nd-2024-08-bonhiem-nfd", text=unicodedata.normalize("NFD", recs[4]["text"]) + "\x07"
    )
    rows = [
        odd,
        {"id": "hp-2024-07-hoagiai", "url": "https://tuphap-haiphong.example.vn/hoi-thi.html", "html": HTML},
    ]
    extra.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    path = tmp / "archive.db"
    res = CliRunner().invoke(app, ["index", str(FIXTURES), str(extra), "--db", str(path), "--json"])
    assert res.exit_code == 0, res.output
    stats = json.loads(res.stdout.splitlines()[-1])
    assert (stats["indexed"], stats["failed"]) == (7, 0), stats["errors"]
    return path


@pytest.fixture()
def conn(db: Path):
    c = connect(db, readonly=True)
    yield c
    c.close()


def test_reindex_through_the_cli_changes_nothing(db: Path):
    res = CliRunner().invoke(app, ["index", str(FIXTURES), "--db", str(db), "--json"])
    stats = json.loads(res.stdout.splitlines()[-1])
    assert (stats["indexed"], stats["unchanged"]) == (0, 5)


def test_quote_offsets_and_mentions_index_the_stored_text(conn):
    rows = conn.execute(
        'SELECT a.text, q.text, q.start, q."end" FROM quotes q JOIN articles a USING (doc_id)'
    ).fetchall()
    assert len(rows) >= 6
    assert all(text[s:e] == qt for text, qt, s, e in rows)
    for text, s, e in conn.execute(
        'SELECT a.text, m.start, m."end" FROM mentions m JOIN articles a USING (doc_id)'
    ):
        assert 0 <= s < e <= len(text) and text[s:e].strip()
    text = conn.execute("SELECT text FROM articles WHERE id = 'nd-2024-08-bonhiem-nfd'").fetchone()[0]
    assert unicodedata.is_normalized("NFC", text)


def test_who_said_what_by_short_name(conn):
    full = find_quotes(conn, "Trần Văn Bình")
    short = find_quotes(conn, "ông Bình")
    assert [q.quote_id for q in short] == [q.quote_id for q in full]
    assert len({q.id for q in full}) >= 3  # he is quoted in at least three fixture articles
    assert all("Bình" in (q.person or q.speaker) for q in full)
    assert {q.id for q in find_quotes(conn, "Bình", contains="hoa giai")} == {"nd-2024-05-hoagiai"}
    tuan = find_quotes(conn, "ông Tuấn")  # the HTML record went through parse_html
    assert (
        tuan
        and tuan[0].id == "hp-2024-07-hoagiai"
        and "tình làng nghĩa xóm" in " ".join(q.text for q in tuan)
    )


def test_person_profile_has_titles_over_time(conn):
    p = person_profile(conn, "Bình")
    assert p["name"] == "Trần Văn Bình"
    titles = [r["title"] for r in p["roles"]]  # ordered by first date: promoted in August
    assert titles[0] == "Phó Giám đốc" and titles[-1] == "Giám đốc"
    assert p["roles"][-1]["first"] == "2024-08-15"
    assert p["article_count"] >= 4
    months = [t["month"] for t in p["timeline"]]
    assert months[0] == "2024-03" and months[-1] == "2024-08" and len(months) == 6


def test_campaign_has_one_id_across_articles(conn):
    c = campaign_profile(conn, "chung sức góp phần xây dựng nông thôn mới")
    assert c is not None
    assert {"nd-2024-03-thidua", "nd-2024-08-bonhiem"} <= {a["id"] for a in c["articles"]}
    assert campaign_profile(conn, c["campaign_id"])["name"] == c["name"]


def test_folded_search_and_themes(conn):
    a = [h.id for h in search(conn, "TƯ PHÁP")]
    assert a == [h.id for h in search(conn, "tu phap")] and "hp-2024-07-hoagiai" in a
    for article_id, themes in conn.execute("SELECT id, themes FROM articles"):
        sql = "SELECT theme FROM article_themes JOIN articles USING (doc_id) WHERE id = ?"
        stored = {r[0] for r in conn.execute(sql, (article_id,))}
        assert stored == set(json.loads(themes))
    assert conn.execute("SELECT count(*) FROM articles WHERE judicial IS NULL").fetchone()[0] == 0


def test_index_a_crawl_archive_of_the_sample_site(tmp_path: Path):
    """crawl (bundled sample site on 127.0.0.1) -> archive -> `newsmine index ARCHIVE` -> who said what."""
    from newsmine.config import CrawlConfig
    from newsmine.crawl import SampleSite, crawl, load_articles

    archive = tmp_path / "archive"
    with SampleSite(crawl_delay=0.0) as site:
        crawl([f"sample@{site.base_url}"], archive, progress=False,
              config=CrawlConfig(delay=0.0, timeout=2.0, max_retries=0, backoff=0.0))  # fmt: skip
    parsed = dict(load_articles(archive))
    assert len(parsed) >= 10
    db = tmp_path / "archive.db"
    res = CliRunner().invoke(app, ["index", str(archive), "--db", str(db), "--json"])
    assert res.exit_code == 0, res.output
    stats = json.loads(res.stdout.splitlines()[-1])
    assert stats["indexed"] == len(parsed) and stats["failed"] == 0
    conn = connect(db, readonly=True)
    assert {r[0] for r in conn.execute("SELECT id FROM articles")} == set(parsed)
    rows = conn.execute(
        'SELECT a.text, q.text, q.start, q."end" FROM quotes q JOIN articles a USING (doc_id)'
    ).fetchall()
    assert rows and all(text[s:e] == qt for text, qt, s, e in rows)
    first = next(iter(parsed.values()))
    hits = search(conn, f'"{first.title}"')
    assert hits and hits[0].title == first.title
