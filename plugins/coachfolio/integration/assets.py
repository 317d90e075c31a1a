"""Ship the package's CSS and JavaScript with every site that uses a plugin.

Each plugin has its own stylesheet and script in the package; a site gets them
as one `coachfolio.css` and one `coachfolio.js`, holding the shared part and
the parts of the plugins it uses. One file of each kind is two requests per
page for a reader instead of nine, and two tags for MkDocs to write into every
page (each costs it a relative-URL computation, for every page of the site).
"""

from __future__ import annotations

from importlib.resources import files as package_files
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

if TYPE_CHECKING:  # importlib.resources.abc is Python 3.11 and later
    from importlib.resources.abc import Traversable

ASSETS_DIR = "assets/coachfolio"
# The order of the parts in a bundle, whatever the order of the plugins in mkdocs.yml.
PARTS = ("common", "rubrics", "standards", "citations", "portfolio")
_MARK = "/* coachfolio part: {} */\n"


def asset_uri(name: str) -> str:
    return f"{ASSETS_DIR}/{name}"


def _source(part: str, kind: str) -> Traversable:
    """A part's file in the package; it may not exist (not every plugin has a script)."""
    return package_files("coachfolio") / "assets" / "coachfolio" / f"{part}.{kind}"


def use_assets(config: MkDocsConfig, part: str) -> None:
    """Link the bundles a plugin's `part` needs from every page (called from `on_config`)."""
    if _source(part, "css").is_file() and asset_uri("coachfolio.css") not in config.extra_css:
        config.extra_css.insert(0, asset_uri("coachfolio.css"))  # first, so a site's own styles win
    if _source(part, "js").is_file() and asset_uri("coachfolio.js") not in [str(s) for s in config.extra_javascript]:
        config.extra_javascript.append(asset_uri("coachfolio.js"))


def add_asset_files(files: Files, config: MkDocsConfig, part: str) -> None:
    """Put a plugin's `part` (and the shared part) into the site's bundles (called from `on_files`)."""
    for kind in ("css", "js"):
        if not _source(part, kind).is_file():
            continue
        uri = asset_uri(f"coachfolio.{kind}")
        bundle = files.get_file_from_path(uri)
        included = {"common", part}
        if bundle is not None:
            included |= {name for name in PARTS if _MARK.format(name) in bundle.content_string}
            files.remove(bundle)
        # Every script ends its statement (`})();`), so the parts join safely one after the other.
        sources = [(name, _source(name, kind)) for name in PARTS if name in included]
        content = "".join(_MARK.format(name) + path.read_text(encoding="utf-8").rstrip() + "\n" for name, path in sources if path.is_file())
        files.append(File.generated(config, uri, content=content))
