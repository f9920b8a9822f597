"""Terminal rendering of hits, quotes and profiles with rich (the `--json` path bypasses this)."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsmine.store.quotes import QuoteHit
from newsmine.store.search import Hit


def _snippet(hit: Hit) -> Text:
    text = Text(hit.snippet)
    for a, b in hit.snippet_marks:
        text.stylize("bold yellow", a, b)
    return text


def hits_table(hits: list[Hit]) -> Table:
    table = Table(title=f"{len(hits)} article(s)", show_lines=True, expand=True)
    table.add_column("id", style="cyan", no_wrap=True, max_width=28)
    table.add_column("date", no_wrap=True)
    table.add_column("title / snippet", ratio=1)
    table.add_column("themes", max_width=24)
    for h in hits:
        cell = Text.assemble((h.title or "(no title)", "bold"), "\n", _snippet(h))
        table.add_row(h.id, (h.published or "")[:10], cell, "\n".join(h.themes))
    return table


def quotes_table(quotes: list[QuoteHit] | list[dict], title: str | None = None) -> Table:
    table = Table(title=title or f"{len(quotes)} quote(s)", show_lines=True, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("speaker", max_width=22)
    table.add_column("said", ratio=1, min_width=30)
    table.add_column("article", style="cyan", max_width=20)
    for q in quotes:
        q = q if isinstance(q, dict) else q.to_dict()
        who = Text(q.get("person") or q.get("speaker") or "?", style="bold")
        role = ", ".join(x for x in (q.get("title"), q.get("body")) if x)
        if role:
            who.append("\n" + role, style="dim")
        said = Text(("“" + q["text"] + "”") if q["kind"] == "direct" else q["text"])
        if q.get("cue"):
            said.append(f"  ({q['kind']}, {q['cue']})", style="dim")
        table.add_row(q.get("date") or "", who, said, q["id"])
    return table


def _rows(title: str, columns: list[str], rows: list[dict]) -> Table:
    table = Table(title=title, expand=False)
    for c in columns:
        table.add_column(c)
    for r in rows:
        table.add_row(*[str(r.get(c) if r.get(c) is not None else "") for c in columns])
    return table


def timeline_table(timeline: list[dict]) -> Table:
    table = Table(title="coverage by month")
    table.add_column("month", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("")
    top = max((t["articles"] for t in timeline), default=0) or 1
    for t in timeline:
        table.add_row(t["month"], str(t["articles"]), "█" * max(0, round(30 * t["articles"] / top)))
    return table


def print_profile(console: Console, profile: dict) -> None:
    """Roles over time, quotes, articles and the month-by-month timeline of one profile."""
    kind = profile["type"]
    head = Text(f"{kind}: ", style="dim") + Text(profile["name"], style="bold")
    if kind == "campaign":
        head.append(f"  [{profile['campaign_id']}]", style="cyan")
    console.print(head)
    if profile.get("aliases"):
        console.print(Text("also: " + "; ".join(profile["aliases"]), style="dim"))
    if profile.get("names") and len(profile["names"]) > 1:
        console.print(Text("spellings: " + "; ".join(profile["names"]), style="dim"))
    if profile.get("roles"):
        console.print(
            _rows(
                "titles and bodies over time",
                ["title", "body", "first", "last", "articles"],
                profile["roles"],
            )
        )
    if profile.get("officials"):
        cols = (
            ["name", "title", "first", "last", "articles"]
            if kind == "body"
            else ["name", "title", "body", "articles"]
        )
        console.print(_rows("officials", cols, profile["officials"]))
    if profile.get("themes"):
        console.print(_rows("themes of its coverage", ["theme", "articles"], profile["themes"]))
    if profile.get("quotes"):
        console.print(
            quotes_table(
                profile["quotes"], title=f"quotes ({profile.get('quote_count', len(profile['quotes']))})"
            )
        )
    console.print(
        _rows(
            f"articles ({profile['article_count']})",
            ["published", "id", "title"],
            [{**a, "published": (a.get("published") or "")[:10]} for a in profile["articles"]],
        )
    )
    if profile.get("timeline"):
        console.print(timeline_table(profile["timeline"]))
    if profile.get("others"):
        console.print(Text("other matches: " + "; ".join(o["name"] for o in profile["others"]), style="dim"))
