"""Site parsers on the real plo.vn / vnexpress.net pages in ../shared/pages, checked against the
upstream expected values in each page's .expected.json (with its `semantics` where not equality)."""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from newsmine.config import SHARED_DIR
from newsmine.parse import parse_html
from newsmine.types import Article

SITES = ("plo.vn", "vnexpress.net")
PAGES = sorted(
    str(p.relative_to(SHARED_DIR / "pages")) for s in SITES for p in (SHARED_DIR / "pages" / s).glob("*.html")
)


def slug(text: str) -> str:
    """plo's category id from its name: 'Chính trị' -> 'chinh-tri'."""
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def paragraphs(article: Article) -> list[str]:
    return article.text.split("\n\n")


def check_plo(article: Article, key: str, value) -> None:
    """crawl_news_site's ParsedArticle fields mapped onto Article."""
    if key == "title":
        assert article.title == value
    elif key == "description":
        assert article.sapo == value
    elif key == "content_first_paragraph_startswith":
        assert paragraphs(article)[0].startswith(value)
    elif key == "category_id":
        assert article.section and slug(article.section) == value
    elif key == "category_name":
        assert article.section == value
    elif key == "publish_date":
        assert article.published
        assert datetime.fromisoformat(article.published) == datetime.fromisoformat(value)
    elif key == "tags":
        assert article.tags == value
    elif key == "comments":
        assert value is None and not hasattr(article, "comments")  # we never invent comments
    elif key == "assets_count":
        assert len(article.images) == value
    elif key == "assets_count_greater_than":
        assert len(article.images) > value
    elif key == "assets[0]":
        assert value["asset_type"] == "IMAGE" and value["sequence"] == 1
        assert article.images[0].url == value["source_url"]
        assert article.images[0].caption == value["caption"]
    elif key == "content_min_chars":
        assert len(article.text) >= value
    elif key == "first_tag_lowercased_contains":
        assert value in article.tags[0].lower()
    else:
        raise AssertionError(f"unknown expected key {key!r}: teach this test its meaning")


def check_fundus(article: Article, gold: dict) -> None:
    """fundus' VnExpress gold: its paragraphs include the image caption, which our text leaves out."""
    assert article.title == gold["title"]
    assert article.sapo == " ".join(gold["body"]["summary"])
    assert article.authors == gold["authors"]
    assert article.tags == gold["topics"]
    assert datetime.fromisoformat(article.published) == datetime.fromisoformat(gold["publishing_date"])
    captions = {f"{img['caption']} Ảnh: {', '.join(img['authors'])}" for img in gold["images"]}
    expected = [p for s in gold["body"]["sections"] for p in s["paragraphs"] if p not in captions]
    assert len(expected) == sum(len(s["paragraphs"]) for s in gold["body"]["sections"]) - len(gold["images"])
    assert paragraphs(article) == expected
    for img in gold["images"]:
        ours = next(i for i in article.images if i.caption and i.caption.startswith(img["caption"]))
        assert ours.url in {v["url"] for v in img["versions"]}


def parse_page(shared_dir: Path, name: str, **kwargs) -> tuple[Article, dict]:
    path = shared_dir / "pages" / name
    expected = json.loads(path.with_name(path.name[:-5] + ".expected.json").read_text(encoding="utf-8"))
    return parse_html(path.read_bytes(), expected["url"], **kwargs), expected


@pytest.mark.parametrize("name", PAGES or ["<no pages>"])
def test_real_page_matches_expected(shared_dir, name):
    article, expected = parse_page(shared_dir, name)
    site = name.split("/")[0]
    assert article.site == site
    assert article.canonical_url == expected["url"]
    assert article.language == "vi"
    for field in ("text", "title", "sapo"):
        value = getattr(article, field)
        assert value and unicodedata.is_normalized("NFC", value)
    # every page: a dated article with a body and no caption/byline leftovers
    assert article.published and re.match(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$", article.published
    )
    captions = {i.caption for i in article.images if i.caption}
    assert not captions & set(paragraphs(article))
    assert not set(article.authors) & set(paragraphs(article))
    values = expected["expected"]
    if "V1" in values:
        check_fundus(article, values["V1"])
    elif set(values) == {"date"}:
        assert article.published[:10] == values["date"]
    else:
        for key, value in values.items():
            check_plo(article, key, value)


@pytest.mark.parametrize("name", PAGES or ["<no pages>"])
def test_forced_site_without_url_gives_same_article(shared_dir, name):
    """The crawl passes site= for its own sample site; the page alone must be enough."""
    by_url, _ = parse_page(shared_dir, name)
    path = shared_dir / "pages" / name
    forced = parse_html(path.read_text(encoding="utf-8"), site=name.split("/")[0])
    assert forced.text == by_url.text and forced.title == by_url.title and forced.tags == by_url.tags
    assert forced.url == by_url.canonical_url  # no URL given: the canonical link stands in


def test_vnexpress_byline_becomes_author_not_text(shared_dir):
    article, _ = parse_page(
        shared_dir,
        "vnexpress.net/kinh-doanh-ong-ho-duc-phoc-se-nang-muc-giam-tru-gia-canh-tinh-thue-ca-nhan-khi-sua-luat-4672302.html",
    )
    assert article.authors == ["Anh Minh"]
    assert article.section == "Kinh doanh"
    assert not article.text.rstrip().endswith("Anh Minh")


def test_site_found_from_canonical_link_when_url_is_elsewhere(shared_dir):
    for name in PAGES:
        path = shared_dir / "pages" / name
        article = parse_html(path.read_bytes(), "https://mirror.example.org/bai-viet.html")
        assert article.site == name.split("/")[0]


def test_generic_parser_on_real_pages_gets_core_fields(shared_dir):
    """Forced generic (metadata + trafilatura): same title and date, the body's first paragraph found."""
    for name in PAGES:
        path = shared_dir / "pages" / name
        site, _ = parse_page(shared_dir, name)
        generic = parse_html(path.read_bytes(), "https://example.org/bai-viet.html", site="generic")
        assert generic.title == site.title
        assert generic.published == site.published
        assert generic.sapo and site.sapo and generic.sapo[:40] in site.sapo
        assert paragraphs(site)[0][:60] in generic.text


SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample_site"


@pytest.mark.skipif(not (SAMPLE / "articles.json").exists(), reason="bundled sample site not built")
def test_plo_parser_reads_the_bundled_sample_site():
    """The crawl demo serves corpora/sample_site (plo.vn-like markup) and parses it with site='plo.vn'."""
    records = json.loads((SAMPLE / "articles.json").read_text(encoding="utf-8"))
    assert records
    for record in records:
        (page,) = (SAMPLE / "site" / "articles").glob(f"*-post{record['id']}.html")
        article = parse_html(page.read_bytes(), site="plo.vn")
        assert article.site == "plo.vn"
        assert article.title == record["title"]
        assert article.published == record["published"]
        assert article.authors == [record["author"]]
        assert article.tags == record["tags"]
        assert slug(article.section) == record["section"]
        assert article.sapo.endswith(record["sapo"])
        text = [p for p in record["body"] if not p.startswith(("[img]", "## "))]
        got = paragraphs(article)
        if record.get("truncate"):  # cut mid-body: what arrived is kept, in order
            assert got[0] == text[0] and len(got) <= len(text)
        else:
            assert [p for p in got if p in text] == text
            headings = [p[3:] for p in record["body"] if p.startswith("## ")]
            assert [p for p in got if p not in text] == headings  # no captions, ads or related links
