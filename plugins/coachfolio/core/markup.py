"""Markdown from data files, rendered so that it cannot inject HTML.

Rubric descriptors, framework texts and the like are written in Markdown, but
they are data: raw HTML in them is shown as text, never passed through, and
links may only use safe schemes.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
from markdown.treeprocessors import Treeprocessor

SAFE_SCHEMES = {"", "http", "https", "mailto"}

# A line Markdown (with smarty) leaves as it is: it starts with a letter (no
# list, heading or code block), and holds no character with a meaning in
# Markdown or HTML (`*_[]<>&#\`!'"`) and no doubled space, dot or hyphen.
_PLAIN = re.compile(r"[A-Za-z](?:[A-Za-z0-9,;:?()%/+=.-]| (?! ))*(?<! )")


class _SafeLinks(Treeprocessor):
    """Drop `javascript:` and other unsafe link targets."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and urlsplit(value.strip()).scheme.lower() not in SAFE_SCHEMES:
                    del element.attrib[attribute]


class SafeMarkdown:
    """A reusable renderer for untrusted Markdown."""

    def __init__(self) -> None:
        self._md: markdown.Markdown | None = None
        self._cache: dict[str, str] = {}

    def _renderer(self) -> markdown.Markdown:
        """Python-Markdown, set up at first need: making it takes ~20 ms, and most texts are plain."""
        if self._md is None:
            md = markdown.Markdown(extensions=["sane_lists", "smarty"], output_format="html")
            # Without these, raw HTML blocks and inline tags are escaped as text.
            md.preprocessors.deregister("html_block")
            md.inlinePatterns.deregister("html")
            md.treeprocessors.register(_SafeLinks(md), "coachfolio_safe_links", 0)
            self._md = md
        return self._md

    def block(self, text: str) -> str:
        """Render paragraphs, lists and inline markup."""
        if text not in self._cache:
            plain = text[:-1] if text.endswith("\n") else text  # YAML's block scalars end with one
            if _PLAIN.fullmatch(plain) and ".." not in plain and "--" not in plain:
                # One line of words and plain punctuation: Markdown would only wrap it.
                self._cache[text] = f"<p>{plain}</p>"
            else:
                self._cache[text] = self._renderer().reset().convert(text)
        return self._cache[text]

    def inline(self, text: str) -> str:
        """Render inline markup only, for a text that lives inside a cell or label."""
        html = self.block(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            return html[3:-4]
        return html


_TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment: tags dropped, entities decoded, white space folded."""
    return " ".join(html.unescape(_TAG.sub("", fragment)).split())


def inside_link(html_text: str, position: int) -> bool:
    """True if `position` in `html_text` lies in the text of a link (`<a …>` opened before it and not yet closed).

    A link cannot hold another: browsers end the outer one where the inner one starts.
    """
    # Only a link opened since the last one closed can hold the position.
    closed = html_text.rfind("</a>", 0, position)
    at = html_text.rfind("<a", closed + 1, position)
    while at != -1:
        if html_text[at + 2 : at + 3] in (" ", ">", "\n", "\t"):  # not <abbr>, <article> or <aside>
            return True
        at = html_text.rfind("<a", closed + 1, at)
    return False
