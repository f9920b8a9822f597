"""Store mechanics with scripted facts: folding, FTS query building, idempotent and atomic indexing,
WAL readers, search filters, quote lookup by short names, profiles and exports.

The facts here are written by hand for the fixture articles (SCRIPTED below), so each assertion tests the
store, not the extractor; tests/test_store_pipeline.py runs the same archive through the real pipeline.
"""

from __future__ import annotations

import csv
import json
import re
import sqlite3
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsmine.cli import app
from newsmine.store.db import StoreError, connect
from newsmine.store.export import export_db
from newsmine.store.fold import fold
from newsmine.store.index import index_paths, index_records, read_jsonl
from newsmine.store.profiles import body_profile, campaign_profile, person_profile
from newsmine.store.quotes import find_quotes
from newsmine.store.search import QueryError, build_match, find_spans, parse_query, search
from newsmine.types import Article, Classification, DateFact, Entity, Facts, Official, Quote

FIXTURES = Path(__file__).parent / "data" / "store" / "articles.jsonl"

# person -> (surface forms as written in the fixtures, title, body); a title change is scripted for the
# appointment article so "titles over time" has something to show.
SCRIPTED = {
    "Trần Văn Bình": (["Trần Văn Bình", "ông Bình", "Ông Bình"], "Phó Giám đốc", "Sở Tư pháp tỉnh Nam Định"),
    "Nguyễn Thị Hoa": (
        ["Nguyễn Thị Hoa", "Bà Hoa"],
        "Cục trưởng",
        "Cục Thi hành án dân sự thành phố Hải Phòng",
    ),
    "Lê Quang Hưng": (["Lê Quang Hưng", "Thượng tá Hưng"], "Phó Trưởng", "Công an huyện Hải Hậu"),
}
BODIES = ["Sở Tư pháp tỉnh Nam Định", "Công an huyện Hải Hậu", "Ủy ban nhân dân tỉnh Nam Định"]
CAMPAIGN = "Ngành Tư pháp chung sức góp phần xây dựng nông thôn mới"


def _spans(text: str, s: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(s), text)]


def scripted_analyze(text: str, published: str | None = None) -> Facts:
    """Facts for the fixture texts, found by exact string search (no NLP: the store is under test)."""
    officials = []
    for name, (forms, title, body) in SCRIPTED.items():
        mentions = sorted(sp for f in forms for sp in _spans(text, f))
        if mentions:
            if name == "Trần Văn Bình" and "bổ nhiệm" in text:
                title = "Giám đốc"
            officials.append(Official(name, title, body, mentions))
    quotes = []
    for m in re.finditer("“([^”]+)”", text):
        if m.group(1) == CAMPAIGN:
            continue
        near = min(
            ((abs(s - m.start()), o) for o in officials for s, _ in o.mentions),
            default=None,
            key=lambda x: x[0],
        )
        who = near[1] if near else None
        quotes.append(
            Quote(
                who.name if who else None,
                m.group(1),
                "direct",
                m.start(1),
                m.end(1),
                who.title if who else None,
                who.body if who else None,
                "nói",
            )
        )
    return Facts(
        text_length=len(text),
        officials=officials,
        bodies=[Entity(b, _spans(text, b)) for b in BODIES if b in text],
        places=[Entity("Nam Định", _spans(text, "Nam Định"), type="tinh")] if "Nam Định" in text else [],
        dates=[
            DateFact(m.group(0), f"2024-{int(m.group(2)):02d}-{int(m.group(1)):02d}", m.start(), m.end())
            for m in re.finditer(r"\b(\d{1,2})/(\d{1,2})\b", text)
        ],
        campaigns=[Entity(CAMPAIGN, _spans(text, CAMPAIGN), id="nganh-tu-phap-ntm")]
        if CAMPAIGN in text
        else [],
        quotes=quotes,
    )


def scripted_classify(
    texts: list[str], ids: list[str] | None = None, campaigns: list | None = None
) -> list[Classification]:
    rules = [
        ("thi-dua-khen-thuong", "thi đua"),
        ("tran-ap-toi-pham", "ma túy"),
        ("thi-hanh-an", "thi hành án"),
    ]
    out = []
    for text in texts:
        themes = [t for t, w in rules if w in text.lower()]
        out.append(Classification(themes, {t: 0.9 for t in themes}, 0.8))
    return out


SCRIPTS = {"analyzer": scripted_analyze, "classifier": scripted_classify}


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    conn = connect(path)
    stats = index_paths(conn, [FIXTURES], **SCRIPTS)
    assert (stats.indexed, stats.failed) == (5, 0), stats.errors
    conn.close()
    return path


@pytest.fixture()
def conn(db: Path):
    c = connect(db, readonly=True)
    yield c
    c.close()


# ------------------------------------------------------------------------------------------- folding


def test_fold_is_length_preserving_and_accent_blind():
    for a, b in [("Tư pháp", "TƯ PHÁP"), ("Đồng chí", "dong CHI"), ("Đắk Lắk", "dak lak"), ("Hòa", "hoà")]:
        assert fold(a) == fold(b)
    text = "Phó Giám đốc Sở Tư pháp tỉnh Nam Định\x02 Trần Văn Bình"
    assert len(fold(text)) == len(text)
    assert fold(text).startswith("pho giam doc so tu phap tinh nam dinh")
    assert "\x02" not in fold(text)  # control characters never collide with highlight markers


def test_build_match_folds_words_and_keeps_operators():
    assert build_match("Tư pháp") == "tu phap"
    assert build_match('"TƯ PHÁP" OR hòa*') == '"tu phap" OR hoa*'
    assert build_match("TP.HCM 9/3") == '"tp hcm" "9 3"'
    assert build_match("title:đợt (a NOT b)") == "title : dot ( a NOT b )"
    for bad in ['"thi đua', "thi (", "a )", "  ", "-- ..."]:
        with pytest.raises(QueryError):
            build_match(bad)


def test_highlight_terms_skip_negated_words_and_extend_prefixes():
    match, terms = parse_query('hòa gi* NOT "ma túy" Đợt')
    assert match == 'hoa gi* NOT "ma tuy" dot'
    assert terms == [("dot", False), ("gi", True), ("hoa", False)]
    text = "Đợt tập huấn hòa giải viên, hoà giải; không phải ma túy (hòa-giải)"
    spans = find_spans(fold(text), terms)
    assert [text[s:e] for s, e in spans] == ["Đợt", "hòa giải", "hoà giải", "hòa", "giải"]


# ------------------------------------------------------------------------------------------- indexing


def test_schema_tables_and_wal(db: Path):
    conn = connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    need = {
        "articles",
        "persons",
        "person_aliases",
        "person_roles",
        "bodies",
        "places",
        "campaigns",
        "campaign_names",
        "article_themes",
        "quotes",
        "mentions",
        "dates",
        "articles_fts",
    }
    assert need <= names


def test_every_mention_offset_points_at_its_entity(conn: sqlite3.Connection):
    rows = conn.execute(
        'SELECT a.text, m.entity_type, m.start, m."end", coalesce(p.name, b.name, c.name, pl.name) AS name '
        "FROM mentions m JOIN articles a ON a.doc_id = m.doc_id "
        "LEFT JOIN persons p ON m.entity_type='person' AND p.person_id=m.entity_id "
        "LEFT JOIN bodies b ON m.entity_type='body' AND b.body_id=m.entity_id "
        "LEFT JOIN places pl ON m.entity_type='place' AND pl.place_id=m.entity_id "
        "LEFT JOIN campaigns c ON m.entity_type='campaign' AND c.campaign_id=m.entity_id"
    ).fetchall()
    assert len(rows) > 20
    for text, etype, s, e, name in rows:
        surface = text[s:e]
        if etype == "person":
            assert surface.split()[-1] == name.split()[-1]  # "ông Bình" -> Trần Văn Bình
        else:
            assert surface == name
    for text, qtext, s, e in conn.execute(
        'SELECT a.text, q.text, q.start, q."end" FROM quotes q JOIN articles a USING (doc_id)'
    ):
        assert text[s:e] == qtext


def test_reindex_is_idempotent_and_changes_replace(db: Path, tmp_path: Path):
    conn = connect(db)
    before = {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("articles", "quotes", "mentions")
    }
    again = index_paths(conn, [FIXTURES], **SCRIPTS)
    assert (again.indexed, again.unchanged) == (0, 5)
    after = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before
    # one article changes: only it is re-analysed, its old quote and FTS row are gone
    recs = [json.loads(line) for line in FIXTURES.read_text("utf-8").splitlines()]
    recs[1]["text"] = recs[1]["text"].replace("Mỗi vụ việc", "Từng vụ việc")
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs), "utf-8")
    third = index_paths(conn, [changed], **SCRIPTS)
    assert (third.indexed, third.unchanged) == (1, 4)
    texts = [r[0] for r in conn.execute("SELECT text FROM quotes")]
    assert any(t.startswith("Từng vụ việc") for t in texts) and not any(
        t.startswith("Mỗi vụ việc") for t in texts
    )
    assert search(conn, '"moi vu viec"') == []
    assert [h.id for h in search(conn, '"tung vu viec"')] == ["nd-2024-05-hoagiai"]
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 5


def test_a_bare_given_name_joins_the_full_name_it_shortens(tmp_path: Path):
    rec = json.loads(FIXTURES.read_text("utf-8").splitlines()[3])
    art = Article(text=rec["text"], title=rec["title"], published=rec["published"])
    text = art.full_text

    def split_person(t, published=None):
        facts = scripted_analyze(t, published)
        facts.officials += [Official("Hưng", "Thượng tá", None, [sp]) for sp in _spans(t, "Hưng")[-1:]]
        return facts

    conn = connect(tmp_path / "a.db")
    assert index_records(conn, [(rec["id"], art)], analyzer=split_person, classifier=False).indexed == 1
    assert [r[0] for r in conn.execute("SELECT name FROM persons")] == ["Lê Quang Hưng"]
    assert [r[0] for r in conn.execute("SELECT title FROM person_roles")] == ["Phó Trưởng"]
    assert [q.person for q in find_quotes(conn, "Hưng")] == ["Lê Quang Hưng"]
    ids = {r[0] for r in conn.execute("SELECT entity_id FROM mentions WHERE entity_type = 'person'")}
    assert len(ids) == 1 and "Hưng" in text


def test_a_missing_model_stops_the_run_with_one_clear_message(tmp_path: Path):
    def no_model(texts, ids=None, campaigns=None):
        raise FileNotFoundError("models/themes/model.json")

    conn = connect(tmp_path / "a.db")
    with pytest.raises(StoreError, match="classification unavailable.*model.json.*--no-classify"):
        index_paths(conn, [FIXTURES], analyzer=scripted_analyze, classifier=no_model)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    assert index_paths(conn, [FIXTURES], analyzer=scripted_analyze, classifier=False).indexed == 5


def test_bad_records_get_one_error_line_and_the_batch_goes_on(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    good = FIXTURES.read_text("utf-8").splitlines()[0]
    path.write_text(
        "\n".join(
            [good, "{not json", json.dumps({"id": "empty", "text": "  "}), json.dumps({"id": "nohtml"})]
        ),
        "utf-8",
    )
    conn = connect(tmp_path / "a.db")

    def analyzer(text, published=None):
        return scripted_analyze(text, published)

    stats = index_records(conn, read_jsonl(path), analyzer=analyzer, classifier=scripted_classify)
    assert (stats.indexed, stats.failed) == (1, 3)
    assert len(stats.errors) == 3 and all(len(msg.splitlines()) == 1 for _, msg in stats.errors)
    assert conn.execute("SELECT count(*) FROM index_errors").fetchone()[0] == 3


def test_a_failure_mid_article_leaves_the_database_consistent(db: Path):
    """A crash while writing article B rolls B back whole; A's old facts stay; nothing half-written."""
    conn = connect(db)
    before = conn.execute("SELECT count(*), sum(length(text)) FROM quotes").fetchone()
    fts_before = conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0]

    def broken(text, published=None):
        facts = scripted_analyze(text, published)
        facts.quotes.append(Quote("X", None, "direct", 0, 1))  # NOT NULL violation after other rows went in
        return facts

    recs = [json.loads(line) for line in FIXTURES.read_text("utf-8").splitlines()]
    items = [
        (r["id"], Article(text=r["text"] + " Sửa đổi.", title=r["title"], published=r["published"]))
        for r in recs
    ]
    stats = index_records(conn, items, analyzer=broken, classifier=scripted_classify)
    assert stats.failed == 5 and stats.indexed == 0
    assert conn.execute("SELECT count(*), sum(length(text)) FROM quotes").fetchone() == before
    assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == fts_before
    assert conn.execute("SELECT count(*) FROM articles WHERE text LIKE '%Sửa đổi.'").fetchone()[0] == 0
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_readers_work_while_the_indexer_writes(db: Path):
    writer = connect(db)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE articles SET title = 'đang ghi' WHERE id = 'hp-2024-04-thads'")
    seen = {}

    def read():
        reader = connect(db, readonly=True)
        seen["hits"] = [h.id for h in search(reader, "thi hanh an")]
        seen["title"] = reader.execute("SELECT title FROM articles WHERE id = 'hp-2024-04-thads'").fetchone()[
            0
        ]

    t = threading.Thread(target=read)
    t.start()
    t.join(10)
    writer.execute("COMMIT")
    assert "hp-2024-04-thads" in seen["hits"]
    assert seen["title"].startswith("TP Hải Phòng")  # the reader saw the last committed state


def test_readonly_open_of_missing_db_is_a_clear_error(tmp_path: Path):
    with pytest.raises(StoreError, match="no database"):
        connect(tmp_path / "nope.db", readonly=True)


# ------------------------------------------------------------------------------------------- search


def test_search_folds_accents_case_and_d(conn: sqlite3.Connection):
    ids = {q: [h.id for h in search(conn, q)] for q in ("tu phap", "Tư pháp", "TƯ PHÁP")}
    assert ids["tu phap"] == ids["Tư pháp"] == ids["TƯ PHÁP"]
    assert set(ids["tu phap"]) == {"nd-2024-03-thidua", "nd-2024-05-hoagiai", "nd-2024-08-bonhiem"}
    assert [h.id for h in search(conn, "dot cao diem")] == [h.id for h in search(conn, "đợt cao điểm")]
    assert {h.id for h in search(conn, "DOT CAO DIEM")} == {"hp-2024-04-thads", "hh-2024-06-matuy"}


def test_snippets_highlight_the_original_accented_text(conn: sqlite3.Connection):
    hits = search(conn, "hoa giai vien")
    assert hits[0].id == "nd-2024-05-hoagiai"
    text = conn.execute("SELECT text FROM articles WHERE id = ?", (hits[0].id,)).fetchone()[0]
    for hit in hits:
        assert hit.snippet_marks
        for a, b in hit.snippet_marks:
            assert fold(hit.snippet[a:b]).split()[0] in {"hoa", "giai", "vien"}
    for s, e in hits[0].matches:
        assert fold(text[s:e]) in {"hoa giai vien", "hoa giai", "hoa", "giai", "vien"}
        assert text[s:e] != fold(text[s:e])  # marks sit on the accented original
    assert "[hòa giải viên]" in hits[0].marked_snippet()


def test_bm25_ranks_the_denser_article_first(conn: sqlite3.Connection):
    hits = search(conn, "ma tuy")
    assert hits[0].id == "hh-2024-06-matuy"
    assert all(hits[i].score >= hits[i + 1].score for i in range(len(hits) - 1))


def test_search_filters(conn: sqlite3.Connection):
    assert {h.id for h in search(conn, "tu phap", date_from="2024-05", date_to="2024-05")} == {
        "nd-2024-05-hoagiai"
    }
    assert {h.id for h in search(conn, "", theme="tran-ap-toi-pham")} == {"hh-2024-06-matuy"}
    assert {h.id for h in search(conn, "Nam Dinh", person="ông Bình")} == {
        "nd-2024-03-thidua",
        "nd-2024-05-hoagiai",
        "nd-2024-08-bonhiem",
    }
    assert {h.id for h in search(conn, "", body="cong an huyen hai hau")} == {"hh-2024-06-matuy"}
    assert {h.id for h in search(conn, "", site="thads-haiphong.example.vn")} == {"hp-2024-04-thads"}
    assert search(conn, "tu phap", person="Không Có Ai") == []
    with pytest.raises(QueryError, match="--from"):
        search(conn, "tu phap", date_from="tháng 5")
    with pytest.raises(QueryError, match="malformed"):
        search(conn, '"tu phap')


# ------------------------------------------------------------------------------------------- quotes


def test_quotes_by_full_and_short_names(conn: sqlite3.Connection):
    full = find_quotes(conn, "Trần Văn Bình")
    assert len(full) == 2 and {q.person for q in full} == {"Trần Văn Bình"}
    for form in ("ông Bình", "Bình", "tran van binh", "Ông Bình"):
        assert [q.quote_id for q in find_quotes(conn, form)] == [q.quote_id for q in full], form
    assert find_quotes(conn, "ông Bính") == []  # accents typed are honoured
    hoa = find_quotes(conn, "bà Hoa")
    assert len(hoa) == 1 and hoa[0].title == "Cục trưởng" and hoa[0].id == "hp-2024-04-thads"
    assert [q.id for q in find_quotes(conn, "Bình", contains="hoa giai")] == ["nd-2024-05-hoagiai"]
    assert [q.id for q in find_quotes(conn, "Bình", date_to="2024-04")] == ["nd-2024-03-thidua"]
    newest_first = [q.date for q in full]
    assert newest_first == sorted(newest_first, reverse=True)


# ------------------------------------------------------------------------------------------- profiles


def test_person_profile_titles_over_time_and_timeline(conn: sqlite3.Connection):
    p = person_profile(conn, "ông Bình")
    assert p["name"] == "Trần Văn Bình"
    assert [(r["title"], r["first"]) for r in p["roles"]] == [
        ("Phó Giám đốc", "2024-03-09"),
        ("Giám đốc", "2024-08-15"),
    ]
    assert p["article_count"] == 3 and p["quote_count"] == 2
    months = [t["month"] for t in p["timeline"]]
    assert months == ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08"]
    assert sum(t["articles"] for t in p["timeline"]) == 3
    assert {"ông Bình", "Trần Văn Bình"} <= set(p["aliases"])


def test_body_and_campaign_profiles(conn: sqlite3.Connection):
    b = body_profile(conn, "so tu phap tinh nam dinh")
    assert b["name"] == "Sở Tư pháp tỉnh Nam Định"
    assert {(o["name"], o["title"]) for o in b["officials"]} == {
        ("Trần Văn Bình", "Phó Giám đốc"),
        ("Trần Văn Bình", "Giám đốc"),
    }
    assert b["quote_count"] == 2
    c = campaign_profile(conn, "nông thôn mới")
    assert c["campaign_id"] == "nganh-tu-phap-ntm"
    assert {a["id"] for a in c["articles"]} == {"nd-2024-03-thidua", "nd-2024-08-bonhiem"}
    assert campaign_profile(conn, "nganh-tu-phap-ntm")["name"] == c["name"]
    assert person_profile(conn, "Không Có Ai") is None


# ------------------------------------------------------------------------------------------- export


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_one_file_per_table_with_every_row(conn: sqlite3.Connection, tmp_path: Path, fmt: str):
    done = export_db(conn, fmt, tmp_path / fmt)
    assert {"articles", "persons", "quotes", "mentions", "campaigns"} <= set(done)
    assert not any(t.startswith("articles_fts") for t in done)
    for table, (path, n) in done.items():
        assert n == conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        if fmt == "jsonl":
            rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        elif fmt == "csv":
            rows = list(csv.DictReader(path.open(encoding="utf-8")))
        else:
            import pyarrow.parquet as pq

            rows = pq.read_table(path).to_pylist()
        assert len(rows) == n
    arts = (
        {
            r["id"]: r
            for r in (
                json.loads(x) for x in (tmp_path / "jsonl" / "articles.jsonl").read_text("utf-8").splitlines()
            )
        }
        if fmt == "jsonl"
        else None
    )
    if arts:
        assert arts["nd-2024-05-hoagiai"]["text"].startswith("Nam Định nâng cao chất lượng")


# ------------------------------------------------------------------------------------------- CLI


def test_cli_search_quotes_profiles_json_lines(db: Path):
    runner = CliRunner()
    res = runner.invoke(app, ["search", "TƯ PHÁP", "--db", str(db), "--json", "--from", "2024-04"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    assert {x["id"] for x in lines} == {"nd-2024-05-hoagiai", "nd-2024-08-bonhiem"}
    res = runner.invoke(app, ["quotes", "--speaker", "ông Bình", "--db", str(db), "--json"])
    assert res.exit_code == 0 and all(
        json.loads(x)["person"] == "Trần Văn Bình" for x in res.stdout.splitlines()
    )
    res = runner.invoke(app, ["person", "Bình", "--db", str(db)])
    assert res.exit_code == 0 and "Phó Giám đốc" in res.stdout and "2024-08" in res.stdout
    res = runner.invoke(app, ["campaign", "nganh-tu-phap-ntm", "--db", str(db), "--json"])
    assert json.loads(res.stdout)["article_count"] == 2
    res = runner.invoke(app, ["search", "thi (", "--db", str(db)])
    assert res.exit_code == 2 and "malformed query" in res.output
    res = runner.invoke(app, ["body", "Không Có", "--db", str(db)])
    assert res.exit_code == 2 and "no body" in res.output


def test_cli_export(db: Path, tmp_path: Path):
    res = CliRunner().invoke(
        app, ["export", "--db", str(db), "--format", "csv", "--out", str(tmp_path / "o")]
    )
    assert res.exit_code == 0, res.output
    assert (tmp_path / "o" / "quotes.csv").exists() and (tmp_path / "o" / "persons.csv").exists()


KILL_SCRIPT = r"""
import sys, time
from newsmine.store.db import connect
from newsmine.store.index import index_records
from newsmine.types import Article, Entity, Facts, Quote

def analyzer(text, published=None):
    time.sleep(0.01)
    words = [(i, i + 4) for i in range(0, len(text) - 4, 5)]
    return Facts(text_length=len(text), bodies=[Entity(f"Sở {i}", words[i::7]) for i in range(7)],
                 quotes=[Quote("Trần Văn Bình", text[s:e], "direct", s, e) for s, e in words[:3]])

records = ((f"doc-{i}", Article(text=f"Bài số {i}. " + "Sở Tư pháp tỉnh Nam Định họp bàn. " * 40))
           for i in range(int(sys.argv[2])))
print("started", flush=True)
index_records(connect(sys.argv[1]), records, analyzer=analyzer, classifier=False, batch_size=4)
"""


def test_killed_indexer_leaves_whole_articles_and_a_rerun_finishes(tmp_path: Path):
    """SIGKILL the indexer mid-run: every stored article has all its rows, and re-running completes."""
    import signal
    import subprocess
    import sys
    import time

    db = tmp_path / "killed.db"
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(db), "150"], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if db.exists() and connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] >= 20:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    conn = connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 20 <= n < 150
    assert conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == n
    per_doc = conn.execute("SELECT count(*) FROM quotes GROUP BY doc_id").fetchall()
    assert len(per_doc) == n and {r[0] for r in per_doc} == {3}
    mentions = {r[0] for r in conn.execute("SELECT count(*) FROM mentions GROUP BY doc_id")}
    assert len(mentions) == 1  # every article has the same full set of mention rows
    conn.close()
    done = subprocess.run(
        [sys.executable, "-c", KILL_SCRIPT, str(db), "150"], capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    conn = connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 150
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 450


def test_the_classifier_gets_the_campaigns_extraction_found(tmp_path: Path):
    """Extraction runs first and hands its campaigns to classification: themes need not find them again."""
    seen: list = []

    def recording_classify(texts, ids=None, campaigns=None):
        seen.extend((rid, camps) for rid, camps in zip(ids, campaigns, strict=True) if rid != "probe")
        return scripted_classify(texts, ids, campaigns)

    conn = connect(tmp_path / "a.db")
    stats = index_paths(conn, [FIXTURES], analyzer=scripted_analyze, classifier=recording_classify)
    assert stats.indexed == 5
    got = {rid: [c.name for c in camps] for rid, camps in seen}
    assert len(got) == 5
    with_campaign = {rid for rid, names in got.items() if names}
    assert with_campaign and all(got[rid] == [CAMPAIGN] for rid in with_campaign)
    texts = {r: a.full_text for r, a in read_jsonl(FIXTURES)}
    assert with_campaign == {rid for rid, text in texts.items() if CAMPAIGN in text}
