"""Front matter read with positions, so messages can name the line of a value."""

from __future__ import annotations

from coachfolio.core.yamlfile import YamlDocument, parse_yaml


def _closing_line(lines: list[str]) -> int | None:
    """Index of the line that closes the front matter, or None when there is none."""
    if not lines or lines[0].rstrip() != "---":
        return None
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            return end
    return None


def body_start_line(source: str) -> int:
    """The line of the file on which the Markdown after the front matter starts.

    MkDocs drops the blank lines that follow the front matter, so they are skipped here too.
    """
    lines = source.split("\n")
    end = _closing_line(lines)
    if end is None:
        return 1
    start = end + 1
    while start < len(lines) - 1 and not lines[start]:
        start += 1
    return start + 1


def split_front_matter(source: str) -> tuple[str | None, str]:
    """The front matter text (or None) and the Markdown after it, as MkDocs splits them."""
    lines = source.split("\n")
    end = _closing_line(lines)
    if end is None:
        return None, source
    return "\n".join(lines[1:end]), "\n".join(lines[end + 1 :]).lstrip("\n")


def read_front_matter(source: str, file: str) -> YamlDocument | None:
    """The YAML block between the leading `---` lines of a Markdown source, or None.

    Line numbers in the result are those of the whole file.
    """
    lines = source.split("\n")
    end = _closing_line(lines)
    if end is None:
        return None
    # A leading blank line stands for the opening `---`, keeping line numbers aligned.
    return parse_yaml("\n" + "\n".join(lines[1:end]), file)
