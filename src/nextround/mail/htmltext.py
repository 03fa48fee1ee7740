"""Turning an HTML mail body into plain text, with quoted earlier messages set apart.

Scripts, styles and the document head are dropped; block elements end lines;
entities are unescaped. Text inside a ``<blockquote>`` or a Gmail
``gmail_quote`` container is returned separately as the quoted part.
"""

from __future__ import annotations

import re
from collections import Counter
from html import unescape
from html.parser import HTMLParser

_SKIPPED = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "center", "dd", "div", "dl",
        "dt", "fieldset", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
        "thead", "tfoot", "tr", "ul",
    }
)  # fmt: skip
# Blocks that also end with a line break (a blank line between paragraphs); others only start one.
_PARAGRAPHS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre"}
)
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "area", "base"})
_QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix")
#: A run of HTML's white space (and no-break spaces), to be made one space: runs that
#: are one plain space already are left alone (matching each would cost a replacement
#: per word), so ``_SPACES.sub(" ", s)`` equals ``re.sub(r"[ \t\r\n\f\u00a0]+", " ", s)``.
_SPACES = re.compile(r"[\t\r\n\f\u00a0][ \t\r\n\f\u00a0]*| [ \t\r\n\f\u00a0]+")
_BLANK_LINES = re.compile(r"\n\n\n+")
# Linear: a tag is a run without angle brackets; what follows a stray "<" is text.
_TAG = re.compile(r"<[^<>]*>")
# A "<" that opens no tag within reach: Python's HTML parser looks for the end
# of such a tag afresh from each one (quadratic), so it is made text first.
# Each look stops at the next bracket, so the whole pass is linear.
_LONE_BRACKET = re.compile(r"<(?![^<>]{0,2000}>)")


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.quoted: list[str] = []
        self._stack: list[tuple[str, bool, bool]] = []  # (tag, skipped, quoted)
        self._open: Counter[str] = Counter()  # tags on the stack: a stray end tag costs O(1)
        self._skip = 0
        self._quote = 0
        self._pre = 0

    def _out(self) -> list[str]:
        return self.quoted if self._quote else self.text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._out().append("\n")
        if tag == "li":
            self._out().append("- ")
        elif tag in {"td", "th"}:
            self._out().append(" ")
        if tag in _VOID:
            return
        skipped = tag in _SKIPPED
        quoted = tag == "blockquote" or _is_quote_container(attrs)
        self._stack.append((tag, skipped, quoted))
        self._open[tag] += 1
        self._skip += skipped
        self._quote += quoted
        self._pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._out().append("\n")

    def handle_endtag(self, tag: str) -> None:
        if not self._open[tag]:
            return  # a stray end tag: real mail has plenty
        while self._stack:
            name, skipped, quoted = self._stack.pop()
            self._open[name] -= 1
            self._skip -= skipped
            self._pre -= name == "pre"
            if name in _PARAGRAPHS:
                self._out().append("\n")
            self._quote -= quoted
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self._out().append(data if self._pre else _SPACES.sub(" ", data))


def _is_quote_container(attrs: list[tuple[str, str | None]]) -> bool:
    for name, value in attrs:
        if name == "class" and value and any(c in value for c in _QUOTE_CLASSES):
            return True
        if name == "type" and value == "cite":
            return True
    return False


def tidy(text: str) -> str:
    """Strip each line, keep at most one blank line in a row."""
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip() if "\n\n\n" in text else text.strip()


def html_to_text(html: str) -> tuple[str, str]:
    """Return (text, quoted) for an HTML body; never raises on broken markup.

    Python's HTML parser gives up on some markup (``<![s ]>`` raises
    ``AssertionError``): then the tags are dropped by a plain pattern instead.
    A ``<`` that opens no tag is read as text.
    """
    converter = _simple(html)
    if converter is None:
        converter = _Converter()
        try:
            converter.feed(_LONE_BRACKET.sub("&lt;", html))
            converter.close()
        except (AssertionError, ValueError, IndexError):
            return _stripped(html), ""
    return tidy("".join(converter.text)), tidy("".join(converter.quoted))


# A tag of the simplest form: a name, attributes each name="value" without entities.
_SIMPLE_TAG = re.compile(
    r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z][a-zA-Z-]*="[^"<>&]*")*)\s*(/?)>'
)
_ATTRIBUTE = re.compile(r'([a-zA-Z][a-zA-Z-]*)="([^"]*)"')
_CDATA = frozenset({"script", "style"})  # HTMLParser reads their content as raw text


def _simple(html: str) -> _Converter | None:
    """The converter fed as ``HTMLParser`` would feed it, for markup of the simplest form:
    no entity or character reference, comment, declaration or processing instruction,
    script or style, and each ``<`` opening a tag of :data:`_SIMPLE_TAG`'s form. The
    standard parser reads such markup tag by tag and text by text just so (its text
    unescaped: there is nothing to unescape), several times slower. None otherwise."""
    if "&" in html or "<!" in html or "<?" in html:
        return None
    converter = _Converter()
    pos = 0
    while True:
        at = html.find("<", pos)
        if at < 0:
            if pos < len(html):
                converter.handle_data(html[pos:])
            return converter
        if at > pos:
            converter.handle_data(html[pos:at])
        tag = _SIMPLE_TAG.match(html, at)
        if tag is None:
            return None
        closing, name, attributes, self_closing = tag.groups()
        name = name.lower()
        if name in _CDATA or (closing and (attributes or self_closing)):
            return None
        if closing:
            converter.handle_endtag(name)
        else:
            pairs = [(key.lower(), value) for key, value in _ATTRIBUTE.findall(attributes)]
            if self_closing:
                converter.handle_startendtag(name, pairs)
            else:
                converter.handle_starttag(name, pairs)
        pos = tag.end()


def _stripped(html: str) -> str:
    """Tags dropped, entities unescaped: the fallback for markup the parser refuses."""
    text = _TAG.sub(" ", html)
    return tidy(_SPACES.sub(" ", unescape(text)))
