"""Bad input never crashes the parser: a ParseError with a one-line reason, or a valid Article.

Uses a plo.vn-like page written here (invented article), so these run without ../shared.
"""

from __future__ import annotations

import unicodedata

import pytest

from newsmine.parse import ParseError, parse_html
from newsmine.types import Article

PLO_PAGE = """<!DOCTYPE html>
<html lang="vi"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<title>Tòa án tỉnh Kon Tum xét xử vụ tham ô quỹ hợp tác xã | Báo Pháp Luật TP. Hồ Chí Minh</title>
<meta name="keywords" content="tham ô tài sản, TAND tỉnh Kon Tum"/>
<link rel="canonical" href="https://plo.vn/toa-an-kon-tum-xet-xu-vu-tham-o-post900001.html"/>
<meta property="og:title" content="Tòa án tỉnh Kon Tum xét xử vụ tham ô quỹ hợp tác xã"/>
<meta property="og:image" content="https://image.plo.vn/1200x630/Uploaded/2025/abc/anh-bia.jpg"/>
<meta property="article:section" content="Pháp luật"/>
<meta property="article:published_time" content="2025-05-14T08:05:00+0700"/>
<meta property="dable:author" content="NGỌC ANH"/>
</head><body>
<div class="article">
<h1 class="article__title cms-title"> Tòa án tỉnh Kon Tum xét xử vụ tham ô quỹ hợp tác xã </h1>
<div class="article__sapo cms-desc"><p>(PLO)- Nguyên kế toán hợp tác xã bị truy tố vì chiếm đoạt
hơn 1,2 tỉ đồng tiền quỹ của các xã viên.</p></div>
<div class="article__body cms-body" itemprop="articleBody">
<p>Sáng 14-5, TAND tỉnh Kon Tum mở phiên tòa sơ thẩm xét xử bị cáo Lê Thị Hạnh về tội tham ô tài sản.</p>
<figure><img src="data:image/gif;base64,R0lGOD" data-src="https://image.plo.vn/w1000/Uploaded/2025/abc/phien-toa.jpg">
<figcaption>Bị cáo tại phiên tòa. Ảnh: NA</figcaption></figure>
<p>Theo cáo trạng, từ năm 2021 đến năm 2023, bị cáo đã lập chứng từ khống để rút tiền quỹ.</p>
<div class="ads_middle"><div class="banner fyi">Quảng cáo</div></div>
<h2>Khắc phục hậu quả</h2>
<p>Tại phiên tòa, bị cáo thừa nhận hành vi và gia đình đã nộp lại 800 triệu đồng.</p>
<div class="article-relate"><article class="story">
<h2 class="story__heading"><a href="/khac-post1.html">Tin khác</a></h2>
</article></div>
</div>
<div class="article__meta"><div class="author cms-author">
<a href="#" class="name" title="NGỌC ANH">NGỌC ANH</a></div></div>
</div></body></html>
"""
URL = "https://plo.vn/toa-an-kon-tum-xet-xu-vu-tham-o-post900001.html"
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese legacy sites wrote it: base letter + combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return bytes(out)


@pytest.fixture(scope="module")
def reference() -> Article:
    return parse_html(PLO_PAGE, URL)


def test_reference_page_parsed_by_plo_parser(reference):
    assert reference.site == "plo.vn"
    assert reference.title == "Tòa án tỉnh Kon Tum xét xử vụ tham ô quỹ hợp tác xã"
    assert reference.published == "2025-05-14T08:05:00+07:00"
    assert reference.section == "Pháp luật"
    assert reference.authors == ["NGỌC ANH"]
    assert reference.tags == ["tham ô tài sản", "TAND tỉnh Kon Tum"]
    assert reference.text.split("\n\n") == [
        "Sáng 14-5, TAND tỉnh Kon Tum mở phiên tòa sơ thẩm xét xử bị cáo Lê Thị Hạnh về tội tham ô tài sản.",
        "Theo cáo trạng, từ năm 2021 đến năm 2023, bị cáo đã lập chứng từ khống để rút tiền quỹ.",
        "Khắc phục hậu quả",
        "Tại phiên tòa, bị cáo thừa nhận hành vi và gia đình đã nộp lại 800 triệu đồng.",
    ]
    assert [(i.url.rsplit("/", 1)[-1], i.caption) for i in reference.images] == [
        ("phien-toa.jpg", "Bị cáo tại phiên tòa. Ảnh: NA"),
        ("anh-bia.jpg", None),
    ]


@pytest.mark.parametrize(
    "declared",
    ["windows-1258", None, "iso-8859-1"],
    ids=["declared", "undeclared", "wrongly-declared-latin1"],
)
def test_cp1258_bytes_decode_to_the_same_article(reference, declared):
    page = PLO_PAGE.replace("charset=utf-8", f"charset={declared}" if declared else "")
    article = parse_html(to_cp1258(page), URL)
    assert article.title == reference.title
    assert article.text == reference.text
    assert unicodedata.is_normalized("NFC", article.text)


def test_http_charset_hint_used_for_undeclared_legacy_bytes(reference):
    page = to_cp1258(PLO_PAGE.replace("charset=utf-8", ""))
    article = parse_html(page, URL, encoding="windows-1258")
    assert article.text == reference.text and article.sapo == reference.sapo


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig"])
def test_unicode_encodings_with_or_without_bom(reference, encoding):
    assert parse_html(PLO_PAGE.encode(encoding), URL).text == reference.text


def test_decomposed_input_comes_out_nfc(reference):
    article = parse_html(unicodedata.normalize("NFD", PLO_PAGE), URL)
    assert article.text == reference.text and article.title == reference.title
    assert all(unicodedata.is_normalized("NFC", t) for t in (article.text, article.sapo, *article.tags))


def test_truncated_page_keeps_what_arrived(reference):
    cut = PLO_PAGE.index("Theo cáo trạng") + 30
    article = parse_html(PLO_PAGE[:cut].encode(), URL)
    assert article.title == reference.title
    assert article.text.startswith(reference.text.split("\n\n")[0])
    assert len(article.text) < len(reference.text)


@pytest.mark.parametrize("cut", [40, 400, 1200])
def test_truncated_anywhere_never_crashes(cut):
    try:
        article = parse_html(PLO_PAGE[:cut].encode(), URL)
    except ParseError as exc:
        assert "\n" not in str(exc) and str(exc)
    else:
        assert article.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (b"<html><head><title>x</title></head><body></body></html>", "no article text"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        (bytes((i * 37 + 11) % 256 for i in range(8192)), "binary"),
        (b'{"title": "not a page", "items": [1, 2, 3]}', "not HTML"),
        ("Chỉ là một đoạn văn bản thuần, không phải trang web.".encode(), "not HTML"),
    ],
    ids=["empty", "whitespace", "empty-body", "png", "pdf", "noise", "json", "plain-text"],
)
def test_bad_input_raises_parse_error_with_one_line_reason(data, reason):
    with pytest.raises(ParseError) as info:
        parse_html(data, URL)
    message = str(info.value)
    assert reason in message and "\n" not in message
    assert isinstance(info.value, ValueError)


def test_stray_nul_bytes_are_dropped_not_fatal(reference):
    page = PLO_PAGE.replace("Sáng 14-5", "Sáng\x00 14-5").encode()
    assert parse_html(page, URL).text == reference.text


def test_huge_page_parses(reference):
    filler = "<div class='footer-links'>" + "<p><a href='/x'>Liên kết chân trang</a></p>" * 60_000 + "</div>"
    page = PLO_PAGE.replace("</body>", filler + "</body>")
    assert len(page) > 2_000_000
    assert parse_html(page.encode(), URL).text == reference.text


def test_oversized_input_refused():
    with pytest.raises(ParseError, match="too large"):
        parse_html(b"<html><body>" + b"<p>x</p>" * 4_000_000 + b"</body></html>", URL)


def test_unknown_site_name_is_a_parse_error():
    with pytest.raises(ParseError, match="unknown site"):
        parse_html(PLO_PAGE, URL, site="example.invalid")


def test_site_parser_falls_back_to_generic_when_markup_differs():
    """A vnexpress URL but plo markup: the vnexpress parser declines, the generic parser reads it."""
    article = parse_html(PLO_PAGE, "https://vnexpress.net/bai-viet-1.html")
    assert article.site == "vnexpress.net"
    assert "bị cáo Lê Thị Hạnh" in article.text
    assert article.published == "2025-05-14T08:05:00+07:00"


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://m.plo.vn/a-post1.html", "plo.vn"),
        ("https://amp.plo.vn/a-post1.amp", "plo.vn"),
        ("https://www.vnexpress.net/a-1.html", "vnexpress.net"),
        ("https://m.baophapluat.vn/a.html", "baophapluat.vn"),
    ],
)
def test_site_chosen_by_host_variants(url, site):
    from newsmine.parse.sites import site_for_url

    assert site_for_url(url).name == site
