"""parse_html: one page -> Article, through a site parser when one matches, else the generic one."""

from __future__ import annotations

import unicodedata

from newsmine.parse import generic
from newsmine.parse.html import ParseError, load_tree, strip_scripts
from newsmine.parse.metadata import extract_metadata
from newsmine.parse.sites import Site, host_of, site_by_name, site_for_url
from newsmine.types import Article, Image


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


GENERIC = "generic"


def _choose(site: str | None, url: str | None, md) -> Site | None:
    if site == GENERIC:
        return None
    if site:
        try:
            return site_by_name(site)
        except KeyError as exc:
            raise ParseError(str(exc.args[0])) from None
    return site_for_url(url) or site_for_url(md.canonical_url) or site_for_url(md.url)


def parse_html(
    html: str | bytes, url: str | None = None, *, site: str | None = None, encoding: str | None = None
) -> Article:
    """Parse one article page (str, or bytes in any charset) into an NFC Article.

    ``site`` forces a site parser by name ("plo.vn", "vnexpress.net"; "generic" forces the generic
    parser); otherwise the URL host, then the page's canonical/og:url, pick one; pages no site parser
    handles go to the generic parser. ``encoding`` is the HTTP Content-Type charset, if known (a hint:
    valid UTF-8 and BOMs win over it).
    Raises ParseError (a ValueError) with a one-line reason for empty, binary, non-HTML or
    article-less input.
    """
    tree = load_tree(html, encoding)
    md = extract_metadata(tree, url)
    chosen = _choose(site, url, md)
    article: Article | None = None
    if chosen is not None and chosen.parse is not None:
        strip_scripts(tree)
        try:
            article = chosen.parse(tree, md, url)
        except (ParseError, LookupError, AttributeError, TypeError, ValueError):
            article = None  # not this site's article markup (layout change, AMP, listing): try generic
    if article is None:
        try:
            article = generic.parse(tree, md, url)
        except ParseError:
            raise
        except Exception as exc:  # a library bug on one odd page must not stop a batch
            message = " ".join(str(exc).split())[:200]
            raise ParseError(f"extraction failed: {type(exc).__name__}: {message}") from exc
        article.site = chosen.name if chosen else (host_of(md.canonical_url or url or md.url) or None)
    article.url = article.url or md.canonical_url or md.url
    article.canonical_url = article.canonical_url or article.url
    for name in ("text", "title", "sapo", "section", "authors", "tags", "url", "canonical_url"):
        setattr(article, name, _nfc(getattr(article, name)))
    article.images = [Image(url=i.url, caption=_nfc(i.caption)) for i in article.images]
    return article
