"""parse stage: an article page (HTML bytes or text) -> newsmine.types.Article.

``parse_html(html, url=None, *, site=None)`` picks a site parser (plo.vn, vnexpress.net) by name or
host, else the trafilatura-based generic parser; ``ParseError`` says in one line why a page is not
an article.
"""

from newsmine.parse.core import parse_html
from newsmine.parse.html import ParseError

__all__ = ["ParseError", "parse_html"]
