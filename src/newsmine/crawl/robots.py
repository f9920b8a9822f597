"""robots.txt through protego (RFC 9309 matching, Crawl-delay, Sitemap lines).

Missing robots.txt (4xx) allows everything; an unreachable one (5xx, network error) disallows everything
for this run, as RFC 9309 asks, with the reason recorded on each URL it blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from protego import Protego


@dataclass
class Robots:
    parser: Protego | None = None
    user_agent: str = "*"
    blocked_reason: str | None = None  # set when robots.txt could not be read: block all
    sitemaps: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, user_agent: str) -> Robots:
        parser = Protego.parse(text)
        return cls(parser=parser, user_agent=user_agent, sitemaps=list(parser.sitemaps))

    @classmethod
    def allow_all(cls) -> Robots:
        return cls()

    @classmethod
    def block_all(cls, reason: str) -> Robots:
        return cls(blocked_reason=reason)

    def allowed(self, url: str) -> bool:
        if self.blocked_reason:
            return False
        return True if self.parser is None else bool(self.parser.can_fetch(url, self.user_agent))

    def why_not(self, url: str) -> str:
        return self.blocked_reason or "disallowed by robots.txt"

    @property
    def crawl_delay(self) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(self.user_agent)
        rate = self.parser.request_rate(self.user_agent)
        if rate and rate.requests:
            delay = max(delay or 0.0, rate.seconds / rate.requests)
        return float(delay) if delay is not None else None
