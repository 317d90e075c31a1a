"""`coachfolio import text`: plain-text posts (as copied out of a blog) become reflections.

The shape is that of a post copied from a WordPress page: the title on the
first line, paragraphs separated by blank lines, each photo as its alt text
followed by a "Photo by … on" credit line, the references at the end, and
"Comments are closed." from the page's furniture, which is dropped.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from coachfolio.authoring.errors import AuthoringError
from coachfolio.authoring.project import Project
from coachfolio.authoring.reports import ImportSummary, directive_attribute
from coachfolio.core.slugs import slugify

_CREDIT = re.compile(r"^(?:Photo|Image) by\s+(?P<who>.+?)(?:\s+on(?:\s+(?P<where>\S.*?))?)?\s*$")
_REFERENCE = re.compile(r"^[^\n]{2,120}?\((?:\d{4}[a-z]?|n\.d\.)\)\.?|^[A-Z][^\n]*,\s+[A-Z]\.")
_CHROME = ("Comments are closed.",)


class TextImportError(AuthoringError):
    """A file cannot be imported."""


def convert_text(text: str) -> tuple[str, str]:
    """The title and the Markdown body of a plain-text post."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if p.strip()]
    paragraphs = [p for p in paragraphs if p not in _CHROME]
    if not paragraphs:
        raise TextImportError("the file is empty")
    title, body = paragraphs[0].splitlines()[0].strip(), paragraphs[1:]
    blocks: list[str] = []
    references: list[str] = []
    # References are the run of reference-like paragraphs at the end.
    while body and _REFERENCE.match(body[-1]):
        references.insert(0, body.pop())
    for paragraph in body:
        lines = paragraph.splitlines()
        credit = _CREDIT.match(lines[-1].strip()) if len(lines) == 2 else None
        if credit:
            attributes = f'credit="{directive_attribute(credit.group("who"))}"'
            if credit.group("where"):
                attributes += f' source="{directive_attribute(credit.group("where"))}"'
            blocks.append("<!-- The photo itself was not part of the text; its alt text and credit are. -->")
            blocks.append(f"::figure[{lines[0].strip().replace(']', ')')}]{{{attributes}}}")
        else:
            blocks.append(" ".join(line.strip() for line in lines))
    if blocks:
        blocks.insert(1, "<!-- more -->")
    if references:
        blocks += ["## References", *references]
    return title, "\n\n".join(blocks) + "\n"


def import_text(project: Project, names: list[str], *, when: date, force: bool = False) -> ImportSummary:
    """Write each file as a post dated `when`."""
    converted = []
    for name in names:
        try:
            title, body = convert_text(Path(name).read_text(encoding="utf-8-sig"))
        except OSError as error:
            raise TextImportError(f"{name}: {error.strerror}") from None
        except TextImportError as error:
            raise TextImportError(f"{name}: {error}") from None
        converted.append((title, body))
    authors = list(project.authors())
    summary = ImportSummary()
    for title, body in converted:
        path = project.posts_dir / f"{when.isoformat()}-{slugify(title)}.md"
        name = project.name(path)
        if path.exists() and not force:
            summary.skipped.append(name)
            continue
        front = [
            "---",
            f"title: {json.dumps(title, ensure_ascii=False)}",
            "date:",
            f"  created: {when.isoformat()}",
            f"authors: [{authors[0]}]" if authors else "authors: []",
            "categories: []",
            "tags: []",
            "---",
        ]
        text = "\n".join(front) + f"\n\n# {title}\n\n{body}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        summary.wrote(name, text)
    return summary
