"""plo.vn (Báo Pháp Luật TP.HCM): article__title / article__sapo / article__body markup.

Checked on the real pages in ../shared/pages/plo.vn. Section is the most specific entry of
``article:section`` ("Thời sự,Chính trị" -> "Chính trị"), as plo's own category pages file it.
"""

from __future__ import annotations

import re

from newsmine.parse.html import ParseError, class_xpath, clean_text, node_text, paragraphs
from newsmine.parse.metadata import Metadata, dedupe, split_list
from newsmine.parse.sites import NON_TEXT_TAGS, add_cover, figure_images
from newsmine.types import Article

_BODY = (
    f"//div[{class_xpath('article__body')}]",
    f"//div[{class_xpath('cms-body')}]",
    "//*[@itemprop='articleBody']",
)
# Blocks inside the body that are not article text: ads, related-story boxes, author/social rows.
_SKIP_CLASS = re.compile(
    r"\b(banner|ads\w*|ads_middle|article-relate|related[-\w]*|story|box-heading|article__meta|social[-\w]*|"
    r"google-news|box-content|tts-player|hidden-player)\b"
)
_BYLINE_END = re.compile(r"\s*[-–,]\s*$")


def _skip_box(el) -> bool:
    cls = el.get("class")
    return bool(cls and _SKIP_CLASS.search(cls)) or el.get("data-source") == "related-news"


def _skip(el) -> bool:
    return el.tag in NON_TEXT_TAGS or _skip_box(el)


def _first(tree, *paths: str):
    for path in paths:
        found = tree.xpath(path)
        if found:
            return found[0]
    return None


def parse(tree, md: Metadata, url: str | None = None) -> Article:
    body = _first(tree, *_BODY)
    if body is None:
        raise ParseError("plo.vn: no article__body in page")
    paras = paragraphs(body, skip=_skip)
    if not paras:
        raise ParseError("plo.vn: empty article body")

    title_el = _first(tree, f"//h1[{class_xpath('article__title')}]", "//h1")
    title = (node_text(title_el) if title_el is not None else "") or md.title
    sapo_el = _first(tree, f"//*[{class_xpath('article__sapo')}]", f"//*[{class_xpath('cms-desc')}]")
    sapo = (node_text(sapo_el) if sapo_el is not None else "") or md.description

    authors = dedupe(
        _BYLINE_END.sub("", clean_text(a.text_content()))
        for a in tree.xpath(f"//div[{class_xpath('cms-author')}]//a[{class_xpath('name')}]")
    )
    authors = [a for a in authors if a] or split_list(
        " ".join(tree.xpath("//meta[@property='dable:author']/@content"))
    )
    authors = authors or [a for a in md.authors if "Báo Pháp Luật" not in a]

    time_el = _first(tree, f"//time[{class_xpath('article__time')}]")
    published = md.published
    if not published and time_el is not None:
        from newsmine.parse.metadata import normalize_date

        published = normalize_date(time_el.get("datetime") or time_el.get("data-time"))

    # The tag box keeps tags that contain commas intact; the keywords meta is the fallback.
    tags = (
        dedupe(
            clean_text(a.get("title") or a.text_content()).lstrip("#").strip()
            for a in tree.xpath(f"//div[{class_xpath('article__tag')}]//a")
        )
        or md.tags
    )
    section = md.section
    if not section:
        crumb = _first(tree, f"//div[{class_xpath('breadcrumb')}]//a")
        section = node_text(crumb) if crumb is not None else None

    images = add_cover(figure_images(body, url or md.canonical_url, skip=_skip_box), md.image)
    return Article(
        text="\n\n".join(paras),
        url=url,
        canonical_url=md.canonical_url,
        site="plo.vn",
        title=title or None,
        sapo=sapo or None,
        authors=authors,
        published=published,
        modified=md.modified,
        section=section,
        tags=tags,
        images=images,
        language=md.language or "vi",
    )
