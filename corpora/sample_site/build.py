"""Regenerate the bundled sample news site from articles.json: `python corpora/sample_site/build.py`.

The markup mirrors plo.vn (article__title / article__sapo / article__body / article__tag, og:* and
article:* meta, JSON-LD NewsArticle + BreadcrumbList) so the plo.vn site parser reads it; every
sentence is invented. `{BASE}` is replaced by the serving origin at request time
(newsmine.crawl.samplesite), so sitemaps and feeds carry absolute URLs of wherever it is served.
"""

from __future__ import annotations

import html
import json
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
SITE_NAME = "Báo Pháp Luật Mẫu"
SECTIONS = {"phap-luat": "Pháp luật", "thoi-su": "Thời sự"}
PAGE_SIZE = 4
# Extra links planted in listings: the AMP twin of 1001 (home), an old slug of 1004 (thoi-su).
ALIAS_1004 = "tuyen-an-ke-toan-truong-tham-o-7-ti-dong-post1004.html"
# Routes the server answers specially (see samplesite.py); listed in the news sitemap for the demo.
SPECIAL = [
    ("cham-phan-hoi-post1099.html", "2025-09-30T08:00:00+07:00"),  # slow page
    ("loi-may-chu-post1098.html", "2025-09-29T08:00:00+07:00"),  # always 500
    ("vong-lap-chuyen-huong-post1097.html", "2025-09-28T08:00:00+07:00"),  # redirect loop
    ("trang-rong-post1015.html", "2025-09-27T08:00:00+07:00"),  # empty body
    ("noi-bo/ban-tin-noi-bo-post1095.html", "2025-09-26T08:00:00+07:00"),  # disallowed by robots.txt
]

e = html.escape


def url(a: dict) -> str:
    return f"{a['slug']}-post{a['id']}.html"


def ddmmyyyy(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")


def plo_time(iso: str) -> str:
    return datetime.fromisoformat(iso).strftime("%Y-%m-%dT%H:%M:%S%z")


def body_html(a: dict) -> str:
    out, n_img = [], 0
    for i, para in enumerate(a["body"]):
        if para.startswith("## "):
            out.append(f'<h2 id="tocid_{i}">{e(para[3:])}</h2>')
        elif para.startswith("[img]"):
            n_img += 1
            cap = e(para[5:])
            src = f"{{BASE}}/images/{a['id']}-{n_img}.jpg"
            out.append(
                f'<figure> <img src="data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==" '
                f'alt="anh-{a["id"]}-{n_img}.jpg" class="lazyload cms-photo" data-src="{src}" title="{cap}" '
                f'width="850" height="478"> <figcaption> {cap} </figcaption> </figure>'
            )
        else:
            out.append(f'<p style="text-align: justify;">{e(para, quote=False)}</p>')
        if i == 2:
            out.append(
                '<div class="ads_middle"><div id="adsMobile_AdsArticleMiddle" class="banner fyi">'
                "<script>window.CMS_BANNER=window.CMS_BANNER||[];</script> Quảng cáo </div></div>"
            )
    return "\n".join(out)


def header_html() -> str:
    nav = " ".join(f'<a href="{{BASE}}/{k}/" title="{v}">{v}</a>' for k, v in SECTIONS.items())
    return (
        f'<header class="header"><a class="logo" href="{{BASE}}/" title="{SITE_NAME}">{SITE_NAME}</a>'
        f'<nav class="menu">{nav} <a href="{{BASE}}/tu-khoa.html?q=thi+dua">Tìm kiếm</a></nav></header>'
    )


def footer_html() -> str:
    return (
        '<footer class="footer"><p>Báo Pháp Luật Mẫu - trang tin thử nghiệm của newsmine. '
        "Mọi nội dung là hư cấu.</p></footer>"
    )


def article_html(a: dict, related: list[dict]) -> str:
    sec = SECTIONS[a["section"]]
    canon = f"{{BASE}}/{url(a)}"
    tags = ", ".join(a["tags"])
    pub = plo_time(a["published"])
    ld_article = {
        "@context": "http://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canon},
        "headline": a["title"],
        "description": "(PLO)- " + a["sapo"],
        "image": {"@type": "ImageObject", "url": f"{{BASE}}/images/{a['id']}-og.jpg", "width": 1200,
                  "height": 675},
        "datePublished": pub,
        "dateModified": pub,
        "author": {"@type": "Person", "name": a["author"]},
        "publisher": {"@type": "Organization", "name": SITE_NAME},
    }
    ld_crumb = {
        "@context": "http://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "item": {"@id": f"{{BASE}}/{a['section']}/", "name": sec}}
        ],
    }
    rel = " ".join(
        f'<article class="story"><h2 class="story__heading" data-tracking="{r["id"]}">'
        f'<a class="cms-link" href="{{BASE}}/{url(r)}" title="{e(r["title"])}"> {e(r["title"])} </a></h2></article>'
        for r in related
    )
    tag_links = " ".join(f'<a href="{{BASE}}/tu-khoa.html?q={e(t)}" title="{e(t)}">#{e(t)}</a>' for t in a["tags"])
    doc = f"""<!DOCTYPE html>
<html lang="vi">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8"/>
<title>{e(a["title"])} | {SITE_NAME}</title>
<meta name="description" content="{e("(PLO)- " + a["sapo"])}"/>
<meta name="keywords" content="{e(tags)}"/>
<meta name="news_keywords" content="{e(tags)}"/>
<meta http-equiv="content-language" content="vi"/>
<meta content="{sec}" itemprop="articleSection"/>
<meta name="author" content="{SITE_NAME}"/>
<meta content="vi-VN" itemprop="inLanguage"/>
<meta name="robots" content="index, follow"/>
<link rel="canonical" href="{canon}"/>
<meta property="og:site_name" content="{SITE_NAME}"/>
<meta property="og:type" content="article"/>
<meta property="og:url" itemprop="url" content="{{BASE}}/share{a["id"]}.html"/>
<meta property="og:image" itemprop="thumbnailUrl" content="{{BASE}}/images/{a["id"]}-og.jpg"/>
<meta property="og:title" itemprop="headline" content="{e(a["title"])}"/>
<meta property="og:description" itemprop="description" content="{e("(PLO)- " + a["sapo"])}"/>
<meta property="article:tag" content="{e(tags)}"/>
<meta property="article:section" content="{sec}"/>
<meta property="article:published_time" content="{pub}"/>
<meta property="article:modified_time" content="{pub}"/>
<link rel="amphtml" href="{{BASE}}/{a["slug"]}-post{a["id"]}.amp"/>
<meta property="dable:item_id" content="{a["id"]}"/>
<meta property="dable:author" content="{e(a["author"])}"/>
<meta class="cms-date" itemprop="datePublished" content="{pub}">
<script type="application/ld+json">{json.dumps(ld_crumb, ensure_ascii=False)}</script>
<script type="application/ld+json">{json.dumps(ld_article, ensure_ascii=False)}</script>
</head>
<body class="detail-page">
{header_html()}
<div class="main-content"> <div class="article">
<div class="breadcrumb"> <h2 class="main"> <a href="{{BASE}}/{a["section"]}/" title="{sec}">{sec}</a> </h2> </div>
<div class="article__header"> <h1 class="article__title cms-title "> {e(a["title"])} </h1>
<time class="article__time" datetime="{pub}">{ddmmyyyy(a["published"])}</time>
<meta class="cms-date" itemprop="datePublished" content="{pub}"> </div>
<div class="article__sapo cms-desc"> <p>(PLO)- {e(a["sapo"], quote=False)}<b></b></p> </div>
<div class="article__body zce-content-body cms-body " itemprop="articleBody">
{body_html(a)}
</div>
<div class="article__meta"> <div class="meta"> <div class="author cms-author">
<a href="#" class="name" title=" {e(a["author"])}"> {e(a["author"])}</a> </div> </div> </div>
<div class="article__footer"> <div class="related-news"> <div class="box-heading"><span class="title">Tin liên quan</span></div>
<div class="box-content" data-source="related-news">{rel}</div> </div> </div>
<div class="article__tag"> <h3 class="box-heading"> <span class="title">từ khóa</span> </h3>
<div class="box-content"> {tag_links} </div> </div>
</div> </div>
{footer_html()}
</body>
</html>
"""
    if a.get("truncate"):  # a page cut off mid-body, as from a dropped connection
        cut = doc.index("Cơ quan điều tra cũng đang")
        doc = doc[: cut + 40]
    return doc


def story_html(a: dict, href: str | None = None) -> str:
    href = href or url(a)
    return (
        f'<article class="story"> <h2 class="story__heading"> <a class="cms-link" href="{{BASE}}/{href}" '
        f'title="{e(a["title"])}"> {e(a["title"])} </a> </h2> '
        f'<time class="story__time" datetime="{plo_time(a["published"])}">{ddmmyyyy(a["published"])}</time> '
        f'<div class="story__summary">{e(a["sapo"], quote=False)}</div> </article>'
    )


def listing_html(title: str, stories: list[str], next_href: str | None, canonical: str) -> str:
    nxt = (
        f'<div class="pagination"><a class="next" rel="next" href="{{BASE}}/{next_href}">Xem thêm</a></div>'
        if next_href
        else ""
    )
    head_next = f'<link rel="next" href="{{BASE}}/{next_href}"/>' if next_href else ""
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"/><title>{title} | {SITE_NAME}</title>
<link rel="canonical" href="{{BASE}}/{canonical}"/>{head_next}</head>
<body class="category-page">{header_html()}
<div class="main-content"><h1 class="category-name">{title}</h1>
<div class="box-content content-list">
{chr(10).join(stories)}
</div>{nxt}</div>{footer_html()}</body></html>
"""


def sitemap_urls(items: list[tuple[str, str]], news: bool) -> str:
    rows = []
    for href, date in items:
        extra = (
            f"<news:news><news:publication><news:name>{SITE_NAME}</news:name><news:language>vi</news:language>"
            f"</news:publication><news:publication_date>{date}</news:publication_date></news:news>"
            if news
            else ""
        )
        rows.append(f"<url><loc>{{BASE}}/{href}</loc><lastmod>{date}</lastmod>{extra}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + "\n".join(rows) + "\n</urlset>\n"
    )


def main() -> None:
    arts = json.loads((HERE / "articles.json").read_text(encoding="utf-8"))
    by_id = {a["id"]: a for a in arts}
    files: dict[str, str] = {}
    for a in arts:
        related = [r for r in arts if r["section"] == a["section"] and r["id"] != a["id"]][:2]
        files[f"articles/{url(a)}"] = article_html(a, related)

    for sec, name in SECTIONS.items():
        items = sorted((a for a in arts if a["section"] == sec), key=lambda a: a["published"], reverse=True)
        stories = [(a["published"], story_html(a)) for a in items]
        if sec == "thoi-su":
            a = by_id[1004]
            stories.append((a["published"], story_html(a, ALIAS_1004)))
            stories.sort(reverse=True)
        pages = [stories[i : i + PAGE_SIZE] for i in range(0, len(stories), PAGE_SIZE)]
        for n, page in enumerate(pages, 1):
            path = f"{sec}/index.html" if n == 1 else f"{sec}/trang-{n}.html"
            nxt = f"{sec}/trang-{n + 1}.html" if n < len(pages) else None
            canonical = f"{sec}/" if n == 1 else path
            files[path] = listing_html(name, [s for _, s in page], nxt, canonical)

    home = [story_html(by_id[1001], f"{by_id[1001]['slug']}-post1001.amp"), story_html(by_id[1013])]
    files["index.html"] = listing_html("Trang chủ", home, None, "")

    recent = [a for a in arts if a["published"] >= "2025-01-01"]
    older = [a for a in arts if a["published"] < "2025-01-01"]
    files["sitemaps/sitemap-news.xml"] = sitemap_urls(
        [(url(a), a["published"]) for a in recent] + SPECIAL, news=True
    )
    files["sitemaps/sitemap-archive.xml"] = sitemap_urls([(url(a), a["published"]) for a in older], news=False)
    files["sitemap.xml"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "<sitemap><loc>{BASE}/sitemaps/sitemap-news.xml</loc><lastmod>2025-10-02T09:15:00+07:00</lastmod></sitemap>\n"
        "<sitemap><loc>{BASE}/sitemaps/sitemap-archive.xml.gz</loc><lastmod>2024-11-22T14:00:00+07:00</lastmod>"
        "</sitemap>\n</sitemapindex>\n"
    )

    feed_items = sorted((a for a in arts if a["section"] == "phap-luat"), key=lambda a: a["published"],
                        reverse=True)[:5]
    rss_items = "\n".join(
        f"<item><title>{e(a['title'])}</title><link>{{BASE}}/{url(a)}?utm_source=rss&amp;utm_medium=referral"
        f"</link><guid isPermaLink=\"false\">post{a['id']}</guid><description>{e(a['sapo'])}</description>"
        f"<pubDate>{datetime.fromisoformat(a['published']).strftime('%a, %d %b %Y %H:%M:%S %z')}</pubDate></item>"
        for a in feed_items
    )
    files["rss/phap-luat.rss"] = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Pháp luật - '
        f"{SITE_NAME}</title><link>{{BASE}}/phap-luat/</link><description>Tin pháp luật</description>"
        f"<language>vi</language>\n{rss_items}\n</channel></rss>\n"
    )
    bad = [
        ("test/qua-tai.html", "429 once, then the page"),
        ("test/tam-ngung.html", "503 twice, then the page"),
        ("test/da-go.html", "410 gone"),
        ("test/khong-ton-tai.html", "404"),
        ("test/tai-lieu.pdf", "a PDF"),
        ("test/trang-khong-lo.html", "a huge page"),
        ("test/chuyen-huong.html", "301 to an article"),
        ("test/loi-500.html", "always 500"),
        ("test/disallowed/bi-chan.html", "disallowed by robots.txt"),
        ("cham-phan-hoi-post1099.html", "slow"),
        ("vong-lap-chuyen-huong-post1097.html", "redirect loop"),
    ]
    files["test/index.html"] = listing_html(
        "Trang thử nghiệm",
        [f'<article class="story"><a href="{{BASE}}/{href}">{label}</a></article>' for href, label in bad],
        None,
        "test/",
    )
    files["robots.txt"] = (
        "User-agent: *\nCrawl-delay: 0.2\nDisallow: /admin/\nDisallow: /noi-bo/\nDisallow: /tu-khoa.html\n"
        "Disallow: /test/disallowed/\n\nSitemap: {BASE}/sitemap.xml\n"
    )
    for rel, text in files.items():
        path = HERE / "site" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} files under {HERE / 'site'}")


if __name__ == "__main__":
    main()
