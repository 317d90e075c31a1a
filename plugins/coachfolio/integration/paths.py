"""Naming and linking files as users and browsers see them."""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url


def display_path(file: File, config: MkDocsConfig) -> str:
    """A page's source path relative to the folder of mkdocs.yml, as messages show it."""
    if file.abs_src_path:
        return relative_to_project(file.abs_src_path, config)
    return file.src_uri


def relative_to_project(path: str, config: MkDocsConfig) -> str:
    """`path` relative to the folder holding mkdocs.yml, with forward slashes."""
    root = os.path.dirname(config.config_file_path or ".")
    return os.path.relpath(path, root).replace(os.sep, "/")


def url_from(page_url: str, target_url: str) -> str:
    """A link from the page at `page_url` to `target_url` (both site-relative)."""
    return get_relative_url(target_url, page_url)
