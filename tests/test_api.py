"""The JSON API over an archive of the fixture articles (scripted facts, see test_store_unit.py):
every query answers as the library does, errors are 4xx with a readable detail, OpenAPI lists it all."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_store_unit import FIXTURES, SCRIPTS

from newsmine.api.app import create_app
from newsmine.store.db import connect
from newsmine.store.index import index_paths
from newsmine.store.quotes import find_quotes
from newsmine.store.search import search


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api") / "archive.db"
    conn = connect(path)
    assert index_paths(conn, [FIXTURES], **SCRIPTS).indexed == 5
    conn.close()
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def test_openapi_documents_the_queries(client: TestClient):
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/search",
        "/api/quotes",
        "/api/persons/{name}",
        "/api/bodies/{name}",
        "/api/campaigns/{name}",
    ):
        assert p in paths
    params = {x["name"] for x in paths["/api/search"]["get"]["parameters"]}
    assert {"q", "theme", "from", "to", "site", "person", "body"} <= params
    assert client.get("/docs").status_code == 200


def test_search_endpoint_matches_the_library(client: TestClient, db: Path):
    res = client.get("/api/search", params={"q": "TU PHAP", "from": "2024-04"})
    assert res.status_code == 200
    ids = [h["id"] for h in res.json()["hits"]]
    expected = [h.id for h in search(connect(db, readonly=True), "Tư pháp", date_from="2024-04")]
    assert ids == expected and ids
    hit = res.json()["hits"][0]
    a, b = hit["snippet_marks"][0]
    assert hit["snippet"][a:b].lower().startswith("tư")


def test_malformed_query_and_bad_date_are_400_with_a_message(client: TestClient):
    res = client.get("/api/search", params={"q": '"thi đua'})
    assert res.status_code == 400 and "malformed query" in res.json()["detail"]
    res = client.get("/api/search", params={"q": "thi đua", "from": "March"})
    assert res.status_code == 400 and "--from" in res.json()["detail"]
    assert client.get("/api/quotes").status_code == 400


def test_quotes_endpoint_short_name(client: TestClient, db: Path):
    res = client.get("/api/quotes", params={"speaker": "ông Bình"}).json()
    lib = find_quotes(connect(db, readonly=True), "Trần Văn Bình")
    assert [q["quote_id"] for q in res["quotes"]] == [q.quote_id for q in lib] and res["count"] == 2
    assert {"speaker", "title", "body", "text", "date", "id"} <= set(res["quotes"][0])


def test_profiles_and_article(client: TestClient):
    p = client.get("/api/persons/Bình").json()
    assert p["name"] == "Trần Văn Bình" and [r["title"] for r in p["roles"]] == ["Phó Giám đốc", "Giám đốc"]
    assert client.get("/api/bodies/cong an huyen hai hau").json()["article_count"] == 1
    assert client.get("/api/campaigns/nganh-tu-phap-ntm").json()["article_count"] == 2
    assert client.get("/api/persons/Không Có Ai").status_code == 404
    art = client.get("/api/articles/nd-2024-05-hoagiai").json()
    for m in art["mentions"]:
        assert art["text"][m["start"] : m["end"]].split()[-1] == m["name"].split()[-1]
    for q in art["quotes"]:
        assert art["text"][q["start"] : q["end"]] == q["text"]
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/stats").json()["articles"] == 5


def test_html_pages_render(client: TestClient):
    assert client.get("/", params={"q": "hoa giai"}).text.count("<mark>") >= 2
    page = client.get("/person/ông Bình").text
    assert page.count('<mark class="quote">') == 2
    assert client.get("/person/Không Có Ai").status_code == 404
    assert client.get("/article/hp-2024-04-thads").status_code == 200


def test_missing_database_is_503(tmp_path: Path):
    res = TestClient(create_app(tmp_path / "none.db")).get("/api/search", params={"q": "x"})
    assert res.status_code == 503 and "no database" in res.json()["detail"]
