"""The HTTP face of the archive: JSON endpoints for every query, plus small HTML pages.

`create_app(db_path)` builds a FastAPI app over one SQLite archive, opened read-only per request
(WAL lets `newsmine index` keep writing meanwhile). OpenAPI is at /openapi.json, docs at /docs.
"""

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

import newsmine
from newsmine.api.evidence import quote_evidence, segments
from newsmine.config import DEFAULT_DB
from newsmine.store import profiles
from newsmine.store.db import StoreError, connect
from newsmine.store.lookup import QueryError
from newsmine.store.quotes import find_quotes
from newsmine.store.search import search as run_search

HERE = Path(__file__).resolve().parent

From = Annotated[str | None, Query(alias="from", description="YYYY, YYYY-MM or YYYY-MM-DD")]
To = Annotated[str | None, Query(alias="to", description="inclusive; YYYY, YYYY-MM or YYYY-MM-DD")]
Limit = Annotated[int, Query(ge=1, le=500)]


def _article(conn: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    row = conn.execute(
        "SELECT doc_id, id, url, site, title, text, published, themes, judicial FROM articles WHERE id = ?",
        (article_id,),
    ).fetchone()
    if row is None:
        raise HTTPException(404, f"no article {article_id!r}")
    doc_id = row["doc_id"]
    out = {k: row[k] for k in row.keys() if k != "doc_id"}  # noqa: SIM118 - sqlite3.Row
    out["mentions"] = [
        dict(r)
        for r in conn.execute(
            'SELECT m.entity_type AS type, m.start, m."end", '
            "coalesce(p.name, b.name, pl.name, c.name) AS name "
            "FROM mentions m "
            "LEFT JOIN persons p ON m.entity_type = 'person' AND p.person_id = m.entity_id "
            "LEFT JOIN bodies b ON m.entity_type = 'body' AND b.body_id = m.entity_id "
            "LEFT JOIN places pl ON m.entity_type = 'place' AND pl.place_id = m.entity_id "
            "LEFT JOIN campaigns c ON m.entity_type = 'campaign' AND c.campaign_id = m.entity_id "
            "WHERE m.doc_id = ? ORDER BY m.start",
            (doc_id,),
        )
    ]
    out["quotes"] = [q.to_dict() for q in find_quotes(conn, doc_ids=[doc_id], limit=None)]
    out["dates"] = [
        dict(r)
        for r in conn.execute('SELECT text, value, start, "end" FROM dates WHERE doc_id = ?', (doc_id,))
    ]
    return out


def create_app(db_path: str | Path | None = None) -> FastAPI:
    """A FastAPI app serving the archive at `db_path` (default: config.DEFAULT_DB)."""
    db = Path(db_path) if db_path else DEFAULT_DB
    app = FastAPI(
        title="newsmine",
        version=newsmine.__version__,
        description="Search Vietnamese judicial news: articles, who said what, persons, bodies, campaigns.",
    )
    app.state.db_path = db
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def get_conn() -> Iterator[sqlite3.Connection]:
        try:
            conn = connect(db, readonly=True)
        except StoreError as exc:
            raise HTTPException(503, str(exc)) from None
        try:
            yield conn
        finally:
            conn.close()

    Conn = Annotated[sqlite3.Connection, Depends(get_conn)]

    def _profile(kind: str, conn: sqlite3.Connection, name: str, limit: int) -> dict:
        build = {
            "person": profiles.person_profile,
            "body": profiles.body_profile,
            "campaign": profiles.campaign_profile,
        }[kind]
        try:
            found = build(conn, name, limit=limit)
        except QueryError as exc:
            raise HTTPException(400, str(exc)) from None
        if found is None:
            raise HTTPException(404, f"no {kind} matching {name!r}")
        return found

    # ------------------------------------------------------------------------------------- JSON API

    @app.get("/api/search", tags=["search"], summary="Full-text search with Vietnamese folding")
    def api_search(
        conn: Conn,
        q: str = "",
        theme: str | None = None,
        date_from: From = None,
        date_to: To = None,
        site: str | None = None,
        person: str | None = None,
        body: str | None = None,
        limit: Limit = 20,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict:
        try:
            hits = run_search(
                conn,
                q,
                theme=theme,
                date_from=date_from,
                date_to=date_to,
                site=site,
                person=person,
                body=body,
                limit=limit,
                offset=offset,
            )
        except QueryError as exc:
            raise HTTPException(400, str(exc)) from None
        return {"query": q, "count": len(hits), "hits": [h.to_dict() for h in hits]}

    @app.get("/api/quotes", tags=["quotes"], summary="Who said what")
    def api_quotes(
        conn: Conn,
        speaker: str | None = None,
        contains: str | None = None,
        date_from: From = None,
        date_to: To = None,
        limit: Limit = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict:
        if not (speaker or contains):
            raise HTTPException(400, "give speaker and/or contains")
        try:
            found = find_quotes(
                conn,
                speaker,
                contains=contains,
                date_from=date_from,
                date_to=date_to,
                limit=limit,
                offset=offset,
            )
        except QueryError as exc:
            raise HTTPException(400, str(exc)) from None
        return {"speaker": speaker, "count": len(found), "quotes": [x.to_dict() for x in found]}

    @app.get("/api/persons/{name}", tags=["profiles"], summary="Person profile")
    def api_person(conn: Conn, name: str, limit: Limit = 50) -> dict:
        return _profile("person", conn, name, limit)

    @app.get("/api/bodies/{name}", tags=["profiles"], summary="Body profile")
    def api_body(conn: Conn, name: str, limit: Limit = 50) -> dict:
        return _profile("body", conn, name, limit)

    @app.get("/api/campaigns/{name}", tags=["profiles"], summary="Campaign profile (name or canonical id)")
    def api_campaign(conn: Conn, name: str, limit: Limit = 50) -> dict:
        return _profile("campaign", conn, name, limit)

    @app.get("/api/articles/{article_id:path}", tags=["articles"], summary="One article with its facts")
    def api_article(conn: Conn, article_id: str) -> dict:
        return _article(conn, article_id)

    @app.get("/api/stats", tags=["articles"], summary="What the archive holds")
    def api_stats(conn: Conn) -> dict:
        counts = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "persons", "bodies", "places", "campaigns", "quotes", "mentions")
        }
        return {"db": str(db), **counts}

    # ------------------------------------------------------------------------------------- HTML pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_search(
        request: Request,
        conn: Conn,
        q: str = "",
        theme: str | None = None,
        date_from: From = None,
        date_to: To = None,
        person: str | None = None,
        body: str | None = None,
    ) -> HTMLResponse:
        hits, error = [], None
        if q.strip() or theme or person or body or date_from or date_to:
            try:
                hits = run_search(
                    conn,
                    q,
                    theme=theme or None,
                    date_from=date_from or None,
                    date_to=date_to or None,
                    person=person or None,
                    body=body or None,
                    limit=50,
                )
            except QueryError as exc:
                error = str(exc)
        rows = [
            {**h.to_dict(), "parts": segments(h.snippet, [(a, b, "hit", None) for a, b in h.snippet_marks])}
            for h in hits
        ]
        ctx = {
            "q": q,
            "theme": theme or "",
            "date_from": date_from or "",
            "date_to": date_to or "",
            "hits": rows,
            "error": error,
            "searched": bool(q.strip() or theme or person or body),
        }
        return templates.TemplateResponse(request, "search.html", ctx, status_code=400 if error else 200)

    @app.get("/person", include_in_schema=False)
    def page_person_form(name: str = "") -> RedirectResponse:
        return RedirectResponse(
            app.url_path_for("page_person", name=name.strip()) if name.strip() else "/", 303
        )

    @app.get("/person/{name}", response_class=HTMLResponse, include_in_schema=False)
    def page_person(request: Request, conn: Conn, name: str) -> HTMLResponse:
        profile = profiles.person_profile(conn, name, limit=200)
        if profile is None:
            return templates.TemplateResponse(
                request, "notfound.html", {"what": f"person {name!r}"}, status_code=404
            )
        texts: dict[str, str] = {}
        for q in profile["quotes"]:
            if q["id"] not in texts:
                texts[q["id"]] = conn.execute(
                    "SELECT text FROM articles WHERE id = ?", (q["id"],)
                ).fetchone()[0]
            q["evidence"] = quote_evidence(texts[q["id"]], q)
        top = max((t["articles"] for t in profile["timeline"]), default=0) or 1
        return templates.TemplateResponse(request, "person.html", {"p": profile, "top": top})

    @app.get("/article/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    def page_article(request: Request, conn: Conn, article_id: str) -> HTMLResponse:
        try:
            art = _article(conn, article_id)
        except HTTPException:
            return templates.TemplateResponse(
                request, "notfound.html", {"what": f"article {article_id!r}"}, status_code=404
            )
        marks = [(q["start"], q["end"], "quote", str(q["quote_id"])) for q in art["quotes"]]
        marks += [(m["start"], m["end"], m["type"], m["name"]) for m in art["mentions"]]
        paras = []
        text = art["text"]
        pos = 0
        for block in text.split("\n"):
            end = pos + len(block)
            if block.strip():
                inside = [m for m in marks if m[0] < end and m[1] > pos]
                paras.append(segments(text, inside, pos, end))
            pos = end + 1
        return templates.TemplateResponse(request, "article.html", {"a": art, "paras": paras})

    return app
