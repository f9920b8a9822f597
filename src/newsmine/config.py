"""Configuration in one place: paths, the crawler's manners, default locations."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent.parent


def _data_dir(name: str) -> Path:
    """`corpora/` and `models/` ship beside the package in a checkout; NEWSMINE_<NAME> overrides."""
    env = os.environ.get(f"NEWSMINE_{name.upper()}")
    return Path(env) if env else REPO_DIR / name


CORPORA_DIR = _data_dir("corpora")
MODELS_DIR = _data_dir("models")
SHARED_DIR = Path(os.environ.get("NEWSMINE_SHARED", REPO_DIR.parent / "shared"))
DEFAULT_HOME = Path(os.environ.get("NEWSMINE_HOME", Path.home() / ".local" / "share" / "newsmine"))
DEFAULT_DB = DEFAULT_HOME / "newsmine.db"
DEFAULT_ARCHIVE = DEFAULT_HOME / "archive"

USER_AGENT = "newsmine/0.1 (+https://github.com/newsmine/newsmine; research crawler)"


@dataclass
class CrawlConfig:
    """The crawler's manners; one object handed to every crawl function."""

    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between requests to one host (robots Crawl-delay wins if larger)
    concurrency_per_host: int = 2
    concurrency: int = 8
    timeout: float = 20.0
    max_retries: int = 3
    backoff: float = 1.0  # first retry wait; doubles each try; Retry-After wins
    max_page_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    warc_max_bytes: int = 100 * 1024 * 1024
    respect_robots: bool = True
    extra_headers: dict[str, str] = field(default_factory=dict)
    max_crawl_delay: float = 60.0  # robots Crawl-delay above this is capped (logged), not obeyed blindly
    max_retry_wait: float = 120.0  # a Retry-After longer than this gives up (retryable next run)
    max_listing_pages: int = 50  # pagination depth of one section per run
    max_sitemaps: int = 200  # child sitemaps followed per site per run
    judicial_threshold: float = 0.5  # articles from general sections below this are skipped (kept, flagged)
    near_duplicate_threshold: float = 0.8  # MinHash Jaccard estimate flagging syndicated copies
