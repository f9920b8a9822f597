"""Bytes -> NFC text -> one lxml tree, robust to the web's bad input.

Every later step (metadata, site parsers, the generic extractor) reads the same tree, so a page is
decoded and parsed exactly once. Bad input (empty, binary, not HTML, undecodable) raises ParseError
with a one-line reason instead of crashing the batch it belongs to.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import lxml.html
from lxml import etree

MAX_BYTES = 30_000_000  # larger is not an article page; refuse rather than stall a batch

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# Characters lxml refuses (C0 controls except tab/newline/CR, lone surrogates, non-characters).
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HTML_HINT = re.compile(
    r"<\s*(html|head|body|meta|title|div|p|article|section|main|span|a|h[1-6]|table)\b", re.I
)
_CATCH_ALL = {"iso8859-1", "cp1252", "ascii", "iso8859-15"}
_CONTROL_BYTES = [bytes([c]) for c in (*range(0, 9), 11, *range(14, 27), *range(28, 32))]
_BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"RIFF",
    b"\x00\x00\x01\x00",
)


class ParseError(ValueError):
    """A page that is not a parseable article; the message is one line saying why."""


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> near its start, if Python knows that codec."""
    match = _META_CHARSET.search(data[:4096])
    return _codec(match.group(1)) if match else None


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes: BOM, then UTF-8 if valid, then the declared/meta charset, then detection.

    UTF-8 is tried before a declared charset because valid multi-byte UTF-8 almost never happens by
    accident, while wrong declarations (utf-8 pages labelled iso-8859-1) are common on Vietnamese sites.
    """
    if not data or not data.strip():
        raise ParseError("empty document")
    if len(data) > MAX_BYTES:
        raise ParseError(f"page too large: {len(data)} bytes > {MAX_BYTES}")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace")
    if data.startswith(_BINARY_MAGIC):
        raise ParseError("binary content (image/pdf/archive), not HTML")
    head = data[:4096]
    if head.count(0) > len(head) // 8:
        # UTF-16 without BOM shows as NUL bytes between ASCII; anything else this NUL-heavy is binary.
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _HTML_HINT.search(text[:4096]):
                return text
        raise ParseError("binary content (NUL bytes), not HTML")
    controls = sum(head.count(c) for c in _CONTROL_BYTES)
    if controls > len(head) // 50:
        raise ParseError(f"binary content ({controls} control bytes in the first {len(head)}), not HTML")
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for enc in (_codec(declared), sniff_charset(data)):
        if enc and enc != "utf-8" and enc not in _CATCH_ALL:
            try:
                return data.decode(enc)
            except (UnicodeDecodeError, LookupError):
                continue
    # No usable declaration, or a Latin-1/cp1252 label that decodes anything (often wrong on
    # Vietnamese cp1258/VNI pages): let detection decide.
    from charset_normalizer import from_bytes  # lazy: only legacy pages pay for detection

    best = from_bytes(data[:500_000], preemptive_behaviour=False).best()
    if best is not None and best.encoding:
        return data.decode(best.encoding, errors="replace")
    return data.decode("utf-8", errors="replace")


def to_text(html: str | bytes, declared: str | None = None) -> str:
    """Any input to clean NFC text lxml will accept."""
    text = decode_html(html, declared) if isinstance(html, bytes | bytearray) else html
    if not text or not text.strip():
        raise ParseError("empty document")
    if len(text) > MAX_BYTES:
        raise ParseError(f"page too large: {len(text)} characters > {MAX_BYTES}")
    text = _BAD_CHARS.sub("", text)
    text = _XML_DECL.sub("", text, count=1)
    if not _HTML_HINT.search(text[:65536]) and not _HTML_HINT.search(text):
        raise ParseError("not HTML: no HTML elements found")
    return unicodedata.normalize("NFC", text)


def load_tree(html: str | bytes, declared: str | None = None) -> lxml.html.HtmlElement:
    """Parse once with lxml (recovering from malformed or truncated markup)."""
    text = to_text(html, declared)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ParseError(f"unparseable HTML: {exc}") from None
    if tree is None:
        raise ParseError("unparseable HTML: empty tree")
    return tree


_WS = re.compile(r"\s+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_text(text: str | None) -> str:
    """Collapse whitespace (incl. nbsp), drop zero-width characters, NFC."""
    if not text:
        return ""
    text = _INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", _WS.sub(" ", text).strip())


def strip_scripts(tree) -> None:
    """Drop script/style-like elements (keeping their tails) once metadata has read the JSON-LD."""
    etree.strip_elements(tree, "script", "style", "noscript", "template", etree.Comment, with_tail=False)


def node_text(node) -> str:
    """Text of an element, whitespace-collapsed; call strip_scripts on the tree first."""
    return clean_text("".join(node.itertext()))


BLOCK_TAGS = frozenset(
    {
        *("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dd", "dt", "blockquote", "pre"),
        *("div", "section", "article", "header", "footer", "aside", "nav", "main", "figure", "figcaption"),
        *("table", "thead", "tbody", "tfoot", "tr", "form", "details", "summary", "center", "address", "hr"),
    }
)


def _has_block(el) -> bool:
    return any(isinstance(d.tag, str) and d.tag in BLOCK_TAGS for d in el.iterdescendants())


def paragraphs(container, skip=None) -> list[str]:
    """Body paragraphs of a container in reading order.

    A block with only inline content is one paragraph; loose text between blocks (common in
    Vietnamese CMS output: text + <br> directly in a div) forms its own paragraphs. ``skip(el)``
    drops an element and everything inside it (ads, captions, related links, bylines).
    """
    out: list[str] = []

    def flush(buf: list[str]) -> None:
        text = clean_text("".join(buf))
        if text:
            out.append(text)
        buf.clear()

    def walk(el) -> None:
        buf: list[str] = [el.text or ""]
        for child in el:
            if not isinstance(child.tag, str):
                buf.append(child.tail or "")
                continue
            if skip is not None and skip(child):
                buf.append(child.tail or "")
                continue
            if child.tag in BLOCK_TAGS or _has_block(child):
                flush(buf)
                if _has_block(child):
                    walk(child)
                else:
                    flush([*child.itertext()])
            elif child.tag == "br":
                buf.append(" ")
            else:
                buf.extend(child.itertext())
            buf.append(child.tail or "")
        flush(buf)

    walk(container)
    return out


def class_xpath(name: str) -> str:
    """XPath predicate for 'has CSS class NAME' (lxml has no CSS selectors without cssselect)."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"
