"""vnexpress.net: title-detail / description / fck_detail markup.

Checked on the real pages in ../shared/pages/vnexpress.net. The byline is the last right-aligned
bold paragraph (or p.author_mail) of the body: it becomes ``authors`` and leaves the text. Section is
the top breadcrumb entry ("Pháp luật"), the desk an article belongs to; tags are the page keywords.
"""

from __future__ import annotations

import re

from newsmine.parse.html import ParseError, class_xpath, clean_text, node_text, paragraphs
from newsmine.parse.metadata import Metadata, dedupe, split_list
from newsmine.parse.sites import NON_TEXT_TAGS, add_cover, figure_images
from newsmine.types import Article

_SKIP_CLASS = re.compile(
    r"\b(author_mail|box_embed_video|box_brief_info|box-tinlienquan\w*|tinlienquan|banner|ads\w*|"
    r"box_category|list-news|social\w*|hidden)\b"
)
_BYLINE_SPLIT = re.compile(r"\s+-\s+|\s*,\s*|\s+và\s+")


def _skip_box(el) -> bool:
    cls = el.get("class")
    return bool(cls and _SKIP_CLASS.search(cls)) or el.get("data-component-type") == "tin_xemthem"


def _skip(el) -> bool:
    """Not body text: media, captions (incl. old table.tplCaption layouts), boxes."""
    return el.tag in NON_TEXT_TAGS or "tplCaption" in (el.get("class") or "") or _skip_box(el)


def _is_byline(p) -> bool:
    """A short paragraph that is only bold text, right-aligned (the author signature)."""
    text = clean_text(p.text_content())
    strong = p.find(".//strong")
    if strong is None or not text or len(text) > 80:
        return False
    return clean_text(strong.text_content()) == text and (
        "right" in (p.get("style") or "") or "author" in (p.get("class") or "")
    )


def parse(tree, md: Metadata, url: str | None = None) -> Article:
    found = tree.xpath(f"//article[{class_xpath('fck_detail')}]") or tree.xpath(
        f"//*[{class_xpath('fck_detail')}]"
    )
    if not found:
        raise ParseError("vnexpress.net: no fck_detail article body in page")
    body = found[0]

    authors: list[str] = []
    bylines = [p for p in body.iter("p") if _is_byline(p)]
    if bylines:
        byline = bylines[-1]
        authors = [a for a in _BYLINE_SPLIT.split(clean_text(byline.text_content())) if a]
        byline.drop_tree()
    if not authors:
        authors = [a for a in md.authors if a.lower() not in {"vnexpress", "báo vnexpress"}]

    paras = paragraphs(body, skip=_skip)
    if not paras:
        raise ParseError("vnexpress.net: empty article body")

    title_el = next(iter(tree.xpath(f"//h1[{class_xpath('title-detail')}]")), None)
    title = (node_text(title_el) if title_el is not None else "") or md.title
    sapo_el = next(iter(tree.xpath(f"//p[{class_xpath('description')}]")), None)
    sapo = (node_text(sapo_el) if sapo_el is not None else "") or md.description

    crumbs = [clean_text(a.text_content()) for a in tree.xpath(f"//ul[{class_xpath('breadcrumb')}]/li/a")]
    section = next((c for c in crumbs if c), None) or (md.breadcrumbs[0][0] if md.breadcrumbs else md.section)

    keywords = tree.xpath("//meta[@name='news_keywords']/@content") or tree.xpath(
        "//meta[@name='keywords']/@content"
    )
    tags = dedupe(split_list(keywords[0])) if keywords else md.tags

    images = add_cover(figure_images(body, url or md.canonical_url, skip=_skip_box), md.image)
    return Article(
        text="\n\n".join(paras),
        url=url,
        canonical_url=md.canonical_url,
        site="vnexpress.net",
        title=title or None,
        sapo=sapo or None,
        authors=dedupe(authors),
        published=md.published,
        modified=md.modified,
        section=section,
        tags=tags,
        images=images,
        language=md.language or "vi",
    )
