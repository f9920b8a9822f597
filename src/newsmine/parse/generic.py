"""Fallback for any site: trafilatura for the body, our metadata (JSON-LD/OpenGraph/meta) for the rest.

trafilatura runs in its ``fast`` mode on the tree we already parsed (it copies it, so nothing is
parsed twice): on the 181-page article-extraction-benchmark that mode scores at least as well as
its default and is ~1.6x faster (see bench/parse_bench.py). htmldate is only asked when no
metadata gives a date.
"""

from __future__ import annotations

import re

from newsmine.parse.html import ParseError, clean_text, node_text
from newsmine.parse.metadata import Metadata, find_date_fallback
from newsmine.parse.sites import add_cover
from newsmine.types import Article

MIN_RUNNING_TEXT = 60  # a page whose longest paragraph is shorter is a listing/menu, not an article
_TITLE_SEP = re.compile(r"\s+[|\-–—:·»]\s+")


def clean_title(title: str | None, site_name: str | None, tree) -> str | None:
    """Drop a ' | Site name' tail; prefer the page's single <h1> when it is the title's head."""
    if not title:
        h1 = tree.xpath("//h1")
        return (node_text(h1[0]) or None) if len(h1) == 1 else None
    parts = _TITLE_SEP.split(title)
    if len(parts) > 1:
        tail = parts[-1].casefold()
        site = (site_name or "").casefold()
        if site and (tail in site or site in tail):
            title = title[: title.rfind(parts[-1])].rstrip(" |-–—:·»")
    return title


def body_paragraphs(tree, url: str | None = None) -> list[str]:
    """trafilatura's main text, one paragraph per line -> list of paragraphs."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        tree, url=url, fast=True, include_comments=False, include_tables=True, with_metadata=False
    )
    text = getattr(doc, "text", None) or ""
    return [p for p in (clean_text(line) for line in text.splitlines()) if p]


def parse(tree, md: Metadata, url: str | None = None) -> Article:
    paras = body_paragraphs(tree, url or md.canonical_url)
    if not paras:
        raise ParseError("no article text found in page")
    if max(map(len, paras)) < MIN_RUNNING_TEXT and not md.is_article:
        raise ParseError(
            f"not an article: no paragraph of running text (longest {max(map(len, paras))} chars)"
        )
    title = clean_title(md.title, md.site_name, tree)
    if title and paras[0].casefold() == title.casefold():
        paras = paras[1:] or paras  # trafilatura keeps the <h1> headline as the body's first line
    published = md.published or find_date_fallback(tree, url or md.canonical_url)
    return Article(
        text="\n\n".join(paras),
        url=url,
        canonical_url=md.canonical_url,
        site=None,
        title=title,
        sapo=md.description,
        authors=md.authors,
        published=published,
        modified=md.modified,
        section=md.section,
        tags=md.tags,
        images=add_cover([], md.image),
        language=md.language,
    )
