"""The bundled sample news site (corpora/sample_site/site), served on 127.0.0.1 for tests and `make demo`.

Static files get ETag / Last-Modified and answer conditional GETs with 304, like a real CMS behind a
CDN. Besides the articles it has the awkward routes a crawler meets in the wild: a slow page, a 500, a
redirect loop, an empty page, a 429 with Retry-After, a 503 that recovers, 404/410, a PDF, a huge page,
an AMP twin of every article and a wrong charset header.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from newsmine.config import CORPORA_DIR

SAMPLE_ROOT = CORPORA_DIR / "sample_site" / "site"
LAST_MODIFIED = formatdate(1759400000, usegmt=True)  # fixed, so conditional GETs are reproducible
WRONG_CHARSET_IDS = {"1005"}  # served as UTF-8 bytes with a wrong `charset=iso-8859-1` header


@dataclass
class Hit:
    path: str
    status: int
    headers: dict[str, str]
    at: float


@dataclass
class SampleSite:
    """A running sample site; `requests` logs every request (path, status, request headers)."""

    root: Path = SAMPLE_ROOT
    port: int = 0
    slow_seconds: float = 3.0
    crawl_delay: float | None = None  # overrides robots.txt Crawl-delay when set
    huge_bytes: int = 6 * 1024 * 1024
    requests: list[Hit] = field(default_factory=list)
    _counts: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> SampleSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802
                site._handle(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def hits(self, path_part: str) -> list[Hit]:
        with self._lock:
            return [h for h in self.requests if path_part in h.path]

    # -- routing ------------------------------------------------------------------------------------
    def _count(self, key: str) -> int:
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key]

    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        path = urlsplit(req.path).path
        status, headers, body = self._route(path, req)
        with self._lock:
            self.requests.append(
                Hit(req.path, status, {k.lower(): v for k, v in req.headers.items()}, time.time())
            )
        try:
            req.send_response(status)
            headers.setdefault("Content-Length", str(len(body)))
            for k, v in headers.items():
                req.send_header(k, v)
            req.end_headers()
            req.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _file(self, rel: str) -> bytes | None:
        path = (self.root / rel).resolve()
        if not str(path).startswith(str(self.root.resolve())) or not path.is_file():
            return None
        text = path.read_text(encoding="utf-8").replace("{BASE}", self.base_url)
        if rel == "robots.txt" and self.crawl_delay is not None:
            text = re.sub(r"Crawl-delay: [\d.]+", f"Crawl-delay: {self.crawl_delay:g}", text)
        return text.encode("utf-8")

    def _static(self, body: bytes, ctype: str, req: BaseHTTPRequestHandler) -> tuple[int, dict, bytes]:
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        headers = {"Content-Type": ctype, "ETag": etag, "Last-Modified": LAST_MODIFIED}
        if req.headers.get("If-None-Match") == etag or (
            req.headers.get("If-None-Match") is None and req.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            return 304, headers, b""
        if ctype.startswith("text/html") and "gzip" in req.headers.get("Accept-Encoding", ""):
            headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})  # as CDNs serve it
            return 200, headers, gzip.compress(body, mtime=0)
        return 200, headers, body

    def _route(self, path: str, req: BaseHTTPRequestHandler) -> tuple[int, dict, bytes]:
        html = "text/html; charset=utf-8"
        # awkward routes first
        if path.endswith("-post1099.html"):  # slow
            time.sleep(self.slow_seconds)
            return 200, {"Content-Type": html}, b"<html><body><p>Cuoi cung cung tai xong.</p></body></html>"
        if path.endswith("-post1098.html") or path == "/test/loi-500.html":
            return 500, {"Content-Type": html}, b"<html><body>Internal Server Error</body></html>"
        if path.endswith("-post1097.html"):
            return 302, {"Location": "/vong-lap/b.html"}, b""
        if path == "/vong-lap/b.html":
            return 302, {"Location": "/vong-lap-chuyen-huong-post1097.html"}, b""
        if path.endswith("-post1015.html"):
            return 200, {"Content-Type": html}, b""
        if path == "/test/qua-tai.html":  # 429 once, with Retry-After, then the page
            if self._count(path) == 1:
                return 429, {"Retry-After": "1", "Content-Type": "text/plain"}, b"Too Many Requests"
            return self._article_by_id("1012", req)
        if path == "/test/tam-ngung.html":  # 503 twice, no Retry-After, then the page
            if self._count(path) <= 2:
                return 503, {"Content-Type": "text/plain"}, b"Service Unavailable"
            return self._article_by_id("1006", req)
        if path == "/test/da-go.html":
            return 410, {"Content-Type": html}, b"<html><body>Gone</body></html>"
        if path == "/test/tai-lieu.pdf":
            return (
                200,
                {"Content-Type": "application/pdf"},
                b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n",
            )
        if path == "/test/trang-khong-lo.html":
            filler = b"<p>" + "Nội dung lặp lại rất dài. ".encode() * 200 + b"</p>\n"
            body = b"<html><body>" + filler * (self.huge_bytes // len(filler) + 1) + b"</body></html>"
            return 200, {"Content-Type": html}, body
        if path == "/test/chuyen-huong.html":
            return 301, {"Location": "/toa-phuc-tham-huy-an-post1012.html"}, b""
        if path.endswith(".xml.gz"):
            body = self._file(path.lstrip("/")[:-3])
            if body is None:
                return 404, {"Content-Type": html}, b"not found"
            return self._static(gzip.compress(body, mtime=0), "application/x-gzip", req)
        m = re.search(r"-post(\d+)\.(html|amp)$", path)
        if m:
            return self._article_by_id(m.group(1), req, amp=m.group(2) == "amp")
        rel = path.lstrip("/")
        if not rel or rel.endswith("/"):
            rel += "index.html"
        body = self._file(rel)
        if body is None:
            return 404, {"Content-Type": html}, b"<html><body>Khong tim thay trang</body></html>"
        ctype = {
            "xml": "application/xml",
            "rss": "application/rss+xml",
            "txt": "text/plain; charset=utf-8",
        }.get(rel.rsplit(".", 1)[-1], html)
        return self._static(body, ctype, req)

    def _article_by_id(self, post_id: str, req: BaseHTTPRequestHandler, amp: bool = False):
        found = sorted((self.root / "articles").glob(f"*-post{post_id}.html"))
        if not found:
            return 404, {"Content-Type": "text/html"}, b"<html><body>Khong tim thay bai viet</body></html>"
        body = self._file(f"articles/{found[0].name}") or b""
        if amp:  # a minimal AMP twin pointing at the canonical page
            canon = re.search(rb'<link rel="canonical" href="([^"]+)"', body)
            title = re.search(rb"<title>(.*?)</title>", body, re.S)
            body = (
                b'<!doctype html><html amp lang="vi"><head><meta charset="utf-8"><title>'
                + (title.group(1) if title else b"")
                + b'</title><link rel="canonical" href="'
                + (canon.group(1) if canon else b"")
                + b'"></head><body>AMP</body></html>'
            )
        ctype = (
            "text/html; charset=iso-8859-1" if post_id in WRONG_CHARSET_IDS else "text/html; charset=utf-8"
        )
        return self._static(body, ctype, req)


@contextlib.contextmanager
def serve_sample_site(port: int = 0, **options) -> Iterator[str]:
    """Serve the sample site on 127.0.0.1 (port 0: any free port); yields its base URL.
    Crawl it with `crawl([f"sample@{base}"], archive_dir)`."""
    with SampleSite(port=port, **options) as site:
        yield site.base_url


def crawl_sample_site(archive_dir: Path, progress: bool = True, port: int = 0, **crawl_options):
    """Serve the sample site and crawl it into `archive_dir` with demo-friendly manners (short delays and
    timeouts, one retry): what `make demo` runs. Returns the CrawlSummary."""
    from newsmine.config import CrawlConfig
    from newsmine.crawl.crawler import crawl

    config = crawl_options.pop("config", None) or CrawlConfig(
        delay=0.05, timeout=2.0, max_retries=1, backoff=0.2
    )
    with SampleSite(port=port, crawl_delay=0.05, slow_seconds=3.0) as site:
        return crawl(
            [f"sample@{site.base_url}"], Path(archive_dir), config=config, progress=progress, **crawl_options
        )
