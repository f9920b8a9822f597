"""Site definitions: where a news site lists its articles and how to recognise one.

A SOURCE on the command line is a registered name (`plo.vn`), a name re-based onto another origin
(`sample@http://127.0.0.1:8000`, how tests and the demo crawl the bundled site), or any URL of a sitemap,
feed or listing page (a generic site whose parser is picked by host).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from newsmine.crawl.urls import canonicalize, clean_url, host_of

AMP_SUFFIX = (r"\.amp$", ".html")


@dataclass(frozen=True)
class Listing:
    """A section page or feed; `judicial=False` marks general sections whose articles get classified."""

    url: str
    name: str | None = None
    judicial: bool = True


@dataclass(frozen=True)
class Site:
    name: str
    base: str  # origin, e.g. https://plo.vn
    parser: str | None = None  # forced site parser for parse_html(site=...); None: chosen by host
    sections: tuple[Listing, ...] = ()
    feeds: tuple[Listing, ...] = ()
    sitemaps: tuple[str, ...] = ()  # besides those robots.txt advertises
    start: tuple[str, ...] = ()  # generic entry points (kind sniffed after fetching)
    article_pattern: str | None = None  # regex searched in the URL path; None: heuristic
    path_rules: tuple[tuple[str, str], ...] = ()  # site-specific URL rewrites (AMP twins)
    aliases: tuple[str, ...] = ()  # other hosts serving the same articles (mobile)
    judicial_filter: bool = True  # classify articles found only through general listings
    sitemaps_are_general: bool = True  # site-wide sitemaps mix all sections
    robots_sitemaps: bool = True  # also walk the sitemaps robots.txt advertises

    def url(self, path_or_url: str) -> str:
        return (
            urljoin(self.base.rstrip("/") + "/", path_or_url.lstrip("/"))
            if "://" not in path_or_url
            else path_or_url
        )

    @property
    def hosts(self) -> set[str]:
        return {host_of(self.base), *self.aliases}

    def canonical(self, url: str) -> str:
        return canonicalize(url, self.path_rules)

    def clean(self, url: str) -> str:
        return clean_url(url, self.path_rules)

    def owns(self, url: str) -> bool:
        return host_of(clean_url(url)) in {host_of(clean_url("http://" + h)) for h in self.hosts}

    def is_article(self, url: str) -> bool:
        """Whether a link on a listing page is an article (not a section, tag or static page)."""
        path = urlsplit(url).path
        if self.article_pattern:
            return re.search(self.article_pattern, path) is not None
        return looks_like_article(path)

    def rebased(self, base: str) -> Site:
        """The same site served from another origin: absolute listing URLs move with it."""
        old = self.base.rstrip("/")

        def move(u: str) -> str:
            return base.rstrip("/") + u[len(old) :] if u.startswith(old) else u

        return replace(
            self,
            base=base.rstrip("/"),
            sections=tuple(replace(s, url=move(s.url)) for s in self.sections),
            feeds=tuple(replace(f, url=move(f.url)) for f in self.feeds),
            sitemaps=tuple(move(s) for s in self.sitemaps),
            start=tuple(move(s) for s in self.start),
            aliases=(),
        )


def looks_like_article(path: str) -> bool:
    """Generic article-URL heuristic: a long hyphenated slug or a numeric id, ending like a page."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if not last or last.startswith(("tag", "tu-khoa", "search", "page", "trang-")):
        return False
    slug = re.sub(r"\.(html?|aspx?|php|amp)$", "", last)
    return slug.count("-") >= 3 or re.search(r"\d{5,}", slug) is not None


REGISTRY: dict[str, Site] = {
    s.name: s
    for s in (
        Site(
            name="plo.vn",
            base="https://plo.vn",
            parser="plo.vn",
            sections=(
                Listing("https://plo.vn/phap-luat/", "Pháp luật", True),
                Listing("https://plo.vn/an-ninh-trat-tu/", "An ninh trật tự", True),
                Listing("https://plo.vn/ban-doc/", "Bạn đọc", False),
                Listing("https://plo.vn/thoi-su/", "Thời sự", False),
            ),
            feeds=(Listing("https://plo.vn/rss/phap-luat-13.rss", "Pháp luật", True),),
            sitemaps=("https://plo.vn/sitemaps/news.xml",),
            article_pattern=r"-post\d+\.(html|amp)$",
            path_rules=(AMP_SUFFIX,),
        ),
        Site(
            name="vnexpress.net",
            base="https://vnexpress.net",
            parser="vnexpress.net",
            sections=(Listing("https://vnexpress.net/phap-luat", "Pháp luật", True),),
            feeds=(Listing("https://vnexpress.net/rss/phap-luat.rss", "Pháp luật", True),),
            article_pattern=r"-\d{6,}\.html$",
            path_rules=((r"^/amp/", "/"),),
        ),
        Site(
            name="baophapluat.vn",
            base="https://baophapluat.vn",
            parser=None,  # generic parser until a site parser exists
            sections=(
                Listing("https://baophapluat.vn/phap-luat/", "Pháp luật", True),
                Listing("https://baophapluat.vn/thoi-su/", "Thời sự", False),
            ),
            article_pattern=r"-(post)?\d+\.(html|amp)$",
            path_rules=(AMP_SUFFIX,),
            aliases=("m.baophapluat.vn",),
        ),
        Site(
            # The bundled fixture site (corpora/sample_site): plo.vn markup, served on 127.0.0.1.
            name="sample",
            base="http://127.0.0.1",
            parser="plo.vn",
            sections=(
                Listing("http://127.0.0.1/phap-luat/", "Pháp luật", True),
                Listing("http://127.0.0.1/thoi-su/", "Thời sự", False),
                Listing("http://127.0.0.1/", "Trang chủ", False),
            ),
            feeds=(Listing("http://127.0.0.1/rss/phap-luat.rss", "Pháp luật", True),),
            sitemaps=("http://127.0.0.1/sitemap.xml",),
            article_pattern=r"-post\d+\.(html|amp)$",
            path_rules=(AMP_SUFFIX,),
        ),
    )
}
REGISTRY["vnexpress.net/phap-luat"] = REGISTRY["vnexpress.net"]


def resolve_source(source: str | Site) -> Site:
    """A SOURCE argument as a Site: registered name, `name@origin`, or any URL (generic)."""
    if isinstance(source, Site):
        return source
    if "@" in source and source.split("@", 1)[0] in REGISTRY:
        name, base = source.split("@", 1)
        return REGISTRY[name].rebased(base)
    if source in REGISTRY:
        return REGISTRY[source]
    if "://" not in source:
        raise ValueError(
            f"unknown source {source!r}: not a registered site ({', '.join(REGISTRY)}) nor a URL"
        )
    parts = urlsplit(source)
    origin = f"{parts.scheme}://{parts.netloc}"
    host = host_of(clean_url(source))
    for site in REGISTRY.values():
        if site.name != "sample" and host in {host_of(clean_url("http://" + h)) for h in site.hosts}:
            if parts.path in ("", "/"):
                return site
            return replace(site, sections=(), feeds=(), sitemaps=(), start=(source,))
    return Site(name=host, base=origin, start=(source,), judicial_filter=False, sitemaps_are_general=False)


__all__ = ["REGISTRY", "Listing", "Site", "looks_like_article", "resolve_source"]
