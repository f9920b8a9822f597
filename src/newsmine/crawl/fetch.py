"""Polite HTTP fetching (httpx, async): one place for every manner the crawler promises.

Per-host spacing (config delay or robots Crawl-delay, whichever is larger) and a per-host concurrency
limit; an identifying User-Agent; retries with exponential backoff on 429/5xx honouring Retry-After;
a total time limit per request; a maximum body size checked while streaming; redirects followed by hand
so loops are named and each hop is checked against robots.txt and archived; conditional GET.
Every response received goes into the WARC archive before anything else looks at it.
"""

from __future__ import annotations

import asyncio
import email.utils
import gzip
import logging
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

import httpx

from newsmine.config import CrawlConfig
from newsmine.crawl.robots import Robots
from newsmine.crawl.urls import host_of
from newsmine.crawl.warc import WarcArchive, WarcPointer

log = logging.getLogger("newsmine.crawl")

RETRY_STATUSES = {429, 500, 502, 503, 504}
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
try:
    import brotli  # noqa: F401

    ACCEPT_ENCODING = "gzip, deflate, br"
except ImportError:
    ACCEPT_ENCODING = "gzip, deflate"
HOST_DOWN_AFTER = 8  # consecutive network errors before a host is skipped for the rest of the run


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None  # one-line reason when the fetch failed
    retryable: bool = False  # worth trying again in a later run
    disallowed: bool = False
    attempts: int = 0
    pointer: WarcPointer | None = None  # the final response's WARC record

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class _Host:
    delay: float
    sem: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    last_at: float = 0.0
    network_errors: int = 0  # consecutive; the host is given up for this run past a threshold


class _Failure(Exception):
    def __init__(self, reason: str, retryable: bool = False, retry_now: bool | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable  # worth another try in a later run
        self.retry_now = retryable if retry_now is None else retry_now  # worth a backoff retry in this run


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def decode_content(body: bytes, encoding: str | None) -> bytes:
    """Undo Content-Encoding (gzip/deflate; br when brotli is installed); the WARC keeps the raw bytes."""
    enc = (encoding or "").lower().strip()
    if not body or enc in ("", "identity"):
        return body
    if enc in ("gzip", "x-gzip"):
        return gzip.decompress(body)
    if enc == "deflate":
        try:
            return zlib.decompress(body)
        except zlib.error:
            return zlib.decompress(body, -zlib.MAX_WBITS)
    if enc == "br":
        import brotli  # type: ignore[import-not-found]

        return brotli.decompress(body)
    raise _Failure(f"unsupported Content-Encoding {enc!r}")


class Fetcher:
    """Async fetcher bound to one WARC archive; `robots_for(url)` supplies the robots policy per host."""

    def __init__(
        self,
        config: CrawlConfig,
        archive: WarcArchive,
        robots_for: Callable[[str], Awaitable[Robots]] | None = None,
        on_exchange: Callable[[str, int | None, str | None, WarcPointer | None], None] | None = None,
    ):
        self.config = config
        self.archive = archive
        self.robots_for = robots_for
        self.on_exchange = on_exchange
        self._hosts: dict[str, _Host] = {}
        self._client: httpx.AsyncClient | None = None

    async def __aenter__(self) -> Fetcher:
        headers = {
            "User-Agent": self.config.user_agent,
            "Accept-Language": "vi,en;q=0.5",
            "Accept-Encoding": ACCEPT_ENCODING,  # only what decode_content can undo
            **self.config.extra_headers,
        }
        self._client = httpx.AsyncClient(
            http2=True,
            follow_redirects=False,
            headers=headers,
            timeout=httpx.Timeout(self.config.timeout),
            limits=httpx.Limits(max_connections=max(1, self.config.concurrency)),
            trust_env=False,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        if self._client is not None:
            await self._client.aclose()

    # -- politeness ----------------------------------------------------------------------------
    def host(self, host: str) -> _Host:
        if host not in self._hosts:
            self._hosts[host] = _Host(
                self.config.delay, asyncio.Semaphore(max(1, self.config.concurrency_per_host))
            )
        return self._hosts[host]

    def set_crawl_delay(self, host: str, robots_delay: float | None) -> None:
        """The host's spacing: our delay, raised to robots Crawl-delay (capped at max_crawl_delay)."""
        delay = self.config.delay
        if robots_delay is not None:
            delay = max(delay, min(robots_delay, self.config.max_crawl_delay))
        h = self.host(host)
        h.delay = delay
        h.next_at = max(h.next_at, h.last_at + delay)  # robots.txt itself was the first request

    async def _wait_turn(self, h: _Host) -> None:
        async with h.lock:
            wait = h.next_at - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            h.last_at = time.monotonic()
            h.next_at = h.last_at + h.delay

    # -- fetching ------------------------------------------------------------------------------
    async def fetch(
        self, url: str, etag: str | None = None, last_modified: str | None = None, check_robots: bool = True
    ) -> FetchResult:
        """GET `url` following redirects by hand; never raises for HTTP or network trouble."""
        result = FetchResult(url=url, final_url=url)
        seen = [url]
        current = url
        try:
            for _hop in range(self.config.max_redirects + 1):
                if check_robots and self.robots_for is not None:
                    robots = await self.robots_for(current)
                    if not robots.allowed(current):
                        result.disallowed = True
                        raise _Failure(
                            robots.why_not(current)
                            + (f" (redirected to {current})" if current != url else "")
                        )
                cond = {}
                if current == url and etag:
                    cond["If-None-Match"] = etag
                if current == url and last_modified:
                    cond["If-Modified-Since"] = last_modified
                status, headers, body, pointer, attempts = await self._get_with_retries(current, cond)
                result.attempts += attempts
                result.final_url, result.status, result.headers, result.pointer = (
                    current,
                    status,
                    headers,
                    pointer,
                )
                if status in REDIRECT_STATUSES:
                    location = headers.get("location")
                    if not location:
                        raise _Failure(f"HTTP {status} redirect without Location")
                    nxt = urljoin(current, location)
                    if nxt in seen:
                        chain = " -> ".join([*seen, nxt])
                        raise _Failure(f"redirect loop: {chain}")
                    seen.append(nxt)
                    current = nxt
                    continue
                if status in (404, 410):
                    raise _Failure(f"HTTP {status} {'gone' if status == 410 else 'not found'}")
                if status in RETRY_STATUSES:
                    raise _Failure(f"HTTP {status} after {attempts} attempts", retryable=True)
                if status >= 400:
                    raise _Failure(f"HTTP {status}")
                result.body = body
                return result
            raise _Failure(f"too many redirects (> {self.config.max_redirects}): {' -> '.join(seen)}")
        except _Failure as fail:
            result.error, result.retryable = fail.reason, fail.retryable
        return result

    async def _get_with_retries(self, url: str, cond: dict[str, str]):
        attempt = 0
        while True:
            attempt += 1
            try:
                status, reason, headers, req_headers, body, version = await self._get_once(url, cond)
            except _Failure as fail:
                if fail.retry_now and attempt <= self.config.max_retries:
                    wait = self.config.backoff * 2 ** (attempt - 1)
                    log.debug("retry %s in %.2fs: %s", url, wait, fail.reason)
                    await asyncio.sleep(wait)
                    continue
                if fail.retry_now and attempt > 1:
                    fail.reason += f" (after {attempt} attempts)"
                raise
            pointer = self.archive.write_exchange(
                url, "GET", req_headers, status, reason, list(headers), body, http_version=version
            )
            hdrs = {k.lower(): v for k, v in headers}
            if self.on_exchange is not None:
                self.on_exchange(url, status, None, pointer)
            if status in RETRY_STATUSES and attempt <= self.config.max_retries:
                wait = retry_after_seconds(hdrs.get("retry-after"))
                if wait is not None and wait > self.config.max_retry_wait:
                    raise _Failure(
                        f"HTTP {status}, Retry-After {wait:.0f}s exceeds {self.config.max_retry_wait:.0f}s",
                        retryable=True,
                    )
                if wait is None:
                    wait = self.config.backoff * 2 ** (attempt - 1)
                log.debug("HTTP %s on %s, retrying in %.2fs", status, url, wait)
                await asyncio.sleep(wait)
                continue
            try:
                decoded = decode_content(body, hdrs.get("content-encoding"))
            except (OSError, zlib.error, EOFError) as exc:
                raise _Failure(f"corrupt {hdrs.get('content-encoding')} body: {exc}") from exc
            if len(decoded) > self.config.max_page_bytes:
                raise _Failure(f"page too large: {len(decoded)} bytes decoded > {self.config.max_page_bytes}")
            return status, hdrs, decoded, pointer, attempt

    async def _get_once(self, url: str, cond: dict[str, str]):
        assert self._client is not None, "use `async with Fetcher(...)`"
        h = self.host(host_of(url))
        limit = self.config.max_page_bytes
        if h.network_errors >= HOST_DOWN_AFTER:
            reason = f"host unreachable ({h.network_errors} network errors in a row)"
            raise _Failure(reason, retryable=True, retry_now=False)
        async with h.sem:
            await self._wait_turn(h)
            try:
                async with asyncio.timeout(self.config.timeout):
                    async with self._client.stream("GET", url, headers=cond) as resp:
                        declared = resp.headers.get("content-length", "")
                        if declared.isdigit() and int(declared) > limit:
                            raise _Failure(f"page too large: Content-Length {declared} > {limit} bytes")
                        chunks, size = [], 0
                        async for chunk in resp.aiter_raw():
                            size += len(chunk)
                            if size > limit:
                                raise _Failure(f"page too large: more than {limit} bytes")
                            chunks.append(chunk)
                        req_headers = list(resp.request.headers.multi_items())
                        h.network_errors = 0
                        return (
                            resp.status_code,
                            resp.reason_phrase,
                            resp.headers.multi_items(),
                            req_headers,
                            b"".join(chunks),
                            resp.http_version,
                        )
            except TimeoutError as exc:
                raise _Failure(f"timeout after {self.config.timeout:g}s", True, retry_now=False) from exc
            except httpx.TimeoutException as exc:
                raise _Failure(
                    f"timeout after {self.config.timeout:g}s ({type(exc).__name__})", True, False
                ) from exc
            except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
                h.network_errors += 1
                raise _Failure(f"network error: {type(exc).__name__}: {exc}".strip(), retryable=True) from exc
            except httpx.HTTPError as exc:
                raise _Failure(f"HTTP error: {type(exc).__name__}: {exc}") from exc
