"""crawl stage: polite, incremental, resumable crawling into a WARC archive + SQLite catalogue.

`crawl(sources, archive_dir)` collects, `reparse(archive_dir)` rebuilds articles offline,
`load_articles(archive_dir)` yields (canonical URL, Article) for the next stages.
"""

from newsmine.crawl.crawler import (
    CrawlSummary,
    HostStats,
    ReparseSummary,
    crawl,
    crawl_async,
    load_articles,
    reparse,
)
from newsmine.crawl.samplesite import SampleSite, crawl_sample_site, serve_sample_site
from newsmine.crawl.sources import REGISTRY, Listing, Site, resolve_source

__all__ = [
    "REGISTRY",
    "CrawlSummary",
    "HostStats",
    "Listing",
    "ReparseSummary",
    "SampleSite",
    "Site",
    "crawl",
    "crawl_async",
    "crawl_sample_site",
    "load_articles",
    "reparse",
    "resolve_source",
    "serve_sample_site",
]
