"""Figures with credits: an image (or a placeholder), alt text, caption and credit.

    ::figure[Alt text]{src="photo.jpg" caption="…" credit="Christina Morillo" source="Pexels" link="https://…" license="Pexels licence"}

Alt text is required: without it a reader of a screen reader gets nothing.
A figure without `src` keeps the caption and credit with a neutral
placeholder, for photos that were not kept when a post moved.
"""

from __future__ import annotations

from typing import NamedTuple
from urllib.parse import urlsplit

FIGURE_ATTRIBUTES = ("src", "caption", "credit", "source", "link", "source_link", "license", "license_link")


class Figure(NamedTuple):
    alt: str
    src: str = ""
    caption: str = ""
    credit: str = ""  # the photographer or maker
    source: str = ""  # where it was published, e.g. Pexels
    link: str = ""  # the photo's own page
    source_link: str = ""
    license: str = ""
    license_link: str = ""

    @property
    def remote(self) -> bool:
        """True when the image would be loaded from another host."""
        parts = urlsplit(self.src)
        return bool(parts.scheme or parts.netloc)


def read_figure(alt: str, attributes: dict[str, str]) -> tuple[Figure, list[str]]:
    """The figure a directive describes, and what is wrong with it (messages)."""
    problems = [f"unknown figure attribute '{key}'; expected {', '.join(FIGURE_ATTRIBUTES)}" for key in attributes if key not in FIGURE_ATTRIBUTES]
    if not alt.strip():
        problems.append("figure has no alt text; write it in the brackets: ::figure[What the image shows]{…}")
    figure = Figure(alt.strip(), **{key: value.strip() for key, value in attributes.items() if key in FIGURE_ATTRIBUTES})
    if figure.remote:
        problems.append(f"figure image '{figure.src}' would load from another host; save it in the site and link it by path")
    return figure, problems
