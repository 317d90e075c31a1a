"""`coachfolio import wordpress`: a WordPress export (WXR 1.2) becomes reflections.

Everything is read and converted before anything is written, so a malformed
export writes nothing. Posts that exist are left alone unless `--force`, so
running the import again changes nothing.
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from coachfolio.authoring.errors import AuthoringError
from coachfolio.authoring.htmlconvert import convert_post
from coachfolio.authoring.project import Project
from coachfolio.authoring.reports import ImportSummary
from coachfolio.core.slugs import slugify

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
}
DRAFT_STATUSES = {"draft", "private", "pending", "future"}

AVATAR = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="Portrait placeholder"><rect width="64" height="64" rx="32" fill="#546e7a"/><circle cx="32" cy="25" r="11" fill="#eceff1"/><path d="M12 54c3-11 11-16 20-16s17 5 20 16" fill="#eceff1"/></svg>
"""


class WordPressImportError(AuthoringError):
    """The export cannot be imported; nothing was written."""


@dataclass
class Post:
    """One item of the export, converted."""

    kind: str  # "post" or "page"
    title: str
    date: str  # YYYY-MM-DD
    slug: str
    author: str
    categories: list[str]
    tags: list[str]
    draft: bool
    url: str
    markdown: str
    images: list[str]

    def front_matter(self) -> str:
        lines = ["---", f"title: {json.dumps(self.title, ensure_ascii=False)}"]
        if self.kind == "post":
            lines += ["date:", f"  created: {self.date}"]
            lines.append(f"authors: [{self.author}]" if self.author else "authors: []")
            lines.append(f"slug: {self.slug}")
            lines.append("categories: " + json.dumps(self.categories, ensure_ascii=False))
            lines.append("tags: " + json.dumps(self.tags, ensure_ascii=False))
        if self.draft:
            lines.append("draft: true")
        lines.append(f"# The address of the original post, for redirects.\noriginal_url: {json.dumps(self.url)}")
        lines.append("---")
        return "\n".join(lines)

    def text(self) -> str:
        body = self.markdown
        if self.kind == "post" and "<!-- more -->" not in body:
            # Material's blog needs an excerpt marker; after the first paragraph.
            first, _, rest = body.partition("\n\n")
            body = f"{first}\n\n<!-- more -->\n\n{rest}" if rest else body
        return f"{self.front_matter()}\n\n# {self.title}\n\n{body}"


@dataclass
class Summary(ImportSummary):
    drafts: int = 0
    pages: int = 0
    images_copied: int = 0
    images_missing: list[str] = field(default_factory=list)
    authors_added: list[str] = field(default_factory=list)

    def counts(self) -> list[str]:
        counts = super().counts() + [
            f"{self.drafts} drafts", f"{self.pages} pages", f"{self.images_copied} images copied", f"{len(self.images_missing)} images missing"
        ]
        return counts + ([f"authors added: {', '.join(self.authors_added)}"] if self.authors_added else [])

    def lines(self) -> list[str]:
        return super().lines() + [f"  missing image: {image}" for image in self.images_missing]


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def read_export(path: Path, *, pages: bool) -> tuple[list[Post], dict[str, str]]:
    """The posts (and pages) of an export, converted, and the authors' display names by login."""
    try:
        tree = ET.parse(path)
    except ET.ParseError as error:
        line, column = error.position
        reason = re.sub(r": line \d+, column \d+$", "", str(error))  # the position is given in front
        raise WordPressImportError(f"{path}:{line}:{column + 1}: the export is not well-formed XML ({reason}); nothing was written") from None
    except OSError as error:
        raise WordPressImportError(f"{path}: {error.strerror}") from None
    channel = tree.getroot().find("channel")
    if tree.getroot().tag != "rss" or channel is None:
        raise WordPressImportError(f"{path}: not a WordPress export (expected <rss><channel>…); nothing was written")
    site_url = _text(channel, "wp:base_blog_url") or _text(channel, "link")
    authors = {_text(a, "wp:author_login"): _text(a, "wp:author_display_name") for a in channel.findall("wp:author", NS)}
    posts = []
    for item in channel.findall("item"):
        kind = _text(item, "wp:post_type")
        if kind not in ("post", "page") or (kind == "page" and not pages):
            continue  # attachments, menus and (unless asked) pages
        title = _text(item, "title") or "Untitled"
        date = _text(item, "wp:post_date")[:10] or _text(item, "wp:post_date_gmt")[:10]
        if not re.match(r"\d{4}-\d{2}-\d{2}$", date) or date.startswith("0000"):
            raise WordPressImportError(f"{path}: the post '{title}' has no date; nothing was written")
        converted = convert_post(_text(item, "content:encoded"), site_url)
        categories = [(c.text or "").strip() for c in item.findall("category") if c.get("domain") == "category"]
        posts.append(
            Post(
                kind=kind,
                title=title,
                date=date,
                slug=_text(item, "wp:post_name") or slugify(title),
                author=_text(item, "dc:creator"),
                categories=[c for c in categories if c and c != "Uncategorized"],
                tags=[(c.text or "").strip() for c in item.findall("category") if c.get("domain") == "post_tag"],
                draft=_text(item, "wp:status") in DRAFT_STATUSES,
                url=_text(item, "link"),
                markdown=converted.markdown,
                images=converted.images,
            )
        )
    return posts, authors


def import_wordpress(project: Project, export: str, *, uploads: str | None = None, pages: bool = False, force: bool = False) -> Summary:
    """Write the export's posts into the blog's post folder (pages into `pages/`)."""
    posts, display_names = read_export(Path(export), pages=pages)
    summary = Summary()
    known_authors = project.authors()
    new_authors = {}
    for post in posts:
        folder = project.posts_dir if post.kind == "post" else project.docs_dir / "pages"
        path = folder / (f"{post.date}-{post.slug}.md" if post.kind == "post" else f"{post.slug}.md")
        name = project.name(path)
        if path.exists() and not force:
            summary.skipped.append(name)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        text = post.text()
        path.write_text(text, encoding="utf-8")
        summary.wrote(name, text)
        summary.drafts += post.draft
        summary.pages += post.kind == "page"
        if post.author and post.author not in known_authors:
            new_authors[post.author] = display_names.get(post.author) or post.author
        for image in post.images:
            target = folder / "uploads" / image
            source = Path(uploads) / image if uploads else None
            if source is not None and source.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
                summary.images_copied += 1
            elif not target.exists():
                summary.images_missing.append(image)
    if new_authors:
        _add_authors(project, new_authors)
        summary.authors_added = sorted(new_authors)
    return summary


def _add_authors(project: Project, authors: dict[str, str]) -> None:
    """Append new authors to the blog's .authors.yml, with a neutral avatar of our own."""
    path = project.authors_file
    avatar = project.docs_dir / "assets" / "coachfolio-avatar.svg"
    if not avatar.exists():
        avatar.parent.mkdir(parents=True, exist_ok=True)
        avatar.write_text(AVATAR, encoding="utf-8")
    # Material's blog reads an avatar's path from the site's root (docs_dir), not from .authors.yml.
    relative = avatar.relative_to(project.docs_dir).as_posix()
    text = path.read_text(encoding="utf-8") if path.exists() else "authors:\n"
    if not text.endswith("\n"):
        text += "\n"
    for login, name in authors.items():
        text += f"  {login}:\n    name: {json.dumps(name, ensure_ascii=False)}\n    description: \"\"\n    avatar: {relative}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
