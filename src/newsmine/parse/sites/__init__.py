"""Registry of site parsers, chosen by host (with m./amp./www. variants folded onto the site).

A site parser is a plain function ``(tree, metadata, url) -> Article`` that raises ParseError when
the page does not have the site's article markup; the caller then falls back to the generic parser.
A site registered with ``parse=None`` (baophapluat.vn) has no real page to check a parser against,
so it uses the generic parser but still reports its site name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from newsmine.parse.html import clean_text, node_text
from newsmine.types import Article, Image

SiteParse = Callable[..., Article]
# Elements inside an article body that never hold its text, whatever the site.
NON_TEXT_TAGS = frozenset(
    {"figure", "figcaption", "script", "style", "iframe", "video", "audio", "button", "form"}
)

_VARIANT_PREFIX = re.compile(r"^(?:www\d?|m|mobile|amp|beta)\.")


@dataclass(frozen=True)
class Site:
    name: str
    hosts: tuple[str, ...]
    parse: SiteParse | None = None  # None: generic parser, site name kept


def host_of(url: str | None) -> str:
    """Lower-case host without port and without www./m./amp. prefixes."""
    if not url:
        return ""
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return ""
    while True:
        stripped = _VARIANT_PREFIX.sub("", host)
        if stripped == host:
            return host
        host = stripped


@lru_cache(maxsize=1)
def _registry() -> dict[str, Site]:
    from newsmine.parse.sites import plo, vnexpress

    sites = [
        Site("plo.vn", ("plo.vn", "phapluattp.vn"), plo.parse),
        Site("vnexpress.net", ("vnexpress.net",), vnexpress.parse),
        Site("baophapluat.vn", ("baophapluat.vn",), None),
    ]
    return {s.name: s for s in sites}


def sites() -> dict[str, Site]:
    """All registered sites by name."""
    return dict(_registry())


def site_by_name(name: str) -> Site:
    name = host_of(name) or name.lower()
    for site in _registry().values():
        if name == site.name or name in site.hosts:
            return site
    raise KeyError(f"unknown site {name!r}; known: {', '.join(sorted(_registry()))}")


def site_for_url(url: str | None) -> Site | None:
    host = host_of(url)
    if not host:
        return None
    for site in _registry().values():
        for h in site.hosts:
            if host == h or host.endswith("." + h):
                return site
    return None


# ---------------------------------------------------------------- helpers shared by site parsers

_SRCSET_FIRST = re.compile(r"^\s*(\S+)")


def image_src(img, base: str | None = None) -> str | None:
    """The real image URL of a lazy-loaded <img>/<source> (data-src before a placeholder src)."""
    for attr in ("data-src", "data-original", "data-lazy-src", "data-srcset", "srcset", "src"):
        value = (img.get(attr) or "").strip()
        if not value or value.startswith("data:"):
            continue
        if attr.endswith("srcset"):
            match = _SRCSET_FIRST.match(value)
            if not match:
                continue
            value = match.group(1)
        value = "https:" + value if value.startswith("//") else value
        return urljoin(base or "", value)
    return None


def image_key(url: str) -> str:
    """Identity of an image across CDN resizes: file name without size prefix, extension or query."""
    name = urlsplit(url).path.rsplit("/", 1)[-1].lower()
    return re.sub(r"(\.(jpe?g|png|gif|webp|avif))+$", "", name)


def figure_images(container, base: str | None, skip=None) -> list[Image]:
    """Images in a body with their captions; a caption shared by a group of figures goes to each."""
    images: list[Image] = []
    seen: set[str] = set()
    for img in container.iter("img"):
        below = []
        for anc in img.iterancestors():
            if anc is container:
                break
            below.append(anc)
        if skip is not None and any(skip(a) for a in below):
            continue
        src = image_src(img, base)
        if not src or src.lower().endswith(".svg") or image_key(src) in seen:
            continue
        caption = None
        for anc in below:
            cap = anc.find(".//figcaption") if anc.tag == "figure" else anc.find("figcaption")
            if cap is not None:
                caption = node_text(cap) or None
                break
            if anc.tag not in ("figure", "div", "picture", "source", "a", "span", "p"):
                break
        if caption is None:
            caption = clean_text(img.get("title") or "") or None
        seen.add(image_key(src))
        images.append(Image(url=src, caption=caption))
    return images


def add_cover(images: list[Image], cover: str | None) -> list[Image]:
    """Append the page's cover image (og:image) unless the body already shows it."""
    if cover and image_key(cover) not in {image_key(i.url) for i in images}:
        images.append(Image(url=cover, caption=None))
    return images
