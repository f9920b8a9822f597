"""The generic parser (trafilatura + JSON-LD/OpenGraph/htmldate) on self-written pages of an unknown site."""

from __future__ import annotations

import json

import pytest

from newsmine.parse import ParseError, parse_html
from newsmine.parse.metadata import normalize_date

PARAGRAPHS = [
    "Ngày 3-6, Viện KSND tỉnh Lâm Đồng phối hợp với Sở Tư pháp tổ chức hội nghị tập huấn kỹ năng "
    "kiểm sát việc giải quyết các vụ án hành chính cho hơn 120 kiểm sát viên trong tỉnh.",
    "Phát biểu khai mạc, Phó Viện trưởng Viện KSND tỉnh Lâm Đồng Trần Minh Quân cho biết số vụ án hành "
    "chính liên quan đến đất đai tăng mạnh trong hai năm gần đây, đòi hỏi kiểm sát viên phải nắm chắc "
    "các quy định mới của Luật Đất đai năm 2024.",
    "Tại hội nghị, các báo cáo viên đã phân tích nhiều vụ án điển hình bị cấp phúc thẩm hủy do thu thập "
    "chứng cứ chưa đầy đủ, đồng thời hướng dẫn cách xây dựng bài phát biểu tại phiên tòa.",
    "Theo kế hoạch, trong quý III, Viện KSND tỉnh sẽ tổ chức thêm hai đợt tập huấn trực tuyến cho các "
    "đơn vị cấp khu vực và tổng kết, rút kinh nghiệm vào cuối năm.",
]
BODY = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
JSONLD = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebSite", "name": "Tin Tư Pháp Cao Nguyên", "url": "https://tintuphap.example.vn/"},
        {
            "@type": "NewsArticle",
            "headline": "Lâm Đồng tập huấn kỹ năng kiểm sát án hành chính",
            "datePublished": "2025-06-03T15:20:00",
            "dateModified": "2025-06-04T08:00:00+07:00",
            "author": [{"@type": "Person", "name": "Hà Linh"}, {"@type": "Person", "name": "Quốc Bảo"}],
            "articleSection": ["Tư pháp"],
            "keywords": "kiểm sát, án hành chính, Lâm Đồng",
            "image": {"@type": "ImageObject", "url": "https://tintuphap.example.vn/anh/tap-huan.jpg"},
        },
    ],
}
PAGE = f"""<!doctype html>
<html lang="vi-VN"><head><meta charset="utf-8">
<title>Lâm Đồng tập huấn kỹ năng kiểm sát án hành chính | Tin Tư Pháp Cao Nguyên</title>
<meta property="og:title" content="Lâm Đồng tập huấn kỹ năng kiểm sát án hành chính | Tin Tư Pháp Cao Nguyên">
<meta property="og:site_name" content="Tin Tư Pháp Cao Nguyên">
<meta property="og:description" content="Hơn 120 kiểm sát viên được tập huấn về kiểm sát án hành chính.">
<link rel="canonical" href="https://tintuphap.example.vn/tu-phap/tap-huan-kiem-sat-an-hanh-chinh-123.html">
<script type="application/ld+json">{json.dumps(JSONLD, ensure_ascii=False)}</script>
</head><body>
<header><nav><a href="/">Trang chủ</a> <a href="/tu-phap">Tư pháp</a> <a href="/xa-hoi">Xã hội</a></nav>
</header>
<main><article>
<h1>Lâm Đồng tập huấn kỹ năng kiểm sát án hành chính</h1>
<div class="content">{BODY}</div>
</article>
<aside class="related"><h3>Tin liên quan</h3><ul>
<li><a href="/a">Đắk Nông tổng kết công tác kiểm sát năm 2024</a></li>
<li><a href="/b">Gia Lai khai mạc hội thi kiểm sát viên giỏi</a></li></ul></aside>
</main>
<footer><p>© 2025 Tin Tư Pháp Cao Nguyên. Giấy phép số 01/GP-TTĐT.</p></footer>
</body></html>"""


@pytest.fixture(scope="module")
def article():
    return parse_html(PAGE.encode("utf-8"), "https://tintuphap.example.vn/tu-phap/tap-huan-123.html")


def test_generic_body_is_the_article_paragraphs(article):
    assert article.text.split("\n\n") == PARAGRAPHS
    assert "Tin liên quan" not in article.text and "Giấy phép" not in article.text


def test_generic_metadata_from_jsonld_and_opengraph(article):
    assert article.site == "tintuphap.example.vn"
    assert article.title == "Lâm Đồng tập huấn kỹ năng kiểm sát án hành chính"  # site suffix dropped
    assert article.sapo == "Hơn 120 kiểm sát viên được tập huấn về kiểm sát án hành chính."
    assert article.published == "2025-06-03T15:20:00+07:00"  # naive time on a Vietnamese page: +07:00
    assert article.modified == "2025-06-04T08:00:00+07:00"
    assert article.authors == ["Hà Linh", "Quốc Bảo"]
    assert article.section == "Tư pháp"
    assert article.tags == ["kiểm sát", "án hành chính", "Lâm Đồng"]
    assert (
        article.canonical_url
        == "https://tintuphap.example.vn/tu-phap/tap-huan-kiem-sat-an-hanh-chinh-123.html"
    )
    assert [i.url for i in article.images] == ["https://tintuphap.example.vn/anh/tap-huan.jpg"]
    assert article.language == "vi"


def test_generic_date_from_htmldate_when_no_metadata():
    page = f"""<html><head><title>Tập huấn kiểm sát</title></head><body><article>
    <h1>Tập huấn kiểm sát</h1><p class="date">Đăng ngày 2024-11-18</p>{BODY}</article></body></html>"""
    article = parse_html(page, "https://tintuphap.example.vn/bai-viet.html")
    assert article.published == "2024-11-18"
    assert article.title == "Tập huấn kiểm sát"


def test_listing_page_without_article_text_is_an_error():
    page = (
        "<html><body><nav>"
        + "".join(f"<a href='/{i}'>Mục {i}</a>" for i in range(30))
        + "</nav></body></html>"
    )
    with pytest.raises(ParseError, match="not an article"):
        parse_html(page, "https://tintuphap.example.vn/")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-10-09T17:55:47+0700", "2025-10-09T17:55:47+07:00"),
        ("2025-10-09T10:55:47Z", "2025-10-09T10:55:47+00:00"),
        ("2025-10-09 17:55:47", "2025-10-09T17:55:47+07:00"),
        ("09/10/2025 17:55", "2025-10-09T17:55:00+07:00"),
        ("2025-10-09", "2025-10-09"),
        (1760007347, "2025-10-09T17:55:47+07:00"),
        ("không rõ", None),
    ],
)
def test_normalize_date(raw, expected):
    assert normalize_date(raw) == expected
