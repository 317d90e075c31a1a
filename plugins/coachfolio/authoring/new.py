"""`coachfolio new`: a reflection or a rubric that builds as it is, ready to be filled in."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files
from pathlib import Path

from coachfolio.authoring.errors import AuthoringError
from coachfolio.authoring.project import Project
from coachfolio.core.slugs import is_slug, slugify


class NewFileError(AuthoringError):
    """The file cannot be made (it exists, or the name is not usable)."""


def new_reflection(project: Project, title: str, today: date | None = None) -> Path:
    """content/blog/posts/<yyyy-mm-dd>-<slug>.md with today's date and the first author."""
    today = today or date.today()
    slug = slugify(title)
    if not slug:
        raise NewFileError(f"the title '{title}' has no letters or digits to name the file after")
    path = project.posts_dir / f"{today.isoformat()}-{slug}.md"
    if path.exists():
        raise NewFileError(f"{project.name(path)} already exists; nothing was written")
    authors = list(project.authors())
    lines = [
        "---",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        "date:",
        f"  created: {today.isoformat()}",
        f"authors: [{authors[0]}]" if authors else "authors: []",
        "categories: []",
        "tags: []",
        "standards: []",
        "---",
        "",
        f"# {title}",
        "",
        "The opening paragraph: it is the excerpt shown on the blog index.",
        "",
        "<!-- more -->",
        "",
        "The rest of the reflection.",
        "",
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


RUBRIC_SKELETON = """\
# yaml-language-server: $schema=rubric.schema.json
title: {title}
description: |
  What this rubric is for, and who uses it.
scoring: points
levels:
  - label: Exemplary
    points: 4
  - label: Proficient
    points: 3
  - label: Developing
    points: 2
  - label: Beginning
    points: 1
criteria:
  - title: First criterion
    description: What this criterion looks at.
    look_fors:
      - An observable behaviour
    descriptors:
      Exemplary: What exemplary work looks like.
      Proficient: What proficient work looks like.
      Developing: What developing work looks like.
      Beginning: What beginning work looks like.
"""


def new_rubric(project: Project, slug: str) -> list[Path]:
    """content/rubrics/<slug>.yml, and the schema its first line points editors to (when missing)."""
    if not is_slug(slug):
        raise NewFileError(f"'{slug}' is not a rubric name: use lowercase letters, digits and hyphens, such as '{slugify(slug) or 'my-rubric'}'")
    path = project.rubrics_dir / f"{slug}.yml"
    if path.exists():
        raise NewFileError(f"{project.name(path)} already exists; nothing was written")
    path.parent.mkdir(parents=True, exist_ok=True)
    title = slug.replace("-", " ").capitalize()
    path.write_text(RUBRIC_SKELETON.format(title=json.dumps(title)), encoding="utf-8")
    written = [path]
    schema = path.parent / "rubric.schema.json"
    if not schema.exists():
        schema.write_text((files("coachfolio") / "schemas" / "rubric.schema.json").read_text(encoding="utf-8"), encoding="utf-8")
        written.append(schema)
    return written
