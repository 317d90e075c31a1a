"""WordPress post HTML to clean Markdown, with figures and photo credits kept.

BeautifulSoup reads the HTML and markdownify writes the Markdown; this module
only handles what is particular to WordPress: block-editor comments, the
classic editor's paragraphs without <p> tags, `[caption]` shortcodes, figures
and images under wp-content/uploads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Comment, Tag
from markdownify import MarkdownConverter

from coachfolio.authoring.reports import directive_attribute

_CAPTION = re.compile(r"\[caption[^\]]*\](.*?)\[/caption\]", re.DOTALL)
_BLOCK_TAGS = ("p", "div", "figure", "ul", "ol", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "hr", "img")
_CREDIT = re.compile(r"^\s*(?:Photo|Image|Picture) by\s+(?P<who>.+?)(?:\s+on\s+(?P<where>.+?))?\s*\.?\s*$", re.IGNORECASE)
_FIGURE_TOKEN = "COACHFOLIOFIGURE{}END"


@dataclass
class Converted:
    markdown: str
    images: list[str] = field(default_factory=list)  # paths under uploads/ the post refers to


def _autop(html: str) -> str:
    """Wrap bare text blocks in <p>, as WordPress's classic editor does when it displays them."""
    chunks = re.split(r"\n\s*\n", html.strip())
    wrapped = []
    for chunk in chunks:
        stripped = chunk.strip()
        if not stripped:
            continue
        if re.match(r"<(?:%s)\b" % "|".join(_BLOCK_TAGS), stripped, re.IGNORECASE) or stripped.startswith("[caption"):
            wrapped.append(stripped)
        else:
            wrapped.append("<p>" + stripped.replace("\n", "<br>\n") + "</p>")
    return "\n\n".join(wrapped)


class _Converter(MarkdownConverter):
    """markdownify, with images rewritten to local uploads."""

    def __init__(self, rewrite, **options):  # type: ignore[no-untyped-def]
        super().__init__(**options)
        self._rewrite = rewrite

    def convert_img(self, el, text, parent_tags):  # type: ignore[no-untyped-def, override]
        el["src"] = self._rewrite(el.get("src", ""))
        return super().convert_img(el, text, parent_tags)


def convert_post(html: str, site_url: str) -> Converted:
    """Markdown for a post's `content:encoded`."""
    images: list[str] = []

    def local(src: str) -> str:
        """wp-content/uploads/2019/12/a.jpg (on this or any host) becomes uploads/2019/12/a.jpg."""
        path = urlsplit(src).path
        marker = "/wp-content/uploads/"
        if marker in path:
            relative = path.split(marker, 1)[1]
            images.append(relative)
            return f"uploads/{relative}"
        return src

    html = _CAPTION.sub(lambda m: f"<figure>{m.group(1).strip()}</figure>", html)
    soup = BeautifulSoup(_autop(html) if "<p" not in html else html, "html.parser")
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()  # Gutenberg's <!-- wp:paragraph --> block markers
    figures: list[str] = []
    for figure in soup.find_all("figure"):
        figures.append(_figure_directive(figure, local))
        figure.replace_with(soup.new_tag("p", string=_FIGURE_TOKEN.format(len(figures) - 1)))
    # Loose images become figures too, so every image gets its alt text checked.
    for image in soup.find_all("img"):
        holder = soup.new_tag("figure")
        image.replace_with(holder)
        holder.append(image)
        figures.append(_figure_directive(holder, local))
        holder.replace_with(soup.new_tag("p", string=_FIGURE_TOKEN.format(len(figures) - 1)))
    converter = _Converter(local, heading_style="ATX", bullets="-", strip=["span", "font"], escape_underscores=False)
    markdown = converter.convert_soup(soup)
    for number, directive in enumerate(figures):
        markdown = markdown.replace(_FIGURE_TOKEN.format(number), directive)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    return Converted(markdown, images)


def _figure_directive(figure: Tag, local) -> str:  # type: ignore[no-untyped-def]
    """A `::figure` line for a WordPress figure or caption: image, alt, caption, credit."""
    image = figure.find("img")
    caption_tag = figure.find("figcaption")
    caption = caption_tag.get_text(" ", strip=True) if caption_tag else ""
    if image is not None and not caption_tag:
        # [caption] shortcodes put the caption text after the image.
        caption = " ".join(s.strip() for s in figure.find_all(string=True, recursive=True) if s.strip() and s.parent is not image)
    attributes = {}
    alt = image.get("alt", "").strip() if image is not None else ""
    if image is not None:
        attributes["src"] = local(image.get("src", ""))
    credit = _CREDIT.match(caption)
    if credit:
        attributes["credit"] = credit.group("who")
        if credit.group("where"):
            attributes["source"] = credit.group("where")
    elif caption:
        attributes["caption"] = caption
    text = " ".join(f'{key}="{directive_attribute(value)}"' for key, value in attributes.items())
    return f"::figure[{alt.replace(']', ')')}]{{{text}}}"
