"""URL canonicalisation: one catalogue key per article, whatever variant a listing links to.

w3lib does the RFC work (percent-encoding, query order); we add the news-site rules it cannot know:
tracking parameters, trailing slashes, mobile hosts (m.baophapluat.vn) and AMP twins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING_PREFIXES = ("utm_", "itm_", "mc_", "pk_", "_hs")
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "yclid",
        "igshid",
        "zarsrc",
        "gidzl",
        "_ga",
        "ref",
        "refer",
        "ref_src",
        "cmpid",
        "share",
        "amp",
        "outputtype",
        "fromapp",
        "vn_source",
        "vn_medium",
        "vn_campaign",
    }
)
MOBILE_PREFIXES = ("m.", "mobile.", "amp.")


def _is_tracking(key: str) -> bool:
    k = key.lower()
    return k in TRACKING_PARAMS or k.startswith(TRACKING_PREFIXES)


def clean_url(url: str, path_rules: Iterable[tuple[str, str]] = ()) -> str:
    """The URL to fetch: tracking params, fragment, mobile host and AMP variant removed; slash kept."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = (parts.scheme or "http").lower()
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in MOBILE_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    port = parts.port
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    path = parts.path or "/"
    for pattern, repl in path_rules:
        path = re.sub(pattern, repl, path)
    path = re.sub(r"/amp/?$", "/", path) if path not in ("/amp", "/amp/") else path
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    )
    return canonicalize_url(urlunsplit((scheme, host, path, query, "")))


def canonicalize(url: str, path_rules: Iterable[tuple[str, str]] = ()) -> str:
    """The catalogue key: `clean_url` plus no trailing slash, so /phap-luat/ and /phap-luat are one."""
    cleaned = clean_url(url, path_rules)
    parts = urlsplit(cleaned)
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, ""))


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()
