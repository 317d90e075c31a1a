"""Ship the package's CSS and JavaScript with every site that uses a plugin."""

from __future__ import annotations

from importlib.resources import files as package_files

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

ASSETS_DIR = "assets/coachfolio"


def asset_uri(name: str) -> str:
    return f"{ASSETS_DIR}/{name}"


def use_assets(config: MkDocsConfig, *, css: list[str], js: list[str]) -> None:
    """Link the named assets from every page (called from `on_config`)."""
    for name in css:
        if asset_uri(name) not in config.extra_css:
            config.extra_css.append(asset_uri(name))
    for name in js:
        if asset_uri(name) not in [str(script) for script in config.extra_javascript]:
            config.extra_javascript.append(asset_uri(name))


def add_asset_files(files: Files, config: MkDocsConfig, names: list[str]) -> None:
    """Publish the named package assets (called from `on_files`)."""
    root = package_files("coachfolio") / "assets" / "coachfolio"
    for name in names:
        uri = asset_uri(name)
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(root / name)))
