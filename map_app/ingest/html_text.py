"""The visible text of a saved web page, one paragraph a line, with its title and metadata.

Parsed with lxml (libxml2's HTML parser, as a stream of start/end/data events):
linear in the page whatever its markup (the standard library's html.parser
takes quadratic time on runs of unclosed tags such as "<a<a<a…"), and it closes
an unclosed <head> where the body's content starts, as browsers do.
"""
from __future__ import annotations

import re

from lxml import etree


class _Text:
    """lxml parser target: collects visible text; title and a few <meta> kept."""

    SKIP = frozenset({"script", "style", "nav", "noscript", "template", "svg", "head",
                      "iframe", "object", "form", "button", "select"})
    BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                       "tr", "table", "section", "article", "blockquote", "header", "footer",
                       "aside", "main", "figure", "figcaption", "pre", "hr", "dd", "dt"})

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.title_parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip: list[str] = []
        self._in_title = False

    def start(self, tag: str, attrs) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            a = {str(k).lower(): (v or "") for k, v in attrs.items()}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a:
                self.meta.setdefault(key, a["content"])
        elif tag == "link":
            a = {str(k).lower(): (v or "") for k, v in attrs.items()}
            if a.get("rel", "").lower() == "canonical" and a.get("href"):
                self.meta.setdefault("canonical", a["href"])
        elif tag == "body":
            self._skip.clear()  # an unclosed <head> must not hide the page
        elif tag in self.SKIP:
            self._skip.append(tag)
        if tag in self.BLOCK:
            self.parts.append("\n")

    def end(self, tag: str) -> None:
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and tag in self._skip:
            while self._skip and self._skip.pop() != tag:
                pass
        if tag in self.BLOCK:
            self.parts.append("\n")

    def data(self, data: str) -> None:
        if self._in_title:
            self.title_parts.append(data)
        elif not self._skip:
            self.parts.append(data)

    def comment(self, text: str) -> None:
        pass

    def close(self) -> "_Text":
        return self

    def text(self) -> str:
        lines = (re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip()
                 for line in "".join(self.parts).split("\n"))
        return "\n\n".join(line for line in lines if line)

    def title(self) -> str | None:
        return re.sub(r"\s+", " ", "".join(self.title_parts)).strip() or None


def page_text(html: str) -> tuple[str, str | None, dict[str, str]]:
    """(visible text, title, meta) of an HTML page; ValueError if lxml cannot read it at all."""
    target = _Text()
    parser = etree.HTMLParser(target=target, recover=True, no_network=True, remove_comments=True)
    try:
        parser.feed(html)
        parser.close()
    except etree.LxmlError as exc:
        raise ValueError(" ".join(str(exc).split())[:200] or type(exc).__name__) from None
    return target.text(), target.title(), target.meta
