"""Page metadata from the standard places: JSON-LD, OpenGraph/article:*, <meta>, <link rel=canonical>.

Site parsers and the generic extractor both start from this, then override what their markup knows
better. Dates come out as ISO 8601 with a UTC offset (a naive time on a Vietnamese page is taken as
+07:00), or YYYY-MM-DD when only the day is known (htmldate's fallback).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from urllib.parse import urljoin

from newsmine.parse.html import clean_text

VN_TZ = timezone(timedelta(hours=7))
ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenews",
    "analysisnewsarticle",
    "blogposting",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "liveblogposting",
    "report",
    "socialmediaposting",
    "webpage",
}


@dataclass
class Metadata:
    title: str | None = None
    description: str | None = None
    url: str | None = None  # og:url (may be a share link)
    canonical_url: str | None = None
    site_name: str | None = None
    published: str | None = None
    modified: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    image: str | None = None
    language: str | None = None
    breadcrumbs: list[tuple[str, str | None]] = field(default_factory=list)
    article_body: str | None = None  # JSON-LD articleBody, when a site publishes it
    og_type: str | None = None
    is_article: bool = False  # the page declares itself an article (og:type or JSON-LD type)


# ---------------------------------------------------------------- dates


def _tz_for(language: str | None, url: str | None) -> timezone | None:
    """Vietnamese pages give naive local times; other pages' naive times stay naive (date only)."""
    host = re.sub(r"^\w+://", "", url or "").split("/")[0]
    if (language or "").lower().startswith("vi") or host.endswith(".vn"):
        return VN_TZ
    return None


_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\D+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?")


def normalize_date(value: Any, tz: timezone | None = VN_TZ) -> str | None:
    """ISO 8601 with offset from ISO strings, '+0700' offsets, epoch seconds, or 'dd/mm/yyyy hh:mm'."""
    if value is None:
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        try:
            stamp = int(value)
            if stamp > 10**11:  # milliseconds
                stamp //= 1000
            return datetime.fromtimestamp(stamp, tz or UTC).isoformat()
        except (ValueError, OverflowError, OSError):
            return None
    raw = str(value).strip()
    if not raw:
        return None
    dt: datetime | None = None
    try:
        dt = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        match = _DMY.search(raw)
        if match:
            d, m, y, hh, mm, ss = match.groups()
            try:
                dt = datetime(int(y), int(m), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
            except ValueError:
                return None
            if hh is None:
                return dt.date().isoformat()
        else:
            head = raw[:10]
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", head):
                return head
            return None
    if dt.tzinfo is None:
        if len(raw) <= 10:
            return dt.date().isoformat()
        if tz is None:
            return dt.date().isoformat()
        dt = dt.replace(tzinfo=tz)
    return dt.isoformat()


# ---------------------------------------------------------------- JSON-LD


def _load_json(text: str) -> Any:
    text = text.strip().rstrip(";")
    if not text:
        return None
    try:
        return json.loads(text, strict=False)
    except ValueError:
        # common breakage: trailing commas, HTML comments around the JSON
        fixed = re.sub(r",\s*([}\]])", r"\1", re.sub(r"^<!--|-->$", "", text).strip())
        try:
            return json.loads(fixed, strict=False)
        except ValueError:
            return None


def _flatten(obj: Any):
    if isinstance(obj, list):
        for item in obj:
            yield from _flatten(item)
    elif isinstance(obj, dict):
        yield obj
        if "@graph" in obj:
            yield from _flatten(obj["@graph"])


def _types(obj: dict) -> set[str]:
    typ = obj.get("@type") or []
    return {str(t).lower() for t in (typ if isinstance(typ, list) else [typ])}


def jsonld_objects(tree) -> list[dict]:
    out: list[dict] = []
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        data = _load_json(script.text or "")
        out.extend(_flatten(data))
    return out


def _names(value: Any) -> list[str]:
    """Authors/keywords as a list of names from a string, dict or list of either."""
    if value is None:
        return []
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        return _names(value.get("name"))
    return [clean_text(str(value))] if clean_text(str(value)) else []


def split_list(value: str | None, sep: str = ",") -> list[str]:
    return [p for p in (clean_text(x) for x in (value or "").split(sep)) if p]


def dedupe(items) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


# ---------------------------------------------------------------- main


def _meta_map(tree) -> dict[str, list[str]]:
    metas: dict[str, list[str]] = {}
    for el in tree.iterfind(".//meta"):
        content = el.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = el.get(attr)
            if key:
                metas.setdefault(key.strip().lower(), []).append(content)
    return metas


def extract_metadata(tree, url: str | None = None) -> Metadata:
    """Read every standard metadata source once; JSON-LD first, then OpenGraph, then plain <meta>."""
    metas = _meta_map(tree)

    def first(*keys: str) -> str | None:
        for key in keys:
            for value in metas.get(key, []):
                value = clean_text(value)
                if value:
                    return value
        return None

    md = Metadata()
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    md.language = clean_text(root.get("lang") or "") or first("content-language", "og:locale", "inlanguage")
    if md.language:
        md.language = md.language.replace("_", "-").split("-")[0].lower() or None
    tz = _tz_for(md.language, url)

    objs = jsonld_objects(tree)
    art = next((o for o in objs if _types(o) & (ARTICLE_TYPES - {"webpage"})), None)
    if art is None:
        art = next((o for o in objs if _types(o) & ARTICLE_TYPES and o.get("headline")), None)
    for obj in objs:
        if "breadcrumblist" in _types(obj):
            for item in obj.get("itemListElement") or []:
                if not isinstance(item, dict):
                    continue
                inner = item.get("item")
                name = item.get("name") or (inner.get("name") if isinstance(inner, dict) else None)
                link = (
                    inner.get("@id") if isinstance(inner, dict) else inner if isinstance(inner, str) else None
                )
                if name:
                    md.breadcrumbs.append((clean_text(str(name)), link))

    art = art or {}
    md.is_article = bool(art and _types(art) & (ARTICLE_TYPES - {"webpage"}))
    md.og_type = first("og:type")
    if md.og_type and md.og_type.lower() == "article":
        md.is_article = True

    md.title = (
        first("og:title") or clean_text(str(art.get("headline") or "")) or first("twitter:title", "headline")
    )
    if not md.title:
        title_el = tree.find(".//title")
        if title_el is not None:
            md.title = clean_text(title_el.text_content()) or None
    md.description = (
        first("og:description")
        or clean_text(str(art.get("description") or ""))
        or first("description", "twitter:description")
    )
    md.site_name = first("og:site_name", "application-name")
    md.url = first("og:url")
    canon = tree.find(".//link[@rel='canonical']")
    if canon is not None and canon.get("href"):
        md.canonical_url = urljoin(url or "", canon.get("href").strip())
    else:
        main = art.get("mainEntityOfPage")
        main_id = main.get("@id") if isinstance(main, dict) else main if isinstance(main, str) else None
        md.canonical_url = main_id or md.url

    md.published = None
    for candidate in (
        art.get("datePublished"),
        first("article:published_time"),
        first("datepublished"),
        first("pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "dc.date", "sailthru.date"),
    ):
        md.published = normalize_date(candidate, tz)
        if md.published:
            break
    for candidate in (
        art.get("dateModified"),
        first("article:modified_time"),
        first("datemodified", "lastmod"),
    ):
        md.modified = normalize_date(candidate, tz)
        if md.modified:
            break

    ld_sections = _names(art.get("articleSection"))
    section = (
        first("article:section") or (ld_sections[-1] if ld_sections else None) or first("articlesection")
    )
    parts = split_list(section)
    if parts:  # "Thời sự,Chính trị": the most specific section is last
        md.section = parts[-1]
    elif md.breadcrumbs:
        md.section = md.breadcrumbs[-1][0]

    tags: list[str] = []
    for value in metas.get("article:tag", []):
        tags.extend(split_list(value))
    if not tags:
        keywords = art.get("keywords")
        tags = split_list(keywords) if isinstance(keywords, str) else _names(keywords)
    if not tags:
        tags = split_list(first("news_keywords") or first("keywords"))
    md.tags = dedupe(tags)

    # "THUẬN VĂN, LÊ ÁNH" in one JSON-LD name is two bylines
    authors = [a for name in _names(art.get("author")) for a in split_list(name.replace(";", ","))]
    if not authors:
        authors = split_list(first("author", "article:author", "dc.creator", "byl"))
    md.authors = dedupe(a for a in authors if not a.startswith("http"))

    image = art.get("image")
    if isinstance(image, list):
        image = image[0] if image else None
    if isinstance(image, dict):
        image = image.get("url")
    md.image = first("og:image") or (str(image) if image else None)
    body = art.get("articleBody")
    md.article_body = body if isinstance(body, str) and body.strip() else None
    return md


def find_date_fallback(tree, url: str | None = None) -> str | None:
    """htmldate on the tree when no metadata gave a date: slower, so only then (YYYY-MM-DD)."""
    from htmldate import find_date

    try:
        return find_date(tree, url=url, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises a variety of errors on odd pages; a missing date is not fatal
        return None
